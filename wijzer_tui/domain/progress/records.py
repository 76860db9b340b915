"""Progress records: learner profiles, attempts and answers (ids only, never copies of content)."""

from __future__ import annotations

import types
import typing
import uuid
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from functools import cache
from typing import Any, Literal, Self

# Re-exported: forms, stores and team sessions clean typed labels with it.
from wijzer_tui.domain.progress.safe_text import clean_label as clean_label

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


class RecordError(TypeError):
    """A stored record has a field of the wrong type; the message (Dutch) names the field."""

    @classmethod
    def of(cls, label: str, field_name: str) -> RecordError:
        """The error for field `field_name` of the record `label` names ("het profiel")."""
        return cls(f"in {label} heeft het veld {field_name!r} een verkeerd type")


# pragma: no mutate start (built once per class at import and cached; test_record_types covers it)
def _rule_parts(hint: Any) -> tuple[set[type], set[Any] | None, type | None]:
    """A field's rule: the exact types it may have, the values a Literal allows (None: any),
    and the exact type of the items of a list or of the values of a dict (keys are text)."""
    origin, args = typing.get_origin(hint), typing.get_args(hint)
    if origin is Literal:
        return {type(a) for a in args}, set(args), None
    if origin in (typing.Union, types.UnionType):
        kinds: set[type] = set()
        values: set[Any] | None = set()
        items = None
        for arm in args:
            arm_kinds, arm_values, arm_items = _rule_parts(arm)
            kinds |= arm_kinds
            items = items or arm_items
            values = None if values is None or arm_values is None else values | arm_values
        if values is not None and type(None) in kinds:
            values.add(None)
        return kinds, values or None, items
    if origin in (list, dict):
        # Any items (a draft's free-form fields) are checked by their own reader, not here.
        return {origin}, None, None if args[-1] is Any else args[-1]
    if hint is type(None) or isinstance(hint, type):
        return {hint}, None, None
    raise TypeError(f"no type rule for {hint!r}")  # a new kind of field: add it above


def _condition(index: int, kinds: frozenset[type], values: object, items: type | None) -> str:
    """Python source that is true when `v` fits one field's rule (names K0, V0, I0 per field)."""
    kind = (
        f"type(v) is {next(iter(kinds)).__name__}"
        if len(kinds) == 1 and kinds <= {str, int, bool, list, dict}
        else f"type(v) in K{index}"
    )
    if values is not None:
        kind += f" and v in V{index}"
    if items is None:
        return kind
    if list in kinds:
        kind += f" and (type(v) is not list or all([type(i) is I{index} for i in v]))"
    if dict in kinds:
        kind += f" and (type(v) is not dict or all([type(k) is str and type(i) is I{index}"
        kind += " for k, i in v.items()]))"
    return kind


@cache
def _checker(cls: type) -> Callable[[dict[str, Any]], str | None]:
    """A function returning the first field of a record's data that breaks its type rule, or
    None. Built once per class from its annotations (as dataclasses builds __init__): reports
    check tens of thousands of records, and a loop over rules tripled the time of the check."""
    names: dict[str, Any] = {}
    lines = ["def check(d):"]
    for index, (name, hint) in enumerate(typing.get_type_hints(cls).items()):
        if name not in cls.__dataclass_fields__:
            continue
        kinds, values, items = _rule_parts(hint)
        names.update({f"K{index}": frozenset(kinds), f"I{index}": items})
        names[f"V{index}"] = frozenset(values) if values else None
        rule = _condition(index, frozenset(kinds), values or None, items)
        lines += [f"    v = d[{name!r}]", f"    if not ({rule}):", f"        return {name!r}"]
    exec("\n".join([*lines, "    return None"]), names)  # the source is built above
    return names["check"]


# pragma: no mutate end


def check_fields(record: Any, label: str) -> None:
    """Raise RecordError unless every field of a dataclass record has exactly its declared type
    (`bool` is no number, `"80"` no score). `label` names the record in the Dutch message."""
    wrong = _checker(type(record))(record.__dict__)
    if wrong is not None:
        raise RecordError.of(label, wrong)


