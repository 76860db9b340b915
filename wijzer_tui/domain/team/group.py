"""What a group chose at a step (tallies or consensus) and the agreements it wrote down."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Literal

from wijzer_tui.domain.content.model import Step
from wijzer_tui.domain.progress.records import check_fields

InputMode = Literal["tally", "consensus"]

# The one rule for what the group chose when votes are counted; shown on screen and in the summary.
MAJORITY_RULE = "De groep kiest een optie als meer dan de helft van de deelnemers erop stemt."


@dataclass
class TeamAgreement:
    """One agreement the team writes down: who does what, when."""

    who: str
    what: str
    when: str

    def to_dict(self) -> dict[str, str]:
        """Plain data for storage (the coordinators' report reads these keys)."""
        return {"who": self.who, "what": self.what, "when": self.when}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> TeamAgreement:
        """Build from stored data; RecordError on a wrongly typed field."""
        agreement = cls(data.get("who", ""), data["what"], data.get("when", ""))
        check_fields(agreement, "een afspraak")
        return agreement


@dataclass
class GroupEntry:
    """What the group chose at one step: tallies per option or one consensus, and reveal state."""

    mode: InputMode = "tally"
    tallies: dict[str, int] = field(default_factory=dict)
    consensus: list[str] = field(default_factory=list)
    revealed: bool = False
    # Attendees when the votes were counted (fixed at the reveal); 0 in sessions stored before
    # the majority rule, which keep their old rule: every option with a vote.
    people: int = 0

    def count(self, option_id: str) -> int:
        """The tally of one option (0 when nobody chose it)."""
        return self.tallies.get(option_id, 0)

    def to_dict(self) -> dict[str, Any]:
        """Plain data for storage."""
        return {
            "mode": self.mode,
            "tallies": dict(self.tallies),
            "consensus": list(self.consensus),
            "revealed": self.revealed,
            "people": self.people,
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> GroupEntry:
        """Build from stored data; RecordError on a wrongly typed field."""
        fields = {k: data[k] for k in cls.__dataclass_fields__ if k in data}
        entry = cls(**fields)
        check_fields(entry, "een stap van de sessie")
        entry.tallies = {k: v for k, v in entry.tallies.items() if v > 0}
        return entry


def group_choice(step: Step, entry: GroupEntry) -> list[str]:
    """The group's answer to a step, as option ids.

    Tallies: every option more than half of the attendees voted for (MAJORITY_RULE), so one
    dissenting vote never speaks for the group; at a decide step that is at most one option.
    Consensus: the chosen ids. Entries without `people` (older sessions) keep the old rule:
    choose takes every option with a vote, decide the one with the most votes.
    """
    known = [o.id for o in step.options]
    if entry.mode == "consensus":
        return [i for i in known if i in entry.consensus]
    if entry.people:
        return [i for i in known if entry.count(i) * 2 > entry.people]
    counted = [i for i in known if entry.count(i) > 0]
    if step.kind != "decide" or not counted:
        return counted
    best = max(entry.count(i) for i in counted)
    winners = [i for i in counted if entry.count(i) == best]
    return winners if len(winners) == 1 else []
