"""Wat als…?: play a finished branching case on from one of its decision points, as practice.

An exploration starts at a decision point on the path of a finished attempt: the answers before
that point are the attempt's own, from that point on the learner answers again and the case
goes where those answers lead, up to its ending. An exploration never changes the attempt (its
answers, score, ending or record). Explorations are kept in the learner's own file as the TinyDB
table `explorations`, beside `profile`, `attempts` and `scans`; nothing that reads attempts
(reports, exports, xAPI, sync) ever reads this table. A stored document with the wrong shape is
skipped: practice is secondary data and never makes the learner's file unusable.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from tinydb import where

from wijzer_tui.domain.content.graph import Walk, walk
from wijzer_tui.domain.content.model import Ending, Scenario, Step
from wijzer_tui.domain.errors import StoreError
from wijzer_tui.domain.progress.records import (
    SCHEMA_VERSION,
    Answer,
    Attempt,
    RecordError,
    _Stored,
    new_id,
    now_iso,
)
from wijzer_tui.domain.progress.storage import WijzerDB, locked_db

TABLE = "explorations"
NOT_BRANCHING = "Wat als… kan alleen bij een casus die vertakt."
NOT_FINISHED = "Wat als… kan pas als je de casus hebt afgerond."
CHANGED = (
    "Deze casus is veranderd sinds je poging. Wat als… kan daarom niet meer bij deze poging. "
    "Doe de casus opnieuw om het nieuwe pad te verkennen."
)


@dataclass
class Exploration(_Stored):
    """One explored branch: where it left the attempt's path, what was chosen, where it ended."""

    LABEL = "een verkenning"

    id: str
    learner_id: str
    attempt_id: str
    scenario_id: str
    content_version: int
    from_step: str  # the decision point on the attempt's path where the learner chose otherwise
    answers: list[Answer] = field(default_factory=list)  # from `from_step` on, in order
    ending: str | None = None  # the ending reached, once reached
    started: str = field(default_factory=now_iso)
    finished: str | None = None  # when the ending was reached

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Exploration:
        """Build from stored data; RecordError or TypeError when it has the wrong shape."""
        answers = data.get("answers", [])
        if type(answers) is not list or not all(type(a) is dict for a in answers):
            raise RecordError.of(cls.LABEL, "answers")
        return super().from_dict({**data, "answers": [Answer.from_dict(a) for a in answers]})

    def answers_by_step(self) -> dict[str, list[str]]:
        """Chosen option ids per step answered in this exploration."""
        return {a.step_id: list(a.option_ids) for a in self.answers}


def _answers(attempt: Attempt) -> dict[str, list[str]]:
    return {a.step_id: list(a.option_ids) for a in attempt.answers}


def can_explore(scenario: Scenario, attempt: Attempt) -> str | None:
    """None when Wat als… can start from this attempt; else why not, in Dutch."""
    if not scenario.branches:
        return NOT_BRANCHING
    if attempt.status != "finished":
        return NOT_FINISHED
    if attempt.content_version != scenario.content_version:
        return CHANGED
    if walk(scenario, _answers(attempt), attempt.role).ending is None:
        return CHANGED  # its answers no longer lead to an ending
    return None


def decision_points(scenario: Scenario, attempt: Attempt) -> list[tuple[Step, list[str]]]:
    """The decision points on the attempt's path, in order, with the option ids chosen there."""
    answers = _answers(attempt)
    route = walk(scenario, answers, attempt.role)
    return [(step, answers[step.id]) for step in route.decisions if step.id in answers]


def path_before(scenario: Scenario, attempt: Attempt, from_step: str) -> dict[str, list[str]]:
    """The attempt's answers on its path before `from_step`: what stays as it was."""
    kept: dict[str, list[str]] = {}
    for step, chosen in decision_points(scenario, attempt):
        if step.id == from_step:
            break
        kept[step.id] = chosen
    return kept


