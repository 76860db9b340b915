"""Home: the wijzer's own question, the five frustrations with your progress, and where to go."""

from __future__ import annotations

from rich.table import Table
from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.markup import escape
from textual.widgets import Button, Footer, Header, OptionList, ProgressBar, Static
from textual.widgets.option_list import Option

from wijzer_tui.domain.content.model import Scenario
from wijzer_tui.domain.errors import WijzerError
from wijzer_tui.domain.progress.safe_text import visible
from wijzer_tui.domain.progress.standing import Standing, standings
from wijzer_tui.screens.base import BaseScreen
from wijzer_tui.screens.dialogs import ChoiceDialog, ConfirmDialog
from wijzer_tui.screens.role_pick import ask_role

QUESTION = "Met welke frustratie reken jij het liefst vandaag nog af?"
RESUME = "Je bent met deze casus bezig. Wil je verder waar je was?"
RESUME_CHOICES = [
    ("resume", "Verder waar je was"),
    ("restart", "Opnieuw beginnen"),
    ("back", "Terug"),
]
RESTART = (
    "Opnieuw beginnen? Je begint een nieuwe poging bij deel 1. Je huidige poging stopt: die "
    "blijft in Mijn resultaten staan als gestopt en telt niet mee voor je resultaat. Keuzes "
    "en tekst die je nog niet had bevestigd, vervallen."
)


