"""Bewijs van deelname: the completed cases of one learner, and a code to check them.

The code is the first 40 bits (base32, `ABCD-EFGH`) of a SHA-256 over the learner id and the
id, scenario, finish time, mode and content version of every finished attempt, oldest first.
Records never change once finished, so a coordinator who holds the learner's records (own
folder or `wijzer import`) can recompute it: `check_code` tries every learner and every count
of finished attempts (a bewijs issued before later cases were finished stays checkable).

What a matching code proves: the cases, dates, modes and versions on the bewijs are exactly
the first N completed attempts of that learner in the coordinator's records. What it does not
prove: who sat at the keyboard, or that the records themselves are genuine (it is a checksum,
not a signature: anyone holding the records can compute it).
"""

from __future__ import annotations

import base64
import hashlib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from wijzer_tui.domain.content.model import Scenario
from wijzer_tui.domain.progress.records import Attempt, Profile, local_date

MODES = {"self": "zelfstudie", "team": "team"}
_SALT = b"wijzer-bewijs-v1\n"


def completed(attempts: Iterable[Attempt]) -> list[Attempt]:
    """The finished attempts, in the order they were finished (then started, then by id)."""
    done = [a for a in attempts if a.status == "finished" and a.finished]
    return sorted(
        done,
        key=lambda a: (
            a.finished or "",  # pragma: no mutate (`done` holds finished attempts only)
            a.started,
            a.id,
        ),
    )


def _code(learner_id: str, done: Sequence[Attempt]) -> str:
    lines = [learner_id] + [
        f"{a.id}|{a.scenario_id}|{a.finished}|{a.mode}|{a.content_version}" for a in done
    ]
    plain = "\n".join(lines)
    raw = plain.encode("utf-8")  # pragma: no mutate (codec names ignore case)
    digest = hashlib.sha256(_SALT + raw).digest()
    code = base64.b32encode(digest[:5])
    text = code.decode("ascii")  # pragma: no mutate (codec names ignore case)
    return f"{text[:4]}-{text[4:]}"


def proof_code(learner_id: str, attempts: Iterable[Attempt]) -> str:
    """The check code over all of a learner's completed attempts."""
    return _code(learner_id, completed(attempts))


def normalise_code(code: str) -> str:
    """A typed code as `ABCD-EFGH`: case, spaces and dashes do not matter."""
    # Base32 has no 0 or 1: someone who types them means O or I.
    plain = "".join(ch for ch in code.upper() if ch.isalnum()).replace("0", "O").replace("1", "I")
    return f"{plain[:4]}-{plain[4:]}" if len(plain) == 8 else plain


@dataclass(frozen=True)
class Checked:
    """A code that matched: whose records, and which completed attempts it covers."""

    profile: Profile
    attempts: tuple[Attempt, ...]


def check_code(code: str, records: Iterable[tuple[Profile, list[Attempt]]]) -> Checked | None:
    """The learner and attempts a code was made for, or None when no records match."""
    wanted = normalise_code(code)
    for profile, attempts in records:
        done = completed(attempts)
        for count in range(len(done), 0, -1):
            if _code(profile.id, done[:count]) == wanted:
                return Checked(profile, tuple(done[:count]))
    return None


@dataclass(frozen=True)
class ProofLine:
    """One completed case as the bewijs lists it."""

    title: str
    date: str
    mode: str
    version: int
    score: int | None


def proof_lines(attempts: Sequence[Attempt], scenarios: Sequence[Scenario]) -> list[ProofLine]:
    """Every completed attempt as a line: scenario title, Dutch date, mode, content version."""
    titles = {s.id: f"{s.number}. {s.title}" for s in scenarios}
    return [
        ProofLine(
            titles.get(a.scenario_id, f"casus {a.scenario_id}"),
            local_date(a.finished),
            MODES.get(a.mode, a.mode),
            a.content_version,
            a.score,
        )
        for a in completed(attempts)
    ]
