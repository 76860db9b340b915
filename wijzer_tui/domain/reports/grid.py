"""Coordinator report: the learners × scenarios grid, filters, sorting, completion and knowledge gaps."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from wijzer_tui.domain.content.model import Scenario, Tip
from wijzer_tui.domain.progress.learner_files import paused_gc
from wijzer_tui.domain.progress.records import Attempt, Profile, now_iso, record_of
from wijzer_tui.domain.reports.agreements import Agreement, filter_agreements
from wijzer_tui.domain.reports.filters import ReportFilter
from wijzer_tui.domain.reports.paths import Choices, PathIndex, PathSpread, path_spread

NEW, BUSY, DONE = "nieuw", "bezig", "afgerond"
TOP_MISSED = 5

# Sort keys (stable, used on the command line and in the screen) with their Dutch labels.
SORT_LABELS: dict[str, str] = {
    "naam": "Naam",
    "team": "Team",
    "organisatie": "Organisatie",
    "beroepsgroep": "Beroepsgroep",
    "voortgang": "Voortgang",
    "score": "Gemiddelde score",
}


@dataclass(slots=True)  # not frozen: 7,500 frozen cells cost as much as reading the files
class Cell:
    """One learner's state for one scenario, as the grid shows it."""

    scenario_id: str
    state: str = NEW  # nieuw / bezig / afgerond
    score: int | None = None  # of the record attempt (afgerond only)
    date: str | None = None  # ISO time: finished (afgerond) or last activity (bezig)
    mode: str | None = None  # "self" or "team" of the attempt shown
    attempts: int = 0
    missed: frozenset[str] = frozenset()  # tip ids missed in the record attempt
    # The attempt that counts (afgerond), else the newest; None in summary rows (see build_rows).
    record: Attempt | None = None
    reflections: tuple[str, ...] = ()  # of `record`, only when the learner shares them
    # The team session whose group decision this cell records (team attempts only): every
    # attendee carries the same answers, so "Vaakst gemist" counts that decision once.
    team_session: str | None = None
    # Branching cases, of `record` (afgerond only): the choices at each decision point on its
    # path and the ending reached; kept in summary rows, which drop `record`.
    choices: Choices = ()
    ending: str | None = None


@dataclass(slots=True)
class Row:
    """One learner with a cell per scenario."""

    profile: Profile
    cells: dict[str, Cell]
    attempts: tuple[Attempt, ...] = ()

    @property
    def finished_count(self) -> int:
        """How many scenarios this learner has finished."""
        return sum(1 for c in self.cells.values() if c.state == DONE)

    @property
    def mean_score(self) -> int | None:
        """The mean score over finished scenarios, or None when none is finished."""
        scores = [c.score for c in self.cells.values() if c.score is not None]
        return round(sum(scores) / len(scores)) if scores else None


@dataclass(frozen=True)
class MissedTip:
    """A tip and how often it was missed among the decisions that finished the scenario: each
    self-study learner is one decision, each team session one (not one per attendee)."""

    tip: Tip
    count: int
    share: float  # 0..1 of `finished`


@dataclass(frozen=True)
class ScenarioSummary:
    """Completion and knowledge gaps of one scenario over the shown learners."""

    scenario: Scenario
    learners: int
    finished: int
    busy: int
    mean_score: int | None
    missed: tuple[MissedTip, ...]
    agreements: tuple[Agreement, ...] = ()
    paths: PathSpread | None = None  # branching cases: choices per decision point, endings

    @property
    def new(self) -> int:
        """Learners who have not started this scenario."""
        return self.learners - self.finished - self.busy

    @property
    def completion_rate(self) -> float:
        """Share of the shown learners who finished (0..1)."""
        return self.finished / self.learners if self.learners else 0.0


@dataclass
class Report:
    """Everything a coordinator sees or exports, for one filter and sort order."""

    scenarios: list[Scenario]
    rows: list[Row]
    summaries: list[ScenarioSummary]
    filter: ReportFilter = field(default_factory=ReportFilter)
    agreements: list[Agreement] = field(default_factory=list)
    generated: str = field(default_factory=now_iso)
    # Frustratiescan per team/organisation (scan_report.ScanGroup); filled for md and json only.
    scan_groups: list[Any] = field(default_factory=list)

    @property
    def synthetic_count(self) -> int:
        """How many shown learners are demo (synthetic) learners."""
        return sum(1 for r in self.rows if r.profile.synthetic)


def shared_reflections(profile: Profile, attempt: Attempt) -> list[str]:
    """The attempt's reflection texts, but only when the learner shares them; else nothing."""
    if not profile.share_reflections:
        return []
    return [a.reflection for a in attempt.answers if a.reflection and a.reflection.strip()]


def _cell(profile: Profile, scenario_id: str, attempts: list[Attempt], index: PathIndex) -> Cell:
    """The cell of a scenario the learner started (`attempts` is not empty)."""
    record = record_of(attempts)
    choices: Choices = ()
    ending = None
    if record is not None:
        missed, choices, ending = index.follow(record)
        state, score, date, mode = DONE, record.score or 0, record.finished, record.mode
    else:
        record = attempts[-1]  # the newest, still busy or stopped
        missed, state, score, mode = frozenset(), BUSY, None, record.mode
        date = record.answers[-1].at if record.answers else record.started
    texts = tuple(shared_reflections(profile, record))
    session = record.team_session_id if record.mode == "team" else None
    return Cell(
        scenario_id, state, score, date, mode, len(attempts), missed, record, texts, session,
        choices, ending,
    )  # fmt: skip