class HomeScreen(BaseScreen):
    """The start page of a learner."""

    # Focus the list straight away: focusing the scroll area first and then moving on restyled
    # the screen twice before its first frame (bench/startup.py).
    AUTO_FOCUS = "#scenario-list"
    BINDINGS = [
        Binding("v", "resume", "Verder waar je was", show=False),
        Binding("r", "results", "Mijn resultaten"),
        Binding("f", "scan", "Frustratiescan"),
        Binding("t", "team", "Teamtraining"),
        Binding("w", "switch_profile", "Ander profiel", show=False),
        Binding("question_mark", "app.help", "Hulp", show=False),
        Binding("i", "about", "Over wijzer", show=False),
        Binding("q", "app.quit", "Stoppen"),
    ]

    def compose(self) -> ComposeResult:
        yield Header()
        with VerticalScroll(classes="page"):
            yield Static(id="greeting", classes="question")
            yield OptionList(id="scenario-list")
            with Horizontal(id="overall-row"):
                yield Static(id="overall-label", classes="muted")
                yield ProgressBar(total=len(self.wijzer.scenarios), show_eta=False, id="overall")
            with Horizontal(classes="buttons"):
                yield Button("Verder waar je was", variant="primary", id="resume", compact=True)
                yield Button("Mijn resultaten", id="results", compact=True)
            yield Static("w: ander profiel · i: over wijzer", classes="muted")
        yield Footer(compact=True)

    def on_screen_resume(self) -> None:
        # Also the first time the screen is shown, so on_mount need not read the store too.
        self.refresh_standings()

    def refresh_standings(self) -> None:
        """Show each scenario's state and the overall progress."""
        learner = self.wijzer.learner
        if learner is None:
            return
        self.items = standings(self.wijzer.store, learner.id, self.wijzer.scenarios)
        self.wijzer.show_store_warnings()
        self.query_one("#greeting", Static).update(
            f"Hoi {escape(visible(learner.name))}. {QUESTION}"
        )
        options = self.query_one("#scenario-list", OptionList)
        highlighted = options.highlighted
        options.clear_options()
        options.add_options([Option(self._line(item), id=item.scenario.id) for item in self.items])
        options.highlighted = highlighted if highlighted is not None else 0
        done = sum(1 for item in self.items if item.state == "finished")
        total = len(self.items)
        self.query_one("#overall-label", Static).update(f"Afgerond: {done} van de {total} casussen")
        self.query_one("#overall", ProgressBar).update(progress=done)
        self.query_one("#resume", Button).display = self._latest_busy() is not None

    @staticmethod
    def _line(item: Standing) -> Table:
        # A grid, so a wrapped title and its state line stay under the text, not under the mark.
        mark = {"new": "○", "busy": "◐", "finished": "●"}[item.state]
        grid = Table.grid(padding=(0, 1))
        grid.add_column(width=1, no_wrap=True)
        grid.add_column(ratio=1)
        grid.add_row(mark, Text(f"{item.scenario.number}. {item.scenario.title}"))
        grid.add_row("", Text(item.label, style="dim"))
        return grid

    def _latest_busy(self) -> Standing | None:
        busy = [i for i in self.items if i.busy is not None]
        return max(busy, key=lambda i: i.busy.started, default=None)  # type: ignore[union-attr]

    @on(OptionList.OptionSelected, "#scenario-list")
    def scenario_chosen(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        item = next(i for i in self.items if i.scenario.id == event.option.id)
        self.open_scenario(item)

    @work
    async def open_scenario(self, item: Standing) -> None:
        """Resume a busy attempt, or start (again) as a new attempt."""
        from wijzer_tui.domain.progress.session import Pass

        store, learner = self.wijzer.store, self.wijzer.learner
        assert learner is not None
        try:
            if item.busy is not None:
                # Esc or Terug changes nothing; only a confirmed "Opnieuw beginnen" stops it.
                choice = await self.app.push_screen_wait(ChoiceDialog(RESUME, RESUME_CHOICES))
                if choice == "resume":
                    self._open(Pass(store, item.scenario, item.busy))
                    return
                if choice != "restart" or not await self.app.push_screen_wait(
                    ConfirmDialog(RESTART, "Opnieuw beginnen", "Terug")
                ):
                    return
            elif item.state == "finished":
                question = "Je hebt deze casus afgerond. Opnieuw beginnen? Je eerdere resultaat blijft bewaard."
                if not await self.app.push_screen_wait(
                    ConfirmDialog(question, "Opnieuw beginnen", "Terug")
                ):
                    return
            role = await ask_role(self.app, item.scenario)
            if role is None:  # went back from "Wie ben jij?": nothing stops, nothing starts
                return
            if item.busy is not None:
                store.stop_attempt(learner.id, item.busy.id)
            self._open(Pass.start(store, item.scenario, learner.id, role=role))
        except WijzerError as error:
            self.wijzer.show_error(error)

    def _open(self, session) -> None:
        from wijzer_tui.screens.pass_screen import PassScreen

        self.app.push_screen(PassScreen(session))

    def start(self, scenario: Scenario) -> None:
        """Open a scenario by object (used by the end of a pass: 'volgende casus')."""
        item = next(i for i in self.items if i.scenario.id == scenario.id)
        self.open_scenario(item)

    @on(Button.Pressed, "#resume")
    def action_resume(self) -> None:
        item = self._latest_busy()
        if item is None or item.busy is None:
            self.notify("Je bent nergens mee bezig. Kies een casus.")
            return
        from wijzer_tui.domain.progress.session import Pass

        self._open(Pass(self.wijzer.store, item.scenario, item.busy))

    @on(Button.Pressed, "#results")
    def action_results(self) -> None:
        from wijzer_tui.screens.results import ResultsScreen

        self.app.push_screen(ResultsScreen())

    def action_team(self) -> None:
        try:
            from wijzer_tui.screens.team_setup import TeamSetupScreen
        except ImportError:
            self.notify("Teamtraining is nog niet beschikbaar.", severity="warning")
            return
        self.app.push_screen(TeamSetupScreen())

    def action_switch_profile(self) -> None:
        from wijzer_tui.screens.profile import ProfileScreen

        self.wijzer.learner = None
        self.app.switch_screen(ProfileScreen())

    def action_scan(self) -> None:
        from wijzer_tui.screens.scan import open_scan

        open_scan(self.wijzer, "thuis")

    def action_about(self) -> None:
        from wijzer_tui.screens.help import AboutScreen

        self.app.push_screen(AboutScreen())
