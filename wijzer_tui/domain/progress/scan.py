"""Frustratiescan: how much each frustration weighs on a learner's work (1-5), before and after.

A scan rates every loaded scenario (one per frustration of the wijzer). Scans are stored in the
learner's own file as the TinyDB table `scans`, next to `profile` and `attempts`; this module
reads and writes that table only, so the rest of the learner file is never touched here.
Stored documents are checked field by field on read; a document with the wrong shape is skipped
(the scan is secondary data: it never makes the learner's file unusable).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from wijzer_tui.domain.content.model import Scenario
from wijzer_tui.domain.errors import StoreError
from wijzer_tui.domain.progress.records import SCHEMA_VERSION, local_date, new_id, now_iso
from wijzer_tui.domain.progress.storage import WijzerDB, locked_db

TABLE = "scans"
LOWEST, HIGHEST = 1, 5
SCALE: dict[int, str] = {
    1: "weegt niet",
    2: "weegt licht",
    3: "weegt best zwaar",
    4: "weegt zwaar",
    5: "weegt heel zwaar",
}
# Why a scan was taken: first start, from home, after a case, after all five cases.
MOMENTS: dict[str, str] = {
    "start": "bij de start",
    "thuis": "vanaf de start",
    "na-casus": "na een casus",
    "na-alles": "na alle casussen",
}


@dataclass
class Scan:
    """One filled-in scan: scenario id -> rating 1..5 (every frustration rated)."""

    id: str
    learner_id: str
    ratings: dict[str, int]
    moment: str = "thuis"
    at: str = field(default_factory=now_iso)
    after_scenario: str | None = None  # the case just finished (moment "na-casus")

    def to_dict(self) -> dict[str, Any]:
        """Plain data for storage."""
        return {
            "id": self.id,
            "learner_id": self.learner_id,
            "ratings": dict(self.ratings),
            "moment": self.moment,
            "at": self.at,
            "after_scenario": self.after_scenario,
        }


def new_scan(
    learner_id: str,
    ratings: dict[str, int],
    scenarios: Sequence[Scenario],
    moment: str = "thuis",
    after_scenario: str | None = None,
) -> Scan:
    """A checked scan; StoreError (Dutch) when a frustration is unrated or out of range."""
    if moment not in MOMENTS:
        raise StoreError(f"Onbekend moment voor de scan: {moment!r}.")
    missing = [s for s in scenarios if s.id not in ratings]
    if missing:
        names = ", ".join(f"{s.number}. {s.title}" for s in missing)
        raise StoreError(f"Geef elke frustratie een cijfer. Nog open: {names}.")
    for value in ratings.values():
        if type(value) is not int or not LOWEST <= value <= HIGHEST:
            raise StoreError(f"Een cijfer moet van {LOWEST} tot en met {HIGHEST} zijn.")
    known = {s.id for s in scenarios}
    kept = {sid: v for sid, v in ratings.items() if sid in known}
    return Scan(new_id(), learner_id, kept, moment, now_iso(), after_scenario)


def scan_of(doc: Any) -> Scan | None:
    """A Scan from a stored document, or None when any field has the wrong type or value."""
    if not isinstance(doc, dict):
        return None
    ratings = doc.get("ratings")
    texts = [doc.get(k) for k in ("id", "learner_id", "moment", "at")]
    after = doc.get("after_scenario")
    if not all(isinstance(t, str) for t in texts) or not isinstance(ratings, dict):
        return None
    if after is not None and not isinstance(after, str):
        return None
    if not ratings or not all(
        isinstance(k, str) and type(v) is int and LOWEST <= v <= HIGHEST for k, v in ratings.items()
    ):
        return None
    scan_id, learner_id, moment, at = texts
    return Scan(scan_id, learner_id, dict(ratings), moment, at, after)  # type: ignore[arg-type]


def scans_in(db: WijzerDB) -> list[Scan]:
    """The well-formed scans of a learner file, oldest first (none for a missing file)."""
    scans = [s for s in map(scan_of, db.table(TABLE).all()) if s is not None]
    return sorted(scans, key=lambda s: s.at)


def insert_scan(path: Path, scan: Scan) -> None:
    """Add `scan` to the learner file at `path` under its lock (TinyDB's own table API).

    Raises StoreError when the learner file does not exist (never creates one) and
    DamagedFileError (for the caller to set aside) when the file cannot be read.
    """
    with locked_db(path) as db:
        if not db.table("profile").all():
            raise StoreError("Deze leerling is niet gevonden.")
        db.table(TABLE).insert({**scan.to_dict(), "schema_version": SCHEMA_VERSION})


# -- before and after ------------------------------------------------------------------------


@dataclass(frozen=True)
class Change:
    """One frustration's first and latest rating (None when there is no later scan)."""

    scenario: Scenario
    before: int | None
    after: int | None

    @property
    def delta(self) -> int | None:
        """after - before: negative means the frustration weighs less now."""
        if self.before is None or self.after is None:
            return None
        return self.after - self.before


def before_after(scans: Sequence[Scan], scenarios: Iterable[Scenario]) -> list[Change]:
    """Per scenario the rating of the first scan and of the latest later scan."""
    first = scans[0] if scans else None
    last = scans[-1] if len(scans) > 1 else None
    return [
        Change(
            s,
            first.ratings.get(s.id) if first else None,
            last.ratings.get(s.id) if last else None,
        )
        for s in scenarios
    ]


def suggestion(
    ratings: dict[str, int], scenarios: Sequence[Scenario], finished: Iterable[str]
) -> Scenario | None:
    """Where to start: the heaviest rated frustration not yet finished (lowest number on a tie)."""
    done = set(finished)
    open_ones = [s for s in scenarios if s.id not in done and s.id in ratings]
    if not open_ones:
        return None
    return min(open_ones, key=lambda s: (-ratings[s.id], s.number))


def scan_dates(scans: Sequence[Scan]) -> tuple[str, str]:
    """Dutch dates of the first scan and of the latest later one ('' when there is none)."""
    first = local_date(scans[0].at) if scans else ""
    last = local_date(scans[-1].at) if len(scans) > 1 else ""
    return first, last
