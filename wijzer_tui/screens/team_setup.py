"""Teamtraining: name the session, enter who attends, pick a scenario, or resume a busy session."""

from __future__ import annotations

import time

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.markup import escape
from textual.widgets import Button, Footer, Header, Input, Label, OptionList, Static
from textual.widgets.option_list import Option

from wijzer_tui.domain.errors import WijzerError
from wijzer_tui.domain.team.outline import attendee_count, dutch_date, page_title, today
from wijzer_tui.domain.team.session import DEFAULT_MINUTES, TeamSession, parse_dutch_date
from wijzer_tui.domain.team.store import TeamStore, TeamTraining
from wijzer_tui.screens.attendee_link import (
    PICK_HINT,
    Attendee,
    attendee_label,
    learners_here,
    pick_learner,
    resolve_typed,
)
from wijzer_tui.screens.base import BaseScreen
from wijzer_tui.screens.dialogs import ConfirmDialog
from wijzer_tui.screens.role_pick import TEAM_QUESTION, ask_role
from wijzer_tui.screens.team_agreements import PRIVACY_TEAM
from wijzer_tui.screens.team_theme import use_team_theme
from wijzer_tui.widgets.choice_list import ChoiceList
from wijzer_tui.widgets.timer import Clock

INTRO = (
    "Oefen samen met een team op één scherm. Lees de casus samen, bespreek wat jullie doen, "
    "tel de keuzes van de groep en onthul dan de tips uit de wijzer. Sluit af met afspraken."
)


