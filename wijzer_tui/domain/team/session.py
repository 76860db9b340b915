"""A team training session on a shared screen: attendees, the group's choices, reveal, agreements."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any, Literal

from wijzer_tui.domain.content.graph import Walk, walk
from wijzer_tui.domain.content.model import Scenario, Step
from wijzer_tui.domain.content.scoring import scenario_score
from wijzer_tui.domain.errors import WijzerError
from wijzer_tui.domain.progress.people import fold
from wijzer_tui.domain.progress.records import check_fields, clean_label, new_id, now_iso
from wijzer_tui.domain.team.group import GroupEntry, InputMode, TeamAgreement, group_choice
from wijzer_tui.domain.team.outline import attendee_count, people_text, today

SessionStatus = Literal["busy", "finished"]
DEFAULT_MINUTES = 5
MAX_MINUTES = 60
MAX_ATTENDEES = 60
MAX_AGREEMENT = 200  # characters of the "what" of an agreement


class TeamError(WijzerError):
    """Something the facilitator tried does not fit the session (Dutch message)."""

    title = "Teamtraining"


def parse_dutch_date(text: str, *, latest: str | None = None) -> str:
    """A typed date as dd-mm-jjjj (also d-m-jjjj) → YYYY-MM-DD; not after `latest` (default
    today). Raises TeamError in Dutch."""
    latest = latest or today()
    parts = text.strip().replace("/", "-").replace(".", "-").split("-")
    try:
        if len(parts) != 3 or len(parts[2]) != 4:
            raise ValueError(text)  # pragma: no mutate (caught below: the Dutch message replaces it)  # fmt: skip
        day, month, year = (int(p) for p in parts)
        parsed = date(year, month, day).isoformat()
    except ValueError:
        raise TeamError("Vul de datum in als dd-mm-jjjj, bijvoorbeeld 12-03-2026.") from None
    if parsed > latest:
        raise TeamError("Deze datum ligt in de toekomst. Vul de dag in waarop de sessie was.")
    return parsed


@dataclass
class TeamSession:
    """One team training: stored as `<root>/teams/<id>.json` after every change."""

    id: str
    scenario_id: str
    content_version: int
    team: str = ""
    organisation: str = ""
    date: str = field(default_factory=today)
    attendees: list[str] = field(default_factory=list)
    # Attendee name -> the learner id the trainer linked them to; "" when the trainer said the
    # name is someone new (never merged with a namesake). See team_store.record_attendance.
    links: dict[str, str] = field(default_factory=dict)
    entries: dict[str, GroupEntry] = field(default_factory=dict)
    agreements: list[TeamAgreement] = field(default_factory=list)
    position: str = "intro"
    status: SessionStatus = "busy"
    timer_minutes: int = DEFAULT_MINUTES
    created: str = field(default_factory=now_iso)
    updated: str = field(default_factory=now_iso)
    finished: str | None = None
    # The agreement being typed but not saved yet (who, what, when, editing); never reported.
    agreement_draft: dict[str, Any] = field(default_factory=dict)
    # The role the group plays in a branching case ("" = the case's first or only role; also
    # what sessions stored before roles existed mean).
    role: str = ""

    @classmethod
    def new(
        cls,
        scenario: Scenario,
        team: str,
        organisation: str,
        attendees: list[str],
        timer_minutes: int = DEFAULT_MINUTES,
        links: dict[str, str] | None = None,
        when: str | None = None,
        role: str = "",  # pragma: no mutate (an unknown role id means the first role too)
    ) -> TeamSession:
        """A fresh session for `scenario`, dated today; names are cleaned and checked.

        `links` maps attendee names to linked learner ids ("" for someone new); `when` is the
        session's date (YYYY-MM-DD) when it was held earlier; `role` the role the group plays
        (an unknown one gives the case's first role)."""
        session = cls(new_id(), scenario.id, scenario.content_version)
        session.role = scenario.role(role).id
        if when:
            session.date = when
        session.team, session.organisation = clean_label(team), clean_label(organisation)
        links = links or {}
        for name in attendees:
            if clean_label(name):  # an empty row is no one
                session.add_attendee(name, links.get(name))
        if not session.attendees:
            raise TeamError("Vul minstens één deelnemer in: een naam of initialen.")
        session.set_minutes(timer_minutes)
        return session

    # -- attendees -------------------------------------------------------------------------

    def add_attendee(self, name: str, learner_id: str | None = None) -> str:
        """Add someone (also late, during the session); returns the cleaned name.

        `learner_id` links them to a learner on this machine ("" = someone new, no link)."""
        if self.status == "finished":
            raise TeamError("Deze sessie is afgerond: de deelname is al vastgelegd.")
        cleaned = clean_label(name)
        if not cleaned:
            raise TeamError("Vul een naam of initialen in.")
        if any(fold(a) == fold(cleaned) for a in self.attendees):
            raise TeamError(f"{cleaned} staat al bij de deelnemers.")
        if len(self.attendees) >= MAX_ATTENDEES:
            raise TeamError(f"Er kunnen hoogstens {MAX_ATTENDEES} deelnemers in één sessie.")
        same = [n for n, linked in self.links.items() if learner_id and linked == learner_id]
        if same:
            raise TeamError(f"Deze persoon staat al bij de deelnemers, als {same[0]}.")
        self.attendees.append(cleaned)
        self._recount_open_entries()
        if learner_id is not None:
            self.links[cleaned] = learner_id
        return cleaned

    def linked(self, name: str) -> str | None:
        """The learner id an attendee is linked to, or None (not linked, or someone new)."""
        return self.links.get(name) or None

    def remove_attendee(self, name: str) -> None:
        """Take someone off the list (a typo, or not there after all); the last one stays."""
        if self.status == "finished":
            raise TeamError("Deze sessie is afgerond: de deelname is al vastgelegd.")
        if name not in self.attendees:
            return
        if len(self.attendees) == 1:
            raise TeamError("Er moet minstens één deelnemer blijven.")
        self.attendees.remove(name)
        self.links.pop(name, None)
        self._recount_open_entries()

    def _recount_open_entries(self) -> None:
        """A late (or removed) attendee changes what a majority is, until the reveal fixes it."""
        for entry in self.entries.values():
            if not entry.revealed and entry.people:
                entry.people = len(self.attendees)

    def set_minutes(self, minutes: int) -> None:
        """The discussion time per step, 1 to 60 minutes."""
        if not 1 <= minutes <= MAX_MINUTES:
            raise TeamError(f"Kies een gesprekstijd van 1 tot {MAX_MINUTES} minuten.")
        self.timer_minutes = minutes

    # -- the group's input ------------------------------------------------------------------

    def entry(self, step_id: str) -> GroupEntry:
        """The group's entry for a step (created on first use)."""
        return self.entries.setdefault(step_id, GroupEntry())

    def _open_entry(self, step: Step) -> GroupEntry:
        entry = self.entry(step.id)
        if entry.revealed:
            raise TeamError("Deze stap is al onthuld. De keuzes liggen vast.")
        if self.status == "finished":
            raise TeamError("Deze sessie is afgerond.")
        entry.people = len(self.attendees)
        return entry

    def set_mode(self, step: Step, mode: InputMode) -> None:
        """Switch between tallies per option and one consensus choice (both are kept)."""
        self._open_entry(step).mode = mode

    def bump(self, step: Step, option_id: str, delta: int) -> int:
        """Change an option's tally by `delta`; returns the new count (never below 0)."""
        entry = self._open_entry(step)
        if option_id not in {o.id for o in step.options}:
            raise TeamError("Deze optie hoort niet bij deze stap.")
        count = max(0, entry.count(option_id) + delta)
        people = len(self.attendees)
        if delta > 0 and count > people:
            raise TeamError(f"{people_text(people)}: meer stemmen kan niet.")
        if delta > 0 and step.kind == "decide" and sum(entry.tallies.values()) + delta > people:
            raise TeamError(
                f"Iedereen heeft al gestemd ({people_text(people).lower()}). "
                "Haal eerst ergens een stem weg."
            )
        if count:
            entry.tallies[option_id] = count
        else:
            entry.tallies.pop(option_id, None)
        return count

    def toggle_consensus(self, step: Step, option_id: str) -> list[str]:
        """Choose or unchoose an option as the group's consensus (decide: exactly this one)."""
        entry = self._open_entry(step)
        if option_id not in {o.id for o in step.options}:
            raise TeamError("Deze optie hoort niet bij deze stap.")
        if step.kind == "decide":
            entry.consensus = [option_id]
        elif option_id in entry.consensus:
            entry.consensus.remove(option_id)
        else:
            entry.consensus.append(option_id)
        return list(entry.consensus)

    def reveal(self, step: Step) -> None:
        """Show the wijzer's tips for this step; the group's choice is fixed from now on."""
        entry = self.entry(step.id)
        if entry.revealed or step.kind == "reflect":
            entry.revealed = True
            return
        self._open_entry(step)
        if not group_choice(step, entry):
            if entry.mode == "tally" and entry.tallies:
                raise TeamError(
                    f"Geen optie heeft een meerderheid: meer dan de helft van de "
                    f"{attendee_count(len(self.attendees))}. Verander een stem, of kies "
                    "samen met Enter."
                )
            raise TeamError(
                "Vul eerst de keuze van de groep in: stemmen of één gezamenlijke keuze."
            )
        entry.revealed = True

    def is_revealed(self, step_id: str) -> bool:
        """True once the facilitator revealed this step."""
        return step_id in self.entries and self.entries[step_id].revealed

    def answers(self, scenario: Scenario) -> dict[str, list[str]]:
        """The group's answers of every revealed choose and decide step, by step id."""
        return {
            step.id: group_choice(step, self.entries[step.id])
            for step in scenario.steps
            if step.kind != "reflect" and self.is_revealed(step.id)
        }

    def walk(self, scenario: Scenario) -> Walk:
        """The group's path through the case so far (a straight case: every step)."""
        return walk(scenario, self.answers(scenario), self.role)

    def score(self, scenario: Scenario) -> int:
        """The group's scenario score over the decision points on its path (an unrevealed
        scored step counts as 0)."""
        return scenario_score(scenario, self.answers(scenario), self.role)

    # -- agreements -------------------------------------------------------------------------

    @staticmethod
    def _agreement(who: str, what: str, when: str) -> TeamAgreement:
        what = clean_label(what, MAX_AGREEMENT)
        if not what:
            raise TeamError("Vul bij een afspraak minstens in wát jullie doen.")
        return TeamAgreement(clean_label(who), what, clean_label(when))

    def add_agreement(self, who: str, what: str, when: str) -> TeamAgreement:
        """Write down a new agreement (who · what · when); it is no longer a draft."""
        agreement = self._agreement(who, what, when)
        self.agreements.append(agreement)
        self.agreement_draft = {}
        return agreement

    def update_agreement(self, index: int, who: str, what: str, when: str) -> TeamAgreement:
        """Change an agreement in place."""
        if not 0 <= index < len(self.agreements):
            raise TeamError("Deze afspraak bestaat niet meer.")
        self.agreements[index] = self._agreement(who, what, when)
        self.agreement_draft = {}
        return self.agreements[index]

    def delete_agreement(self, index: int) -> None:
        """Remove an agreement; a draft that changes it becomes a new agreement, so its text stays."""
        if not 0 <= index < len(self.agreements):
            return
        del self.agreements[index]
        editing = self.agreement_draft.get("editing")
        if isinstance(editing, int) and editing >= index:
            self.agreement_draft["editing"] = None if editing == index else editing - 1

    # -- storage ----------------------------------------------------------------------------

    def to_dict(self) -> dict[str, Any]:
        """Plain data; `agreements`, `scenario_id`, `team`, `organisation`, `date`, `attendees`
        and `status` are read by the coordinators' report."""
        return {
            "id": self.id,
            "scenario_id": self.scenario_id,
            "content_version": self.content_version,
            "team": self.team,
            "organisation": self.organisation,
            "date": self.date,
            "attendees": list(self.attendees),
            "links": dict(self.links),
            "entries": {k: v.to_dict() for k, v in self.entries.items()},
            "agreements": [a.to_dict() for a in self.agreements],
            "position": self.position,
            "status": self.status,
            "timer_minutes": self.timer_minutes,
            "created": self.created,
            "updated": self.updated,
            "finished": self.finished,
            "agreement_draft": dict(self.agreement_draft),
            "role": self.role,
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> TeamSession:
        """Build from stored data, every field type-checked; raises KeyError, TypeError
        (RecordError, naming the field), ValueError or AttributeError on a wrong shape."""
        fields = {k: data[k] for k in cls.__dataclass_fields__ if k in data}
        fields["attendees"] = data["attendees"]
        fields["entries"] = {k: GroupEntry.from_dict(v) for k, v in data["entries"].items()}
        fields["agreements"] = [TeamAgreement.from_dict(a) for a in data.get("agreements", [])]
        # A draft is never worth an error: a wrongly shaped one is dropped, not the session.
        fields["agreement_draft"] = agreement_draft_of(data.get("agreement_draft"))
        session = cls(**fields)
        check_fields(session, "de sessie")
        return session


def agreement_draft_of(data: Any) -> dict[str, Any]:
    """An agreement draft as it is kept: `who`, `what`, `when` (text as typed) and `editing`
    (the index of the agreement being changed, or None for a new one). Three empty fields, or
    anything of the wrong shape, give {}: a draft is never worth an error."""
    if not isinstance(data, dict):
        return {}
    fields = {key: data.get(key, "") for key in ("who", "what", "when")}
    if not all(isinstance(value, str) for value in fields.values()) or not any(fields.values()):
        return {}
    editing = data.get("editing")
    valid = isinstance(editing, int) and not isinstance(editing, bool) and editing >= 0
    return {**fields, "editing": editing if valid else None}
