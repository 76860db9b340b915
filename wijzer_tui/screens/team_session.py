"""A team session on a shared screen: the case, the group's choices, the reveal, agreements."""

from __future__ import annotations

import time
from collections.abc import Callable

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.markup import escape
from textual.widgets import Button, Footer, Header, Input, Static

from wijzer_tui.domain.errors import WijzerError
from wijzer_tui.domain.team.outline import attendee_count, page_title
from wijzer_tui.domain.team.prompts import discussion_prompts
from wijzer_tui.domain.team.session import TeamError, TeamSession
from wijzer_tui.domain.team.store import TeamTraining
from wijzer_tui.screens.attendee_link import learners_here
from wijzer_tui.screens.base import BaseScreen
from wijzer_tui.screens.dialogs import ConfirmDialog
from wijzer_tui.screens.team_agreements import AgreementsPanel
from wijzer_tui.screens.team_dialogs import TeamAttendeesDialog, TeamPromptsDialog, save_summary
from wijzer_tui.screens.team_pages import active_keys, page_widgets
from wijzer_tui.screens.team_theme import use_team_theme
from wijzer_tui.widgets.tally import TallyList, status_line
from wijzer_tui.widgets.timer import Clock, DiscussionTimer

# Actions that are letters: they are off while someone types in a field.
LETTER_ACTIONS = {
    "next", "reveal_first", "back", "reveal", "number", "more", "less", "timer", "timer_reset",
    "questions", "attendees", "stop", "finish", "markdown",
}  # fmt: skip


