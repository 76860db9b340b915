"""What a group chose at a step (tallies or consensus) and the agreements it wrote down."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Literal

from wijzer_tui.domain.content.model import Step

InputMode = Literal["tally", "consensus"]


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
        """Build from stored data."""
        return cls(str(data.get("who", "")), str(data["what"]), str(data.get("when", "")))


@dataclass
class GroupEntry:
    """What the group chose at one step: tallies per option or one consensus, and reveal state."""

    mode: InputMode = "tally"
    tallies: dict[str, int] = field(default_factory=dict)
    consensus: list[str] = field(default_factory=list)
    revealed: bool = False

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
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> GroupEntry:
        """Build from stored data."""
        mode = data.get("mode", "tally")
        tallies = {str(k): int(v) for k, v in dict(data.get("tallies", {})).items() if int(v) > 0}
        return cls(
            mode="consensus" if mode == "consensus" else "tally",
            tallies=tallies,
            consensus=[str(i) for i in data.get("consensus", [])],
            revealed=bool(data.get("revealed", False)),
        )


def group_choice(step: Step, entry: GroupEntry) -> list[str]:
    """The group's answer to a step, as option ids.

    Tallies: choose takes every option with a count above 0; decide takes the one option with
    the most votes (empty while nobody voted or two options tie). Consensus: the chosen ids.
    """
    known = [o.id for o in step.options]
    if entry.mode == "consensus":
        return [i for i in known if i in entry.consensus]
    counted = [i for i in known if entry.count(i) > 0]
    if step.kind != "decide" or not counted:
        return counted
    best = max(entry.count(i) for i in counted)
    winners = [i for i in counted if entry.count(i) == best]
    return winners if len(winners) == 1 else []
