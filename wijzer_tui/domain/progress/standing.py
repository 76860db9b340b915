"""Where a learner stands per scenario: nieuw, bezig or afgerond, with score and date."""

from __future__ import annotations

from dataclasses import dataclass
from operator import attrgetter
from typing import TYPE_CHECKING

from wijzer_tui.domain.content.model import Scenario
from wijzer_tui.domain.progress.records import Attempt, Profile, local_date, record_of

if TYPE_CHECKING:
    from wijzer_tui.domain.progress.store import ProgressStore

STATE_LABELS = {"new": "Nieuw", "busy": "Bezig", "finished": "Afgerond"}
# The part of a pass a learner sees as its title (the screens use the same words).
SECTION_TITLES = {
    "intro": "Herken je dit?",
    "choose": "Wat doe je?",
    "compare": "Vergelijk met de wijzer",
    "decide": "De casus gaat verder",
    "consequence": "De casus gaat verder",
    "ending": "Afloop",
    "reflect": "Reflectie",
    "check": "Reflectie: toets je antwoord",
    "end": "Afronding",
}


def section_title(position: str | None) -> str:
    """The title of the part a stored position points at ('reflect:stap' → 'Reflectie')."""
    return SECTION_TITLES.get((position or "intro").partition(":")[0], "")


@dataclass(frozen=True)
class Standing:
    """One scenario's state for one learner."""

    scenario: Scenario
    state: str  # "new", "busy" or "finished"
    record: Attempt | None  # the finished attempt that counts (see ProgressStore.record_attempt)
    busy: Attempt | None  # the attempt to resume, if any

    @property
    def label(self) -> str:
        """Dutch summary, e.g. 'Afgerond · 80% · 23-11-2026' or 'Bezig · Reflectie'."""
        text = STATE_LABELS[self.state]
        if self.busy is not None:
            text += f" · {section_title(self.busy.position)}"
        if self.record is not None:
            text = f"Afgerond · {self.record.score}% · {local_date(self.record.finished)}"
            if self.busy is not None:
                text += f" · opnieuw bezig · {section_title(self.busy.position)}"
        return text


def resumable(attempt: Attempt, scenario: Scenario) -> bool:
    """A busy attempt can be resumed only on the content it began on: after an update its saved
    answers may point at scenes that changed (it is stopped when the learner starts again)."""
    return attempt.status == "busy" and attempt.content_version == scenario.content_version


def standings(store: ProgressStore, learner_id: str, scenarios: list[Scenario]) -> list[Standing]:
    """The standing of every scenario for a learner, in scenario order."""
    # One read of the learner's file for all scenarios (the store re-reads on every call).
    by_scenario: dict[str, list[Attempt]] = {}
    for attempt in store.attempts(learner_id):
        by_scenario.setdefault(attempt.scenario_id, []).append(attempt)
    out = []
    for scenario in scenarios:
        attempts = by_scenario.get(scenario.id, [])
        record = record_of(attempts)
        busy = next((a for a in reversed(attempts) if resumable(a, scenario)), None)
        state = "finished" if record else ("busy" if busy else "new")
        out.append(Standing(scenario, state, record, busy))
    return out


def next_scenario(items: list[Standing], after: Scenario | None = None) -> Scenario | None:
    """The next scenario to do: the first not finished after `after`, else the first not finished."""
    open_items = [s.scenario for s in items if s.state != "finished"]
    if after is not None:
        later = [s for s in open_items if s.number > after.number]
        if later:
            return later[0]
    remaining = [s for s in open_items if after is None or s.id != after.id]
    return remaining[0] if remaining else None


def self_study_profiles(store: ProgressStore) -> list[Profile]:
    """Self-study profiles only: team attendees and demo learners stay out of this list."""
    return [p for p in store.profiles() if not (p.attendee or p.synthetic)]


def previous_result(attempts: list[Attempt], current_id: str) -> Attempt | None:
    """The latest finished attempt before `current_id` (a retry compares with it)."""
    done = [a for a in attempts if a.status == "finished" and a.id != current_id and a.finished]
    return max(done, key=attrgetter("finished"), default=None)  # `done` has only finished times
