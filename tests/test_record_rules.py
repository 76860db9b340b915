"""Small record rules a user sees: times without microseconds, Dutch local dates, the messages
about a wrongly typed record, and which attempt counts when scores tie or are missing."""

from __future__ import annotations

import re
from datetime import datetime

import pytest

from wijzer_tui.domain.progress.records import (
    Attempt,
    Profile,
    RecordError,
    check_fields,
    local_date,
    local_datetime,
    now_iso,
    record_of,
)


def test_times_are_stored_to_the_second_in_utc() -> None:
    assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+00:00", now_iso())


def test_dates_are_dutch_and_local() -> None:
    iso = "2026-03-12T13:05:00+00:00"
    local = datetime.fromisoformat(iso).astimezone()
    assert local_datetime(iso) == local.strftime("%d-%m-%Y %H:%M")
    assert re.fullmatch(r"\d\d-\d\d-2026 \d\d:\d\d", local_datetime(iso))
    assert local_date(iso) == local.strftime("%d-%m-%Y")
    assert local_datetime(None) == local_datetime("gisteren") == local_date("") == ""


def test_a_wrongly_typed_record_is_named() -> None:
    with pytest.raises(
        RecordError, match=r"^in het profiel heeft het veld 'id' een verkeerd type$"
    ):
        Profile.from_dict({"id": 7, "name": "Noor", "beroepsgroep": "politie"})
    with pytest.raises(
        RecordError, match=r"^in een poging heeft het veld 'answers' een verkeerd type$"
    ):
        Attempt.from_dict(
            {"id": "a", "learner_id": "l", "scenario_id": "s", "content_version": 1, "answers": "x"}
        )
    with pytest.raises(
        RecordError, match=r"^in de sessie heeft het veld 'name' een verkeerd type$"
    ):
        check_fields(Profile("p", 5, "politie"), "de sessie")  # type: ignore[arg-type]
    bare = Attempt.from_dict(
        {"id": "a", "learner_id": "l", "scenario_id": "s", "content_version": 1}
    )
    assert bare.answers == []


def done(aid: str, score: int | None, finished: str) -> Attempt:
    return Attempt(aid, "l", "s", 1, status="finished", score=score, finished=finished)


def test_the_attempt_that_counts_when_scores_tie_or_are_missing() -> None:
    early, late = "2026-03-01T10:00:00+00:00", "2026-03-02T10:00:00+00:00"
    # No score counts as 0: on a tie the one finished last counts.
    assert record_of([done("geen", None, early), done("nul", 0, late)]).id == "nul"  # type: ignore[union-attr]
    # Listed out of order: the finish time decides, not the place in the list.
    assert record_of([done("laat", 50, late), done("vroeg", 50, early)]).id == "laat"  # type: ignore[union-attr]
