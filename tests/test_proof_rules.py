"""The check code of a bewijs van deelname and its lines, pinned by hand: which attempts count as
completed and in what order, the code itself (its recipe and two fixed values), how a typed code
is read (0 is O, 1 is I, only 8 characters get the dash), that a code over the first of several
completed cases still checks, and the fallbacks of a line for an unknown case or mode."""

from __future__ import annotations

import base64
import hashlib
from typing import Any

import pytest
from report_fixtures import ALFA, BETA, at

from wijzer_tui.domain.progress.records import Attempt, Profile, local_date
from wijzer_tui.domain.reports.proof import (
    Checked,
    ProofLine,
    check_code,
    completed,
    normalise_code,
    proof_code,
    proof_lines,
)

EVA = Profile("eva0001", "Eva", "jeugdzorg")
BO = Profile("bo0001", "Bo", "politie")


def attempt(
    name: str, scenario: str, day: int | None, status: str = "finished", **kw: Any
) -> Attempt:
    """An attempt of Eva started on 1 March at 10:00, finished on `day` at noon (None: never)."""
    return Attempt(
        id=name,
        learner_id="eva0001",
        scenario_id=scenario,
        content_version=kw.pop("version", 1),
        started=kw.pop("started", at(1, "10:00:00")),
        finished=None if day is None else at(day),
        status=status,  # type: ignore[arg-type]
        **kw,
    )


FIRST = attempt("eva-alfa-1", "alfa", 3, score=80)
SECOND = attempt("eva-beta-1", "beta", 5, mode="team", version=2, score=60)
# Neither is completed: stopped (with a time, as an old record may hold) or busy.
STOPPED = attempt("eva-alfa-2", "alfa", 4, status="stopped")
BUSY = attempt("eva-beta-2", "beta", None, status="busy")


def test_only_finished_attempts_with_a_time_count_in_the_order_they_were_finished() -> None:
    late_start = attempt("a-later-start", "alfa", 3, started=at(2, "09:00:00"))
    same_time = attempt("a-same-time", "beta", 3)
    got = completed([SECOND, STOPPED, late_start, BUSY, same_time, FIRST])
    # Finished on 3 March: started earlier first, then by id; then the one of 5 March.
    assert [a.id for a in got] == ["a-same-time", "eva-alfa-1", "a-later-start", "eva-beta-1"]


def test_the_code_is_sha256_over_the_learner_and_the_completed_attempts() -> None:
    lines = (
        "wijzer-bewijs-v1\neva0001\n"
        "eva-alfa-1|alfa|2025-03-03T12:00:00+00:00|self|1\n"
        "eva-beta-1|beta|2025-03-05T12:00:00+00:00|team|2"
    )
    text = base64.b32encode(hashlib.sha256(lines.encode()).digest()[:5]).decode()
    assert proof_code("eva0001", [SECOND, BUSY, FIRST, STOPPED]) == f"{text[:4]}-{text[4:]}"


def test_the_code_of_these_records_is_fixed() -> None:
    assert proof_code("eva0001", [FIRST]) == "ADJN-MXXE"
    assert proof_code("eva0001", [FIRST, SECOND]) == "7NTY-RTJN"
    assert proof_code("bo0001", [FIRST, SECOND]) == "JN6A-WKIT"


@pytest.mark.parametrize(
    ("typed", "read"),
    [
        ("7nty-rtjn", "7NTY-RTJN"),
        (" 7n ty\trt jn ", "7NTY-RTJN"),
        ("0a1b-0c1d", "OAIB-OCID"),  # base32 has no 0 or 1: the typist meant O and I
        ("abc", "ABC"),  # not 8 characters: no dash
        ("abcd-efghi", "ABCDEFGHI"),
        ("", ""),
    ],
)
def test_a_typed_code_is_read_without_case_spaces_or_dashes(typed: str, read: str) -> None:
    assert normalise_code(typed) == read


def test_a_code_checks_against_every_learner_and_every_count_of_completed_cases() -> None:
    records = [(BO, []), (EVA, [FIRST, STOPPED, BUSY, SECOND])]
    assert check_code("7nty rtjn", records) == Checked(EVA, (FIRST, SECOND))
    # A bewijs made after the first case only still checks, and covers only that case.
    assert check_code("ADJN-MXXE", records) == Checked(EVA, (FIRST,))
    assert check_code("ADJN-MXXF", records) is None
    assert check_code("ADJN-MXXE", [(BO, [FIRST])]) is None  # another learner's records


def test_a_line_per_completed_case_with_fallbacks_for_an_unknown_case_or_mode() -> None:
    unknown = attempt("eva-gamma-1", "gamma", 6, mode="video", score=None)
    lines = proof_lines([unknown, SECOND, STOPPED, FIRST], [ALFA, BETA])
    assert lines == [
        ProofLine("1. Ik mis de regie", local_date(at(3)), "zelfstudie", 1, 80),
        ProofLine("2. Ik weet niet wat mijn partners doen", local_date(at(5)), "team", 2, 60),
        ProofLine("casus gamma", local_date(at(6)), "video", 1, None),
    ]
    assert [line.date for line in lines] == ["03-03-2025", "05-03-2025", "06-03-2025"]
