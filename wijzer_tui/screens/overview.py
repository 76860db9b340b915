"""Overzicht for coordinators: learners × scenarios, filters, sorting, per-scenario gaps and paths.
The details of one learner open in LearnerScreen (learner_detail.py)."""

from __future__ import annotations

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.widgets import (
    DataTable,
    Footer,
    Header,
    Select,
    Static,
    TabbedContent,
    TabPane,
)

from wijzer_tui.domain.content.model import Scenario
from wijzer_tui.domain.errors import StoreError
from wijzer_tui.domain.progress.records import Profile
from wijzer_tui.domain.progress.safe_text import visible
from wijzer_tui.domain.progress.scan import Scan
from wijzer_tui.domain.progress.store import ProgressStore
from wijzer_tui.domain.reports.agreements import Agreement, filter_agreements, load_team_agreements
from wijzer_tui.domain.reports.detail import learner_detail
from wijzer_tui.domain.reports.exports import (
    dutch_date,
    grid_lines,
    percent,
)
from wijzer_tui.domain.reports.grid import (
    DONE,
    NEW,
    SORT_LABELS,
    ReportFilter,
    Row,
    build_rows,
    filter_choices,
    filter_rows,
    sort_rows,
    summarise,
)
from wijzer_tui.domain.reports.paths import spread_lines
from wijzer_tui.domain.reports.scan_report import SCAN_NOTE, group_lines, read_scans, scan_groups
from wijzer_tui.domain.team.outline import attendee_count
from wijzer_tui.screens.base import BaseScreen
from wijzer_tui.screens.learner_detail import LearnerScreen
from wijzer_tui.widgets.dutch_select import DutchSelect

# The order in which "Sorteren" walks through the keys, with the direction that helps most.
SORT_CYCLE: tuple[tuple[str, bool], ...] = (
    ("naam", False),
    ("team", False),
    ("organisatie", False),
    ("beroepsgroep", False),
    ("voortgang", True),
    ("score", True),
)
LEGEND = "Per casus: score met Z (zelfstudie) of T (teamtraining), eronder de datum."
PATH_STYLES = {"intro": "italic", "point": "bold", "item": "", "none": "dim"}
FILTERS = (("team", "Alle teams"), ("organisation", "Alle organisaties"),
           ("beroepsgroep", "Alle beroepsgroepen"))  # fmt: skip


CELL = 7  # width of a scenario column: "100 T" over "12-03"
WHO, WHERE = 16, 14  # name over team; organisation over beroepsgroep


def _cut(text: str, width: int) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"


def _header(scenario: Scenario) -> Text:
    return Text(f"casus {scenario.number}\n{_cut(scenario.id, CELL)}")


def _two(top: str, below: str, width: int) -> Text:
    """A two-line cell: the main value, and under it a muted one (team, beroepsgroep)."""
    text = Text(_cut(top, width))
    text.append("\n" + _cut(below, width), style="dim")
    return text


def _cell(row: Row, scenario_id: str) -> Text:
    cell = row.cells[scenario_id]
    style = "" if cell.state == DONE else ("dim" if cell.state == NEW else "italic")
    top, below = grid_lines(cell)
    return Text(f"{top}\n{below}", style=style)


