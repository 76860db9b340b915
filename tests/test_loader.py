"""The loader accepts the documented format and names every problem in Dutch, with file, line, field."""

from __future__ import annotations

import itertools
import re
import shutil
import sys
from pathlib import Path

import pytest

from wijzer_tui.domain.content.loader import check_files, load_scenarios
from wijzer_tui.domain.content.yaml_source import MAX_BYTES, MAX_DEPTH
from wijzer_tui.domain.errors import ScenarioError

# One file per failure: the exact line a user sees for it, and nothing else.
BROKEN = {
    "missing-field.yaml": "missing-field.yaml, regel 53, veld steps[1].options[1].consequence: "
    "dit veld ontbreekt",
    "wrong-type.yaml": "wrong-type.yaml, regel 3, veld number: moet een geheel getal zijn",
    "unknown-tip-in-option.yaml": "unknown-tip-in-option.yaml, regel 34, veld "
    "steps[0].options[1].tip: onbekende tip-id 'F9-T7'",
    "unknown-tip-in-follows.yaml": "unknown-tip-in-follows.yaml, regel 52, veld "
    "steps[1].options[0].follows[0]: onbekende tip-id 'F9-T3'",
    "unknown-tip-in-reflect.yaml": "unknown-tip-in-reflect.yaml, regel 61, veld steps[2].tips[1]: "
    "onbekende tip-id 'F9-T4'",
    "nested-tip-reference.yaml": "nested-tip-reference.yaml, regel 52, veld "
    "steps[1].options[0].follows[0]: moet een tip-id zijn, bijv. F1-T2",
    "duplicate-option-id.yaml": "duplicate-option-id.yaml, regel 40, veld steps[0].options[3].id: "
    "id 'overleg' komt twee keer voor",
    "duplicate-tip-id.yaml": "duplicate-tip-id.yaml, regel 16, veld tips[1].id: "
    "tip-id 'F9-T1' komt twee keer voor",
    "duplicate-key.yaml": "duplicate-key.yaml, regel 48, veld steps[1].prompt: "
    "dit veld staat twee keer in hetzelfde blok",
    "empty-options.yaml": "empty-options.yaml, regel 48, veld steps[1].options: de lijst is leeg",
    "single-option.yaml": "single-option.yaml, regel 48, veld steps[1].options: "
    "geef minstens twee opties",
    "unknown-step-kind.yaml": "unknown-step-kind.yaml, regel 58, veld steps[2].kind: "
    "soort 'reflecteer' bestaat niet (kies uit choose, decide, reflect)",
    "tip-and-against.yaml": "tip-and-against.yaml, regel 35, veld steps[0].options[2]: "
    "geef precies één van tip, against of neutral (nu: tip, against)",
    "against-without-reason.yaml": "against-without-reason.yaml, regel 37, veld "
    "steps[0].options[2].against.reason: dit veld ontbreekt",
    "unknown-field.yaml": "unknown-field.yaml, regel 14, veld tips[0].titel: "
    "onbekend veld 'titel' (tikfout?)",
    "unknown-field-in-step.yaml": "unknown-field-in-step.yaml, regel 27, veld steps[0].situatie: "
    "onbekend veld 'situatie' (tikfout?)",
    "unknown-field-in-option.yaml": "unknown-field-in-option.yaml, regel 35, veld "
    "steps[0].options[1].uitleg: onbekend veld 'uitleg' (tikfout?)",
    # Two steps with one id would share one saved answer.
    "duplicate-step-id.yaml": "duplicate-step-id.yaml, regel 57, veld steps[2].id: "
    "id 'verder' komt twee keer voor",
    "tip-id-wrong-number.yaml": "tip-id-wrong-number.yaml, regel 16, veld tips[1].id: "
    "'F8-T2' hoort bij scenario 9: begin met F9-",
    "bad-slug.yaml": "bad-slug.yaml, regel 2, veld id: "
    "'Voorbeeld_1' mag alleen kleine letters, cijfers en - bevatten",
    "format-version-9.yaml": "format-version-9.yaml, regel 1, veld format_version: "
    "versie 9 ken ik niet (verwacht 1 of 2)",
    "tab-indent.yaml": "tab-indent.yaml, regel 44: dit is geen geldige YAML: "
    "een tab of vreemd teken; gebruik spaties om in te springen",
    "bad-indent.yaml": "bad-indent.yaml, regel 17: dit is geen geldige YAML: "
    "de inspringing klopt niet",
    "top-level-list.yaml": "top-level-list.yaml, regel 2: "
    "moet een groep velden zijn (sleutel: waarde)",
    "empty.yaml": "empty.yaml: het bestand is leeg",
    "only-comments.yaml": "only-comments.yaml: het bestand is leeg",
}

