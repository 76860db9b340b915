"""The five shipped scenarios are complete and faithful to the Frustratiewijzer (CCV, Movisie, NJi)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml
from seed_text import normalise

from wijzer_tui.domain.content.loader import default_scenario_dir, load_scenarios, scenario_files
from wijzer_tui.domain.content.model import DEFAULT_RESOURCE_GROUP, Scenario

pytestmark = pytest.mark.shipped  # these tests check the shipped scenarios/

SEED = Path(__file__).resolve().parent / "data" / "seeds" / "frustratiewijzer.txt"

EXPECTED = [("regie", 5), ("partners", 7), ("vertrouwen", 6), ("kennis", 7), ("reflectie", 3)]

RESOURCE_LINE = re.compile(r"^- \[(?P<inside>.+?)\]\(#\)(?: \| (?P<after>.+))?$")
# A Dutch phone number: 0 or +31 and then at least 7 digits, e.g. 0800-2000 or 06 12345678.
PHONE = re.compile(r"(?:\+\d{2}|\b0)(?:[\s-]?\d){7,}")


def seed_sections() -> dict[int, str]:
    """The raw text of each numbered frustration (from its heading to the next one)."""
    raw = SEED.read_text(encoding="utf-8")
    raw = raw[: raw.index("Colofon")]
    heads = list(re.finditer(r"^(\d)\. ", raw, flags=re.MULTILINE))
    return {
        int(h.group(1)): raw[h.start() : (heads[i + 1].start() if i + 1 < len(heads) else None)]
        for i, h in enumerate(heads)
    }


def seed_tips(section: str) -> list[str]:
    """The bullets of "Wat kun je doen?"."""
    part = section.split("Wat kun je doen?")[1].split("Meer handige informatie")[0]
    return [normalise(line[2:]) for line in part.splitlines() if line.startswith("- ")]


def seed_resources(section: str) -> set[tuple[str, str, str]]:
    """(title, organisation, group) for every link, under the heading it stands under."""
    found, group = set(), DEFAULT_RESOURCE_GROUP
    for line in section.splitlines():
        if line.startswith("Meer weten over "):
            group = line.rstrip(":")
        match = RESOURCE_LINE.match(line)
        if match:
            title, _, org = match["inside"].partition(" | ")
            found.add((normalise(title), normalise(match["after"] or org), group))
    return found


SEED_TEXT = normalise(SEED.read_text(encoding="utf-8"))
SECTIONS = seed_sections()


@pytest.fixture(scope="module")
def scenarios() -> list[Scenario]:
    return load_scenarios()


def by_number(scenarios: list[Scenario]) -> dict[int, Scenario]:
    return {s.number: s for s in scenarios}


def test_seed_copy_has_the_five_frustrations() -> None:
    assert sorted(SECTIONS) == [1, 2, 3, 4, 5]
    assert [len(seed_tips(SECTIONS[n])) for n in range(1, 6)] == [n for _, n in EXPECTED]


def test_five_scenarios_with_their_ids_and_tip_ids(scenarios: list[Scenario]) -> None:
    assert [(s.number, s.id) for s in scenarios] == [
        (n, sid) for n, (sid, _) in enumerate(EXPECTED, 1)
    ]
    for s, (_, count) in zip(scenarios, EXPECTED, strict=True):
        assert [t.id for t in s.tips] == [f"F{s.number}-T{i}" for i in range(1, count + 1)]
    assert sum(len(s.tips) for s in scenarios) == 28


@pytest.mark.parametrize("number", range(1, 6))
def test_tips_are_the_wijzers_own_bullets(scenarios: list[Scenario], number: int) -> None:
    scenario = by_number(scenarios)[number]
    bullets = seed_tips(SECTIONS[number])
    for tip in scenario.tips:
        assert normalise(tip.text) in SEED_TEXT, f"{tip.id} is not in the wijzer's text"
        assert normalise(tip.text) in bullets, (
            f"{tip.id} is not one whole tip of frustratie {number}"
        )
    assert sorted(normalise(t.text) for t in scenario.tips) == sorted(bullets)


def test_title_case_and_why_come_from_the_wijzer(scenarios: list[Scenario]) -> None:
    for s in scenarios:
        assert normalise(s.title) in SEED_TEXT, f"{s.id}: title"
        assert normalise(s.case) in normalise(SECTIONS[s.number]), f"{s.id}: case"
        for paragraph in re.split(r"\n\s*\n", s.why):
            assert normalise(paragraph) in normalise(SECTIONS[s.number]), f"{s.id}: why"


def quote_occurs(quote: str, text: str) -> bool:
    """Whether `quote` is in `text`, ignoring the case of its first letter."""
    quote = normalise(quote)
    first = re.escape(quote[0])
    pattern = f"[{first.lower()}{first.upper()}]{re.escape(quote[1:])}"
    return re.search(pattern, text) is not None


def test_every_quote_is_in_the_wijzer(scenarios: list[Scenario]) -> None:
    for s in scenarios:
        assert s.quotes, f"{s.id}: no quotes"
        for quote in s.quotes:
            assert quote_occurs(quote, normalise(SECTIONS[s.number])), f"{s.id}: {quote!r}"


def test_quote_check_ignores_only_the_first_letter() -> None:
    text = normalise(SECTIONS[4])
    assert quote_occurs("Wat moet ik doen met vermoedens van kindermishandeling?", text)
    assert not quote_occurs("Wat moet ik doen met vermoedens van Kindermishandeling?", text)
    assert quote_occurs(
        "Wij reflecteren nooit in ons samenwerkingsverband.", normalise(SECTIONS[5])
    )


@pytest.mark.parametrize("number", range(1, 6))
def test_resources_are_the_wijzers_list(scenarios: list[Scenario], number: int) -> None:
    scenario = by_number(scenarios)[number]
    for resource in scenario.resources:
        assert normalise(resource.title) in SEED_TEXT, resource.title
    found = {(normalise(r.title), normalise(r.organisation), r.group) for r in scenario.resources}
    assert found == seed_resources(SECTIONS[number])


def test_every_tip_can_be_chosen(scenarios: list[Scenario]) -> None:
    for s in scenarios:
        offered = {
            o.tip_id for step in s.steps if step.kind == "choose" for o in step.choose_options
        }
        missing = [t.id for t in s.tips if t.id not in offered]
        assert missing == [], f"{s.id}: tips no choose option leads to"


def test_against_options_say_why_and_where(scenarios: list[Scenario]) -> None:
    for s in scenarios:
        for step in s.steps:
            for option in step.choose_options:
                if option.kind == "against":
                    assert option.reason.strip() and option.source.strip(), f"{s.id}/{option.id}"


def test_each_scenario_has_the_three_kinds_of_step(scenarios: list[Scenario]) -> None:
    for s in scenarios:
        chooses = [st for st in s.steps if st.kind == "choose"]
        against = [sum(o.kind == "against" for o in st.choose_options) for st in chooses]
        assert against and max(against) >= 3, f"{s.id}: a choose step needs 3 'against' options"
        decides = [st for st in s.steps if st.kind == "decide"]
        assert decides, f"{s.id}: no decide step"
        for st in decides:
            assert all(o.consequence.strip() for o in st.decide_options), f"{s.id}/{st.id}"
        assert any(st.kind == "reflect" for st in s.steps), f"{s.id}: no reflect step"


def all_strings(data: Any) -> Iterator[str]:
    if isinstance(data, str):
        yield data
    elif isinstance(data, dict):
        for key, value in data.items():
            yield str(key)
            yield from all_strings(value)
    elif isinstance(data, list):
        for item in data:
            yield from all_strings(item)


def test_no_invented_addresses_or_phone_numbers() -> None:
    files = scenario_files([default_scenario_dir()])
    assert len(files) == 5
    for path in files:
        for text in all_strings(yaml.safe_load(path.read_text(encoding="utf-8"))):
            lowered = text.lower()
            assert "http" not in lowered and "www." not in lowered, f"{path.name}: {text[:60]}"
            assert not PHONE.search(text), f"{path.name}: phone number? {text[:80]}"


def test_phone_pattern_catches_numbers_but_not_years() -> None:
    for text in ("Bel 0800-2000.", "via 06 12345678", "020 123 45 67", "+31201234567"):
        assert PHONE.search(text), text
    for text in ("maart 2023", "184 respondenten", "2017-2018", "een meisje van 3 jaar", "1 0 1"):
        assert not PHONE.search(text), text


def test_sources_credit_the_frustratiewijzer(scenarios: list[Scenario]) -> None:
    for s in scenarios:
        assert any(
            all(word in source for word in ("Frustratiewijzer", "CCV", "Movisie", "NJi"))
            for source in s.sources
        ), f"{s.id}: sources do not credit the Frustratiewijzer (CCV, Movisie, NJi)"