def _plain(value: Any) -> Any:
    if type(value) is list:
        return [_plain(item) for item in value]
    if isinstance(value, _Stored):
        return value.to_dict()
    return value  # text, numbers, yes/no and None are immutable


class _Stored:
    """Conversion to and from the plain dicts kept in the store (unknown keys are ignored)."""

    LABEL = "een gegeven"  # how the Dutch message about a wrongly typed field names the record

    def to_dict(self) -> dict[str, Any]:
        """Plain data for storage: lists copied, records inside made plain (like asdict, but
        without its deep copy of every string: an import of 20,000 files spent a third of its
        time there)."""
        data = self.__dict__
        return {k: _plain(data[k]) for k in self.__dataclass_fields__}  # type: ignore[attr-defined]

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Self:
        """Build from stored data, ignoring unknown keys; RecordError on a wrongly typed field
        (TypeError on a missing one)."""
        fields = cls.__dataclass_fields__  # type: ignore[attr-defined]
        record = cls(**{k: data[k] for k in fields if k in data})
        check_fields(record, cls.LABEL)
        return record


@dataclass
class Profile(_Stored):
    """A learner on this machine. `name` may be a pseudonym."""

    LABEL = "het profiel"

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

    LABEL = "een antwoord"

    step_id: str
    option_ids: list[str] = field(default_factory=list)
    at: str = field(default_factory=now_iso)
    reflection: str | None = None  # private free text (reflect steps)
    ticked_tips: list[str] = field(default_factory=list)  # reflect self-check


@dataclass
class Attempt(_Stored):
    """One pass through one scenario. A retry is a new attempt; history is never overwritten."""

    LABEL = "een poging"

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
    role: str = ""  # the role played in a branching case ("" = the case's only role)
    ending: str | None = None  # the ending reached, saved when a branching case is finished

    def answer_for(self, step_id: str) -> Answer | None:
        """The latest answer given to a step, if any."""
        for answer in reversed(self.answers):
            if answer.step_id == step_id:
                return answer
        return None

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Attempt:
        """Build from stored data, ignoring unknown keys; answers become Answer objects."""
        answers = data.get("answers", [])
        if type(answers) is not list or not all(type(a) is dict for a in answers):
            raise RecordError.of(cls.LABEL, "answers")
        return super().from_dict({**data, "answers": [Answer.from_dict(a) for a in answers]})


def local_datetime(iso: str | None) -> str:
    """An ISO timestamp as a Dutch local date and time (23-11-2026 14:05), so two attempts on
    one day can be told apart; empty when unknown or unreadable."""
    return _local(iso, "%d-%m-%Y %H:%M")


def _local(iso: str | None, pattern: str) -> str:
    """An ISO timestamp in local time as `pattern`; empty when unknown or unreadable."""
    if not iso:
        return ""
    try:
        return datetime.fromisoformat(iso).astimezone().strftime(pattern)
    except ValueError:
        return ""


def local_date(iso: str | None) -> str:
    """An ISO timestamp as a Dutch local date (23-11-2026); empty when unknown or unreadable."""
    return _local(iso, "%d-%m-%Y")


# pragma: no mutate start (runs at import, before a mutant can be on; the store tests cover it)
def stored_builder(cls: type[Any]) -> Callable[[dict[str, Any]], Any]:
    """A fast function building `cls` (Profile, Answer, Attempt) from stored data.

    Data with exactly the dataclass's fields becomes the record's __dict__ as it is: the store
    builds tens of thousands of records for reports and __init__ doubled that cost. Other data
    goes through `cls(...)`: unknown keys are ignored, a missing required field is a TypeError.
    Every field is type-checked (RecordError), so no report meets a wrongly typed value.
    """
    keys = cls.__dataclass_fields__.keys()
    plain = "__slots__" not in cls.__dict__ and not hasattr(cls, "__post_init__")
    new = object.__new__
    check = _checker(cls)

    def build(data: dict[str, Any]) -> Any:
        if plain and data.keys() == keys:
            record = new(cls)
            record.__dict__ = data
        else:
            record = cls(**{k: data[k] for k in keys if k in data})
        wrong = check(record.__dict__)
        if wrong is not None:
            raise RecordError.of(cls.LABEL, wrong)
        return record

    return build


# pragma: no mutate end


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
