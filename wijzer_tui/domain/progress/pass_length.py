"""How long a pass is: a straight case has a fixed number of parts; in a branching case the
number depends on the choices still to come, so it is a range until the path reaches an ending."""

from __future__ import annotations

from collections.abc import Mapping

from wijzer_tui.domain.content.graph import scenes_ahead, walk
from wijzer_tui.domain.content.model import Scenario
from wijzer_tui.domain.progress.session import SECTIONS_PER_KIND, positions

PER_STEP = len(SECTIONS_PER_KIND["decide"])  # a question and its feedback


def part_range(
    scenario: Scenario,
    answers: Mapping[str, list[str]],
    role: str = "",  # pragma: no mutate (an unknown role id means the first role too)
) -> tuple[int, int]:
    """The fewest and the most parts ("Deel x van y") the pass can still have: the parts so far
    (see session.positions) plus the shortest and the longest way on from the first open step."""
    if not scenario.branches:
        count = len(positions(scenario, dict(answers), role))
        return count, count
    route = walk(scenario, answers, role)
    after_ending = 1 + PER_STEP * len(scenario.after_ending) + 1  # the ending, reflection, end
    if route.ending is not None:  # the path is known to its end (the reflection is on it)
        count = 1 + PER_STEP * (len(route.steps) - len(scenario.after_ending)) + after_ending
        return count, count
    if not route.steps or route.steps[-1].id in answers:
        # A broken file (a choice leading nowhere): the parts so far, the end included.
        count = len(positions(scenario, dict(answers), role))
        return count, count

    known = 1 + PER_STEP * (len(route.steps) - 1)  # the intro and the steps already answered
    fewest, most = scenes_ahead(scenario, route.steps[-1].id)
    return known + PER_STEP * fewest + after_ending, known + PER_STEP * most + after_ending


def part_label(
    index: int,
    scenario: Scenario,
    answers: Mapping[str, list[str]],
    role: str = "",  # pragma: no mutate (an unknown role id means the first role too)
) -> str:
    """'Deel 4 van 9', or 'Deel 4 van 9–11' while the choices still to come decide the length."""
    fewest, most = part_range(scenario, answers, role)
    return f"Deel {index} van {fewest}" if fewest == most else f"Deel {index} van {fewest}–{most}"
