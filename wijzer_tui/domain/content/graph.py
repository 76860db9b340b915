"""A case as a graph: the path a learner's answers take, every possible path, and the figures
`wijzer validate --json` prints. A format-1 case is a graph with one straight path."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from functools import cache

from wijzer_tui.domain.content.model import Ending, Scenario, Step

MIN_PATH_DECISIONS = 3  # format 2: every path has at least this many decision points


@dataclass(frozen=True)
class Walk:
    """Where a learner's answers lead: the steps on the path so far and, once reached, the ending."""

    steps: tuple[Step, ...]
    ending: Ending | None
    complete: bool  # every step on the path is answered (the ending and what follows included)

    @property
    def decisions(self) -> tuple[Step, ...]:
        """The decision points on the path."""
        return tuple(s for s in self.steps if s.is_decision)


@dataclass(frozen=True)
class Path:
    """One possible path through a case: the role, the choices that steer it, and the ending."""

    role: str
    # (step id, option id): "" for a choose step (it does not branch), "-" for a reflection
    choices: tuple[tuple[str, str], ...]
    ending: str

    @property
    def decisions(self) -> int:
        """How many decision points the path has (reflections are not counted)."""
        return sum(1 for _, option in self.choices if option != "-")


def next_of(step: Step, option_ids: list[str] | None) -> str | None:
    """The id after an answered step; None while the step waits for its answer."""
    if option_ids is None:
        return None
    if step.kind != "decide":
        return step.next
    option = next((o for o in step.decide_options if option_ids and o.id == option_ids[0]), None)
    return option.next if option else None


def walk(
    scenario: Scenario,
    answers: Mapping[str, list[str]],
    role_id: str | None = "",  # pragma: no mutate (any unknown id also means the first role)
) -> Walk:
    """Follow the answers from the role's start; stop at the first step still to answer."""
    steps: list[Step] = []
    ending = None
    current: str | None = scenario.role(role_id).start
    while current:
        step = scenario.step(current)
        if step is None or step in steps:  # an ending, or a loop a broken file would cause
            ending = scenario.ending(current)
            break
        steps.append(step)
        current = next_of(step, answers.get(step.id))
        if current is None:
            return Walk(tuple(steps), None, complete=False)
    if ending is not None or not scenario.branches:
        for step_id in scenario.after_ending:
            step = scenario.step(step_id)
            if step is not None:
                steps.append(step)
    complete = all(s.id in answers for s in steps)
    return Walk(tuple(steps), ending, complete)


def _branches(step: Step) -> list[tuple[str, str]]:
    """(option id, next id) for each way out of a step (see Path.choices for the markers)."""
    if step.kind == "decide":
        return [(o.id, o.next) for o in step.decide_options]
    return [("" if step.is_decision else "-", step.next)]


def paths(scenario: Scenario) -> Iterator[Path]:
    """Every path of every role, depth first (a loop stops the path where it closes)."""
    for role in scenario.roles:  # format 1 has one role too (scenes.read_steps)
        yield from _paths_from(scenario, role.id, role.start, ())


def _paths_from(scenario: Scenario, role: str, current: str, taken: tuple) -> Iterator[Path]:
    step = scenario.step(current)
    if step is None or any(step_id == current for step_id, _ in taken):
        yield Path(role, taken, current if scenario.ending(current) else "")
        return
    for option_id, following in _branches(step):
        yield from _paths_from(scenario, role, following, (*taken, (step.id, option_id)))


def scenes_ahead(scenario: Scenario, node: str) -> tuple[int, int]:
    """The fewest and the most scenes from `node` (included) to an ending: how much of a path
    is still to come. 0 at an ending; a loop (a broken file) stops the count."""

    @cache
    def ahead(current: str, depth: int) -> tuple[int, int]:
        step = scenario.step(current)
        if step is None or depth > len(scenario.steps):  # an ending (or a broken file's loop)
            return 0, 0
        following = [o.next for o in step.decide_options] if step.kind == "decide" else [step.next]
        ways = [ahead(next_id, depth + 1) for next_id in following]
        return 1 + min(w[0] for w in ways), 1 + max(w[1] for w in ways)

    return ahead(node, 0)  # pragma: no mutate (the cut-off only ends a loop: loops are refused)


def offered_tips(step: Step) -> set[str]:
    """Tips a decision point offers: tip options of a choose step, follows/ignores of a decide."""
    if step.kind == "choose":
        return {o.tip_id for o in step.choose_options if o.tip_id}
    if step.kind == "decide":
        return {t for o in step.decide_options for t in (*o.follows, *o.ignores)}
    return set()


def summary(scenario: Scenario) -> dict[str, object]:
    """The figures of one case for `wijzer validate --json`."""
    all_paths = list(paths(scenario))
    on_paths = {step_id for path in all_paths for step_id, _ in path.choices}
    reachable: set[str] = set()
    for step in scenario.steps:
        if step.id in on_paths:
            reachable |= offered_tips(step)
    tip_ids = [t.id for t in scenario.tips]
    return {
        "id": scenario.id,
        "decision_points": sum(1 for s in scenario.steps if s.is_decision),
        "endings": len(scenario.endings),
        "paths": len(all_paths),
        "min_path_decisions": min((p.decisions for p in all_paths), default=0),
        "tips": len(tip_ids),
        "tips_reachable": len(reachable & set(tip_ids)),
    }
