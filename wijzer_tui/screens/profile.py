"""Welcome and profile: choose who you are, or create a profile (name or pseudonym)."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.markup import escape
from textual.widgets import Button, Footer, Header, Input, Label, OptionList, Select, Static
from textual.widgets.option_list import Option

from wijzer_tui.domain.errors import WijzerError
from wijzer_tui.domain.progress.records import BEROEPSGROEPEN, Profile, clean_label
from wijzer_tui.domain.progress.safe_text import visible
from wijzer_tui.domain.progress.standing import self_study_profiles
from wijzer_tui.screens.base import BaseScreen
from wijzer_tui.widgets.dutch_select import DutchSelect

WELCOME = (
    "Welkom bij [b]wijzer[/b]: oefenen met de [i]Frustratiewijzer[/i] van het CCV, Movisie en het NJi "
    "(maart 2023). Je werkt vijf casussen door over samenwerken bij huiselijk geweld en "
    "kindermishandeling. Je kiest wat jij zou doen en ziet je keuzes naast de tips uit de wijzer.\n"
    "Je voortgang blijft op deze computer. Er gaat niets naar buiten, tenzij jij iets exporteert."
)


class ProfileScreen(BaseScreen):
    """First start: welcome and a new profile; later: choose your profile."""

    BINDINGS = [
        Binding("escape", "app.quit", "Stoppen"),
        Binding("question_mark", "app.help", "Hulp", show=False),
    ]

    def compose(self) -> ComposeResult:
        yield Header()
        profiles = self._profiles()
        with VerticalScroll(classes="page"):
            yield Static(WELCOME, id="welcome")
            if profiles:
                yield Static("Wie ben jij?", classes="question")
                options = [Option(self._label(p), id=p.id) for p in profiles]
                yield OptionList(*options, id="profiles")
                yield Static("Nog geen profiel? Maak er hieronder een.", classes="muted")
            else:
                yield Static("Maak eerst je profiel.", classes="question")
            with Vertical(classes="form", id="new-profile"):
                with Horizontal(classes="field"):
                    yield Label("Naam of schuilnaam")
                    yield Input(
                        placeholder="verplicht, bijv. Sanne of S.",
                        id="name",
                        max_length=60,
                        compact=True,
                    )
                with Horizontal(classes="field"):
                    yield Label("Beroepsgroep")
                    choices = [(b, b) for b in BEROEPSGROEPEN]
                    yield DutchSelect(
                        choices, prompt="Kies je beroepsgroep", id="beroepsgroep", compact=True
                    )
                with Horizontal(classes="field"):
                    yield Label("Organisatie")
                    yield Input(
                        placeholder="mag leeg", id="organisation", max_length=60, compact=True
                    )
                with Horizontal(classes="field"):
                    yield Label("Team")
                    yield Input(placeholder="mag leeg", id="team", max_length=60, compact=True)
                with Horizontal(classes="buttons"):
                    yield Button("Bevestigen", variant="primary", id="create", compact=True)
            yield Static(
                "Gebruik geen namen of gegevens van cliënten, ook niet als schuilnaam.",
                classes="muted",
            )
        yield Footer(compact=True)

    def _profiles(self) -> list[Profile]:
        return self_study_profiles(self.wijzer.store)

    @staticmethod
    def _label(profile) -> str:
        extra = " · ".join(x for x in (profile.beroepsgroep, profile.team) if x)
        return escape(visible(f"{profile.name}  ({extra})" if extra else profile.name))

    def on_mount(self) -> None:
        target = "#profiles" if self._profiles() else "#name"
        self.query_one(target).focus()

    @on(OptionList.OptionSelected, "#profiles")
    def choose_profile(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self._enter(self.wijzer.store.profile(str(event.option.id)))

    @on(Button.Pressed, "#create")
    @on(Input.Submitted)
    def create_profile(self, event: Button.Pressed | Input.Submitted) -> None:
        event.stop()
        name = clean_label(self.query_one("#name", Input).value)
        if not name:
            self.notify("Vul een naam of schuilnaam in.", severity="warning")
            self.query_one("#name", Input).focus()
            return
        group = self.query_one("#beroepsgroep", Select).value
        beroepsgroep = group if isinstance(group, str) else "anders"
        organisation = clean_label(self.query_one("#organisation", Input).value)
        team = clean_label(self.query_one("#team", Input).value)
        try:
            profile = self.wijzer.store.create_profile(name, beroepsgroep, organisation, team)
        except WijzerError as error:
            self.wijzer.show_error(error)
            return
        self._enter(profile, first_start=True)

    def _enter(self, profile, *, first_start: bool = False) -> None:
        from wijzer_tui.screens.home import HomeScreen

        self.wijzer.learner = profile
        self.app.switch_screen(HomeScreen())
        if first_start:  # a new profile: offer the Frustratiescan (skippable)
            from wijzer_tui.screens.scan import open_scan

            open_scan(self.wijzer, "start")