class OverviewScreen(BaseScreen):
    """The coordinators' overview of every learner in a progress store."""

    DEFAULT_CSS = """
    OverviewScreen #filters { height: 1; margin: 0 0 1 0; }
    OverviewScreen #filters Select { width: 1fr; margin: 0 1 0 0; }
    OverviewScreen #grid { height: 1fr; scrollbar-size-vertical: 1; }
    OverviewScreen #status { height: 2; color: $text-muted; padding: 0 1; }
    OverviewScreen TabbedContent { height: 1fr; }
    OverviewScreen TabPane { padding: 0; }
    OverviewScreen #summary { padding: 0 1; }
    """
    BINDINGS = [
        Binding("escape", "back", "Terug"),
        Binding("f", "filter", "Filter"),
        Binding("s", "sort", "Sorteren"),
        Binding("d", "details", "Details"),
        Binding("c", "switch_tab", "Per casus"),
    ]

    def __init__(self, store: ProgressStore, scenarios: list[Scenario]) -> None:
        super().__init__()
        self.store = store
        self.scenarios = list(scenarios)
        self.rows: list[Row] = []
        self.shown: list[Row] = []
        self.agreements: list[Agreement] = []
        self.scans: list[tuple[Profile, list[Scan]]] = []
        self.sort: tuple[str, bool] = SORT_CYCLE[0]  # key of SORT_LABELS or a scenario id

    def compose(self) -> ComposeResult:
        yield Header()
        with Horizontal(id="filters"):
            for name, prompt in FILTERS:
                yield DutchSelect([], prompt=prompt, id=f"filter-{name}", compact=True)
        with TabbedContent(initial="tab-grid"):
            with TabPane("Deelnemers", id="tab-grid"):
                yield DataTable(id="grid", cursor_type="row", zebra_stripes=True)
                yield Static("Gegevens laden…", id="status")
            with TabPane("Per casus", id="tab-summary"), VerticalScroll(id="summary-scroll"):
                yield Static("", id="summary")
        yield Footer(compact=True)

    def on_mount(self) -> None:
        # BaseScreen's own on_mount runs too (Textual calls it along the MRO).
        self.title = "Overzicht"
        self.sub_title = "voortgang van de deelnemers"
        table = self.query_one("#grid", DataTable)
        # Two lines a learner, so name, team, organisation and every scenario fit in 80 columns.
        table.header_height = 2
        table.add_column(Text("Naam\nteam"), width=WHO, key="naam")
        table.add_column(Text("Organisatie\nberoepsgroep"), width=WHERE, key="organisatie")
        for scenario in self.scenarios:
            table.add_column(_header(scenario), width=CELL, key=scenario.id)
        table.focus()
        self.load()

    @work(thread=True, exclusive=True)
    def load(self) -> None:
        """Read every learner file off the UI thread: a big folder must not freeze the screen."""
        # Summary rows, made while each file is read: keeping every attempt of every learner
        # doubled the time to load. The details read one learner's attempts when opened.
        rows = build_rows(self.store.iter_records(), self.scenarios, keep_attempts=False)
        agreements = load_team_agreements(self.store.root, self.store.warnings)
        self.scans = read_scans(self.store.root)  # set before `loaded` runs on the UI thread
        self.app.call_from_thread(self.loaded, rows, agreements)

    def loaded(self, rows: list[Row], agreements: list[Agreement]) -> None:
        """Fill the filter menus and the grid once the records are read."""
        self.rows, self.agreements = rows, agreements
        for name, values in filter_choices(rows).items():
            self.query_one(f"#filter-{name}", Select).set_options((visible(v), v) for v in values)
        while self.store.warnings:  # taken off the list: the app shows what is left, once
            warning = self.store.warnings.pop(0)
            self.notify(warning, title="Let op: voortgangsbestand", severity="warning")
        self.refresh_view()

    @property
    def current_filter(self) -> ReportFilter:
        """The filter the three menus describe."""
        values = [self.query_one(f"#filter-{name}", Select).value for name, _ in FILTERS]
        team, organisation, group = (v if isinstance(v, str) else None for v in values)
        return ReportFilter(team, organisation, group)

    def refresh_view(self) -> None:
        """Apply filter and sort to the grid, and recompute the per-scenario summary."""
        key, reverse = self.sort
        self.shown = sort_rows(filter_rows(self.rows, self.current_filter), key, reverse)
        table = self.query_one("#grid", DataTable)
        table.clear()
        for row in self.shown:
            p = row.profile
            who = _two(visible(p.name), visible(p.team) or "geen team", WHO)
            where = _two(visible(p.organisation) or "–", visible(p.beroepsgroep), WHERE)
            cells = [_cell(row, s.id) for s in self.scenarios]
            table.add_row(who, where, *cells, height=2, key=p.id)
        count = f"{len(self.shown)} van {attendee_count(len(self.rows))}"
        if not self.rows:
            count = "Nog geen deelnemers in deze voortgangsmap"
        status = f"{count}, gesorteerd op {self.sort_label}.\n{LEGEND}"
        self.query_one("#status", Static).update(status)
        self.query_one("#summary", Static).update(self.summary_text())

    @property
    def sort_label(self) -> str:
        """The current sort order in Dutch words."""
        key = self.sort[0]
        if key in SORT_LABELS:
            return SORT_LABELS[key].lower()
        number = next((s.number for s in self.scenarios if s.id == key), "?")
        return f"score bij casus {number}"

    def summary_text(self) -> Text:
        """Per scenario: completion, mean score, the most often missed tips and agreements."""
        own = filter_agreements(self.agreements, self.current_filter)
        text = Text()
        for s in summarise(self.shown, self.scenarios, own):
            text.append(f"{s.scenario.number}. {s.scenario.title}\n", style="bold")
            mean = f", gemiddelde score {s.mean_score}%" if s.mean_score is not None else ""
            text.append(
                f"Afgerond: {s.finished} van {s.learners} ({percent(s.completion_rate)}), "
                f"bezig: {s.busy}{mean}.\n"
            )
            if s.missed:  # a branching case: only tips the learner met on their own path count
                own_path = " (alleen tips op het eigen pad)" if s.paths else ""
                text.append(f"Vaakst gemist{own_path}:\n", style="italic")
            for m in s.missed:
                text.append(f"○ {m.tip.title or m.tip.id} ({m.count}×, {percent(m.share)}): ")
                text.append(f"{m.tip.text}\n", style="dim")
            for kind, line in spread_lines(s.paths) if s.paths and s.paths.decisions else ():
                text.append(f"{'• ' if kind == 'item' else ''}{line}\n", style=PATH_STYLES[kind])
            if s.agreements:
                text.append("Afspraken:\n", style="italic")
            for a in s.agreements:
                who, what, when = visible(a.who), visible(a.what), visible(a.when)
                text.append(f"• {who or 'Iemand'}: {what} (wanneer: {when or 'open'})")
                context = ", ".join(x for x in (visible(a.team), dutch_date(a.date)) if x)
                text.append(f" · {context}\n" if context else "\n", style="dim")
            text.append("\n")
        if not own:
            text.append("Nog geen afspraken uit teamtrainingen.\n", style="dim")
        text.append("\nFrustratiescan per team en organisatie\n", style="bold")
        text.append(f"{SCAN_NOTE}\n", style="dim")
        groups = scan_groups([r.profile for r in self.shown], self.scans, self.scenarios)
        for line in group_lines(groups, self.scenarios):
            text.append(f"{line}\n")
        return text

    @on(Select.Changed)
    def filter_changed(self) -> None:
        self.refresh_view()

    @on(DataTable.HeaderSelected)
    def header_selected(self, event: DataTable.HeaderSelected) -> None:
        """Clicking a column header sorts by it; scores and progress highest first."""
        key = str(event.column_key.value)
        directions = dict(SORT_CYCLE)
        if key in directions or key in {s.id for s in self.scenarios}:
            self.sort = (key, directions.get(key, True))
            self.refresh_view()

    def action_back(self) -> None:
        # Started as `wijzer report` the overview is the only screen: then Terug stops the app.
        if len(self.app.screen_stack) > 2:
            self.app.pop_screen()
        else:
            self.app.exit()

    def action_filter(self) -> None:
        self.query_one(TabbedContent).active = "tab-grid"
        self.query_one("#filter-team", Select).focus()

    def action_sort(self) -> None:
        keys = [k for k, _ in SORT_CYCLE]
        index = keys.index(self.sort[0]) + 1 if self.sort[0] in keys else 0
        self.sort = SORT_CYCLE[index % len(SORT_CYCLE)]
        self.refresh_view()
        self.notify(f"Gesorteerd op {self.sort_label}.", timeout=2)

    def action_switch_tab(self) -> None:
        tabs = self.query_one(TabbedContent)
        tabs.active = "tab-summary" if tabs.active == "tab-grid" else "tab-grid"
        # The keys then scroll what is shown: the summary of five branching cases is long.
        self.query_one("#summary-scroll" if tabs.active == "tab-summary" else "#grid").focus()

    @on(DataTable.RowSelected)
    def action_details(self) -> None:
        table = self.query_one("#grid", DataTable)
        if not self.shown or table.cursor_row >= len(self.shown):
            self.notify("Er is geen deelnemer gekozen.", timeout=3)
            return
        key = table.coordinate_to_cell_key((table.cursor_row, 0)).row_key.value
        profile = next(r for r in self.shown if r.profile.id == key).profile
        try:  # the grid keeps a summary per learner: read this learner's attempts now
            attempts = self.store.attempts(profile.id)
        except StoreError as exc:
            self.notify(exc.message, title="Let op", severity="warning")
            return
        row = build_rows([(profile, attempts)], self.scenarios)[0]
        self.app.push_screen(LearnerScreen(learner_detail(row, self.scenarios)))
