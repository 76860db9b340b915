"""Mijn resultaten → Frustratiescan: the chart of before and after, and a key to scan again."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.widgets import Footer, Header, Static

from wijzer_tui.domain.progress.scan import before_after, scan_dates
from wijzer_tui.screens.base import BaseScreen
from wijzer_tui.widgets.scan_chart import chart_text

NO_SCAN = (
    "Je hebt de frustratiescan nog niet ingevuld. Druk op s om te beginnen: je geeft elke "
    "frustratie een cijfer van 1 tot en met 5. Na een paar casussen vul je hem nog eens in, "
    "dan zie je hier wat er veranderd is."
)
ONE_SCAN = "Vul de scan na een casus nog eens in (s), dan zie je hier het verschil."


class ScanResultsScreen(BaseScreen):
    """Before and after per frustration as a bar chart."""

    DEFAULT_CSS = """
    ScanResultsScreen #scan-chart-box { padding: 0 2; height: 1fr; }
    """
    BINDINGS = [
        Binding("escape,q,t", "back", "Terug"),
        Binding("s", "scan", "Scan invullen"),
        Binding("question_mark", "app.help", "Hulp", show=False),
    ]

    def compose(self) -> ComposeResult:
        yield Header()
        with VerticalScroll(id="scan-chart-box"):
            yield Static("Frustratiescan: voor en na", classes="page-title")
            yield Static(id="scan-chart")
        yield Footer(compact=True)

    def on_mount(self) -> None:
        self.show_chart()

    def on_screen_resume(self) -> None:
        self.show_chart()

    def show_chart(self) -> None:
        """Draw the chart from the learner's scans (read again: a scan may just be added)."""
        learner = self.wijzer.learner
        scans = self.wijzer.store.scans(learner.id) if learner else []
        chart = self.query_one("#scan-chart", Static)
        if not scans:
            chart.update(NO_SCAN)
            return
        text = chart_text(before_after(scans, self.wijzer.scenarios), *scan_dates(scans))
        if len(scans) == 1:
            text.append(ONE_SCAN, style="italic")
        chart.update(text)

    def action_scan(self) -> None:
        from wijzer_tui.screens.scan import ScanScreen

        self.app.push_screen(ScanScreen("thuis"))

    def action_back(self) -> None:
        self.dismiss(None)
