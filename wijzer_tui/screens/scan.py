"""The Frustratiescan: rate how much each frustration weighs now, then a suggestion where to start.

Opened at the first start (after the profile), from home (f), and after finishing a case (an
invitation). Skippable everywhere: Esc saves nothing.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.screen import Screen
from textual.widgets import Button, Footer, Header, Static

from wijzer_tui.domain.content.model import Scenario
from wijzer_tui.domain.errors import WijzerError
from wijzer_tui.domain.progress.scan import new_scan, suggestion
from wijzer_tui.domain.progress.standing import standings
from wijzer_tui.screens.base import BaseScreen
from wijzer_tui.screens.dialogs import ConfirmDialog
from wijzer_tui.widgets.rating_row import RatingRow

if TYPE_CHECKING:
    from wijzer_tui.app import WijzerApp

INTRO = (
    "Met welke frustratie reken jij het liefst vandaag nog af? Geef elke frustratie een cijfer: "
    "hoe zwaar weegt die nu op je werk? 1 = niet, 5 = heel zwaar. Herken je de citaten?"
)
AGAIN = "Hoe zwaar weegt elke frustratie nu op je werk? 1 = niet, 5 = heel zwaar."


class ScanScreen(BaseScreen):
    """Five rating rows and Opslaan / Overslaan; dismisses with the suggested scenario or None."""

    DEFAULT_CSS = """
    ScanScreen #scan-intro { padding: 0 2; margin: 1 0 0 0; height: auto; }
    ScanScreen #scan-rows { height: 1fr; padding: 1 2 0 2; }
    ScanScreen .buttons { padding: 0 2; margin: 0; }
    """
    BINDINGS = [
        Binding("ctrl+s", "save", "Opslaan", priority=True),
        Binding("escape", "skip", "Overslaan"),
        Binding("question_mark", "app.help", "Hulp", show=False),
    ]

    def __init__(self, moment: str = "thuis", after_scenario: str | None = None) -> None:
        super().__init__()
        self.moment = moment
        self.after_scenario = after_scenario

    def compose(self) -> ComposeResult:
        yield Header()
        intro = INTRO if self.moment == "start" else AGAIN
        yield Static(f"[b]Frustratiescan[/b]  {intro}", id="scan-intro")
        with VerticalScroll(id="scan-rows"):
            for scenario in self.wijzer.scenarios:
                yield RatingRow(scenario)
            with Horizontal(classes="buttons"):
                yield Button("Opslaan", variant="primary", id="scan-save", compact=True)
                yield Button("Overslaan", id="scan-skip", compact=True)
        yield Footer(compact=True)

    def on_mount(self) -> None:
        self.sub_title = "Frustratiescan"
        self.query(RatingRow).first().focus()

    @on(Button.Pressed, "#scan-save")
    def action_save(self) -> None:
        learner = self.wijzer.learner
        if learner is None:
            self.dismiss(None)
            return
        rows = list(self.query(RatingRow))
        open_row = next((row for row in rows if row.value is None), None)
        if open_row is not None:
            self.notify("Geef elke frustratie een cijfer van 1 tot en met 5.", severity="warning")
            open_row.focus()
            return
        ratings = {row.scenario.id: row.value for row in rows if row.value is not None}
        scenarios = self.wijzer.scenarios
        try:
            scan = new_scan(learner.id, ratings, scenarios, self.moment, self.after_scenario)
            self.wijzer.store.save_scan(scan)
            items = standings(self.wijzer.store, learner.id, scenarios)
        except WijzerError as error:
            self.wijzer.show_error(error)
            return
        finished = [i.scenario.id for i in items if i.state == "finished"]
        self.notify("Je scan is bewaard. Je ziet hem terug in Mijn resultaten.")
        self.dismiss(suggestion(ratings, scenarios, finished))  # type: ignore[arg-type]

    @on(Button.Pressed, "#scan-skip")
    def action_skip(self) -> None:
        self.dismiss(None)


def open_scan(app: WijzerApp, moment: str = "thuis", after_scenario: str | None = None) -> None:
    """Show the scan; afterwards offer to start the heaviest frustration not yet finished."""

    def offer(scenario: Scenario | None) -> None:
        if scenario is None:
            return
        question = (
            f"Begin met {scenario.number}. {scenario.title}? Die weegt voor jou nu het "
            "zwaarst van de casussen die je nog niet hebt afgerond."
        )

        def start(yes: bool | None) -> None:
            home = app.screen
            if yes and hasattr(home, "start"):
                home.start(scenario)

        app.push_screen(ConfirmDialog(question, "Beginnen", "Later"), start)

    _push_from_app(app, ScanScreen(moment, after_scenario), offer)


def invite_scan(app: WijzerApp, after_scenario: str) -> None:
    """After finishing a case (and after all five): invite to fill in the scan again."""
    learner = app.learner
    if learner is None:
        return
    try:
        items = standings(app.store, learner.id, app.scenarios)
    except WijzerError:
        return
    if all(item.state == "finished" for item in items):
        moment = "na-alles"
        question = (
            "Je hebt alle casussen afgerond. Hoe zwaar wegen de frustraties nu? Vul de "
            "frustratiescan nog eens in, dan zie je het verschil in Mijn resultaten."
        )
    else:
        moment = "na-casus"
        question = (
            "Je hebt deze casus afgerond. Wil je de frustratiescan nog eens invullen? "
            "Dan zie je in Mijn resultaten wat er veranderd is."
        )

    def answered(yes: bool | None) -> None:
        if yes:
            open_scan(app, moment, after_scenario)

    _push_from_app(app, ConfirmDialog(question, "Scan invullen", "Overslaan"), answered)


def _push_from_app(app: WijzerApp, screen: Screen, callback: Callable[[Any], None]) -> None:
    """Push `screen` from the app itself: Textual runs a result callback on the object that
    pushed, and the screen calling us may be on its way out (a pass, the profile screen)."""
    app.call_later(app.push_screen, screen, callback)
