"""The times in xAPI statements, exactly as an LRS receives them: which stored values are a moment
(a date alone is not; a time without an offset is UTC on every machine, whatever its time zone),
the ISO 8601 timestamp (Z, milliseconds only when there are any) and the ISO 8601 duration
(PT1H2M3S, zero parts left out, never negative)."""

from __future__ import annotations

import time
from collections.abc import Iterator
from datetime import UTC, datetime

import pytest

from wijzer_tui.domain.reports.xapi_time import moment, xapi_duration, xapi_timestamp


@pytest.fixture
def three_hours_east(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """This machine's clock set to UTC+3 (a POSIX zone: no time zone data needed)."""
    monkeypatch.setenv("TZ", "OOST-3")
    time.tzset()
    yield
    monkeypatch.undo()
    time.tzset()


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2025-03-05T10:00:00+00:00", datetime(2025, 3, 5, 10, tzinfo=UTC)),
        ("2025-03-05T11:30:00+01:00", datetime(2025, 3, 5, 10, 30, tzinfo=UTC)),
        ("2025-03-05T10:00:00Z", datetime(2025, 3, 5, 10, tzinfo=UTC)),
        ("20250305T10", datetime(2025, 3, 5, 10, tzinfo=UTC)),  # 11 characters: a moment
        ("2025-03-05", None),  # 10 characters: a day
        ("2025-03-05T", None),
        ("gisteren om tien", None),
        ("", None),
        (None, None),
        (20250305, None),
    ],
)
def test_a_moment_is_a_full_date_and_time_in_utc(value: object, expected: datetime | None) -> None:
    assert moment(value) == expected


def test_a_moment_is_in_utc_itself_not_only_equal_to_it(three_hours_east: None) -> None:
    parsed = moment("2025-03-05T11:30:00+01:00")
    assert parsed is not None
    assert parsed.utcoffset() is not None
    assert parsed.isoformat() == "2025-03-05T10:30:00+00:00"


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2025-03-05T10:00:00+00:00", "2025-03-05T10:00:00Z"),
        ("2025-03-05T11:00:00+01:00", "2025-03-05T10:00:00Z"),
        ("2025-03-05T01:00:00-05:00", "2025-03-05T06:00:00Z"),
        ("2025-03-05T10:00:00.25+00:00", "2025-03-05T10:00:00.250Z"),
        ("2025-03-05T10:00:00.999999+00:00", "2025-03-05T10:00:00.999Z"),
        ("2025-03-05T10:00:00.000000+00:00", "2025-03-05T10:00:00Z"),
        ("2025-03-05", None),
        (None, None),
    ],
)
def test_a_timestamp_is_utc_with_z_and_milliseconds_only_when_there_are_any(
    value: object, expected: str | None
) -> None:
    assert xapi_timestamp(value) == expected


def test_a_time_without_offset_is_utc_whatever_the_machines_zone(three_hours_east: None) -> None:
    assert xapi_timestamp("2025-03-05T10:00:00") == "2025-03-05T10:00:00Z"
    assert xapi_timestamp("2025-03-05T10:00:00+00:00") == "2025-03-05T10:00:00Z"
    assert xapi_timestamp("2025-03-05T13:00:00+03:00") == "2025-03-05T10:00:00Z"
    assert xapi_duration("2025-03-05T10:00:00", "2025-03-05T10:00:00+00:00") == "PT0S"


START = "2025-03-05T10:00:00+00:00"


@pytest.mark.parametrize(
    ("end", "expected"),
    [
        ("2025-03-05T10:00:00+00:00", "PT0S"),  # no time at all is still a duration
        ("2025-03-05T10:00:00.4+00:00", "PT0S"),
        ("2025-03-05T10:00:01.6+00:00", "PT2S"),
        ("2025-03-05T10:00:59+00:00", "PT59S"),
        ("2025-03-05T10:01:00+00:00", "PT1M"),
        ("2025-03-05T10:01:01+00:00", "PT1M1S"),
        ("2025-03-05T10:01:30+00:00", "PT1M30S"),
        ("2025-03-05T10:05:00+00:00", "PT5M"),
        ("2025-03-05T10:59:59+00:00", "PT59M59S"),
        ("2025-03-05T11:00:00+00:00", "PT1H"),
        ("2025-03-05T11:00:05+00:00", "PT1H5S"),
        ("2025-03-05T11:01:01+00:00", "PT1H1M1S"),
        ("2025-03-05T12:01:00+00:00", "PT2H1M"),
        ("2025-03-06T11:00:00+00:00", "PT25H"),  # hours, never days
        ("2025-03-05T10:30:00Z", "PT30M"),
        ("2025-03-05T11:30:00+01:00", "PT30M"),  # another offset, the same moment
    ],
)
def test_a_duration_names_its_hours_minutes_and_seconds(end: str, expected: str) -> None:
    assert xapi_duration(START, end) == expected


@pytest.mark.parametrize(
    ("start", "end"),
    [
        (START, "2025-03-05T09:59:59+00:00"),  # the end before the start
        (START, "2025-03-05T10:30:00+01:00"),  # 09:30 UTC
        (START, None),
        (None, START),
        (None, None),
        ("2025-03-05", START),
        (START, "2025-03-06"),
    ],
)
def test_a_duration_is_unknown_without_both_moments_in_order(start: object, end: object) -> None:
    assert xapi_duration(start, end) is None
