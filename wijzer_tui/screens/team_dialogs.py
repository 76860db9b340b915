"""Dialogs of team training: discussion prompts, attendees (also late ones) and saving the summary."""

from __future__ import annotations

from pathlib import Path

from textual import on, work
from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.markup import escape
from textual.screen import ModalScreen
from textual.widgets import Button, Footer, Input, OptionList, Static
from textual.widgets.option_list import Option

from wijzer_tui.domain.errors import WijzerError
from wijzer_tui.domain.progress.records import Profile
from wijzer_tui.domain.team.prompts import PromptGroup
from wijzer_tui.domain.team.store import TeamTraining
from wijzer_tui.domain.team.summary import (
    default_export_path,
    resolve_export_path,
    save_markdown,
    summary_markdown,
)
from wijzer_tui.screens.attendee_link import Attendee, attendee_label, pick_learner, resolve_typed
from wijzer_tui.screens.dialogs import DIALOG_CSS, ConfirmDialog
from wijzer_tui.widgets.tally import row_line

TEAM_DIALOG_CSS = """
{name} > Vertical {{
    width: 90;
    max-height: 100%;
}}
{name} VerticalScroll {{
    height: auto;
    max-height: 60vh;
}}
{name} .prompt-item {{
    text-style: bold;
    margin: 0 0 0 2;
}}
{name} .prompt-source {{
    color: $text-muted;
    margin: 0 0 1 2;
}}
{name} OptionList {{
    height: auto;
    max-height: 40vh;
}}
"""


class TeamPromptsDialog(ModalScreen[None]):
    """Gespreksvragen: questions and tips to talk about, each group with its source."""

    DEFAULT_CSS = DIALOG_CSS.format(name="TeamPromptsDialog") + TEAM_DIALOG_CSS.format(
        name="TeamPromptsDialog"
    )
    BINDINGS = [Binding("escape,g,q", "close", "Sluiten")]

    def __init__(self, groups: list[PromptGroup]) -> None:
        super().__init__()
        self.groups = groups

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static("Gespreksvragen", classes="dialog-title")
            with VerticalScroll(id="prompts"):
                for group in self.groups:
                    yield Static(escape(group.title), classes="page-title")
                    for item in group.items:
                        yield Static(row_line("•", "", item, 0), classes="prompt-item")
                    yield Static(escape(f"Bron: {group.source}"), classes="prompt-source")
            with Horizontal():
                yield Button("Sluiten", variant="primary", id="close", compact=True)
        yield Footer(compact=True)

    def on_mount(self) -> None:
        self.query_one("#prompts").focus()  # ↑ ↓ scroll the questions

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.dismiss(None)

    def action_close(self) -> None:
        self.dismiss(None)