def build_rows(
    records: Iterable[tuple[Profile, list[Attempt]]],
    scenarios: Sequence[Scenario],
    *,
    keep_attempts: bool = True,
) -> list[Row]:
    """One row per learner with a cell per scenario (attempts of unknown scenarios are kept aside).

    With keep_attempts=False the rows are summaries: no `Row.attempts`, no `Cell.record`. Fed
    from `ProgressStore.iter_records()`, each learner's records are then freed as soon as its
    row is made, which makes the grid and the exports about 2x faster than keeping them.
    """
    indexes = [(s.id, PathIndex(s)) for s in scenarios]
    rows = []
    with paused_gc():
        for profile, attempts in records:
            by_scenario: dict[str, list[Attempt]] = {}
            for attempt in attempts:
                by_scenario.setdefault(attempt.scenario_id, []).append(attempt)
            cells = {}
            for sid, index in indexes:
                found = by_scenario.get(sid)
                cells[sid] = _cell(profile, sid, found, index) if found else Cell(sid)
                if not keep_attempts:
                    cells[sid].record = None
            rows.append(Row(profile, cells, tuple(attempts) if keep_attempts else ()))
    return rows


def filter_rows(rows: Iterable[Row], flt: ReportFilter) -> list[Row]:
    """The rows whose learner passes the filter."""
    return [r for r in rows if flt.matches(r.profile)]


def filter_choices(rows: Iterable[Row]) -> dict[str, list[str]]:
    """The distinct non-empty teams, organisations and beroepsgroepen, sorted, for filter menus."""
    teams, orgs, groups = set(), set(), set()
    for row in rows:
        teams.add(row.profile.team)
        orgs.add(row.profile.organisation)
        groups.add(row.profile.beroepsgroep)
    return {
        "team": sorted(t for t in teams if t),
        "organisation": sorted(o for o in orgs if o),
        "beroepsgroep": sorted(g for g in groups if g),
    }


def sort_rows(
    rows: Iterable[Row],
    key: str = "naam",  # pragma: no mutate (an unknown key sorts by name too)
    reverse: bool = False,
) -> list[Row]:
    """Rows sorted by a key of SORT_LABELS or a scenario id (its score); name breaks ties.

    Empty values (no team, no score) always go last, whatever the direction.
    """
    rows = sorted(rows, key=lambda r: (r.profile.name.casefold(), r.profile.id))

    def value(row: Row) -> Any:
        p = row.profile
        if key == "team":
            return p.team.casefold() or None
        if key == "organisatie":
            return p.organisation.casefold() or None
        if key == "beroepsgroep":
            return p.beroepsgroep.casefold() or None
        if key == "voortgang":
            return row.finished_count
        if key == "score":
            return row.mean_score
        if key in row.cells:
            return row.cells[key].score  # None unless finished
        return p.name.casefold()

    present = [r for r in rows if value(r) is not None]
    missing = [r for r in rows if value(r) is None]
    return sorted(present, key=value, reverse=reverse) + missing


def summarise(
    rows: Sequence[Row],
    scenarios: Sequence[Scenario],
    agreements: Sequence[Agreement] = (),
    top: int = TOP_MISSED,
) -> list[ScenarioSummary]:
    """Per scenario: completion over `rows`, mean score, the most often missed tips, agreements
    and, for a branching case, the choices per decision point and the endings reached."""
    summaries = []
    for scenario in scenarios:
        cells = [r.cells[scenario.id] for r in rows if scenario.id in r.cells]
        done = [c for c in cells if c.state == DONE]
        busy = sum(1 for c in cells if c.state == BUSY)
        decisions = list({c.team_session or id(c): c for c in done}.values())
        counts = Counter(tip_id for c in decisions for tip_id in c.missed)
        order = {t.id: i for i, t in enumerate(scenario.tips)}
        ranked = sorted(counts.items(), key=lambda kv: (-kv[1], order[kv[0]]))  # known tips only
        missed = tuple(
            MissedTip(tip, n, n / len(decisions))
            for tip_id, n in ranked[:top]
            if (tip := scenario.tip(tip_id)) is not None
        )
        scores = [c.score for c in done if c.score is not None]
        mean = round(sum(scores) / len(scores)) if scores else None
        own = tuple(a for a in agreements if a.scenario_id == scenario.id)
        paths = path_spread(scenario, ((c.choices, c.ending) for c in decisions))
        summaries.append(
            ScenarioSummary(scenario, len(cells), len(done), busy, mean, missed, own, paths)
        )
    return summaries


def build_report(
    records: Iterable[tuple[Profile, list[Attempt]]],
    scenarios: Sequence[Scenario],
    flt: ReportFilter | None = None,
    sort: str = "naam",  # pragma: no mutate (an unknown key sorts by name too)
    reverse: bool = False,
    agreements: Sequence[Agreement] = (),
) -> Report:
    """The whole report for the learners passing `flt`, rows in the asked order."""
    return report_from_rows(
        build_rows(records, scenarios),
        scenarios,
        flt,
        sort,  # pragma: no mutate (None, an unknown key, sorts by name too)
        reverse,
        agreements,
    )


def report_from_rows(
    rows: Iterable[Row],
    scenarios: Sequence[Scenario],
    flt: ReportFilter | None = None,
    sort: str = "naam",  # pragma: no mutate (an unknown key sorts by name too)
    reverse: bool = False,
    agreements: Sequence[Agreement] = (),
    *,
    with_summaries: bool = True,
) -> Report:
    """The report over rows made by `build_rows` (full or summary rows). Without summaries
    (a CSV has a line per learner and case, nothing per case) `summaries` stays empty."""
    flt = flt or ReportFilter()
    rows = sort_rows(filter_rows(rows, flt), sort, reverse)
    shown = filter_agreements(agreements, flt)
    summaries = summarise(rows, scenarios, shown) if with_summaries else []
    return Report(list(scenarios), rows, summaries, flt, list(shown))  # generated: now
