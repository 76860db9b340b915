"""Wat als…?: after a branching case, choose otherwise at one decision point and see where it
leads. Practice only: the attempt that counts never changes (domain: progress/explore.py)."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.widget import Widget
from textual.widgets import Button, Footer, Header, OptionList, Static
from textual.widgets.option_list import Option

from wijzer_tui.domain.content.model import Scenario, Step
from wijzer_tui.domain.errors import WijzerError
from wijzer_tui.domain.progress import explore
from wijzer_tui.domain.progress.attempt_view import chosen_text
from wijzer_tui.domain.progress.records import Answer, Attempt
from wijzer_tui.screens.base import BaseScreen
from wijzer_tui.widgets import sections
from wijzer_tui.widgets.choice_list import ChoiceList

PRACTICE = "Wat als…? · oefenen: je score en je afloop blijven zoals ze zijn"
INTRO = (
    "Kies een beslismoment op je pad (pijltjes, dan v of Enter). Daar kies je iets anders, en "
    "je speelt verder tot waar dat toe leidt. Dit is oefenen: het telt niet mee."
)
LABELS = {"pick": "Kies dit moment", "question": "Bevestigen", "feedback": "Volgende"}


class WhatIfScreen(BaseScreen):
    """Pick a decision point → choose otherwise → its feedback → … → the ending reached."""

    BINDINGS = [
        # One key; the label says what it does in this phase (check_action shows one).
        Binding("v", "next", "Volgende"),
        Binding("v", "confirm", "Bevestigen"),
        Binding("v", "choose_point", "Kies dit moment"),
        Binding("w", "again", "Ander moment"),
        Binding("q,escape", "back", "Terug"),
        Binding("question_mark", "app.help", "Hulp", show=False),
    ]

    def __init__(self, scenario: Scenario, attempt: Attempt) -> None:
        super().__init__()
        self.scenario = scenario
        self.attempt = attempt
        self.exploration: explore.Exploration | None = None
        self.from_step = ""
        self.phase = "pick"  # pick, question, feedback, ending
        self.answered: Step | None = None  # the step whose feedback shows
        self.problem = explore.can_explore(scenario, attempt)  # why it cannot start, or None

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static(PRACTICE, id="practice", classes="muted")
        yield VerticalScroll(id="body", classes="page")
        with Horizontal(classes="buttons"):
            yield Button("Terug", id="back", compact=True)
            yield Button("Volgende", variant="primary", id="next", compact=True)
        yield Footer(compact=True)

    async def on_mount(self) -> None:
        self.sub_title = f"{self.scenario.number}. {self.scenario.title}"
        await self.show()

    # -- what shows -------------------------------------------------------------------------

    async def show(self) -> None:
        """Replace the body with the widgets of the current phase."""
        body = self.query_one("#body", VerticalScroll)
        self.query_one("#next").focus()
        await body.remove_children()  # first: the next phase may reuse an id
        widgets = getattr(self, f"_{self.phase}")()
        await body.mount(*widgets)
        body.scroll_home(animate=False)
        button = self.query_one("#next", Button)
        button.display = self.phase in LABELS and not self.problem
        button.label = LABELS.get(self.phase, "")
        self.refresh_bindings()
        focus = next((w for w in widgets if isinstance(w, OptionList)), None)
        self.call_after_refresh((focus or button).focus)

    def _pick(self) -> list[Widget]:
        if self.problem:
            return [sections.heading("Wat als…?"), sections.text(self.problem)]
        points = explore.decision_points(self.scenario, self.attempt)
        options = [
            (step.id, f"{step.title} · jij koos: {chosen_text(step, chosen)}")
            for step, chosen in points
        ]
        widgets: list[Widget] = [sections.heading("Wat als…?"), sections.text(INTRO)]
        role = self.scenario.role(self.attempt.role)
        if role.title:
            widgets.append(sections.text(f"Je rol: {role.title}", "muted"))
        points_list = OptionList(*(Option(text, id=i) for i, text in options), id="points")
        if self.from_step in dict(options):  # back from an exploration: where it started
            points_list.highlighted = list(dict(options)).index(self.from_step)
        widgets.append(points_list)
        done = self.wijzer.store.explorations(self.attempt.learner_id, self.attempt.id)
        if done:
            widgets.append(sections.text(f"Al verkend bij deze poging: {len(done)}.", "muted"))
        return widgets

    def _question(self) -> list[Widget]:
        exploration = self.exploration
        assert exploration is not None
        step = explore.step_to_answer(self.scenario, self.attempt, exploration)
        assert step is not None
        shown = explore.offered(step, exploration, self.attempt)
        widgets = sections.choose(shown, None) if step.kind == "choose" else []
        if step.kind == "decide":
            widgets = sections.decide(shown, None)
        if step.id == exploration.from_step:
            before = explore.decision_points(self.scenario, self.attempt)
            chosen = next(c for s, c in before if s.id == step.id)
            before_text = chosen_text(step, chosen).rstrip(".")
            note = f"In je poging koos je: {before_text}. Kies nu iets anders."
            widgets.insert(0, sections.text(note, "muted"))
        return [sections.heading(step.title), *widgets]

    def _feedback(self) -> list[Widget]:
        step, exploration = self.answered, self.exploration
        assert step is not None and exploration is not None
        answer = Answer(step.id, exploration.answers_by_step()[step.id])
        if step.kind == "choose":
            return [
                sections.heading(step.title),
                *sections.compare(self.scenario, step, answer, with_deepening=False),
            ]
        consequence = sections.consequence(self.scenario, step, answer, with_deepening=False)
        return [sections.heading(step.title), *consequence]

    def _ending(self) -> list[Widget]:
        exploration = self.exploration
        assert exploration is not None
        ending = self.scenario.ending(exploration.ending)
        before = self.scenario.ending(self.attempt.ending)
        widgets: list[Widget] = [
            sections.heading(f"Afloop: {ending.title if ending else exploration.ending}"),
            sections.text(ending.text if ending else ""),
            sections.heading("Je poging"),
        ]
        if before is not None and before.id == exploration.ending:
            widgets.append(sections.text("Dit is dezelfde afloop als in je poging."))
        elif before is not None:
            widgets.append(sections.text(f"In je poging kwam je uit bij: {before.title}."))
        score = self.attempt.score if self.attempt.score is not None else 0
        widgets.append(
            sections.text(
                f"Je score blijft {score}%. Deze verkenning is bewaard bij je resultaten, "
                "als oefening die niet meetelt."
            )
        )
        widgets.append(sections.text("Druk op w voor een ander moment, of q om terug te gaan."))
        return widgets

    # -- keys -------------------------------------------------------------------------------

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if not super().check_action(action, parameters):
            return False
        if action == "next":
            return self.phase == "feedback"
        if action == "confirm":
            return self.phase == "question"
        if action == "choose_point":
            return self.phase == "pick" and not self.problem
        if action == "again":
            return self.phase == "ending"
        return True

    @on(Button.Pressed, "#next")
    async def action_next(self) -> None:
        try:
            if self.phase == "pick":
                await self._start()
            elif self.phase == "question":
                await self._submit()
            elif self.phase == "feedback":
                self.phase = "ending" if self._at_ending() else "question"
                await self.show()
        except WijzerError as error:
            self.wijzer.show_error(error)

    @on(OptionList.OptionSelected, "#points")
    async def _point_chosen(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        await self.action_next()

    async def action_confirm(self) -> None:
        await self.action_next()

    async def action_choose_point(self) -> None:
        await self.action_next()

    async def _start(self) -> None:
        points = self.query_one("#points", OptionList)
        if points.highlighted is None:
            self.notify("Kies eerst een beslismoment.", severity="warning")
            return
        self.from_step = str(points.get_option_at_index(points.highlighted).id)
        self.exploration = explore.start(self.scenario, self.attempt, self.from_step)
        self.phase = "question"
        await self.show()

    async def _submit(self) -> None:
        exploration = self.exploration
        assert exploration is not None
        step = explore.step_to_answer(self.scenario, self.attempt, exploration)
        lists = self.query("#choices, #decision")
        chosen = list(lists.first(ChoiceList).chosen) if lists else []
        if step is None:
            return
        if not chosen:
            warning = (
                "Kies eerst één optie." if step.kind == "decide" else "Kies minstens één actie."
            )
            self.notify(warning, severity="warning")
            return
        if step.id == exploration.from_step and not explore.otherwise(step, chosen, self.attempt):
            self.notify("Dit koos je ook in je poging. Kies iets anders.", severity="warning")
            return
        self.exploration = explore.with_answer(self.scenario, self.attempt, exploration, chosen)
        self.wijzer.store.save_exploration(self.exploration)
        self.answered, self.phase = step, "feedback"
        await self.show()

    def _at_ending(self) -> bool:
        return self.exploration is not None and self.exploration.ending is not None

    async def action_again(self) -> None:
        self.exploration, self.answered, self.phase = None, None, "pick"
        await self.show()

    @on(Button.Pressed, "#back")
    def action_back(self) -> None:
        self.dismiss(None)