class TeamAttendeesDialog(ModalScreen[None]):
    """Deelnemers: add someone who comes in late, or take a name off the list."""

    DEFAULT_CSS = DIALOG_CSS.format(name="TeamAttendeesDialog") + TEAM_DIALOG_CSS.format(
        name="TeamAttendeesDialog"
    )
    BINDINGS = [
        Binding("escape", "close", "Sluiten"),
        Binding("delete", "remove", "Verwijderen", key_display="del"),
        Binding("ctrl+l", "pick_learner", "Uit de lijst"),
    ]

    def __init__(self, training: TeamTraining, people: list[Profile] | None = None) -> None:
        super().__init__()
        self.training = training
        self.people = people or []  # learners on this machine, to link late attendees to

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static("Deelnemers", classes="dialog-title")
            yield OptionList(id="attendee-list")
            yield Static(
                "Nieuw erbij? Typ een naam of initialen en druk op Enter. Oefent iemand al op "
                "deze computer? Kies met Ctrl+L uit de lijst. Iemand weghalen: kies de naam in "
                "de lijst en druk op Delete.",
                classes="muted",
            )
            yield Input(placeholder="naam of initialen", id="late-name", max_length=60)
            with Horizontal():
                yield Button("Toevoegen", variant="primary", id="add", compact=True)
                yield Button("Sluiten", id="close", compact=True)
        yield Footer(compact=True)

    def on_mount(self) -> None:
        self._fill()
        self.query_one("#late-name").focus()

    def _fill(self) -> None:
        session = self.training.session
        names = session.attendees
        options = self.query_one("#attendee-list", OptionList)
        options.clear_options()
        options.add_options(
            [Option(escape(attendee_label(n, session.linked(n))), id=n) for n in names]
        )
        options.highlighted = 0 if names else None
        self.query_one(".dialog-title", Static).update(f"Deelnemers ({len(names)})")

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "remove":
            return self.focused is self.query_one("#attendee-list")
        return True

    @on(Input.Submitted, "#late-name")
    @on(Button.Pressed, "#add")
    @work(exclusive=True)
    async def add(self, event: Input.Submitted | Button.Pressed) -> None:
        event.stop()
        field = self.query_one("#late-name", Input)
        session = self.training.session
        who = await resolve_typed(
            self.app, self.people, field.value, session.team, session.organisation,
            set(session.links.values()),
        )  # fmt: skip
        if who is None:
            field.focus()
        elif self._add(who):
            field.value = ""

    def _add(self, who: Attendee) -> bool:
        try:
            name = self.training.change(lambda s: s.add_attendee(who.name, who.learner_id))
        except WijzerError as error:
            self.notify(error.message, severity="warning")
            return False
        self._fill()
        self.query_one("#late-name").focus()
        self.notify(f"{name} doet mee.")
        return True

    @work(exclusive=True)
    async def action_pick_learner(self) -> None:
        who = await pick_learner(self.app, self.people, set(self.training.session.links.values()))
        if who is not None:
            self._add(who)

    @on(Button.Pressed, "#close")
    def close_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.dismiss(None)

    def action_close(self) -> None:
        self.dismiss(None)

    def action_remove(self) -> None:
        options = self.query_one("#attendee-list", OptionList)
        if options.highlighted is None:
            return
        name = str(options.get_option_at_index(options.highlighted).id)
        try:
            self.training.change(lambda s: s.remove_attendee(name))
        except WijzerError as error:
            self.notify(error.message, severity="warning")
            return
        self._fill()
        self.notify(f"{name} staat niet meer bij de deelnemers.")


class TeamExportDialog(ModalScreen[str | None]):
    """Where to save the summary: the suggested file, or a path the trainer types."""

    DEFAULT_CSS = DIALOG_CSS.format(name="TeamExportDialog") + TEAM_DIALOG_CSS.format(
        name="TeamExportDialog"
    )
    BINDINGS = [
        Binding("escape", "cancel", "Annuleren"),
        Binding("ctrl+s", "save", "Opslaan", priority=True),
    ]

    def __init__(self, default: Path) -> None:
        super().__init__()
        self.default = default

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static("Overzicht opslaan als Markdown", classes="dialog-title")
            yield Static(
                "Je kunt het bestand mailen naar het team. Het bevat de namen van de "
                "deelnemers. Pas de plek aan als je wilt; typ je alleen een naam, dan komt "
                "het bestand in deze map.",
                classes="muted",
            )
            yield Input(str(self.default), id="export-path")
            with Horizontal():
                yield Button("Opslaan", variant="primary", id="save", compact=True)
                yield Button("Annuleren", id="cancel", compact=True)
        yield Footer(compact=True)

    def on_mount(self) -> None:
        self.query_one("#export-path").focus()

    @on(Input.Submitted)
    @on(Button.Pressed, "#save")
    def action_save(self) -> None:
        self.dismiss(self.query_one("#export-path", Input).value)

    @on(Button.Pressed, "#cancel")
    def action_cancel(self) -> None:
        self.dismiss(None)


async def save_summary(app: App, root: Path, training: TeamTraining) -> Path | None:
    """Ask where to save the summary (overwrite only after a yes) and save it.

    Returns the file, or None when the trainer cancelled. Raises ExportError in Dutch.
    """
    scenario, session = training.scenario, training.session
    default = default_export_path(root, scenario, session)
    typed = await app.push_screen_wait(TeamExportDialog(default))
    if typed is None:
        return None
    path = resolve_export_path(typed, default)
    if path.exists() and not await app.push_screen_wait(
        ConfirmDialog(f"{path.name} bestaat al. Overschrijven?", "Overschrijven", "Nee", safe="no")
    ):
        return None
    in_exports = path.parent == default.parent  # only wijzer's own folder is made on demand
    return save_markdown(path, summary_markdown(scenario, session), make_folder=in_exports)
