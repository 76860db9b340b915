"""Mijn resultaten: all your attempts per scenario, with the comparison you saw."""

from __future__ import annotations

from textwrap import shorten

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.markup import escape
from textual.widget import Widget
from textual.widgets import DataTable, Footer, Header, Static

from wijzer_tui.domain.content.model import Scenario, Step
from wijzer_tui.domain.errors import WijzerError
from wijzer_tui.domain.progress import explore
from wijzer_tui.domain.progress.attempt_view import AttemptView, attempt_view, exploration_line
from wijzer_tui.domain.progress.records import Attempt, local_datetime
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
        Binding("w", "what_if", "Wat als…?"),
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
    async def show_detail(self, event: DataTable.RowHighlighted) -> None:
        await self.show_attempt(str(event.row_key.value))

    def _highlighted(self) -> str | None:
        """The id of the attempt under the cursor."""
        table = self.query_one(DataTable)
        if not self.attempts or table.cursor_row is None:
            return None
        return str(table.coordinate_to_cell_key((table.cursor_row, 0)).row_key.value)

    async def show_attempt(self, attempt_id: str | None) -> None:
        """Show one attempt's path and feedback below the table."""
        attempt = self.attempts.get(attempt_id or "")
        detail = self.query_one("#detail", VerticalScroll)
        await detail.remove_children()  # first: the new widgets reuse the old ones' ids
        if attempt is None:
            return
        scenario = self.wijzer.scenario(attempt.scenario_id)
        if scenario is None:
            await detail.mount(Static("Deze casus bestaat niet meer in deze versie van wijzer."))
            return
        widgets: list[Widget] = []
        if attempt.mode == "team":
            widgets.append(Static(TEAM_NOTE, classes="muted"))
        view = attempt_view(scenario, attempt)
        if view.changed:
            widgets.append(sections.text(view.changed, "muted"))
        if scenario.branches or view.changed:
            widgets += self._path(scenario, attempt, view)
        for step in view.steps:
            # One box per step: two choice steps on a path each have a score with the same id.
            box = Vertical(sections.heading(step.title), *self._step(scenario, step, attempt))
            box.styles.height = "auto"
            widgets.append(box)
        if not view.steps and not view.changed:
            widgets.append(Static("Bij deze poging heb je nog niets beantwoord."))
        await detail.mount(*widgets)

    def _path(self, scenario: Scenario, attempt: Attempt, view: AttemptView) -> list[Widget]:
        """Role, path, ending and score, then the branches explored after it (Wat als…?)."""
        widgets: list[Widget] = [sections.heading("Jouw pad")]
        if view.role:
            widgets.append(sections.text(f"Je rol: {view.role}"))
        lines = [f"{n}. {p.title}: {p.chosen}" for n, p in enumerate(view.path, 1)]
        widgets.append(Static(escape("\n".join(lines) or "Nog geen beslissingen.")))
        if view.ending is not None:
            widgets.append(sections.text(f"Afloop: {view.ending.title}. {view.ending.text}"))
        if view.score is not None:
            widgets.append(sections.text(f"Score: {view.score}%", "score"))
        explored = self.wijzer.store.explorations(attempt.learner_id, attempt.id)
        if explored:
            widgets.append(sections.heading("Verkend (telt niet mee)"))
            lines = [exploration_line(scenario, e) for e in explored]
            widgets.append(Static(escape("\n".join(lines))))
        if not explore.can_explore(scenario, attempt):
            widgets.append(
                sections.text("Wat als…? Druk op w en kies ergens iets anders.", "muted")
            )
        return widgets

    @staticmethod
    def _step(scenario: Scenario, step: Step, attempt: Attempt) -> list[Widget]:
        """The feedback the learner saw at one answered step (what still exists of it)."""
        answer = attempt.answer_for(step.id)
        if answer is None:
            return []
        if step.kind == "choose":
            return sections.compare(scenario, step, answer, with_deepening=False)
        if step.kind == "decide":
            if not any(o.id in answer.option_ids for o in step.decide_options):
                return [sections.text("Je keuze van toen bestaat niet meer in de casus.", "muted")]
            return sections.consequence(scenario, step, answer, with_deepening=False)
        return [sections.text(f"Jouw reflectie: {answer.reflection or ''}", "quote")]

    def action_what_if(self) -> None:
        """Wat als…? for the highlighted attempt (a finished branching one)."""
        attempt = self.attempts.get(self._highlighted() or "")
        scenario = self.wijzer.scenario(attempt.scenario_id) if attempt else None
        if attempt is None or scenario is None:
            return
        problem = explore.can_explore(scenario, attempt)
        if problem:
            self.notify(problem, severity="warning")
            return
        from wijzer_tui.screens.what_if import WhatIfScreen

        self.app.push_screen(WhatIfScreen(scenario, attempt), self._after_what_if)

    async def _after_what_if(self, _: None) -> None:
        await self.show_attempt(self._highlighted())  # with the branch just explored

    def action_scan_chart(self) -> None:
        from wijzer_tui.screens.scan_results import ScanResultsScreen

        self.app.push_screen(ScanResultsScreen())

    def action_proof(self) -> None:
        from wijzer_tui.screens.proof import write_proof

        write_proof(self)

    def action_back(self) -> None:
        self.dismiss(None)
