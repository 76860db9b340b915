"""Decisions that discriminate: in every decide scene exactly one full-credit option that does not
give itself away by its length, a half-right option with its own feedback, no move offered twice
in a case, and deepening handed out a little at a time (scenarios/README.md, format version 2)."""

from __future__ import annotations

import itertools
from dataclasses import replace
from difflib import SequenceMatcher
from pathlib import Path

import pytest
from scenario_cases import (
    RULES_CASE,
    all_params,
    credit,
    decide_scenes,
    edited_rules_case,
    load,
    option_data,
)

from wijzer_tui.domain.content.model import Scenario

pytestmark = pytest.mark.shipped  # these tests check the shipped scenarios/

MAX_DEEPENING_PER_SCENE = 2
# Two option texts this alike (difflib ratio, 0..1) are the same move offered twice.
SAME_MOVE = 0.8


def length(text: str) -> int:
    return len(" ".join(text.split()))


def credit_problems(scenario: Scenario) -> list[str]:
    """Per decide scene: exactly one option with full credit, at least one with half credit,
    and every half-right option says why (feedback text and source)."""
    problems = []
    for step in decide_scenes(scenario):
        where = f"{scenario.id}/{step.id}"
        credits = {o.id: credit(scenario, step, o) for o in step.decide_options}
        full = [o for o in step.decide_options if credits[o.id] == 1]
        half = [o for o in step.decide_options if 0 < credits[o.id] < 1]
        if len(full) != 1:
            problems.append(f"{where}: {len(full)} options with full credit, not 1")
        if not half:
            problems.append(f"{where}: no half-right option, only right or wrong")
        for option in half:
            if not (option.feedback_text.strip() and option.feedback_source.strip()):
                problems.append(f"{where}/{option.id}: half credit without feedback and source")
    return problems


def length_problems(scenario: Scenario) -> list[str]:
    """The full-credit option is not the longest of its scene."""
    problems = []
    for step in decide_scenes(scenario):
        best = [o for o in step.decide_options if credit(scenario, step, o) == 1]
        others = [length(o.text) for o in step.decide_options if o not in best]
        for option in best:
            if others and length(option.text) > max(others):
                problems.append(
                    f"{scenario.id}/{step.id}/{option.id}: the best option is the longest "
                    f"({length(option.text)} characters, the others ≤ {max(others)})"
                )
    return problems


def same_move(a: str, b: str) -> bool:
    a, b = (" ".join(t.lower().split()) for t in (a, b))
    return a == b or SequenceMatcher(None, a, b).ratio() >= SAME_MOVE


def repeat_problems(scenario: Scenario) -> list[str]:
    """No option (choose or decide) is offered again, in the same or nearly the same words, in
    another scene of the case."""
    offered = [(step.id, o.id, o.text) for step in scenario.steps for o in step.options]
    return [
        f"{scenario.id}: {s1}/{o1} and {s2}/{o2} offer the same move"
        for (s1, o1, t1), (s2, o2, t2) in itertools.combinations(offered, 2)
        if s1 != s2 and same_move(t1, t2)
    ]


def deepening_problems(scenario: Scenario) -> list[str]:
    """Every deepening item belongs to a decision scene of the case, at most two per scene, and
    no title comes back within the case."""
    scenes = {step.id for step in scenario.steps if step.is_decision}
    problems = []
    for item in scenario.deepening:
        if item.scene not in scenes:
            problems.append(f"{scenario.id}: {item.title!r} belongs to no scene ({item.scene!r})")
    for scene in scenes:
        count = sum(item.scene == scene for item in scenario.deepening)
        if count > MAX_DEEPENING_PER_SCENE:
            problems.append(f"{scenario.id}/{scene}: {count} deepening items")
    titles = [item.title for item in scenario.deepening]
    problems += [
        f"{scenario.id}: {t!r} twice" for t in sorted({t for t in titles if titles.count(t) > 1})
    ]
    return problems


