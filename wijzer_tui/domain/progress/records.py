"""Progress records: learner profiles, attempts and answers (ids only, never copies of content)."""

from __future__ import annotations

import uuid
from collections.abc import Callable, Iterable
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime
from typing import Any, Literal, Self

SCHEMA_VERSION = 1

BEROEPSGROEPEN: tuple[str, ...] = (
    "politie",
    "onderwijs",
    "kinderopvang",
    "wijkteam",
    "wijkverpleging",
    "jeugdzorg",
    "jeugdbescherming",
    "GGZ",
    "Veilig Thuis",
    "vrouwenopvang",
    "Zorg- en Veiligheidshuis",
    "huisarts",
    "leerplicht",
    "gemeente",
    "anders",
)

Mode = Literal["self", "team"]
Status = Literal["busy", "finished", "stopped"]


def now_iso() -> str:
    """The current time as an ISO 8601 string in UTC, to the second."""
    return datetime.now(UTC).replace(microsecond=0).isoformat()


def new_id() -> str:
    """A random, stable identifier (hex, 32 characters)."""
    return uuid.uuid4().hex


class _Stored:
    """Conversion to and from the plain dicts kept in the store (unknown keys are ignored)."""

    def to_dict(self) -> dict[str, Any]:
        """Plain data for storage."""
        return asdict(self)  # type: ignore[call-overload]

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Self:
        """Build from stored data, ignoring unknown keys."""
        fields = cls.__dataclass_fields__  # type: ignore[attr-defined]
        return cls(**{k: data[k] for k in fields if k in data})


@dataclass
class Profile(_Stored):
    """A learner on this machine. `name` may be a pseudonym."""

    id: str
    name: str
    beroepsgroep: str
    organisation: str = ""
    team: str = ""
    created: str = field(default_factory=now_iso)
    # Private reflections go into coordinator exports only when this is True.
    share_reflections: bool = False
    synthetic: bool = False  # True for `wijzer demo` learners
    # True for people recorded by a trainer in team training: never listed as self-study profiles.
    attendee: bool = False


@dataclass
class Answer(_Stored):
    """One answer to one step, saved the moment it is given."""

    step_id: str
    option_ids: list[str] = field(default_factory=list)
    at: str = field(default_factory=now_iso)
    reflection: str | None = None  # private free text (reflect steps)
    ticked_tips: list[str] = field(default_factory=list)  # reflect self-check


@dataclass
class Attempt(_Stored):
    """One pass through one scenario. A retry is a new attempt; history is never overwritten."""

    id: str
    learner_id: str
    scenario_id: str
    content_version: int
    mode: Mode = "self"
    started: str = field(default_factory=now_iso)
    finished: str | None = None
    status: Status = "busy"
    answers: list[Answer] = field(default_factory=list)
    # Opaque resume position set by the screens (e.g. "compare:wat-doe-je").
    position: str | None = None
    score: int | None = None
    team_session_id: str | None = None

    def answer_for(self, step_id: str) -> Answer | None:
        """The latest answer given to a step, if any."""
        for answer in reversed(self.answers):
            if answer.step_id == step_id:
                return answer
        return None

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Attempt:
        """Build from stored data, ignoring unknown keys; answers become Answer objects."""
        attempt = super().from_dict(data)
        attempt.answers = [Answer.from_dict(a) for a in data.get("answers", [])]
        return attempt


MAX_LABEL = 60


def clean_label(text: str, limit: int = MAX_LABEL) -> str:
    """A name, team or organisation made safe to store and show: no control characters, trimmed."""
    printable = "".join(ch if ch.isprintable() else " " for ch in text)
    return " ".join(printable.split())[:limit]


def local_date(iso: str | None) -> str:
    """An ISO timestamp as a Dutch local date (23-11-2026); empty when unknown or unreadable."""
    if not iso:
        return ""
    try:
        return datetime.fromisoformat(iso).astimezone().strftime("%d-%m-%Y")
    except ValueError:
        return ""


def stored_builder(cls: type[Any]) -> Callable[[dict[str, Any]], Any]:
    """A fast function building `cls` (Profile, Answer, Attempt) from stored data.

    Data with exactly the dataclass's fields becomes the record's __dict__ as it is: the store
    builds tens of thousands of records for reports and __init__ doubled that cost. Other data
    goes through `cls(...)`: unknown keys are ignored, a missing required field is a TypeError.
    """
    keys = cls.__dataclass_fields__.keys()
    plain = "__slots__" not in cls.__dict__ and not hasattr(cls, "__post_init__")
    new = object.__new__

    def build(data: dict[str, Any]) -> Any:
        if plain and data.keys() == keys:
            record = new(cls)
            record.__dict__ = data
            return record
        return cls(**{k: data[k] for k in keys if k in data})

    return build


def record_of(attempts: Iterable[Attempt]) -> Attempt | None:
    """The attempt that counts for the record: among the finished attempts the best score,
    then the one finished last, then the last one (attempts oldest first). None when none is
    finished. Busy and stopped attempts never count."""
    record, best = None, None
    for attempt in attempts:
        if attempt.status == "finished":
            rank = (attempt.score or 0, attempt.finished or "")
            if best is None or rank >= best:  # `>=`: on a full tie the later attempt wins
                record, best = attempt, rank
    return record
