"""Team-session agreements for the coordinator report: read from `<root>/teams/*.json`, filtered."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

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


def load_team_agreements(root: Path, warnings: list[str] | None = None) -> list[Agreement]:
    """Agreements from team sessions in `root/teams/*.json` (by file name); empty when none.

    Read through TeamStore, so every field is type-checked: a damaged or wrongly typed team
    file is set aside like a learner file, its Dutch message added to `warnings`, and the
    report carries on with the others.
    """
    from wijzer_tui.domain.team.store import TeamStore  # the team modules load only when needed

    store = TeamStore(root)
    sessions = sorted(store.sessions(), key=lambda s: s.id)
    if warnings is not None:
        warnings.extend(w for w in store.warnings if w not in warnings)
    return [
        Agreement(a.who, a.what, a.when, s.scenario_id, s.team, s.id, s.organisation, s.date)
        for s in sessions
        for a in s.agreements
    ]
