"""Linking team attendees to learners on this machine: pick one from a list, or confirm a match."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from textual import events, on
from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.markup import escape
from textual.screen import ModalScreen
from textual.widgets import Footer, Input, OptionList, Static
from textual.widgets.option_list import Option

from wijzer_tui.domain.errors import WijzerError
from wijzer_tui.domain.progress.people import describe, fold, linkable, matches
from wijzer_tui.domain.progress.records import Profile, clean_label
from wijzer_tui.screens.dialogs import DIALOG_CSS

if TYPE_CHECKING:
    from wijzer_tui.app import WijzerApp

NEW = ""  # the option "someone new": no link
PICK_HINT = "Doet iemand mee die hier al oefent? Kies met Ctrl+L uit de lijst."


@dataclass(frozen=True)
class Attendee:
    """Who to add: the name to show, and the learner id (None: not asked, "": someone new)."""

    name: str
    learner_id: str | None


class LearnerPickerDialog(ModalScreen[str | None]):
    """A list of learners to choose from; returns a learner id, NEW, or None (cancelled)."""

    DEFAULT_CSS = (
        DIALOG_CSS.format(name="LearnerPickerDialog")
        + """
    LearnerPickerDialog > Vertical { width: 76; }
    LearnerPickerDialog OptionList { height: auto; max-height: 12; }
    LearnerPickerDialog Input { margin: 0 0 1 0; }
    """
    )
    BINDINGS = [Binding("escape", "cancel", "Annuleren")]

    def __init__(
        self, title: str, learners: list[Profile], *, new_name: str = "", search: bool = False
    ) -> None:
        super().__init__()
        self.title_text = title
        self.learners = learners
        self.new_name = new_name  # offer "someone new" with this name when set
        self.search = search

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static(escape(self.title_text), classes="dialog-title")
            if self.search:
                yield Input(placeholder="typ om te zoeken", id="search", compact=True)
            yield OptionList(id="learners")
            yield Static("Enter kiest · Esc: annuleren", classes="muted")
        yield Footer(compact=True)

    def on_mount(self) -> None:
        self._fill("")
        self.query_one("#search" if self.search else "#learners").focus()

    def _fill(self, text: str) -> None:
        wanted = fold(text)
        shown = [p for p in self.learners if wanted in fold(describe(p))]
        prefix = "Ja, dat is " if self.new_name else ""
        options = [Option(escape(prefix + describe(p)), id=p.id) for p in shown]
        if self.new_name:
            options.append(Option(escape(f"Nee, iemand anders: {self.new_name} is nieuw"), id="-"))
        if not options:
            options.append(Option("Niemand gevonden.", id="-none", disabled=True))
        listing = self.query_one("#learners", OptionList)
        listing.clear_options()
        listing.add_options(options)
        listing.highlighted = 0 if shown or self.new_name else None

    @on(Input.Changed, "#search")
    def search_changed(self, event: Input.Changed) -> None:
        event.stop()
        self._fill(event.value)

    @on(Input.Submitted, "#search")
    def search_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        listing = self.query_one("#learners", OptionList)
        if listing.highlighted is not None:
            listing.action_select()

    def on_key(self, event: events.Key) -> None:
        if event.key == "down" and self.focused is not None and self.focused.id == "search":
            event.stop()
            self.query_one("#learners").focus()

    @on(OptionList.OptionSelected, "#learners")
    def chosen(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.dismiss(NEW if event.option.id == "-" else str(event.option.id))

    def action_cancel(self) -> None:
        self.dismiss(None)


def learners_here(app: WijzerApp) -> list[Profile]:
    """The learners on this machine an attendee can be linked to; empty (with the Dutch error
    shown) when the progress folder cannot be read."""
    try:
        return linkable(app.store.profiles())
    except WijzerError as error:
        app.show_error(error)
        return []


def confirm_question(name: str, found: list[Profile]) -> str:
    """The Dutch question when a typed name matches learners on this machine."""
    if len(found) == 1:
        return (
            f"{found[0].name} staat al op deze computer, in hetzelfde team en dezelfde "
            f"organisatie. Is {name} dezelfde persoon? Dan telt deze teamtraining mee in "
            "dat profiel."
        )
    return (
        f"Er staan {len(found)} mensen met deze naam, dit team en deze organisatie op deze "
        f"computer. Wie is {name}?"
    )


async def resolve_typed(
    app: App, profiles: list[Profile], typed: str, team: str, organisation: str, taken: set[str]
) -> Attendee | None:
    """Ask the trainer whether a typed name is a learner on this machine (same name, team and
    organisation, folded). None when the trainer cancelled; else who to add (an empty name is
    left to TeamSession.add_attendee to refuse in Dutch)."""
    name = clean_label(typed)
    found = [p for p in matches(profiles, name, team, organisation) if p.id not in taken]
    if not name or not found:
        return Attendee(name, None)
    question = confirm_question(name, found)
    choice = await app.push_screen_wait(LearnerPickerDialog(question, found, new_name=name))
    if choice is None:
        return None
    if choice == NEW:
        return Attendee(name, NEW)
    chosen = next(p for p in found if p.id == choice)
    return Attendee(chosen.name, chosen.id)


async def pick_learner(app: App, profiles: list[Profile], taken: set[str]) -> Attendee | None:
    """Let the trainer pick a learner on this machine; None when cancelled or nobody is left."""
    free = [p for p in linkable(profiles) if p.id not in taken]
    if not free:
        app.notify("Er staan geen andere deelnemers op deze computer.", severity="warning")
        return None
    title = "Wie doet er mee? Kies uit de deelnemers op deze computer."
    choice = await app.push_screen_wait(LearnerPickerDialog(title, free, search=True))
    chosen = next((p for p in free if p.id == choice), None)
    return None if chosen is None else Attendee(chosen.name, chosen.id)


def attendee_label(name: str, learner_id: str | None) -> str:
    """How an attendee shows in the list: linked ones say so."""
    return f"{name} · al bekend op deze computer" if learner_id else name
