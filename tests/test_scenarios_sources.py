"""Every quoted passage in deepening, against-reasons and decision feedback is found in the seed
document it cites."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from scenario_cases import all_params, edited_rules_case, load, option_data, shipped_dir
from seed_text import TYPOGRAPHIC
from seed_text import normalise as seed_normalise

from wijzer_tui.domain.content.loader import load_scenarios
from wijzer_tui.domain.content.model import Scenario

pytestmark = pytest.mark.shipped  # these tests check the shipped scenarios/

SEEDS = Path(__file__).resolve().parent / "data" / "seeds"

# How a `source` string names a seed (checked in this order), and the copy of that seed.
SEED_FILES = {
    "Frustratiewijzer": "frustratiewijzer.txt",
    "De procesregisseurs aan het woord": "procesregisseurs-aan-het-woord.txt",
    "Collectieven tegen Kindermishandeling": "collectieven-tegen-kindermishandeling.txt",
    "Huiselijk geweld en de samenwerking tussen veiligheid en zorg": (
        "ccv-dossier-veiligheid-en-zorg.txt"
    ),
}
QUOTE = re.compile(r'"([^"]+)"')
JOIN = "…"  # marks where a quote leaves out words of the source


def normalise(text: str) -> str:
    """The shared normalisation, without quote marks: a quote may span one of the seed's own."""
    return " ".join(seed_normalise(text).replace('"', " ").split())


def seeds_cited(source: str) -> list[str]:
    """The normalised seed texts a `source` string names (one per ';'-separated part)."""
    texts = []
    for part in source.split(";"):
        name = next((key for key in SEED_FILES if key in part), None)
        assert name is not None, f"bron noemt geen bekend brondocument: {part.strip()!r}"
        texts.append(normalise((SEEDS / SEED_FILES[name]).read_text(encoding="utf-8")))
    return texts


def quoted_passages(text: str) -> list[str]:
    """The passages between double quotes; a quote joined with '…' gives one piece per part."""
    pieces = []
    for quote in QUOTE.findall(text.translate(TYPOGRAPHIC)):
        pieces += [p.strip(" .,") for p in quote.split(JOIN) if len(p.strip(" .,")) > 3]
    return pieces


def found_in(passage: str, seed_texts: list[str]) -> bool:
    """Whether the passage is in one of the seeds, ignoring the case of its first letter."""
    passage = normalise(passage)
    first = re.escape(passage[0])
    pattern = re.compile(f"[{first.lower()}{first.upper()}]{re.escape(passage[1:])}")
    return any(pattern.search(text) for text in seed_texts)


def attributed_texts(scenario: Scenario) -> list[tuple[str, str, str]]:
    """(where, text, source) for every text that names its source: deepening items, reasons of
    advised-against options and the feedback of decide options."""
    found = [
        (f"{scenario.id}: verdieping {d.title!r}", d.text, d.source) for d in scenario.deepening
    ]
    for step in scenario.steps:
        for option in step.choose_options:
            if option.kind == "against":
                found.append((f"{scenario.id}/{option.id}", option.reason, option.source))
        for choice in step.decide_options:
            if choice.feedback_text or choice.feedback_source:
                where = f"{scenario.id}/{step.id}/{choice.id} (feedback)"
                found.append((where, choice.feedback_text, choice.feedback_source))
    return found


def cited_passages(scenarios: list[Scenario]) -> list[tuple[str, str, str]]:
    """(where, passage, source) for every quote in a text that names its source."""
    return [
        (where, passage, source)
        for s in scenarios
        for where, text, source in attributed_texts(s)
        for passage in quoted_passages(text)
    ]


def misquoted(scenario: Scenario) -> list[str]:
    """Every quoted passage of the case that is not in the seed its source names."""
    return [
        f"{where}: {passage!r} not in {source}"
        for where, passage, source in cited_passages([scenario])
        if not found_in(passage, seeds_cited(source))
    ]


@pytest.fixture(scope="module")
def scenarios() -> list[Scenario]:
    return load_scenarios([shipped_dir()])


def test_every_seed_copy_is_there() -> None:
    for name in SEED_FILES.values():
        assert (SEEDS / name).stat().st_size > 1000, name