SEVERAL = [
    "several-problems.yaml, regel 4, veld content_version: moet 1 of hoger zijn",
    "several-problems.yaml, regel 14, veld tips[0].titel: onbekend veld 'titel' (tikfout?)",
    "several-problems.yaml, regel 34, veld steps[0].options[1].tip: onbekende tip-id 'F9-T7'",
    "several-problems.yaml, regel 37, veld steps[0].options[2].against.reason: dit veld ontbreekt",
    "several-problems.yaml, regel 57, veld steps[2].kind: "
    "soort 'reflecteer' bestaat niet (kies uit choose, decide, reflect)",
]

# Words from PyYAML's and Python's own (English) error texts that must never reach a user.
ENGLISH = ("Traceback", 'File "', "Error", "while parsing", "while scanning", "expected",
           "found", "mapping values", "could not", "line ", "column", "unhashable")  # fmt: skip


def readme_example(repo_root: Path) -> str:
    """The ```yaml block of scenarios/README.md, as authors read it."""
    text = (repo_root / "scenarios" / "README.md").read_text(encoding="utf-8")
    blocks = re.findall(r"```yaml\n(.*?)```", text, flags=re.DOTALL)
    assert len(blocks) == 1, "scenarios/README.md should hold exactly one ```yaml example"
    return blocks[0]


def strings(problems) -> list[str]:
    return [str(p) for p in problems]


def assert_dutch(messages: list[str]) -> None:
    for message in messages:
        for word in ENGLISH:
            assert word not in message, f"English or traceback text in: {message}"


def test_readme_example_is_valid_and_read_completely(repo_root: Path, tmp_path: Path) -> None:
    path = tmp_path / "voorbeeld.yaml"
    path.write_text(readme_example(repo_root), encoding="utf-8")
    scenarios, problems = check_files([path])
    assert strings(problems) == []
    (s,) = scenarios
    assert (s.id, s.number, s.content_version, s.title) == ("voorbeeld", 9, 1, "Ik mis de regie")
    assert s.quotes == ("Wie heeft hier nu eigenlijk de regie?",)
    assert [t.id for t in s.tips] == ["F9-T1", "F9-T2"]
    assert s.tips[0].title == "Vraag het gezin" and s.tips[1].title == ""
    assert s.resources[0].organisation == "Nederlands Jeugdinstituut"
    assert s.resources[0].group == "Meer handige informatie"
    assert [step.kind for step in s.steps] == ["choose", "decide", "reflect"]
    choose, decide, reflect = s.steps
    kinds = {o.id: (o.kind, o.tip_id) for o in choose.choose_options}
    assert kinds == {
        "vraag-gezin": ("tip", "F9-T1"),
        "overleg": ("tip", "F9-T2"),
        "afwachten": ("against", None),
        "dossier": ("neutral", None),
    }
    against = choose.choose_options[2]
    assert against.reason.startswith("Als niemand de leiding neemt")
    assert against.source == "Frustratiewijzer, frustratie 1"
    assert choose.choose_options[3].reason.startswith("Goed om te doen")
    assert decide.situation.startswith("Het overleg staat gepland")
    assert [(o.follows, o.ignores) for o in decide.decide_options] == [
        (("F9-T2",), ()),
        ((), ("F9-T2",)),
    ]
    assert reflect.prompt.startswith("Wanneer liep jij vast")
    assert reflect.tip_ids == ("F9-T1", "F9-T2")


def test_committed_valid_files_have_no_problems(data_dir: Path) -> None:
    scenarios, problems = check_files([data_dir / "valid"])
    assert strings(problems) == []
    assert [s.id for s in scenarios] == ["rekenen", "voorbeeld"]  # sorted by number: 8, 9


def test_every_broken_file_has_an_expected_message(data_dir: Path) -> None:
    on_disk = {p.name for p in (data_dir / "broken").glob("*.yaml")}
    assert on_disk == {*BROKEN, "several-problems.yaml"}


@pytest.mark.parametrize(("name", "expected"), sorted(BROKEN.items()), ids=sorted(BROKEN))
def test_broken_file_gives_its_own_dutch_message(data_dir: Path, name: str, expected: str) -> None:
    scenarios, problems = check_files([data_dir / "broken" / name])
    assert scenarios == []
    assert strings(problems) == [expected]


def test_all_problems_of_one_file_are_reported_at_once(data_dir: Path) -> None:
    scenarios, problems = check_files([data_dir / "broken" / "several-problems.yaml"])
    assert scenarios == []
    assert strings(problems) == SEVERAL


