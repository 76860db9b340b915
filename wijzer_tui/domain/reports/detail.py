"""Per-learner detail for coordinators: every attempt per scenario, missed tips, shared reflections."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from wijzer_tui.domain.content.model import Scenario, Tip
from wijzer_tui.domain.content.scoring import missed_tip_ids
from wijzer_tui.domain.progress.records import Attempt, Profile
from wijzer_tui.domain.reports.grid import Cell, Row


@dataclass(frozen=True)
class AttemptLine:
    """One attempt as the detail lists it."""

    attempt: Attempt
    number: int  # 1 for the first attempt of this scenario
    counts: bool  # True for the attempt that counts for the record
    missed: tuple[Tip, ...]  # tips missed in this attempt (finished attempts only)


@dataclass(frozen=True)
class ScenarioDetail:
    """One scenario of one learner."""

    scenario: Scenario
    cell: Cell
    attempts: tuple[AttemptLine, ...]
    reflections: tuple[str, ...]  # empty unless the learner shares reflections


@dataclass(frozen=True)
class LearnerDetail:
    """Everything a coordinator may see of one learner."""

    profile: Profile
    scenarios: tuple[ScenarioDetail, ...]

    @property
    def shares_reflections(self) -> bool:
        """True when the learner allows coordinators to read their reflections."""
        return self.profile.share_reflections


def _missed(scenario: Scenario, attempt: Attempt) -> tuple[Tip, ...]:
    if attempt.status != "finished":
        return ()
    answers = {a.step_id: a.option_ids for a in attempt.answers}
    ids = missed_tip_ids(scenario, answers, attempt.role)
    return tuple(t for t in scenario.tips if t.id in ids)


def learner_detail(row: Row, scenarios: Sequence[Scenario]) -> LearnerDetail:
    """The detail of one grid row: attempts oldest first, the record attempt marked."""
    details = []
    for scenario in scenarios:
        cell = row.cells.get(scenario.id, Cell(scenario.id))
        own = [a for a in row.attempts if a.scenario_id == scenario.id]
        lines = tuple(
            AttemptLine(a, i, cell.record is a and cell.state == "afgerond", _missed(scenario, a))
            for i, a in enumerate(own, start=1)
        )
        details.append(ScenarioDetail(scenario, cell, lines, cell.reflections))
    return LearnerDetail(row.profile, tuple(details))
