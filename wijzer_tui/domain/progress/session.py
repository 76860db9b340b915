"""One learner's pass through one scenario: the sequence of sections, answers and resume position."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from wijzer_tui.domain.content.graph import Walk, walk
from wijzer_tui.domain.content.model import Ending, Scenario, Step
from wijzer_tui.domain.content.scoring import scenario_score
from wijzer_tui.domain.progress.drafts import clean_draft
from wijzer_tui.domain.progress.records import Answer, Attempt
from wijzer_tui.domain.progress.safe_text import clean_reflection

if TYPE_CHECKING:
    from wijzer_tui.domain.progress.store import ProgressStore

# Each step kind is shown as a question section followed by a feedback section.
SECTIONS_PER_KIND = {
    "choose": ("choose", "compare"),
    "decide": ("decide", "consequence"),
    "reflect": ("reflect", "check"),
}


@dataclass(frozen=True)
class Position:
    """Where the learner is: a section name and, for step sections, the step id."""

    section: str
    step_id: str = ""

    def __str__(self) -> str:
        return f"{self.section}:{self.step_id}" if self.step_id else self.section

    @classmethod
    def parse(cls, text: str | None) -> Position:
        """Parse a stored position ('compare:wat-doe-je'); None gives the start."""
        section, _, step_id = (text or "intro").partition(":")
        return cls(section, step_id)


def positions(
    scenario: Scenario,
    answers: dict[str, list[str]] | None = None,
    role: str = "",  # pragma: no mutate (an unknown role id means the first role too)
) -> list[Position]:
    """Every section of a pass so far, in order: intro, two per step, the ending, end.

    A straight case lists every step. A branching case lists the steps on the learner's path up
    to the first one still to answer; once the path reaches an ending, that ending follows the
    last decision, then the reflection and the end."""
    out = [Position("intro")]
    route = walk(scenario, answers or {}, role)
    ending = [Position("ending", route.ending.id)] if route.ending else []
    for step in route.steps if scenario.branches else scenario.steps:
        if step.id in scenario.after_ending:
            out.extend(ending)
            ending = []  # shown once, before the first step after it
        out.extend(Position(section, step.id) for section in SECTIONS_PER_KIND[step.kind])
    out.extend(ending)
    if route.complete or not scenario.branches:
        out.append(Position("end"))
    return out


class Pass:
    """Drives one attempt: answers are saved the moment they are given, with the position."""

    def __init__(self, store: ProgressStore, scenario: Scenario, attempt: Attempt) -> None:
        self.store = store
        self.scenario = scenario
        self.attempt = attempt
        self.index = self._index_of(Position.parse(attempt.position))
        # Typed but unconfirmed input per step, as last saved (restored on resume).
        self.drafts = store.drafts(attempt.learner_id, attempt.id)

    @classmethod
    def start(
        cls,
        store: ProgressStore,
        scenario: Scenario,
        learner_id: str,
        role: str = "",  # pragma: no mutate (an unknown role id means the first role too)
    ) -> Pass:
        """Start a new attempt (a retry never overwrites history), in the role the learner chose."""
        role = scenario.role(role).id
        for old in store.attempts(learner_id, scenario.id):
            if old.status == "busy" and old.content_version != scenario.content_version:
                store.stop_attempt(learner_id, old.id)  # begun on older content: kept, as gestopt
        attempt = store.start_attempt(learner_id, scenario.id, scenario.content_version, role=role)
        return cls(store, scenario, attempt)

    @property
    def positions(self) -> list[Position]:
        """The sections of this pass so far (a branching case grows as the learner decides)."""
        return positions(self.scenario, self.answers_by_step(), self.attempt.role)

    @property
    def walk(self) -> Walk:
        """The learner's path through the case so far."""
        return walk(self.scenario, self.answers_by_step(), self.attempt.role)

    @property
    def ending(self) -> Ending | None:
        """The ending the learner's path reached, once it did."""
        return self.walk.ending

    def _index_of(self, position: Position) -> int:
        try:
            index = self.positions.index(position)
        except ValueError:
            return 0  # content changed since the attempt began: start at the beginning
        # Never resume on a feedback section whose question has no answer (e.g. a crash in between).
        # (An ending's section names the ending, not a step: it has no answer of its own.)
        if (
            self.scenario.step(position.step_id) is not None
            and not self.is_question(position)
            and not self.answer(position.step_id)
        ):
            return index - 1
        return index

    @property
    def position(self) -> Position:
        """The current section."""
        return self.positions[self.index]

    @property
    def step(self) -> Step | None:
        """The step of the current section (None for intro and end)."""
        return self.scenario.step(self.position.step_id) if self.position.step_id else None

    @property
    def learner_id(self) -> str:
        """The learner of this attempt."""
        return self.attempt.learner_id

    def is_question(self, position: Position | None = None) -> bool:
        """True for sections where the learner answers (choose, decide, reflect)."""
        return (position or self.position).section in ("choose", "decide", "reflect")

    def answer(self, step_id: str) -> Answer | None:
        """The saved answer to a step."""
        return self.attempt.answer_for(step_id)

    def answers_by_step(self) -> dict[str, list[str]]:
        """Chosen option ids per answered step."""
        return {a.step_id: a.option_ids for a in self.attempt.answers}

    @property
    def can_go_next(self) -> bool:
        """A question section must be answered first; the end section is last."""
        if self.position.section == "end":
            return False
        return not self.is_question() or self.answer(self.position.step_id) is not None

    def draft(self) -> dict[str, Any]:
        """The unconfirmed input kept for the current step (empty when there is none)."""
        step = self.step
        return self.drafts.get(step.id, {}) if step else {}

    def keep_draft(self, draft: dict[str, Any] | None) -> None:
        """Save the unconfirmed input of the current step (None removes it); a draft that
        did not change is not written again."""
        step, kept = self.step, clean_draft(draft)
        if step is None or kept == self.drafts.get(step.id, {}):
            return
        self.store.save_draft(self.learner_id, self.attempt.id, step.id, kept)
        if kept:
            self.drafts[step.id] = kept
        else:
            del self.drafts[step.id]  # there: an empty draft equal to none returned above

    def go(self, delta: int) -> Position:
        """Move by delta sections (clamped) and save the position."""
        self.index = max(0, min(len(self.positions) - 1, self.index + delta))
        self.store.set_position(self.learner_id, self.attempt.id, str(self.position))
        return self.position

    def submit(
        self, option_ids: list[str], reflection: str | None = None, ticked: list[str] | None = None
    ) -> None:
        """Save the answer to the current step and move to its feedback section."""
        step = self.step
        if step is None:
            raise ValueError("no step at this position")
        if reflection is not None:
            reflection = clean_reflection(reflection)  # typed or pasted: no control characters
        answer = Answer(step.id, list(option_ids), reflection=reflection, ticked_tips=ticked or [])
        self.index += 1
        self.attempt = self.store.save_answer(
            self.learner_id, self.attempt.id, answer, position=str(self.position)
        )
        self.drafts.pop(step.id, None)  # the store dropped it with the answer

    def save_check(self, ticked: list[str]) -> None:
        """Save which tips the learner's own reflection covers (keeps the reflection text)."""
        step = self.step
        previous = self.answer(step.id) if step else None
        if step is None or previous is None:
            raise ValueError("no reflection to check")
        answer = Answer(step.id, reflection=previous.reflection, ticked_tips=list(ticked))
        self.attempt = self.store.save_answer(
            self.learner_id, self.attempt.id, answer, position=str(self.position)
        )
        self.drafts.pop(step.id, None)

    def score(self) -> int:
        """The scenario score from the saved answers."""
        return scenario_score(self.scenario, self.answers_by_step(), self.attempt.role)

    def finish(self) -> int:
        """Mark the attempt finished with its score (once) and return the score."""
        score = self.score()
        if self.attempt.status != "finished":
            ending = self.ending.id if self.ending else None
            self.attempt = self.store.finish_attempt(
                self.learner_id, self.attempt.id, score, ending=ending
            )
        return score
