"""Mijn resultaten: all your attempts per scenario, with the comparison you saw."""

from __future__ import annotations

from textwrap import shorten

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.widgets import DataTable, Footer, Header, Static

from wijzer_tui.domain.errors import WijzerError
from wijzer_tui.domain.progress.records import Attempt, local_datetime
from wijzer_tui.domain.progress.session import Pass
from wijzer_tui.screens.base import BaseScreen
from wijzer_tui.screens.dialogs import ConfirmDialog
from wijzer_tui.widgets import sections

TITLE_WIDTH = 30  # the case column at 80 columns, beside date and time
STATUS = {"busy": "Bezig", "finished": "Afgerond", "stopped": "Gestopt"}
MODE = {"self": "zelfstudie", "team": "teamtraining"}
TEAM_NOTE = "Gedaan in een teamtraining: dit zijn de keuzes van de groep."


class ResultsScreen(BaseScreen):
    """A table of attempts; the highlighted attempt's comparison below it."""

    BINDINGS = [
        Binding("escape,q,t", "back", "Terug"),
        Binding("d", "toggle_sharing", "Reflecties delen"),
        Binding("f", "scan_chart", "Frustratiescan"),
        Binding("b", "proof", "Bewijs (PDF)"),
        Binding("question_mark", "app.help", "Hulp", show=False),
    ]

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static("Mijn resultaten", classes="page-title")
        yield Static(id="sharing", classes="muted")
        yield DataTable(id="attempts", cursor_type="row", zebra_stripes=True)
        yield VerticalScroll(id="detail", classes="page")
        yield Footer(compact=True)

    def on_mount(self) -> None:
        table = self.query_one(DataTable)
        table.styles.height = 8
        table.add_columns("Casus", "Begonnen", "Status", "Vorm", "Score")
        learner = self.wijzer.learner
        self.attempts: dict[str, Attempt] = {}
        for scenario in self.wijzer.scenarios:
            for attempt in self.wijzer.store.attempts(learner.id, scenario.id) if learner else []:
                self.attempts[attempt.id] = attempt
                score = "" if attempt.score is None else f"{attempt.score}%"
                table.add_row(
                    # Cut at a word, with "…": never mid-word.
                    shorten(f"{scenario.number}. {scenario.title}", TITLE_WIDTH, placeholder="…"),
                    local_datetime(attempt.started),
                    STATUS.get(attempt.status, attempt.status),
                    MODE.get(attempt.mode, attempt.mode),
                    score,
                    key=attempt.id,
                )
        if not self.attempts:
            self.query_one("#detail").mount(
                Static("Je hebt nog geen casus gedaan. Kies er een op de start.")
            )
        table.focus()
        self.show_sharing()

    def show_sharing(self) -> None:
        """Say whether reflections go along in exports for a coordinator."""
        learner = self.wijzer.learner
        shared = bool(learner and learner.share_reflections)
        state = "worden meegestuurd" if shared else "blijven privé"
        self.query_one("#sharing", Static).update(
            f"Je reflecties {state} bij een export voor je coördinator (d: wijzigen)."
        )

    @work
    async def action_toggle_sharing(self) -> None:
        learner = self.wijzer.learner
        if learner is None:
            return
        if learner.share_reflections:
            question = "Je reflecties weer privé houden? Ze gaan dan niet meer mee in exports."
        else:
            question = (
                "Wil je je reflecties delen met je coördinator? Ze gaan dan mee in je export en in "
                "rapporten. Staan er geen namen of herkenbare details van cliënten in?"
            )
        # Sharing is the risky answer: a reflex Enter must keep reflections private.
        safe = "yes" if learner.share_reflections else "no"
        if not await self.app.push_screen_wait(ConfirmDialog(question, safe=safe)):
            return
        learner.share_reflections = not learner.share_reflections
        try:
            self.wijzer.store.update_profile(learner)
        except WijzerError as error:
            learner.share_reflections = not learner.share_reflections
            self.wijzer.show_error(error)
        self.show_sharing()

    @on(DataTable.RowHighlighted)
    def show_detail(self, event: DataTable.RowHighlighted) -> None:
        attempt = self.attempts.get(str(event.row_key.value))
        detail = self.query_one("#detail", VerticalScroll)
        detail.remove_children()
        if attempt is None:
            return
        scenario = self.wijzer.scenario(attempt.scenario_id)
        if scenario is None:
            detail.mount(Static("Deze casus bestaat niet meer in deze versie van wijzer."))
            return
        session = Pass(self.wijzer.store, scenario, attempt)
        widgets = []
        if attempt.mode == "team":
            widgets.append(Static(TEAM_NOTE, classes="muted"))
        for step in scenario.steps:
            answer = session.answer(step.id)
            if answer is None:
                continue
            widgets.append(sections.heading(step.title))
            if step.kind == "choose":
                widgets += sections.compare(scenario, step, answer, with_deepening=False)
            elif step.kind == "decide":
                widgets += sections.consequence(scenario, step, answer)
            else:
                widgets.append(sections.text(f"Jouw reflectie: {answer.reflection or ''}", "quote"))
        if len(widgets) == (attempt.mode == "team"):
            widgets.append(Static("Bij deze poging heb je nog niets beantwoord."))
        detail.mount(*widgets)

    def action_scan_chart(self) -> None:
        from wijzer_tui.screens.scan_results import ScanResultsScreen

        self.app.push_screen(ScanResultsScreen())

    def action_proof(self) -> None:
        from wijzer_tui.screens.proof import write_proof

        write_proof(self)

    def action_back(self) -> None:
        self.dismiss(None)
