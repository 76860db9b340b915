"""Times for xAPI: stored timestamps made valid ISO 8601 moments, and attempt durations.

Stored times are written by wijzer in UTC with an offset, but an imported file may hold nothing,
a date without a time, or a time without an offset. A statement then leaves the timestamp out
rather than invent one; a time without an offset is read as UTC, so every machine derives the
same statement from the same record.
"""

from __future__ import annotations

from datetime import UTC, datetime


def moment(value: object) -> datetime | None:
    """The stored value as an aware UTC datetime; None when it is not a full date and time."""
    if not isinstance(value, str) or len(value) <= 10:  # "2025-03-05" is a day, not a moment
        return None
    try:
        parsed = datetime.fromisoformat(value)
    except ValueError:
        return None
    if parsed.tzinfo is None:
        parsed = parsed.replace(tzinfo=UTC)
    return parsed.astimezone(UTC)


def xapi_timestamp(value: object) -> str | None:
    """An xAPI timestamp (2025-03-05T10:00:00Z) for a stored time, or None when unknown."""
    parsed = moment(value)
    if parsed is None:
        return None
    spec = "milliseconds" if parsed.microsecond else "seconds"
    return parsed.isoformat(timespec=spec).replace("+00:00", "Z")


def xapi_duration(start: object, end: object) -> str | None:
    """The ISO 8601 duration from start to end (PT1H2M3S), or None when either is unknown."""
    begin, finish = moment(start), moment(end)
    if begin is None or finish is None or finish < begin:
        return None
    seconds = round((finish - begin).total_seconds())
    hours, rest = divmod(seconds, 3600)
    minutes, seconds = divmod(rest, 60)
    parts = [f"{hours}H" if hours else "", f"{minutes}M" if minutes else ""]
    if seconds or not (hours or minutes):
        parts.append(f"{seconds}S")
    return "PT" + "".join(parts)