class TeamSessionScreen(BaseScreen):
    """One page at a time; every change is saved at once (see TeamTraining)."""

    CSS_PATH = "team.tcss"  # loaded on first use: keeps self-study start-up fast

    HORIZONTAL_BREAKPOINTS = [(0, "-too-narrow"), (60, "-wide-enough"), (110, "-large")]
    VERTICAL_BREAKPOINTS = [(0, "-too-low"), (18, "-high-enough"), (34, "-tall")]
    BINDINGS = [
        Binding("1", "number(1)", "Stemmen", key_display="nr +/-"),
        *(Binding(str(n), f"number({n})", f"Optie {n}", show=False) for n in (*range(2, 10), 0)),
        Binding("plus,equals_sign", "more", "Stem erbij", show=False),
        Binding("minus", "less", "Stem eraf", show=False),
        Binding("v", "next", "Volgende"),
        # While votes are entered, v only explains why you cannot go on yet.
        Binding("v", "reveal_first", "Volgende", show=False),
        Binding("t", "back", "Terug"),
        Binding("o", "reveal", "Onthullen"),
        Binding("s", "timer", "Timer", key_display="s/r"),
        Binding("r", "timer_reset", "Timer opnieuw", show=False),
        Binding("a", "finish", "Afronden"),
        Binding("m", "markdown", "Opslaan"),
        Binding("g", "questions", "Gespreksvragen"),
        Binding("d", "attendees", "Deelnemers"),
        Binding("q", "stop", "Stoppen"),
    ]

    def __init__(self, training: TeamTraining, *, clock: Clock = time.monotonic) -> None:
        super().__init__()
        self.training = training
        self.clock = clock

    @property
    def session(self) -> TeamSession:
        """The session (the training replaces it when a save is undone)."""
        return self.training.session

    def compose(self) -> ComposeResult:
        yield Header()
        with Horizontal(id="team-top"):
            yield Static(id="team-where")
            yield DiscussionTimer(self.session.timer_minutes, clock=self.clock, id="timer")
        yield VerticalScroll(id="team-body")
        with Horizontal(id="team-buttons", classes="buttons"):
            yield Button("Terug", id="back", compact=True)
            yield Button("− stem", id="less", compact=True)
            yield Button("+ stem", id="more", compact=True)
            yield Button("Samen kiezen", id="mode", compact=True)
            yield Button("Onthullen", variant="warning", id="reveal", compact=True)
            yield Button("Afronden", variant="success", id="finish", compact=True)
            yield Button("Volgende", variant="primary", id="next", compact=True)
        yield Footer(compact=True)

    async def on_mount(self) -> None:
        use_team_theme(self.app)
        scenario = self.training.scenario
        self.sub_title = f"Teamtraining · casus {scenario.number}"
        if len(scenario.roles) > 1:  # who the group is stays in sight all through the case
            # The role instead of "Teamtraining": the longest role only fits in 80 columns so.
            role = scenario.role(self.session.role).title
            self.sub_title = f"casus {scenario.number} · {role}"
        await self.show_page()

    # -- pages ------------------------------------------------------------------------------

    @property
    def entering(self) -> bool:
        """True on a choose or decide page whose group choice is still open."""
        return self.training.must_reveal_first()

    async def show_page(self, *, fresh: bool = True) -> None:
        """Replace the body with the current page; `fresh` also resets the timer."""
        training, step = self.training, self.training.step
        section = training.section
        self._first_digit = None
        title = page_title(training.scenario, section)
        where = f"[b]{escape(title)}[/b] · {training.page_label}"
        self.query_one("#team-where", Static).update(where)
        timer = self.query_one(DiscussionTimer)
        timer.display = step is not None
        if fresh:
            timer.reset(self.session.timer_minutes)
        body = self.query_one("#team-body", VerticalScroll)
        await body.remove_children()
        body.set_class(self.entering, "-entering")
        await body.mount_all(page_widgets(self.training))
        body.scroll_home(animate=False)
        self._show_buttons()
        self.refresh_bindings()
        # Focus the list or the agreements; otherwise the page itself, so ↑ ↓ scroll it.
        if section == "agreements":
            self.query_one(AgreementsPanel).focus_start()
        elif self.query("#tally"):
            self.query_one("#tally").focus()
        else:
            body.focus()

    def _show_buttons(self) -> None:
        entering = self.entering
        step = self.training.step
        shown = {
            "back": self.training.index > 0,
            "less": entering,
            "more": entering,
            "mode": entering,
            "reveal": step is not None and not self.session.is_revealed(step.id),
            "finish": self.training.section == "summary" and self.session.status == "busy",
            "next": not entering and self.training.section != "summary",
        }
        for name, visible in shown.items():
            self.query_one(f"#{name}", Button).display = visible
        if entering and step is not None:
            consensus = self.session.entry(step.id).mode == "consensus"
            self.query_one("#mode", Button).label = (
                "Stemmen tellen" if consensus else "Samen kiezen"
            )

    def _redraw_tally(self) -> None:
        step = self.training.step
        if step is None or not self.query("#tally"):
            return
        entry = self.session.entry(step.id)
        self.query_one(TallyList).show(entry)
        self._show_buttons()
        line = status_line(step, entry, len(self.session.attendees))
        self.query_one("#tally-status", Static).update(escape(line))

    # -- which keys work where --------------------------------------------------------------

    @property
    def typing(self) -> bool:
        """True while a field, or a button of the agreements form, has focus."""
        if isinstance(self.focused, Input):
            return True
        return any(panel.typing for panel in self.query(AgreementsPanel))

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if not super().check_action(action, parameters):
            return False
        if action in LETTER_ACTIONS and self.typing:
            return False  # the letter is text for the form, never a jump to another page
        return active_keys(self.training).get(action, True)

    # -- drafts -----------------------------------------------------------------------------

    def flush_draft(self) -> None:
        """Save the agreement being typed now (leaving the page, a dialog, quitting)."""
        for panel in self.query(AgreementsPanel):
            panel.flush_draft()

    def on_screen_suspend(self) -> None:
        self.flush_draft()

    # -- actions ----------------------------------------------------------------------------

    def _try(self, change: Callable[[], object]) -> bool:
        """Run a change; show a refusal calmly and a disk problem in a dialog."""
        try:
            change()
        except TeamError as error:
            self.notify(error.message, severity="warning")
            return False
        except WijzerError as error:
            self.wijzer.show_error(error)
            return False
        return True

    @on(Button.Pressed, "#next")
    async def action_next(self) -> None:
        self.flush_draft()
        if self._try(lambda: self.training.go(+1)):
            await self.show_page()

    @on(Button.Pressed, "#back")
    async def action_back(self) -> None:
        self.flush_draft()
        if self.training.index > 0 and self._try(lambda: self.training.go(-1)):
            await self.show_page()

    def action_reveal_first(self) -> None:
        self.notify(
            "Onthul eerst de tips uit de wijzer met o. Daarna kun je verder.", severity="warning"
        )

    # From 10 options on, a second digit typed soon after the first makes a two-digit number.
    SECOND_DIGIT_SECONDS = 1.5
    _first_digit: tuple[int, float] | None = None

    def action_number(self, number: int) -> None:
        if not self.query("#tally"):
            return
        tally = self.query_one(TallyList)
        now = time.monotonic()
        first, self._first_digit = self._first_digit, None
        if first is not None and now - first[1] <= self.SECOND_DIGIT_SECONDS:
            combined = first[0] * 10 + number
            if tally.select_number(combined) is not None:
                return
        if tally.select_number(number) is None:
            self.notify(f"Er is geen optie {number}.", severity="warning")
        elif number * 10 <= len(tally.option_ids):
            self._first_digit = (number, now)

    @on(Button.Pressed, "#more")
    def action_more(self) -> None:
        self._bump(+1)

    @on(Button.Pressed, "#less")
    def action_less(self) -> None:
        self._bump(-1)

    def _bump(self, delta: int) -> None:
        self._first_digit = None  # a vote ends a number being typed
        tally = self.query_one(TallyList)
        option_id = tally.current
        if option_id is None:
            self.notify("Kies eerst een optie met het nummer of ↑ ↓.", severity="warning")
            return
        step = self.training.step
        if step is not None and self.session.entry(step.id).mode == "consensus":
            if not self._try(lambda: self.training.set_mode("tally")):
                return
            self.notify("Je telt nu weer stemmen per optie.")
        if self._try(lambda: self.training.bump(option_id, delta)):
            self._redraw_tally()
        tally.focus()

    @on(Button.Pressed, "#mode")
    def switch_mode(self) -> None:
        """The mouse way to switch between counting votes and choosing together."""
        step = self.training.step
        if step is None or not self.entering:
            return
        mode = "tally" if self.session.entry(step.id).mode == "consensus" else "consensus"
        if self._try(lambda: self.training.set_mode(mode)):
            self._redraw_tally()
        self.query_one(TallyList).focus()

    @on(TallyList.Picked)
    def consensus_picked(self, event: TallyList.Picked) -> None:
        event.stop()
        step = self.training.step
        if step is None or not self.entering:
            return
        if self.session.entry(step.id).mode == "tally":
            if not self._try(lambda: self.training.set_mode("consensus")):
                return
            self.notify(
                "Samen kiezen: de groep kiest in overeenstemming. + of - telt weer stemmen."
            )
        if self._try(lambda: self.training.toggle_consensus(event.option_id)):
            self._redraw_tally()

    @on(Button.Pressed, "#reveal")
    async def action_reveal(self) -> None:
        if self._try(self.training.reveal):
            await self.show_page(fresh=False)

    def action_timer(self) -> None:
        self.query_one(DiscussionTimer).toggle()

    def action_timer_reset(self) -> None:
        self.query_one(DiscussionTimer).reset(self.session.timer_minutes)

    @on(DiscussionTimer.Finished)
    def time_up(self) -> None:
        self.notify("De gesprekstijd is om. Rond het gesprek rustig af.", title="Tijd")

    def action_questions(self) -> None:
        groups = discussion_prompts(self.training.scenario, self.wijzer.scenarios)
        self.app.push_screen(TeamPromptsDialog(groups))

    def action_attendees(self) -> None:
        self._first_digit = None
        dialog = TeamAttendeesDialog(self.training, learners_here(self.wijzer))
        self.app.push_screen(dialog, self._after_people)

    async def _after_people(self, _: object = None) -> None:
        self._redraw_tally()
        if self.training.section == "summary":
            await self.show_page(fresh=False)

    @on(Button.Pressed, "#finish")
    @work
    async def action_finish(self) -> None:
        count = len(self.session.attendees)
        question = (
            f"Sessie afronden? Voor {'de' if count == 1 else 'alle'} {attendee_count(count)} "
            "wordt vastgelegd dat deze casus in teamtraining is gedaan, met de keuzes van de groep."
        )
        if not self.session.agreements:  # the wijzer's point is what the team will do next
            question += " Let op: er staan nog geen afspraken bij (deel Afspraken, t = terug)."
        if not await self.app.push_screen_wait(ConfirmDialog(question, "Afronden", "Nog niet")):
            return
        if self._try(lambda: self.training.finish(self.wijzer.store)):
            self.notify(f"Afgerond. De deelname van {attendee_count(count)} is vastgelegd.")
            await self.show_page(fresh=False)

    @work
    async def action_markdown(self) -> None:
        try:
            path = await save_summary(self.app, self.wijzer.store.root, self.training)
        except WijzerError as error:
            self.wijzer.show_error(error)
            return
        if path is not None:
            self.notify(f"Opgeslagen als {path}", title="Overzicht opgeslagen", timeout=12)

    def action_stop(self) -> None:
        self.flush_draft()
        if self.session.status == "finished":
            self.notify("De sessie is afgerond en bewaard.")
        else:
            self.notify("De sessie is bewaard. Je kunt later verder waar je was.")
        self.dismiss(None)
