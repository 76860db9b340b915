"""Scoring follows the rule the app explains: tips count, advised-against choices cost, never below 0."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

from wijzer_tui.domain.content.loader import load_scenarios
from wijzer_tui.domain.content.model import Scenario, Step
from wijzer_tui.domain.content.scoring import (
    SCORE_RULE,
    compare_choose,
    decide_outcome,
    missed_tip_ids,
    scenario_score,
    step_score,
)

# tests/data/valid/rekenen.yaml:
#   kies:      t1, t2, t3 -> F8-T1..T3; a1, a2 advised against; n1 neutral
#   kies-meer: m-t4 -> F8-T4; m-t1a and m-t1b both -> F8-T1; m-tegen advised against
#   verder:    alles follows T1-T3; half follows T1, ignores T2; niets ignores T1, T2; los neither
#   reflectie: not scored


@pytest.fixture
def scenario(data_dir: Path) -> Scenario:
    (loaded,) = load_scenarios([data_dir / "valid" / "rekenen.yaml"])
    return loaded


def step(scenario: Scenario, step_id: str) -> Step:
    found = scenario.step(step_id)
    assert found is not None
    return found


def tip_ids(tips) -> list[str]:
    return [t.id for t in tips]


def test_nothing_chosen_scores_zero_and_misses_every_tip(scenario: Scenario) -> None:
    result = compare_choose(scenario, step(scenario, "kies"), [])
    assert result.score == 0
    assert tip_ids(result.missed) == ["F8-T1", "F8-T2", "F8-T3"]
    assert result.in_line == () and result.against == () and result.neutral == ()
    assert result.tip_count == 3


def test_everything_chosen_is_tips_minus_against(scenario: Scenario) -> None:
    everything = ["t1", "t2", "t3", "a1", "a2", "n1"]
    result = compare_choose(scenario, step(scenario, "kies"), everything)
    assert result.score == 33  # (3 tips - 2 against) / 3 tips
    assert [o.id for o in result.against] == ["a1", "a2"]
    assert [o.id for o in result.neutral] == ["n1"]
    assert result.missed == ()


def test_only_tips_scores_100(scenario: Scenario) -> None:
    result = compare_choose(scenario, step(scenario, "kies"), ["t3", "t1", "t2"])
    assert result.score == 100
    assert [(i.option.id, i.tip.id) for i in result.in_line] == [
        ("t3", "F8-T3"),
        ("t1", "F8-T1"),
        ("t2", "F8-T2"),
    ]
    assert result.in_line[0].tip.text.startswith("Spreek goed af")


@pytest.mark.parametrize(
    ("chosen", "score"),
    [(["t1"], 33), (["t1", "t2"], 67), (["n1"], 0), (["t1", "n1"], 33), (["t1", "t2", "a1"], 33)],
)
def test_partial_choices(scenario: Scenario, chosen: list[str], score: int) -> None:
    assert compare_choose(scenario, step(scenario, "kies"), chosen).score == score


def test_score_never_below_zero(scenario: Scenario) -> None:
    result = compare_choose(scenario, step(scenario, "kies"), ["a1", "a2"])
    assert result.score == 0
    result = compare_choose(scenario, step(scenario, "kies"), ["t1", "a1", "a2"])
    assert result.score == 0


def test_unknown_ids_are_reported_and_ignored(scenario: Scenario) -> None:
    result = compare_choose(scenario, step(scenario, "kies"), ["t1", "weg", "m-t4"])
    assert result.unknown_ids == ("weg", "m-t4")  # m-t4 belongs to another step
    assert result.score == 33
    assert tip_ids(result.missed) == ["F8-T2", "F8-T3"]


def test_duplicates_in_the_chosen_list_count_once(scenario: Scenario) -> None:
    result = compare_choose(scenario, step(scenario, "kies"), ["t1", "t1", "a1", "a1", "t2"])
    assert result.score == 33  # (2 tips - 1 against) / 3
    assert [i.option.id for i in result.in_line] == ["t1", "t2"]
    assert [o.id for o in result.against] == ["a1"]


def test_two_options_for_one_tip_count_as_one_tip(scenario: Scenario) -> None:
    kies_meer = step(scenario, "kies-meer")
    both = compare_choose(scenario, kies_meer, ["m-t1a", "m-t1b"])
    assert both.score == 50  # 1 of the 2 tips offered (F8-T4, F8-T1)
    assert [i.option.id for i in both.in_line] == ["m-t1a", "m-t1b"]
    assert tip_ids(both.missed) == ["F8-T4"]
    all_tips = compare_choose(scenario, kies_meer, ["m-t1a", "m-t4"])
    assert all_tips.score == 100 and all_tips.missed == ()


@pytest.mark.parametrize(
    ("option_id", "followed", "ignored", "score"),
    [
        ("alles", ["F8-T1", "F8-T2", "F8-T3"], [], 100),
        ("half", ["F8-T1"], ["F8-T2"], 50),
        ("niets", [], ["F8-T1", "F8-T2"], 0),
        ("los", [], [], 0),
    ],
)
def test_decide_outcome(
    scenario: Scenario, option_id: str, followed: list[str], ignored: list[str], score: int
) -> None:
    outcome = decide_outcome(scenario, step(scenario, "verder"), option_id)
    assert outcome is not None
    assert outcome.option.id == option_id
    assert outcome.option.consequence  # the learner always sees what happens next
    assert tip_ids(outcome.followed) == followed
    assert tip_ids(outcome.ignored) == ignored
    assert outcome.score == score


def test_unknown_decide_id_gives_none(scenario: Scenario) -> None:
    assert decide_outcome(scenario, step(scenario, "verder"), "bestaat-niet") is None
    assert decide_outcome(scenario, step(scenario, "verder"), "t1") is None


def test_step_score_per_kind(scenario: Scenario) -> None:
    assert step_score(scenario, step(scenario, "kies"), ["t1", "t2", "t3"]) == 100
    assert step_score(scenario, step(scenario, "verder"), ["half"]) == 50
    assert step_score(scenario, step(scenario, "verder"), []) == 0
    assert step_score(scenario, step(scenario, "verder"), ["bestaat-niet"]) == 0
    assert step_score(scenario, step(scenario, "reflectie"), ["F8-T1"]) is None


def test_scenario_score_is_mean_of_choose_and_decide(scenario: Scenario) -> None:
    answers = {"kies": ["t1", "t2", "t3"], "kies-meer": [], "verder": ["half"]}
    assert scenario_score(scenario, answers) == 50  # (100 + 0 + 50) / 3
    answers = {"kies": ["t1"], "kies-meer": ["m-t4", "m-t1a"], "verder": ["alles"]}
    assert scenario_score(scenario, answers) == 78  # (33 + 100 + 100) / 3, rounded


def test_reflection_does_not_change_the_scenario_score(scenario: Scenario) -> None:
    answers = {"kies": ["t1", "t2", "t3"], "kies-meer": ["m-t4", "m-t1a"], "verder": ["alles"]}
    assert scenario_score(scenario, answers) == 100
    assert scenario_score(scenario, {**answers, "reflectie": []}) == 100
    assert scenario_score(scenario, {**answers, "reflectie": ["F8-T1", "F8-T4"]}) == 100


def test_unanswered_scenario_scores_zero(scenario: Scenario) -> None:
    assert scenario_score(scenario, {}) == 0


def test_a_scenario_with_only_a_reflection_scores_zero_without_a_crash(
    scenario: Scenario,
) -> None:
    only_reflection = dataclasses.replace(scenario, steps=(step(scenario, "reflectie"),))
    assert scenario_score(only_reflection, {"reflectie": []}) == 0


def test_missed_tip_ids(scenario: Scenario) -> None:
    assert missed_tip_ids(scenario, {}) == {"F8-T1", "F8-T2", "F8-T3", "F8-T4"}
    answers = {"kies": ["t1", "t2", "a1"], "kies-meer": ["m-t1b"]}
    assert missed_tip_ids(scenario, answers) == {"F8-T3", "F8-T4"}
    everything = {"kies": ["t1", "t2", "t3"], "kies-meer": ["m-t4", "m-t1a"], "verder": ["niets"]}
    assert missed_tip_ids(scenario, everything) == set()  # decide choices are not "missed tips"


def test_score_rule_is_explained_in_dutch() -> None:
    assert "tip" in SCORE_RULE and "afgeraden keuze" in SCORE_RULE and "0%" in SCORE_RULE
    assert "de wijzer afraadt" not in SCORE_RULE  # not every advice against comes from the wijzer


def test_readme_scoring_example(data_dir: Path) -> None:
    """The README example: choosing both tips and the advised-against option gives 50%."""
    (example,) = load_scenarios([data_dir / "valid" / "voorbeeld.yaml"])
    choose = step(example, "wat-doe-je")
    chosen = ["vraag-gezin", "overleg", "afwachten", "dossier"]
    assert compare_choose(example, choose, chosen).score == 50  # (2 - 1) / 2
    assert scenario_score(example, {"wat-doe-je": chosen, "verder": ["zelf"]}) == 75