def unknown_sources(scenario: Scenario) -> list[str]:
    """Where a text names no source, or a source part that names no known seed."""
    return [
        where
        for where, _, source in attributed_texts(scenario)
        if not source.strip()
        or not all(any(key in part for key in SEED_FILES) for part in source.split(";"))
    ]


@pytest.mark.parametrize("path", all_params())
def test_every_source_names_a_known_seed(path: Path) -> None:
    assert unknown_sources(load(path)) == []


def test_every_deepening_item_quotes_its_source(scenarios: list[Scenario]) -> None:
    for s in scenarios:
        for item in s.deepening:
            assert quoted_passages(item.text), f"{s.id}: {item.title!r} quotes nothing"


def test_the_shipped_cases_quote_their_seeds_often(scenarios: list[Scenario]) -> None:
    assert len(cited_passages(scenarios)) >= 30


@pytest.mark.parametrize("path", all_params())
def test_every_quoted_passage_is_in_the_seed_it_cites(path: Path) -> None:
    assert misquoted(load(path)) == []


def test_a_changed_word_in_feedback_is_caught(tmp_path: Path) -> None:
    def edit(data: dict) -> None:
        feedback = option_data(data, "leiding", "beurt")["feedback"]
        feedback["text"] = feedback["text"].replace("veilig voelen", "prettig voelen")

    assert misquoted(edited_rules_case(tmp_path, edit)) == [
        "vertakking/leiding/beurt (feedback): 'de deelnemers zich prettig voelen en elkaar "
        "vertrouwen' not in Frustratiewijzer, frustratie 5 (Wat kun je doen?)"
    ]


def test_feedback_quoting_the_wrong_seed_is_caught(tmp_path: Path) -> None:
    def edit(data: dict) -> None:
        option_data(data, "uitstel", "teamleider")["feedback"]["source"] = (
            "De procesregisseurs aan het woord (portret van het CCV en Movisie)"
        )

    assert len(misquoted(edited_rules_case(tmp_path, edit))) == 1


def test_feedback_naming_no_known_seed_is_caught(tmp_path: Path) -> None:
    def edit(data: dict) -> None:
        option_data(data, "doel", "zelf")["feedback"]["source"] = "Een boek dat niet bestaat"

    assert unknown_sources(edited_rules_case(tmp_path, edit)) == ["vertakking/doel/zelf (feedback)"]


def test_the_check_notices_one_changed_word() -> None:
    seed = seeds_cited("De procesregisseurs aan het woord")
    assert found_in("Draag over en durf op elkaar te vertrouwen", seed)
    assert not found_in("Draag over en durf op elkaar te rekenen", seed)
    # A quote from one seed is not accepted under another seed's name.
    assert not found_in(
        "Draag over en durf op elkaar te vertrouwen",
        seeds_cited("Huiselijk geweld en de samenwerking tussen veiligheid en zorg"),
    )


def test_an_unknown_source_fails() -> None:
    with pytest.raises(AssertionError, match="geen bekend brondocument"):
        seeds_cited("Een boek dat niet bestaat")


def test_joined_quotes_are_checked_part_by_part() -> None:
    seed = seeds_cited("De procesregisseurs aan het woord")
    parts = quoted_passages('"Hulpverlening is te vaak incidenteel … Draag over en durf op elkaar"')
    assert parts == ["Hulpverlening is te vaak incidenteel", "Draag over en durf op elkaar"]
    assert all(found_in(p, seed) for p in parts)
    assert not found_in("Hulpverlening is te vaak incidenteel Draag over", seed)


def test_portraits_are_attributed_to_their_makers(scenarios: list[Scenario]) -> None:
    announcement = normalise((SEEDS / "aankondiging-frustratiewijzer.txt").read_text("utf-8"))
    assert "hebben het CCV en Movisie ook drie portretten gemaakt" in announcement
    named = [
        source
        for s in scenarios
        for source in (
            *s.sources,
            *(d.source for d in s.deepening),
            *(source for _, _, source in attributed_texts(s)),
        )
        if "procesregisseurs aan het woord" in source
    ]
    assert named
    for source in named:
        assert "CCV en Movisie" in source, source
        assert "Zorg- en Veiligheidshuis Haaglanden)" not in source, source
