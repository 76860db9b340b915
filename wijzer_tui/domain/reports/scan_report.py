"""Frustratiescan for coordinators: only aggregated per team or organisation, never below 5.

A group (team or organisation) is shown only when it has at least MIN_GROUP learners; its mean
change per frustration only when at least MIN_GROUP of them did a scan before and after. So a
coordinator never sees, or can work out, one person's ratings.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from wijzer_tui.domain.content.model import Scenario
from wijzer_tui.domain.errors import StoreError
from wijzer_tui.domain.progress.records import Profile
from wijzer_tui.domain.progress.scan import TABLE, Scan, scans_in

if TYPE_CHECKING:
    from wijzer_tui.domain.reports.grid import ReportFilter

MIN_GROUP = 5
TOO_SMALL = f"minder dan {MIN_GROUP} deelnemers: niet getoond"
SCAN_NOTE = (
    "Hoe zwaar de vijf frustraties wegen (1 = niet, 5 = heel zwaar), voor en na het oefenen. "
    "Een verandering onder 0 betekent: weegt nu lichter. Alleen groepen van minstens "
    f"{MIN_GROUP} deelnemers; per persoon is niets te zien."
)


@dataclass(frozen=True)
class ScanGroup:
    """The scan figures of one team or organisation."""

    kind: str  # "team" or "organisatie"
    name: str
    learners: int
    scanned: int  # learners with at least one scan (a "before")
    repeated: int  # learners with a scan before and a later one (an "after")
    # scenario id -> mean (after - before) over `repeated`; None while repeated < MIN_GROUP
    mean_change: dict[str, float] | None

    @property
    def shown(self) -> bool:
        """False for groups too small to show anything."""
        return self.learners >= MIN_GROUP


def read_scans(root: Path) -> list[tuple[Profile, list[Scan]]]:
    """Every learner in `root/learners` with their scans (tolerant: odd files are skipped).

    Read through TinyDB like every learner file; files without a scan table are passed over.
    Damaged files are reported by the store's own reads.
    """
    from wijzer_tui.domain.progress.storage import open_db  # only when a report is made

    folder = root / "learners"
    try:
        names = sorted(e.name for e in os.scandir(folder) if e.name.endswith(".json"))
    except OSError:
        return []
    found = []
    for name in names:
        try:
            db = open_db(folder / name, snapshot=True)  # pragma: no mutate (speed only)
            if TABLE not in db.tables():
                continue
            profile = Profile.from_dict(db.table("profile").all()[0])
        except (StoreError, IndexError, KeyError, TypeError, ValueError, AttributeError):
            continue  # a wrongly typed team or organisation too (RecordError is a TypeError)
        found.append((profile, scans_in(db)))
    return found


def _group(
    kind: str, name: str, members: Sequence[tuple[Profile, list[Scan]]], scenarios: list[str]
) -> ScanGroup:
    scanned = [scans for _, scans in members if scans]
    repeated = [scans for scans in scanned if len(scans) > 1]
    mean: dict[str, float] | None = None
    if len(repeated) >= MIN_GROUP:
        mean = {}
        for sid in scenarios:
            deltas = [
                s[-1].ratings[sid] - s[0].ratings[sid]
                for s in repeated
                if sid in s[0].ratings and sid in s[-1].ratings
            ]
            if len(deltas) >= MIN_GROUP:
                mean[sid] = round(sum(deltas) / len(deltas), 1)
    return ScanGroup(kind, name, len(members), len(scanned), len(repeated), mean)


def scan_groups(
    learners: Iterable[Profile],
    scans: Iterable[tuple[Profile, list[Scan]]],
    scenarios: Sequence[Scenario],
    flt: ReportFilter | None = None,
) -> list[ScanGroup]:
    """Per team, then per organisation, the scan figures of the learners passing `flt`.

    `learners` are all learners of the report (also those without a scan: they count for the
    group size); `scans` those with scans (see read_scans). Demo and team-attendee profiles
    count like everyone else; learners without a team or organisation are in no such group.
    """
    by_id = {p.id: list(s) for p, s in scans}
    shown = [p for p in learners if flt is None or flt.matches(p)]
    ids = [s.id for s in scenarios]
    groups = []
    for kind, attr in (("team", "team"), ("organisatie", "organisation")):
        members: dict[str, list[tuple[Profile, list[Scan]]]] = {}
        for p in shown:
            name = getattr(p, attr)
            if name:
                # pragma: no mutate start (no scans: [] or None, both count as none)
                members.setdefault(name, []).append((p, by_id.get(p.id, [])))
                # pragma: no mutate end
        for name in sorted(members, key=str.casefold):
            groups.append(_group(kind, name, members[name], ids))
    return groups


def change_text(value: float) -> str:
    """A mean change in Dutch: '-1,2 (lichter)', '+0,4 (zwaarder)', '0,0 (gelijk)'."""
    number = f"{value:+.1f}".replace(".", ",") if value else "0,0"
    word = "lichter" if value < 0 else ("zwaarder" if value > 0 else "gelijk")
    return f"{number} ({word})"


def group_label(group: ScanGroup) -> str:
    """'Team Noord' for a team called Noord, and for one called 'Team Noord' (not 'Team Team')."""
    word = "Team" if group.kind == "team" else "Organisatie"
    if group.name.casefold().startswith(word.casefold() + " "):
        return group.name
    return f"{word} {group.name}"


def group_lines(groups: Sequence[ScanGroup], scenarios: Sequence[Scenario]) -> list[str]:
    """Plain Dutch lines for the terminal overview and Markdown (one block per group)."""
    lines: list[str] = []
    for g in groups:
        label = group_label(g)
        if not g.shown:
            lines.append(f"{label}: {TOO_SMALL}.")
            continue
        lines.append(
            f"{label}: {g.learners} deelnemers, scan vooraf: {g.scanned}, voor én na: {g.repeated}."
        )
        if g.mean_change is None:
            lines.append(
                f"  Gemiddelde verandering: pas vanaf {MIN_GROUP} deelnemers met voor én na."
            )
            continue
        for s in scenarios:
            if s.id in g.mean_change:
                lines.append(f"  {change_text(g.mean_change[s.id])} · {s.number}. {s.title}")
    return lines


def groups_data(groups: Sequence[ScanGroup]) -> list[dict[str, Any]]:
    """JSON-ready figures; groups below the minimum carry only their name and kind."""
    out = []
    for g in groups:
        if not g.shown:
            out.append({"soort": g.kind, "naam": g.name, "getoond": False})
            continue
        out.append({
            "soort": g.kind, "naam": g.name, "getoond": True, "deelnemers": g.learners,
            "scan_vooraf": g.scanned, "scan_voor_en_na": g.repeated,
            "gemiddelde_verandering": g.mean_change,
        })  # fmt: skip
    return out
