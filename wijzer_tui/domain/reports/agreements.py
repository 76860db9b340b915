"""Team-session agreements for the coordinator report: read from `<root>/teams/*.json`, filtered."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from wijzer_tui.domain.errors import StoreError
from wijzer_tui.domain.progress.storage import open_db
from wijzer_tui.domain.reports.filters import ReportFilter


@dataclass(frozen=True)
class Agreement:
    """An agreement from a team session: who does what, when (hook for the team-session issue)."""

    who: str
    what: str
    when: str
    scenario_id: str = ""
    team: str = ""
    session_id: str = ""
    organisation: str = ""
    date: str = ""  # the day of the team session


def filter_agreements(agreements: Iterable[Agreement], flt: ReportFilter) -> list[Agreement]:
    """Agreements of sessions of the filtered team and organisation (sessions mix professions)."""
    return [
        a
        for a in agreements
        if (not flt.team or a.team == flt.team)
        and (not flt.organisation or a.organisation == flt.organisation)
    ]


def load_team_agreements(root: Path) -> list[Agreement]:
    """Agreements from team sessions in `root/teams/*.json`; empty when there are none.

    Reads the team-session files through TinyDB (no locks: files are replaced whole), tolerant:
    a missing folder, an unreadable or damaged file or an odd entry is skipped, never an error
    (the team screens set damaged files aside). Read shape:
    TinyDB tables whose documents carry `agreements: [{who, what, when}]` next to `id`,
    `scenario_id`, `team`, `organisation` and `date`, as TeamSession.to_dict writes them.
    """
    found: list[Agreement] = []
    for path in sorted((root / "teams").glob("*.json")) if (root / "teams").is_dir() else []:
        try:
            db = open_db(path) if path.stat().st_size < 10_000_000 else None
            docs = (
                [doc for name in db.tables() for doc in db.table(name).all()]
                if db is not None
                else []
            )
        except (OSError, StoreError):
            continue
        for doc in docs:
            items = doc.get("agreements")
            for item in items if isinstance(items, list) else ():
                if isinstance(item, dict) and isinstance(item.get("what"), str):
                    found.append(Agreement(
                        _text(item, "who"), item["what"], _text(item, "when"),
                        _text(doc, "scenario_id"), _text(doc, "team"), _text(doc, "id"),
                        _text(doc, "organisation"), _text(doc, "date"),
                    ))  # fmt: skip
    return found


def _text(data: dict[str, Any], key: str) -> str:
    value = data.get(key)
    return value if isinstance(value, str) else ""
