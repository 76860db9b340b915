"""Small progress rules, pinned exactly: which folder a relative WIJZER_PROGRESS_DIR means, that
the temp-file sweep leaves a file whose target is locked by `storage.locked` (its real lock in
`.locks/`), reflection and spreadsheet cleaning at their limits, readable slugs at their length
limit, the type check of stored answers, and which finished attempt counts (record_of) or is
compared with (previous_result)."""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest

from wijzer_tui.domain.progress.paths import (
    REASON_ENV,
    resolve_progress_dir,
    sweep_stale_temp_files,
)
from wijzer_tui.domain.progress.people import slug
from wijzer_tui.domain.progress.records import Attempt, RecordError, record_of
from wijzer_tui.domain.progress.safe_text import clean_reflection, formula_safe
from wijzer_tui.domain.progress.standing import previous_result
from wijzer_tui.domain.progress.storage import locked

# -- paths -------------------------------------------------------------------------------------


def test_a_relative_folder_in_the_environment_is_taken_from_the_working_folder(
    tmp_path: Path,
) -> None:
    env = {"WIJZER_PROGRESS_DIR": "  voortgang/noord "}
    assert resolve_progress_dir(None, env, tmp_path) == (tmp_path / "voortgang/noord", REASON_ENV)
    absolute = str(tmp_path / "elders")
    assert resolve_progress_dir(None, {"WIJZER_PROGRESS_DIR": absolute}, Path("/")) == (
        tmp_path / "elders",
        REASON_ENV,
    )
    home = Path("~").expanduser()
    assert resolve_progress_dir("~/wijzer", {}, tmp_path)[0] == home / "wijzer"


def test_the_sweep_leaves_a_temp_file_whose_target_is_locked(tmp_path: Path) -> None:
    stale = tmp_path / ".x.json.abcdefgh.tmp"
    stale.write_bytes(b"{")
    two_hours_ago = time.time() - 7200
    os.utime(stale, (two_hours_ago, two_hours_ago))
    with locked(tmp_path / "x.json"):
        assert sweep_stale_temp_files(tmp_path) == []
    assert stale.exists()
    assert sweep_stale_temp_files(tmp_path) == [stale]  # lock file there, but free
    assert not stale.exists()


# -- safe_text ---------------------------------------------------------------------------------


def test_a_reflection_keeps_every_kind_of_line_break_as_one_newline() -> None:
    assert clean_reflection("a\rb\r\nc\nd\te\x07f") == "a\nb\nc\nd ef"


@pytest.mark.parametrize(
    ("cell", "safe"),
    [
        ("\tabc", "'\tabc"),
        ("\rabc", "'\rabc"),
        ("abc\t", "abc\t"),
        (" " * 63 + "=1", "'" + " " * 63 + "=1"),
        (" " * 64 + "=1", " " * 64 + "=1"),  # the formula check looks at 64 characters
    ],
)
def test_a_cell_a_spreadsheet_could_trim_into_a_formula_is_quoted(cell: str, safe: str) -> None:
    assert formula_safe(cell) == safe


# -- people ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Marloes Ëlsgén", "marloes-elsgen"),
        ("  --Zoë & Øyvind.-- ", "zoe-oyvind"),
        ("a" * 41, "a" * 40),
        ("a" * 40, "a" * 40),
        ("a" * 39 + " b", "a" * 39),  # the cut falls on a dash: it goes too
        ("a" * 38 + " bc", "a" * 38 + "-b"),
        ("!?", ""),
    ],
)
def test_a_slug_is_readable_and_at_most_forty_characters(text: str, expected: str) -> None:
    assert slug(text) == expected


def test_a_slug_keeps_to_a_shorter_limit() -> None:
    assert slug("ab cd", limit=3) == "ab"
    assert slug("ab cd", limit=4) == "ab-c"


# -- records -----------------------------------------------------------------------------------

STORED = {"id": "a-1", "learner_id": "l", "scenario_id": "01-regie", "content_version": 2}


@pytest.mark.parametrize("answers", [{}, "", [1], [{}, "x"]])
def test_stored_answers_that_are_not_a_list_of_objects_are_refused(answers: object) -> None:
    with pytest.raises(RecordError) as info:
        Attempt.from_dict({**STORED, "answers": answers})
    assert str(info.value) == "in een poging heeft het veld 'answers' een verkeerd type"


def done(id_: str, score: int | None, finished: str | None) -> Attempt:
    attempt = Attempt(id_, "l", "01-regie", 2, status="finished", score=score)
    attempt.finished = finished
    return attempt


def test_a_score_of_one_counts_above_a_later_zero_or_none() -> None:
    one = done("een", 1, "2025-03-01T10:00:00+00:00")
    zero = done("nul", 0, "2025-03-02T10:00:00+00:00")
    none = done("geen", None, "2025-03-03T10:00:00+00:00")
    assert record_of([one, zero, none]) is one


def test_on_a_tie_an_attempt_without_a_finish_time_counts_as_finished_first() -> None:
    timed = done("met-tijd", 50, "2025-03-01T10:00:00+00:00")
    untimed = done("zonder-tijd", 50, None)
    assert record_of([timed, untimed]) is timed
    assert record_of([untimed, timed]) is timed


def test_a_retry_compares_with_the_latest_finished_attempt_not_the_first_listed() -> None:
    early = done("vroeg", 40, "2025-03-01T10:00:00+00:00")
    late = done("laat", 90, "2025-03-05T10:00:00+00:00")
    current = done("nu", 70, "2025-03-09T10:00:00+00:00")
    assert previous_result([early, late, current], "nu") is late
    assert previous_result([late, early, current], "nu") is late
    assert previous_result([current], "nu") is None
