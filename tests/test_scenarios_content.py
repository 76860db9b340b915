"""The five shipped scenarios are complete and faithful to the Frustratiewijzer (CCV, Movisie, NJi),
and each is a case that branches: roles that speak to the learner, several endings, paths long
enough to matter and every tip on some path (scenarios/README.md, format version 2)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
import yaml
from scenario_cases import (
    RULES_CASE,
    SHIPPED,
    all_params,
    edited_rules_case,
    load,
    shipped_dir,
    shipped_params,
)
from seed_text import normalise

from wijzer_tui.domain.content.graph import MIN_PATH_DECISIONS, offered_tips, paths
from wijzer_tui.domain.content.loader import load_scenarios
from wijzer_tui.domain.content.model import DEFAULT_RESOURCE_GROUP, Scenario, Tip

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
    return load_scenarios([shipped_dir()])


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


def test_against_options_say_why_and_where(scenarios: list[Scenario]) -> None:
    for s in scenarios:
        for step in s.steps:
            for option in step.choose_options:
                if option.kind == "against":
                    assert option.reason.strip() and option.source.strip(), f"{s.id}/{option.id}"


def test_each_scenario_has_decisions_with_consequences_and_a_reflection(
    scenarios: list[Scenario],
) -> None:
    for s in scenarios:
        for st in s.steps:
            if st.kind == "choose":
                against = sum(o.kind == "against" for o in st.choose_options)
                assert against >= 3, f"{s.id}/{st.id}: a choice list needs 3 'against' options"
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
    assert len(SHIPPED) == 5
    for path in SHIPPED:
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


# A case that branches (format version 2).

MIN_ENDINGS, MAX_ENDINGS = 2, 4
TWO_ROLES = (2, 4)  # the cases the seeds let you play from a second role (issue 12)


def ending_problems(scenario: Scenario) -> list[str]:
    """Two to four endings, each told with a title and a text."""
    problems = []
    if not MIN_ENDINGS <= len(scenario.endings) <= MAX_ENDINGS:
        problems.append(f"{scenario.id}: {len(scenario.endings)} endings")
    problems += [f"{scenario.id}/{e.id}: untold" for e in scenario.endings if not e.text.strip()]
    return problems


def path_problems(scenario: Scenario) -> list[str]:
    """Every path of every role ends in an ending, after at least three decision points."""
    problems = []
    for path in paths(scenario):
        route = " → ".join(step_id for step_id, _ in path.choices)
        if not scenario.ending(path.ending):
            problems.append(f"{scenario.id}: {route} reaches no ending")
        if path.decisions < MIN_PATH_DECISIONS:
            problems.append(f"{scenario.id}: {route} has {path.decisions} decisions")
    return problems


def unreachable_tips(scenario: Scenario) -> list[str]:
    """Tips offered in no scene on any path (as a tip option, or followed or ignored)."""
    on_paths = {step_id for path in paths(scenario) for step_id, _ in path.choices}
    offered = set().union(*(offered_tips(s) for s in scenario.steps if s.id in on_paths))
    return [t.id for t in scenario.tips if t.id not in offered]


def role_problems(scenario: Scenario) -> list[str]:
    """At least one role, each speaking to the learner ("Je bent …") and starting at a scene."""
    problems = [] if scenario.roles else [f"{scenario.id}: no role"]
    for role in scenario.roles:
        if not role.text.startswith("Je "):
            problems.append(f"{scenario.id}/{role.id}: the role text does not start with 'Je '")
        if scenario.step(role.start) is None:
            problems.append(f"{scenario.id}/{role.id}: starts at no scene")
    return problems


@pytest.mark.parametrize("path", all_params())
def test_two_to_four_endings(path: Path) -> None:
    assert ending_problems(load(path)) == []


@pytest.mark.parametrize("path", all_params())
def test_every_path_ends_after_three_decisions(path: Path) -> None:
    assert path_problems(load(path)) == []


@pytest.mark.parametrize("path", all_params())
def test_every_tip_is_on_some_path(path: Path) -> None:
    assert unreachable_tips(load(path)) == []


@pytest.mark.parametrize("path", all_params())
def test_the_role_speaks_to_the_learner(path: Path) -> None:
    assert role_problems(load(path)) == []


@pytest.mark.parametrize("path", shipped_params())
def test_cases_02_and_04_offer_a_second_role(path: Path) -> None:
    scenario = load(path)
    if scenario.number in TWO_ROLES:
        assert len(scenario.roles) >= 2, f"{scenario.id}: one role"
        starts = [role.start for role in scenario.roles]
        assert len(set(starts)) == len(starts), f"{scenario.id}: the roles share a start scene"


# The rules fail when a case breaks them: each test below breaks one rule in the rules case.


def test_one_ending_is_caught() -> None:
    case = load(RULES_CASE)
    assert ending_problems(replace(case, endings=case.endings[:1])) == ["vertakking: 1 endings"]


def test_a_short_path_is_caught() -> None:
    case = load(RULES_CASE)
    steps = tuple(s for s in case.steps if s.id != "uitstel")
    doel = case.step("doel")
    assert doel is not None
    short_cut = tuple(
        replace(o, next="afgeraffeld") if o.next == "uitstel" else o for o in doel.decide_options
    )
    steps = tuple(replace(s, decide_options=short_cut) if s.id == "doel" else s for s in steps)
    assert path_problems(replace(case, steps=steps)) == ["vertakking: begin → doel has 2 decisions"]


def test_an_unreachable_tip_is_caught() -> None:
    case = load(RULES_CASE)
    extra = Tip("F9-T4", "Een tip die geen scène aanbiedt.")
    assert unreachable_tips(replace(case, tips=(*case.tips, extra))) == ["F9-T4"]


def test_a_role_that_does_not_speak_to_the_learner_is_caught(tmp_path: Path) -> None:
    def edit(data: dict) -> None:
        data["roles"][0]["text"] = "De deelnemer is een collega in het team."

    assert role_problems(edited_rules_case(tmp_path, edit)) == [
        "vertakking/collega: the role text does not start with 'Je '"
    ]
