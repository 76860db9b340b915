"""How long a pass is: a straight case has a fixed number of parts; in a branching case the
number depends on the choices still to come, so it is a range until the path reaches an ending."""

from __future__ import annotations

from collections.abc import Mapping

from wijzer_tui.domain.content.graph import Path, paths
from wijzer_tui.domain.content.model import Scenario
from wijzer_tui.domain.progress.session import positions


def _follows(scenario: Scenario, path: Path, answers: Mapping[str, list[str]]) -> bool:
    """True when the path agrees with every decision the learner already took on it."""
    for step_id, option_id in path.choices:
        step = scenario.step(step_id)
        chosen = answers.get(step_id)
        if step is not None and step.kind == "decide" and chosen and chosen[0] != option_id:
            return False
    return True


def _answered(scenario: Scenario, path: Path) -> dict[str, list[str]]:
    """Answers that walk exactly this path to its end (the reflection after the ending included)."""
    answers = {
        step_id: [option_id] if option_id not in ("", "-") else []
        for step_id, option_id in path.choices
    }
    answers.update((step_id, []) for step_id in scenario.after_ending)
    return answers


def part_range(
    scenario: Scenario, answers: Mapping[str, list[str]], role: str = ""
) -> tuple[int, int]:
    """The fewest and the most parts ("Deel x van y") the pass can still have."""
    if not scenario.branches:
        count = len(positions(scenario, dict(answers), role))
        return count, count
    role_id = scenario.role(role).id
    counts = [
        len(positions(scenario, _answered(scenario, path), role_id))
        for path in paths(scenario)
        if path.role == role_id and _follows(scenario, path, answers)
    ]
    if not counts:  # answers that match no path (content changed): what is known so far
        count = len(positions(scenario, dict(answers), role_id))
        return count, count
    return min(counts), max(counts)


def part_label(
    index: int, scenario: Scenario, answers: Mapping[str, list[str]], role: str = ""
) -> str:
    """'Deel 4 van 9', or 'Deel 4 van 9–11' while the choices still to come decide the length."""
    fewest, most = part_range(scenario, answers, role)
    return f"Deel {index} van {fewest}" if fewest == most else f"Deel {index} van {fewest}–{most}"
