"""What Mijn resultaten tells about one attempt: the role, the path (each decision point and the
choice made there), the ending and the score, what was explored after it, and whether the case
changed since. Works for straight (format 1) and branching (format 2) cases, and for attempts
whose steps no longer exist in the current content."""

from __future__ import annotations

from dataclasses import dataclass

from wijzer_tui.domain.content.graph import walk
from wijzer_tui.domain.content.model import Ending, Scenario, Step
from wijzer_tui.domain.progress.explore import Exploration
from wijzer_tui.domain.progress.records import Attempt, local_datetime

GONE = "(bestaat niet meer)"


@dataclass(frozen=True)
class PathStep:
    """One decision point on the path and what was chosen there, as the learner read it."""

    title: str
    chosen: str


@dataclass(frozen=True)
class AttemptView:
    """An attempt as Mijn resultaten shows it."""

    role: str  # the role's title ("" for a case with one role)
    path: tuple[PathStep, ...]
    ending: Ending | None
    score: int | None  # the stored score: what counted then, also when the case changed since
    changed: str  # a Dutch note when the content changed since the attempt, else ""
    steps: tuple[Step, ...]  # answered steps that still exist, in the order they were played


def chosen_text(step: Step, option_ids: list[str]) -> str:
    """What was chosen at a decision point, as the learner read it."""
    texts = {o.id: o.text for o in step.options}
    return "; ".join(texts.get(i, GONE) for i in option_ids) or "niets"


def _changed_note(scenario: Scenario, attempt: Attempt, missing: int) -> str:
    if attempt.content_version == scenario.content_version:
        return ""
    note = (
        f"Deze casus is veranderd sinds deze poging (toen versie {attempt.content_version}, nu "
        f"versie {scenario.content_version}). Je ziet hieronder wat er nog van bestaat."
    )
    if missing:
        parts = "1 antwoord hoort" if missing == 1 else f"{missing} antwoorden horen"
        note += f" {parts} bij een deel dat er niet meer is."
    if attempt.score is not None:
        note += f" Je score van toen blijft staan: {attempt.score}%."
    return note


def attempt_view(scenario: Scenario, attempt: Attempt) -> AttemptView:
    """The attempt's role, path, ending and score (see AttemptView)."""
    answers = {a.step_id: a.option_ids for a in attempt.answers}
    missing = sum(1 for step_id in answers if scenario.step(step_id) is None)
    changed = _changed_note(scenario, attempt, missing)
    if scenario.branches and not changed:
        played = walk(scenario, answers, attempt.role).steps
    else:  # a straight case, or content that changed: every step that still exists, in order
        played = scenario.steps
    steps = tuple(s for s in played if s.id in answers)
    path = tuple(PathStep(s.title, chosen_text(s, answers[s.id])) for s in steps if s.is_decision)
    role = scenario.role(attempt.role) if scenario.branches and not changed else None
    return AttemptView(
        role=role.title if role else "",
        path=path,
        ending=scenario.ending(attempt.ending),
        score=attempt.score,
        changed=changed,
        steps=steps,
    )


def exploration_line(scenario: Scenario, exploration: Exploration) -> str:
    """One explored branch in a line: when, from which decision point and choice, to where."""
    step = scenario.step(exploration.from_step)
    chosen = exploration.answers_by_step().get(exploration.from_step, [])
    start = f"{step.title}: {chosen_text(step, chosen)}" if step else GONE
    ending = scenario.ending(exploration.ending)
    where = f"afloop {ending.title}" if ending else "niet afgemaakt"
    if exploration.ending and ending is None:
        where = f"afloop {GONE}"
    return f"{local_datetime(exploration.started)} · {start} → {where}"
