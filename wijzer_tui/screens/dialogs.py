"""Small self-contained dialogs: a message, a yes/no question and a question with choices."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.markup import escape
from textual.screen import ModalScreen
from textual.widgets import Button, Static

DIALOG_CSS = """
{name} {{
    align: center middle;
    background: $background 60%;
}}
{name} > Vertical {{
    width: 70;
    max-width: 100%;
    height: auto;
    max-height: 100%;
    border: thick $accent;
    background: $panel;
    padding: 1 2;
}}
{name} .dialog-title {{
    text-style: bold;
    margin: 0 0 1 0;
}}
{name} Horizontal {{
    height: auto;
    margin: 1 0 0 0;
}}
{name} Button {{
    margin: 0 2 0 0;
}}
"""


class MessageDialog(ModalScreen[None]):
    """A blocking message with one button."""

    DEFAULT_CSS = DIALOG_CSS.format(name="MessageDialog")
    BINDINGS = [Binding("escape,enter", "close", "Sluiten")]

    def __init__(self, title: str, message: str) -> None:
        super().__init__()
        self.title_text = title
        self.message = message

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static(escape(self.title_text), classes="dialog-title")
            yield Static(escape(self.message))
            with Horizontal():
                yield Button("Sluiten", variant="primary", id="close")

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.dismiss(None)

    def action_close(self) -> None:
        self.dismiss(None)


class ConfirmDialog(ModalScreen[bool]):
    """A yes/no question; dismisses with True for yes.

    `safe="no"` opens with focus on the no-button, so a reflex Enter changes nothing; use it
    wherever yes shares, deletes, overwrites or stops."""

    DEFAULT_CSS = DIALOG_CSS.format(name="ConfirmDialog")
    BINDINGS = [
        Binding("escape", "no", "Annuleren"),
        Binding("j", "yes", "Ja"),
        Binding("n", "no", "Nee"),
    ]

    def __init__(
        self, question: str, yes: str = "Ja", no: str = "Nee", *, safe: str = "yes"
    ) -> None:
        super().__init__()
        self.question = question
        self.yes, self.no = yes, no
        self.safe = safe

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static(escape(self.question), classes="dialog-title")
            with Horizontal():
                yield Button(self.yes, variant="primary", id="yes")
                yield Button(self.no, id="no")

    def on_mount(self) -> None:
        self.query_one("#no" if self.safe == "no" else "#yes").focus()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.dismiss(event.button.id == "yes")

    def action_yes(self) -> None:
        self.dismiss(True)

    def action_no(self) -> None:
        self.dismiss(False)


class ChoiceDialog(ModalScreen[str | None]):
    """A question with a few answers; dismisses with the chosen id, or None on Esc: nothing
    happens then. The first answer is the safe default and has the focus."""

    DEFAULT_CSS = DIALOG_CSS.format(name="ChoiceDialog")
    BINDINGS = [Binding("escape", "cancel", "Annuleren")]

    def __init__(self, question: str, choices: list[tuple[str, str]]) -> None:
        super().__init__()
        self.question = question
        self.choices = choices  # (id, label)

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static(escape(self.question), classes="dialog-title")
            with Horizontal():
                for number, (choice_id, label) in enumerate(self.choices):
                    variant = "primary" if number == 0 else "default"
                    yield Button(label, variant=variant, id=choice_id)

    def on_mount(self) -> None:
        self.query(Button).first().focus()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.dismiss(event.button.id)

    def action_cancel(self) -> None:
        self.dismiss(None)
