"""Every quoted passage in deepening and against-reasons is found in the seed document it cites."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
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


def cited_passages(scenarios: list[Scenario]) -> list[tuple[str, str, str]]:
    """(where, passage, source) for every quote in deepening and against-reasons."""
    found = []
    for s in scenarios:
        for item in s.deepening:
            for passage in quoted_passages(item.text):
                found.append((f"{s.id}: verdieping {item.title!r}", passage, item.source))
        for step in s.steps:
            for option in step.choose_options:
                if option.kind == "against":
                    for passage in quoted_passages(option.reason):
                        found.append((f"{s.id}/{option.id}", passage, option.source))
    return found


@pytest.fixture(scope="module")
def scenarios() -> list[Scenario]:
    return load_scenarios()


def test_every_seed_copy_is_there() -> None:
    for name in SEED_FILES.values():
        assert (SEEDS / name).stat().st_size > 1000, name


def test_every_source_names_a_known_seed(scenarios: list[Scenario]) -> None:
    for s in scenarios:
        for item in s.deepening:
            assert seeds_cited(item.source), f"{s.id}: {item.title}"
        for step in s.steps:
            for option in step.choose_options:
                if option.kind == "against":
                    assert seeds_cited(option.source), f"{s.id}/{option.id}"


def test_every_deepening_item_quotes_its_source(scenarios: list[Scenario]) -> None:
    for s in scenarios:
        for item in s.deepening:
            assert quoted_passages(item.text), f"{s.id}: {item.title!r} quotes nothing"


def test_every_quoted_passage_is_in_the_seed_it_cites(scenarios: list[Scenario]) -> None:
    passages = cited_passages(scenarios)
    assert len(passages) >= 30
    wrong = [
        f"{where}: {passage!r} not in {source}"
        for where, passage, source in passages
        if not found_in(passage, seeds_cited(source))
    ]
    assert wrong == []


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
            *(o.source for st in s.steps for o in st.choose_options),
        )
        if "procesregisseurs aan het woord" in source
    ]
    assert named
    for source in named:
        assert "CCV en Movisie" in source, source
        assert "Zorg- en Veiligheidshuis Haaglanden)" not in source, source