@pytest.mark.parametrize("path", all_params())
def test_one_full_credit_and_a_half_right_option_with_feedback(path: Path) -> None:
    scenario = load(path)
    assert decide_scenes(scenario), f"{scenario.id}: no decide scene"
    assert credit_problems(scenario) == []


@pytest.mark.parametrize("path", all_params())
def test_the_best_option_is_not_the_longest(path: Path) -> None:
    assert length_problems(load(path)) == []


@pytest.mark.parametrize("path", all_params())
def test_no_move_is_offered_twice(path: Path) -> None:
    assert repeat_problems(load(path)) == []


@pytest.mark.parametrize("path", all_params())
def test_deepening_a_little_at_a_time(path: Path) -> None:
    assert deepening_problems(load(path)) == []


# The rules fail when an author breaks them: each case below breaks one rule in the rules case.


def test_a_second_full_credit_option_is_caught(tmp_path: Path) -> None:
    def edit(data: dict) -> None:
        option_data(data, "doel", "zelf")["credit"] = 1

    assert credit_problems(edited_rules_case(tmp_path, edit)) == [
        "vertakking/doel: 2 options with full credit, not 1",
        "vertakking/doel: no half-right option, only right or wrong",
    ]


def test_half_credit_without_feedback_is_caught(tmp_path: Path) -> None:
    def edit(data: dict) -> None:
        del option_data(data, "leiding", "beurt")["feedback"]

    assert credit_problems(edited_rules_case(tmp_path, edit)) == [
        "vertakking/leiding/beurt: half credit without feedback and source"
    ]


def test_credit_from_follows_and_ignores_counts_too(tmp_path: Path) -> None:
    """Without `credit`, an option that follows one tip and ignores another is half right."""

    def edit(data: dict) -> None:
        option = option_data(data, "uitstel", "teamleider")
        del option["credit"], option["feedback"]
        option.update(follows=["F9-T2"], ignores=["F9-T1"])

    assert credit_problems(edited_rules_case(tmp_path, edit)) == [
        "vertakking/uitstel/teamleider: half credit without feedback and source"
    ]


def test_a_longest_best_option_is_caught(tmp_path: Path) -> None:
    def edit(data: dict) -> None:
        option_data(data, "doel", "samen")["text"] = (
            "We kiezen samen één doel, en zetten het bovenaan."
        )

    assert length_problems(edited_rules_case(tmp_path, edit)) == [
        "vertakking/doel/samen: the best option is the longest (49 characters, the others ≤ 40)"
    ]


def test_a_move_offered_again_is_caught(tmp_path: Path) -> None:
    def edit(data: dict) -> None:
        option_data(data, "uitstel", "later")["text"] = "We beginnen gewoon, later."

    assert repeat_problems(edited_rules_case(tmp_path, edit)) == [
        "vertakking: begin/gewoon-beginnen and uitstel/later offer the same move"
    ]


def test_unlike_options_are_not_the_same_move() -> None:
    assert not same_move("We prikken nu een datum.", "Later, als het rustiger is.")
    assert same_move("Ik vraag een ervaren begeleider.", "ik vraag een  ervaren begeleider")


def test_crowded_or_repeated_deepening_is_caught() -> None:
    # The validator refuses such a file, so the broken case is made from the loaded one.
    case = load(RULES_CASE)
    item = case.deepening[0]
    more = (replace(item, title="Tweede"), replace(item, title="Derde"), item)
    crowded = replace(case, deepening=(*case.deepening, *more))
    assert deepening_problems(crowded) == [
        "vertakking/doel: 4 deepening items",
        "vertakking: 'Leren van elkaar' twice",
    ]
    lost = replace(case, deepening=(replace(item, scene="nergens"),))
    assert deepening_problems(lost) == [
        "vertakking: 'Leren van elkaar' belongs to no scene ('nergens')"
    ]
