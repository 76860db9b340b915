"""Every rule the loader adds to the field checks, word for word as an author reads it: the
scenario number 1 to 99 (exactly at each end and one over), the form of a tip id, the fields of a
resource and its group, the deepening fields a format-1 file may use; and that a missing file
does not stop the other files from loading."""

from __future__ import annotations

from pathlib import Path

import pytest

from wijzer_tui.domain.content.loader import check_files, validate
from wijzer_tui.domain.content.model import Deepening, Resource, Scenario, Tip
from wijzer_tui.domain.content.yaml_source import YamlSource, parse_yaml

VALID = Path(__file__).resolve().parent / "data" / "valid" / "voorbeeld.yaml"
TEXT = VALID.read_text(encoding="utf-8")
RESOURCES = """\
resources:
  - title: Hoe organiseer je een multidisciplinair overleg?
    organisation: Nederlands Jeugdinstituut
"""


def check(text: str) -> tuple[Scenario | None, list[str]]:
    source = parse_yaml("voorbeeld.yaml", text)
    assert isinstance(source, YamlSource)
    scenario, problems = validate(source, "voorbeeld.yaml")
    return scenario, [str(p) for p in problems]


def numbered(number: int) -> str:
    return TEXT.replace("number: 9\n", f"number: {number}\n").replace("F9-", f"F{number}-")


@pytest.mark.parametrize("number", [1, 99])
def test_a_number_from_1_to_99_is_fine(number: int) -> None:
    scenario, problems = check(numbered(number))
    assert problems == [] and scenario is not None and scenario.number == number


@pytest.mark.parametrize("number", [0, 100])
def test_a_number_outside_1_to_99_is_refused(number: int) -> None:
    assert check(numbered(number)) == (
        None,
        ["voorbeeld.yaml, regel 3, veld number: moet tussen 1 en 99 liggen"],
    )


def test_the_case_and_why_are_read_without_their_last_line_break() -> None:
    scenario, _ = check(TEXT)
    assert scenario is not None
    assert (scenario.case, scenario.why) == (
        "Je begeleidt een gezin dat al jaren bekend is bij heel veel verschillende hulpverleners.",
        "Als niemand de regie en het overzicht heeft, is de hulp minder effectief.",
    )


def test_a_tip_has_an_id_a_text_and_an_optional_title() -> None:
    scenario, _ = check(TEXT)
    assert scenario is not None and scenario.tips == (
        Tip(
            "F9-T1",
            "Vraag aan de gezinsleden zelf wie het eerste aanspreekpunt is.",
            "Vraag het gezin",
        ),
        Tip(
            "F9-T2",
            "Organiseer zelf een multidisciplinair overleg met iedereen die met het gezin te maken heeft.",
            "",
        ),
    )


def test_a_tip_id_must_have_the_form_f_scenario_t_tip() -> None:
    text = TEXT.replace(RESOURCES, "  - id: tip3\n    text: Nog een tip.\n" + RESOURCES)
    assert check(text) == (
        None,
        [
            "voorbeeld.yaml, regel 18, veld tips[2].id: "
            "'tip3' moet de vorm F<scenario>-T<tip> hebben, bijv. F1-T2"
        ],
    )


def test_a_resource_has_a_title_an_organisation_and_a_group_that_defaults() -> None:
    text = TEXT.replace(RESOURCES, RESOURCES + "  - title: Veilig Thuis\n    group: Organisaties\n")
    scenario, problems = check(text)
    assert problems == [] and scenario is not None
    assert scenario.resources == (
        Resource(
            "Hoe organiseer je een multidisciplinair overleg?",
            "Nederlands Jeugdinstituut",
            "Meer handige informatie",
        ),
        Resource("Veilig Thuis", "", "Organisaties"),
    )


def test_an_unknown_field_in_a_resource_is_named() -> None:
    text = TEXT.replace(RESOURCES, RESOURCES + "    url: https://www.nji.nl\n")
    assert check(text) == (
        None,
        ["voorbeeld.yaml, regel 21, veld resources[0].url: onbekend veld 'url' (tikfout?)"],
    )


DEEPENING = "deepening:\n  - title: Het Gesprek\n    text: Een bijeenkomst.\n    source: CCV\n"


def test_a_format_1_file_may_have_deepening_without_a_scene() -> None:
    scenario, problems = check(TEXT + DEEPENING)
    assert problems == [] and scenario is not None
    assert scenario.deepening == (Deepening("Het Gesprek", "Een bijeenkomst.", "CCV", "", ""),)


def test_a_format_1_file_may_not_tie_deepening_to_a_scene() -> None:
    scenario, problems = check(TEXT + DEEPENING + "    scene: begin\n")
    assert (scenario, problems) == (
        None,
        ["voorbeeld.yaml, regel 66, veld deepening[0].scene: onbekend veld 'scene' (tikfout?)"],
    )


def test_a_missing_file_is_named_and_the_next_file_still_loads(tmp_path: Path) -> None:
    missing = tmp_path / "weg.yaml"
    scenarios, problems = check_files([missing, VALID])
    assert [s.id for s in scenarios] == ["voorbeeld"]
    assert [str(p) for p in problems] == [f"{missing}: dit bestand of deze map bestaat niet"]