class TeamSetupScreen(BaseScreen):
    """Start a new team session, or continue one that is still busy."""

    CSS_PATH = "team.tcss"  # loaded on first use: keeps self-study start-up fast

    BINDINGS = [
        Binding("ctrl+b", "begin", "Beginnen"),
        Binding("ctrl+l", "pick_learner", "Uit de lijst"),
        Binding("delete", "remove_attendee", "Verwijderen", key_display="del"),
        Binding("escape", "leave", "Terug"),
        Binding("escape", "leave_app", "Stoppen"),
    ]

    def __init__(self, *, clock: Clock = time.monotonic) -> None:
        super().__init__()
        self.clock = clock
        self.draft = TeamSession("concept", "", 0)  # holds and checks the names typed so far
        self.theme_before: str | None = None

    def compose(self) -> ComposeResult:
        yield Header()
        with VerticalScroll(classes="page", id="setup"):
            yield Static(INTRO)
            yield Static(PRIVACY_TEAM, classes="privacy")
            yield Static("Verder met een sessie", classes="page-title", id="resume-title")
            yield OptionList(id="resume")
            yield Static("Nieuwe sessie", classes="page-title")
            with Vertical(classes="form"):
                with Horizontal(classes="field"):
                    yield Label("Team")
                    yield Input(
                        placeholder="bijv. Wijkteam Noord", id="team", max_length=60, compact=True
                    )
                with Horizontal(classes="field"):
                    yield Label("Organisatie")
                    yield Input(
                        placeholder="mag leeg", id="organisation", max_length=60, compact=True
                    )
                with Horizontal(classes="field"):
                    yield Label("Datum")
                    # A session held yesterday can be logged today.
                    yield Input(
                        dutch_date(today()),
                        placeholder="dd-mm-jjjj",
                        id="date",
                        max_length=10,
                        compact=True,
                    )
                with Horizontal(classes="field"):
                    yield Label("Minuten per gesprek")
                    yield Input(str(DEFAULT_MINUTES), id="minutes", max_length=2, compact=True)
                with Horizontal(classes="field"):
                    yield Label("Deelnemers")
                    yield Input(
                        placeholder="naam of initialen, dan Enter",
                        id="attendee",
                        max_length=60,
                        compact=True,
                    )
                    yield Button("Toevoegen", id="add", compact=True)
            yield Static(PICK_HINT, id="pick-hint", classes="muted")
            yield OptionList(id="attendees")
            yield Static(
                "Iemand weghalen: kies de naam en druk op Delete.",
                id="attendee-hint",
                classes="muted",
            )
            yield Static("Welke casus?", classes="question")
            options = [(s.id, f"{s.number}. {s.title}") for s in self.wijzer.scenarios]
            yield ChoiceList(options, multiple=False, id="scenario")
            with Horizontal(classes="buttons"):
                yield Button("Beginnen", variant="primary", id="begin", compact=True)
        yield Footer(compact=True)

    def on_mount(self) -> None:
        self.theme_before = use_team_theme(self.app)
        self.sub_title = "Teamtraining"
        self.teams = TeamStore(self.wijzer.store.root)
        self.people = learners_here(self.wijzer)
        self.query_one("#pick-hint").display = bool(self.people)
        self.refresh_resume()
        self._fill_attendees()
        target = "#resume" if self.query_one("#resume").display else "#team"
        self.query_one(target).focus()

    def on_unmount(self) -> None:
        if self.theme_before:
            self.app.theme = self.theme_before

    def on_screen_resume(self) -> None:
        self.people = learners_here(self.wijzer)
        self.refresh_resume()

    @property
    def first_screen(self) -> bool:
        """True when started with `wijzer team`: leaving then stops the app."""
        return len(self.app.screen_stack) <= 2

    def refresh_resume(self) -> None:
        """List the unfinished sessions, newest first."""
        try:
            busy = self.teams.unfinished()
        except WijzerError as error:
            self.wijzer.show_error(error)
            busy = []
        for warning in self.teams.warnings:
            self.notify(warning, title="Let op: sessiebestand", severity="warning", timeout=20)
        self.teams.warnings.clear()
        self.busy = {s.id: s for s in busy}
        resume = self.query_one("#resume", OptionList)
        resume.clear_options()
        resume.add_options([Option(self._resume_line(s), id=s.id) for s in busy])
        resume.highlighted = 0 if busy else None
        resume.display = bool(busy)
        self.query_one("#resume-title").display = bool(busy)

    def _resume_line(self, session: TeamSession) -> str:
        scenario = self.wijzer.scenario(session.scenario_id)
        which = f"casus {scenario.number}" if scenario else "onbekende casus"
        who = session.team or "team zonder naam"
        if session.organisation:
            who += f" ({session.organisation})"
        where = ""
        if scenario is not None:
            where = " · bij " + page_title(scenario, session.position)
        people = attendee_count(len(session.attendees))
        return escape(f"{dutch_date(session.date)} · {who} · {which} · {people}{where}")

    def _fill_attendees(self) -> None:
        names = self.draft.attendees
        options = self.query_one("#attendees", OptionList)
        options.clear_options()
        options.add_options(
            [Option(escape(attendee_label(n, self.draft.linked(n))), id=n) for n in names]
        )
        options.highlighted = 0 if names else None
        options.display = bool(names)
        self.query_one("#attendee-hint").display = bool(names)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if not super().check_action(action, parameters):
            return False
        if action == "remove_attendee":
            return self.focused is self.query_one("#attendees")
        if action == "leave":
            return not self.first_screen
        if action == "leave_app":
            return self.first_screen
        return True

    @on(Input.Changed, "#minutes")
    def minutes_typed(self, event: Input.Changed) -> None:
        """Minutes are digits: anything else is taken out again, with a word why."""
        digits = "".join(ch for ch in event.value if ch.isdigit())
        if digits != event.value:
            event.input.value = digits
            event.input.cursor_position = len(digits)  # typing goes on after the digits
            self.notify("Typ bij minuten alleen cijfers, 1 tot 60.", severity="warning")

    @on(Input.Submitted, "#attendee")
    @on(Button.Pressed, "#add")
    @work(exclusive=True, group="attendee")
    async def add_attendee(self, event: Input.Submitted | Button.Pressed) -> None:
        event.stop()
        field = self.query_one("#attendee", Input)
        if isinstance(event, Input.Submitted) and not field.value.strip() and self.draft.attendees:
            self.query_one("#scenario").focus()  # everyone is in: on to the scenario
            return
        await self._add_typed()

    async def _add_typed(self) -> bool:
        """Add the typed name to the attendees, after asking whether it is a learner on this
        machine; False (with a message) when it cannot be or the trainer cancelled."""
        field = self.query_one("#attendee", Input)
        team, organisation = (
            self.query_one(f"#{f}", Input).value for f in ("team", "organisation")
        )
        taken = set(self.draft.links.values())
        who = await resolve_typed(self.app, self.people, field.value, team, organisation, taken)
        if who is None:
            field.focus()
            return False
        return self._add(who)

    def _add(self, who: Attendee) -> bool:
        field = self.query_one("#attendee", Input)
        try:
            self.draft.add_attendee(who.name, who.learner_id)
        except WijzerError as error:
            self.notify(error.message, severity="warning")
            return False
        field.value = ""
        field.focus()
        self._fill_attendees()
        self.query_one("#attendees", OptionList).scroll_visible()
        return True

    @work(exclusive=True, group="attendee")
    async def action_pick_learner(self) -> None:
        who = await pick_learner(self.app, self.people, set(self.draft.links.values()))
        if who is not None:
            self._add(who)

    @on(ChoiceList.Changed, "#scenario")
    def scenario_chosen(self, event: ChoiceList.Changed) -> None:
        event.stop()
        self.query_one("#begin").focus()

    @on(Input.Submitted, "#team, #organisation, #date, #minutes")
    def next_field(self, event: Input.Submitted) -> None:
        event.stop()
        self.focus_next()

    def action_remove_attendee(self) -> None:
        options = self.query_one("#attendees", OptionList)
        if options.highlighted is None:
            return
        name = str(options.get_option_at_index(options.highlighted).id)
        self.draft.attendees.remove(name)
        self.draft.links.pop(name, None)
        self._fill_attendees()
        if self.draft.attendees:
            options.focus()
        else:
            self.query_one("#attendee").focus()

    @on(Button.Pressed, "#begin")
    @work(exclusive=True, group="attendee")
    async def action_begin(self) -> None:
        pending = self.query_one("#attendee", Input)
        # A name typed but not yet added still counts.
        if pending.value.strip() and not await self._add_typed():
            return
        chosen = self.query_one("#scenario", ChoiceList).chosen
        scenario = self.wijzer.scenario(chosen[0]) if chosen else None
        if scenario is None:
            self.notify("Kies eerst een casus.", severity="warning")
            self.query_one("#scenario").focus()
            return
        minutes_text = self.query_one("#minutes", Input).value.strip()
        try:
            when = parse_dutch_date(self.query_one("#date", Input).value)
            session = TeamSession.new(
                scenario,
                self.query_one("#team", Input).value,
                self.query_one("#organisation", Input).value,
                list(self.draft.attendees),
                int(minutes_text) if minutes_text.isdigit() else 0,
                dict(self.draft.links),
                when=when,
            )
        except WijzerError as error:
            self.notify(error.message, severity="warning")
            return
        # Asked once the rest is right, so a typo never makes the trainer pick twice.
        role = await ask_role(self.app, scenario, TEAM_QUESTION)
        if role is None:  # the trainer went back: nothing starts
            self.query_one("#scenario").focus()
            return
        session.role = role
        try:
            self.teams.save(session)
        except WijzerError as error:
            self.notify(error.message, severity="warning")
            return
        self.draft.attendees.clear()
        self.draft.links.clear()
        self._fill_attendees()
        self._open(TeamTraining(self.teams, scenario, session))

    @on(OptionList.OptionSelected, "#resume")
    def resume(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        try:
            session = self.teams.load(str(event.option.id))
        except WijzerError as error:
            self.wijzer.show_error(error)
            self.refresh_resume()
            return
        scenario = self.wijzer.scenario(session.scenario_id)
        if scenario is None:
            self.notify("De casus van deze sessie bestaat niet meer.", severity="error")
            return
        if scenario.content_version != session.content_version:
            self.notify("Deze casus is veranderd sinds de sessie begon.", severity="warning")
        self._open(TeamTraining(self.teams, scenario, session))

    def _open(self, training: TeamTraining) -> None:
        from wijzer_tui.screens.team_session import TeamSessionScreen

        self.app.push_screen(TeamSessionScreen(training, clock=self.clock))

    @property
    def has_typed(self) -> bool:
        """True when names or fields of a new session are filled in (they are not saved yet)."""
        fields = (
            self.query_one(f"#{name}", Input).value for name in ("team", "organisation", "attendee")
        )
        return bool(self.draft.attendees) or any(value.strip() for value in fields)

    @work
    async def action_leave(self) -> None:
        if await self._may_leave():
            self.dismiss(None)

    @work
    async def action_leave_app(self) -> None:
        if await self._may_leave():
            self.app.exit()

    async def _may_leave(self) -> bool:
        if not self.has_typed:
            return True
        question = "Stoppen? Wat je voor de nieuwe sessie invulde, wordt niet bewaard."
        return bool(
            await self.app.push_screen_wait(ConfirmDialog(question, "Stoppen", "Nee", safe="no"))
        )
