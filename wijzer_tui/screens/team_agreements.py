"""Afspraken (wie · wat · wanneer): the team writes, edits and deletes its agreements."""

from __future__ import annotations

from rich.text import Text
from textual import events, on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.widgets import Button, DataTable, Input, Static

from wijzer_tui.domain.errors import WijzerError
from wijzer_tui.domain.team.store import TeamTraining
from wijzer_tui.screens.dialogs import ConfirmDialog
from wijzer_tui.widgets.sections import text

PRIVACY_TEAM = (
    "Dit scherm is openbaar. Noem geen cliënten en schrijf niets op waaraan iemand te herkennen is."
)
FIELDS = ("who", "what", "when")
WHO, WHEN = 16, 14  # column widths; "wat" gets the rest


class AgreementsPanel(Vertical):
    """A table of agreements and a row of three fields to add or change one."""

    BINDINGS = [
        Binding("n", "new", "Nieuw"),
        Binding("delete", "delete", "Verwijderen", key_display="del"),
        Binding("ctrl+s", "save", "Opslaan"),
        Binding("escape", "done_typing", "Klaar met typen"),
    ]

    def __init__(self, training: TeamTraining) -> None:
        super().__init__(id="agreements-panel")
        self.training = training
        self.editing: int | None = None
        self._width = 0

    def compose(self) -> ComposeResult:
        yield text(PRIVACY_TEAM, "privacy")
        yield DataTable(id="agreements", cursor_type="row", zebra_stripes=True)
        yield Static(id="form-title", classes="question")
        with Horizontal(id="agreement-form"):
            yield Input(placeholder="wie", id="who", max_length=60, compact=True)
            yield Input(placeholder="wat", id="what", max_length=200, compact=True)
            yield Input(placeholder="wanneer", id="when", max_length=60, compact=True)
        with Horizontal(classes="buttons"):
            yield Button("Opslaan", variant="primary", id="save-agreement", compact=True)
            yield Button("Verwijderen", id="delete-agreement", compact=True)
        yield Static(
            "Enter op een afspraak: aanpassen. Ctrl+S slaat op, Esc stopt met typen.",
            classes="muted",
        )

    def on_mount(self) -> None:
        self.refill()

    def on_resize(self, event: events.Resize) -> None:
        if event.size.width != self._width:  # the height follows the rows; only width matters
            self._width = event.size.width
            self._fill_table()  # the form keeps what is being typed

    def _columns(self, table: DataTable) -> None:
        # "Wat" takes the room that is left, so nothing is cut off; long text wraps.
        what = max(20, self.size.width - WHO - WHEN - 8)
        table.clear(columns=True)
        table.add_column("Wie", width=WHO)
        table.add_column("Wat", width=what)
        table.add_column("Wanneer", width=WHEN)

    def focus_start(self) -> None:
        """Focus the table when there are agreements, else the first field."""
        self.query_one("#who" if not self.training.session.agreements else DataTable).focus()

    @property
    def typing(self) -> bool:
        """True while one of the three fields has focus."""
        return isinstance(self.screen.focused, Input)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in ("save", "done_typing"):
            return self.typing
        if action == "delete":
            table = self.query_one(DataTable)
            return self.screen.focused is table and table.row_count > 0
        if action == "new":
            return not self.typing
        return True

    def refill(self) -> None:
        """Show the saved agreements and an empty form."""
        self._fill_table()
        self._edit(None)

    def _fill_table(self) -> None:
        table = self.query_one(DataTable)
        row = table.cursor_row
        self._columns(table)
        for a in self.training.session.agreements:
            cells = [Text(value or "–", overflow="fold") for value in (a.who, a.what, a.when)]
            table.add_row(*cells, height=None)
        if table.row_count:
            table.move_cursor(row=min(row, table.row_count - 1))
        table.display = table.row_count > 0

    def _edit(self, index: int | None) -> None:
        self.editing = index
        agreement = self.training.session.agreements[index] if index is not None else None
        for name in FIELDS:
            self.query_one(f"#{name}", Input).value = getattr(agreement, name) if agreement else ""
        title = f"Afspraak {index + 1} aanpassen" if index is not None else "Nieuwe afspraak"
        self.query_one("#form-title", Static).update(title + " (wie · wat · wanneer)")

    @on(DataTable.RowSelected)
    def row_selected(self, event: DataTable.RowSelected) -> None:
        event.stop()
        self._edit(event.cursor_row)
        self.query_one("#who").focus()

    @on(Input.Submitted)
    def next_field(self, event: Input.Submitted) -> None:
        event.stop()
        if event.input.id == "when":
            self.action_save()
        else:
            self.screen.focus_next()

    def action_new(self) -> None:
        self._edit(None)
        self.query_one("#who").focus()

    @on(Button.Pressed, "#save-agreement")
    def action_save(self) -> None:
        values = [self.query_one(f"#{name}", Input).value for name in FIELDS]
        index = self.editing
        try:
            if index is None:
                self.training.change(lambda s: s.add_agreement(*values))
            else:
                self.training.change(lambda s: s.update_agreement(index, *values))
        except WijzerError as error:
            self.notify(error.message, severity="warning")
            self.query_one("#what").focus()
            return
        self.refill()
        self.query_one("#who").focus()
        self.notify("Afspraak opgeslagen.")

    def action_done_typing(self) -> None:
        self._edit(None)
        table = self.query_one(DataTable)
        (table if table.row_count else self.screen.query_one("#next")).focus()

    @on(Button.Pressed, "#delete-agreement")
    @work
    async def action_delete(self) -> None:
        table = self.query_one(DataTable)
        index = self.editing if self.editing is not None else table.cursor_row
        agreements = self.training.session.agreements
        if not 0 <= index < len(agreements):
            self.notify("Kies eerst een afspraak in de lijst.", severity="warning")
            return
        question = f"Afspraak {index + 1} verwijderen? “{agreements[index].what}”"
        if not await self.app.push_screen_wait(ConfirmDialog(question, "Verwijderen", "Nee")):
            return
        try:
            self.training.change(lambda s: s.delete_agreement(index))
        except WijzerError as error:
            self.app.show_error(error)  # type: ignore[attr-defined]
            return
        self.refill()
        self.notify("Afspraak verwijderd.")
