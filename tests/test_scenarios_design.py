"""Decisions that discriminate: the best option does not give itself away by its length, and
every decision has a half-right option."""

from __future__ import annotations

import pytest

from wijzer_tui.domain.content.loader import load_scenarios
from wijzer_tui.domain.content.model import DecideOption, Scenario, Step

pytestmark = pytest.mark.shipped  # these tests check the shipped scenarios/

# The best option may be a little longer than the longest other one, not conspicuously so.
MAX_BEST_RATIO = 1.1


def length(text: str) -> int:
    return len(" ".join(text.split()))


def decide_score(option: DecideOption) -> float:
    total = len(option.follows) + len(option.ignores)
    return len(option.follows) / total if total else 0.0


def best_and_rest(step: Step) -> tuple[list[DecideOption], list[DecideOption]]:
    top = max(decide_score(o) for o in step.decide_options)
    best = [o for o in step.decide_options if decide_score(o) == top]
    return best, [o for o in step.decide_options if decide_score(o) != top]


def decide_steps(scenarios: list[Scenario]) -> list[tuple[str, Step]]:
    return [(s.id, st) for s in scenarios for st in s.steps if st.kind == "decide"]


@pytest.fixture(scope="module")
def scenarios() -> list[Scenario]:
    return load_scenarios()


def test_the_best_decision_is_not_conspicuously_longest(scenarios: list[Scenario]) -> None:
    for sid, step in decide_steps(scenarios):
        best, rest = best_and_rest(step)
        longest_other = max(length(o.text) for o in rest)
        for option in best:
            assert length(option.text) <= MAX_BEST_RATIO * longest_other, (
                f"{sid}/{option.id}: {length(option.text)} characters, others ≤ {longest_other}"
            )


def test_length_does_not_give_the_answer_away(scenarios: list[Scenario]) -> None:
    steps = decide_steps(scenarios)
    longest_is_best = 0
    for _, step in steps:
        best, rest = best_and_rest(step)
        if max(length(o.text) for o in best) > max(length(o.text) for o in rest):
            longest_is_best += 1
    assert longest_is_best < len(steps) / 2, f"{longest_is_best} of {len(steps)}"


def test_every_decision_has_a_half_right_option(scenarios: list[Scenario]) -> None:
    for sid, step in decide_steps(scenarios):
        scores = {decide_score(o) for o in step.decide_options}
        assert any(0 < score < 1 for score in scores), f"{sid}/{step.id}: only right or wrong"