def route(scenario: Scenario, attempt: Attempt, exploration: Exploration) -> Walk:
    """The explored path from its decision point on: up to the step still to answer, or up to
    the ending once reached. The reflection after the ending is not part of practice."""
    answers = {**path_before(scenario, attempt, exploration.from_step)}
    answers.update(exploration.answers_by_step())
    taken = walk(scenario, answers, attempt.role)
    ids = [s.id for s in taken.steps]
    start = ids.index(exploration.from_step) if exploration.from_step in ids else len(ids)
    steps = tuple(s for s in taken.steps[start:] if s.id not in scenario.after_ending)
    # An ending is reached only when every step on the path is answered (see graph.walk).
    return Walk(steps, taken.ending, complete=taken.ending is not None)


def step_to_answer(scenario: Scenario, attempt: Attempt, exploration: Exploration) -> Step | None:
    """The decision point the learner answers next; None once the ending is reached."""
    done = exploration.answers_by_step()
    return next((s for s in route(scenario, attempt, exploration).steps if s.id not in done), None)


def offered(step: Step, exploration: Exploration, attempt: Attempt) -> Step:
    """The step as the learner sees it: at the first decision point of a decide step, only the
    options not chosen in the attempt (the point is to choose otherwise)."""
    if step.id != exploration.from_step or step.kind != "decide":
        return step
    taken = set(_answers(attempt).get(step.id, []))  # pragma: no mutate (start: answered)
    return replace(step, decide_options=tuple(o for o in step.decide_options if o.id not in taken))


def otherwise(step: Step, option_ids: list[str], attempt: Attempt) -> bool:
    """True when `option_ids` differ from what the attempt chose at `step`."""
    return set(option_ids) != set(_answers(attempt).get(step.id, []))


def start(scenario: Scenario, attempt: Attempt, from_step: str) -> Exploration:
    """A new, unsaved exploration from a decision point on the attempt's path."""
    problem = can_explore(scenario, attempt)
    if problem:
        raise StoreError(problem)
    if from_step not in {s.id for s, _ in decision_points(scenario, attempt)}:
        raise StoreError("Dit beslismoment ligt niet op het pad van je poging.")
    return Exploration(
        new_id(),
        attempt.learner_id,
        attempt.id,
        scenario.id,
        scenario.content_version,
        from_step,
    )


def with_answer(
    scenario: Scenario, attempt: Attempt, exploration: Exploration, option_ids: list[str]
) -> Exploration:
    """The exploration with the answer to its current decision point (and its ending, once the
    path reaches one). Raises StoreError when there is nothing left to answer."""
    step = step_to_answer(scenario, attempt, exploration)
    if step is None:
        raise StoreError("Deze verkenning is al afgelopen.")
    if not option_ids:
        raise StoreError("Kies eerst een optie." if step.kind == "decide" else "Kies eerst iets.")
    answer = Answer(step.id, list(option_ids))
    new = replace(exploration, answers=[*exploration.answers, answer])
    # A path reaches its ending only once every decision on it is answered (see graph.walk).
    ending: Ending | None = route(scenario, attempt, new).ending
    if ending is not None:
        new.ending, new.finished = ending.id, now_iso()
    return new


# -- the table `explorations` in the learner's file --------------------------------------------


def exploration_of(doc: Any) -> Exploration | None:
    """An Exploration from a stored document, or None when it has the wrong shape."""
    if not isinstance(doc, dict):
        return None
    try:
        return Exploration.from_dict(doc)  # unknown keys (schema_version) are ignored
    except (RecordError, TypeError):
        return None


def explorations_in(db: WijzerDB, attempt_id: str | None = None) -> list[Exploration]:
    """The well-formed explorations of a learner file (of one attempt when given), oldest first."""
    found = [e for e in map(exploration_of, db.table(TABLE).all()) if e is not None]
    return sorted(
        (e for e in found if attempt_id is None or e.attempt_id == attempt_id),
        key=lambda e: e.started,
    )


def save_in(path: Path, exploration: Exploration) -> None:
    """Insert or replace `exploration` in the learner file at `path`, under its lock. Raises
    StoreError when the learner file does not exist (never creates one)."""
    doc = {**exploration.to_dict(), "schema_version": SCHEMA_VERSION}
    with locked_db(path) as db:
        if not db.table("profile").all():
            raise StoreError("Deze leerling is niet gevonden.")
        db.table(TABLE).upsert(doc, where("id") == exploration.id)