def test_whole_broken_folder_reports_every_file(data_dir: Path) -> None:
    _, problems = check_files([data_dir / "broken"])
    assert sorted(strings(problems)) == sorted([*BROKEN.values(), *SEVERAL])


def test_not_utf8(tmp_path: Path) -> None:
    path = tmp_path / "latin1.yaml"
    data = "format_version: 1\ntitle: Ik mis de régie\n".encode("latin-1")
    path.write_bytes(data)
    _, problems = check_files([path])
    offset = data.index(b"\xe9")
    assert strings(problems) == [
        f"latin1.yaml: het bestand is geen UTF-8 (byte {offset}); sla het op als UTF-8"
    ]


def test_utf8_with_byte_order_mark_is_fine(data_dir: Path, tmp_path: Path) -> None:
    path = tmp_path / "bom.yaml"
    path.write_bytes(b"\xef\xbb\xbf" + (data_dir / "valid" / "voorbeeld.yaml").read_bytes())
    scenarios, problems = check_files([path])
    assert strings(problems) == [] and scenarios[0].id == "voorbeeld"


def test_huge_file_is_refused_before_parsing(tmp_path: Path) -> None:
    path = tmp_path / "groot.yaml"
    line = "  - " + "x" * 95 + "\n"
    path.write_text("quotes:\n" + line * (MAX_BYTES // len(line) + 10), encoding="utf-8")
    size = path.stat().st_size
    assert size > MAX_BYTES
    _, problems = check_files([path])
    assert strings(problems) == [
        f"groot.yaml: het bestand is te groot ({size} bytes, hooguit {MAX_BYTES})"
    ]


@pytest.mark.parametrize("levels", [MAX_DEPTH + 5, sys.getrecursionlimit() + 100])
def test_deeply_nested_file_is_refused(tmp_path: Path, levels: int) -> None:
    path = tmp_path / "diep.yaml"
    if levels < 100:
        text = "".join("  " * i + f"laag{i}:\n" for i in range(levels)) + "  " * levels + "x\n"
    else:  # far beyond Python's recursion limit: must not crash the parser
        text = "x: " + "[" * levels + "]" * levels + "\n"
    path.write_text(text, encoding="utf-8")
    _, problems = check_files([path])
    assert strings(problems) == [
        f"diep.yaml: het bestand is te diep genest (hooguit {MAX_DEPTH} niveaus)"
    ]


def test_alias_bomb_is_refused(tmp_path: Path) -> None:
    lines = ['a: &a ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    names = "abcdefghij"
    for prev, name in itertools.pairwise(names):
        lines.append(f"{name}: &{name} [" + ", ".join([f"*{prev}"] * 9) + "]")
    path = tmp_path / "bom.yaml"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    _, problems = check_files([path])
    assert strings(problems) == [
        "bom.yaml: het bestand bevat te veel onderdelen (of te veel verwijzingen met *)"
    ]


def test_python_tags_are_refused(tmp_path: Path) -> None:
    path = tmp_path / "tag.yaml"
    path.write_text("id: !!python/object/apply:os.system [echo hoi]\n", encoding="utf-8")
    _, problems = check_files([path])
    assert strings(problems) == [
        "tag.yaml, regel 1: dit is geen geldige YAML: een tag (!!...) die niet is toegestaan"
    ]


def _copy(data_dir: Path, target: Path, source: str = "voorbeeld", **changes: str) -> Path:
    text = (data_dir / "valid" / f"{source}.yaml").read_text(encoding="utf-8")
    for old, new in changes.items():
        text = text.replace(f"\n{old}\n", f"\n{new}\n", 1)
    target.write_text(text, encoding="utf-8")
    return target


def test_duplicate_id_and_number_across_files(data_dir: Path, tmp_path: Path) -> None:
    _copy(data_dir, tmp_path / "a.yaml")
    _copy(data_dir, tmp_path / "b.yaml")
    scenarios, problems = check_files([tmp_path])
    assert strings(problems) == [
        "b.yaml, regel 2, veld id: id 'voorbeeld' staat ook in a.yaml",
        "b.yaml, regel 3, veld number: nummer 9 staat ook in a.yaml",
    ]
    assert len(scenarios) == 2  # each file on its own is fine


def test_duplicate_id_only(data_dir: Path, tmp_path: Path) -> None:
    _copy(data_dir, tmp_path / "a.yaml", "rekenen", **{"id: rekenen": "id: voorbeeld"})
    _copy(data_dir, tmp_path / "b.yaml")
    _, problems = check_files([tmp_path])
    assert strings(problems) == ["b.yaml, regel 2, veld id: id 'voorbeeld' staat ook in a.yaml"]


def test_duplicate_number_only(data_dir: Path, tmp_path: Path) -> None:
    _copy(data_dir, tmp_path / "a.yaml")
    _copy(data_dir, tmp_path / "b.yml", **{"id: voorbeeld": "id: ander"})
    _, problems = check_files([tmp_path])
    assert strings(problems) == ["b.yml, regel 3, veld number: nummer 9 staat ook in a.yaml"]


def test_missing_path_and_empty_folder(tmp_path: Path) -> None:
    missing = tmp_path / "weg.yaml"
    _, problems = check_files([missing])
    assert strings(problems) == [f"{missing}: dit bestand of deze map bestaat niet"]
    _, problems = check_files([tmp_path])
    assert strings(problems) == [
        "(geen bestanden): er zijn geen scenariobestanden (*.yaml) gevonden"
    ]


def test_load_scenarios_raises_dutch_error_listing_every_problem(data_dir: Path) -> None:
    with pytest.raises(ScenarioError) as caught:
        load_scenarios([data_dir / "broken" / "several-problems.yaml"])
    error = caught.value
    assert strings(error.problems) == SEVERAL
    assert error.message.startswith("5 probleem/problemen in de casusbestanden:")
    for line in SEVERAL:
        assert f"- {line}" in error.message


def test_load_scenarios_returns_valid_scenarios(data_dir: Path) -> None:
    scenarios = load_scenarios([data_dir / "valid" / "voorbeeld.yaml"])
    assert [s.id for s in scenarios] == ["voorbeeld"]


def test_no_message_has_a_traceback_or_english(data_dir: Path, tmp_path: Path) -> None:
    folder = tmp_path / "alles"
    shutil.copytree(data_dir / "broken", folder)
    (folder / "latin1.yaml").write_bytes("title: café\n".encode("latin-1"))
    odd = {
        "onhashbaar.yaml": "? [a, b]\n: c\n",
        "alias.yaml": "id: *nergens\n",
        "open.yaml": 'id: "nooit dicht\nnumber: 1\n',
        "lijst.yaml": "id: [voorbeeld\n",
        "dubbelepunt.yaml": "title: Ik: jij\n  case: x\n",
        "getal-sleutel.yaml": "1: een\n2: twee\n",
        "scalar.yaml": "gewoon wat tekst\n",
    }
    for name, text in odd.items():
        (folder / name).write_text(text, encoding="utf-8")
    _, problems = check_files([folder])
    messages = strings(problems)
    assert len(messages) > len(BROKEN) + len(odd)
    assert_dutch(messages)


DEEPENING = """deepening:
  - title: Eén gezin, één plan
    text: '"Het ideaal is: één gezin, één plan."'
    source: De procesregisseurs aan het woord (portret van het CCV en Movisie)
    application: {application}
  - title: Gemengd
    text: Een citaat. In deze casus betekent dat iets anders.
    source: De procesregisseurs aan het woord (portret van het CCV en Movisie)
steps:"""


def test_deepening_keeps_the_application_apart(data_dir: Path, tmp_path: Path) -> None:
    mixed = "veld deepening[1].text: zet de toepassing op deze casus in het veld application"
    lead = "veld deepening[0].application: laat 'In deze casus:' weg"
    for application, expected in (
        ("Kies samen één regievoerder.", [mixed]),
        ("'In deze casus: kies samen.'", [mixed, lead]),
    ):
        steps = DEEPENING.format(application=application)
        path = _copy(data_dir, tmp_path / "v.yaml", **{"steps:": steps})
        messages = strings(check_files([path])[1])
        assert len(messages) == len(expected)
        for part in expected:
            assert any(part in m for m in messages), messages
    steps = DEEPENING.format(application="Samen.").replace(
        " In deze casus betekent dat iets anders.", ""
    )
    path = _copy(data_dir, tmp_path / "v.yaml", **{"steps:": steps})
    (scenario,), problems = check_files([path])
    assert problems == []
    assert scenario.deepening[0].application == "Samen."
    assert scenario.deepening[1].application == ""


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("a: &x 1\nb: &x 2\n", "een anker (&) komt twee keer voor"),  # said in the context
        ('a: "\\q"\n', "de opmaak klopt hier niet"),  # an error without a Dutch translation
    ],
)
def test_yaml_errors_get_a_dutch_reason(tmp_path: Path, text: str, reason: str) -> None:
    path = tmp_path / "fout.yaml"
    path.write_text(text, encoding="utf-8")
    _, problems = check_files([path])
    assert [p.message for p in problems] == [f"dit is geen geldige YAML: {reason}"]
