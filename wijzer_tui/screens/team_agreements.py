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
from wijzer_tui.screens.drafts import DraftKeeper
from wijzer_tui.widgets.sections import text

PRIVACY_TEAM = (
    "Dit scherm is openbaar. Noem geen cliënten en schrijf niets op waaraan iemand te herkennen is."
)
FIELDS = ("who", "what", "when")
FORM = (*FIELDS, "save-agreement", "delete-agreement")  # while one has focus, letters are text
NOTHING_TYPED = ("", "", "")
WHO, WHEN = 16, 14  # column widths; "wat" gets the rest


class AgreementsPanel(DraftKeeper, Vertical):
    """A table of agreements and a row of three fields to add or change one.

    What is typed in the form is kept as the session's draft (see DraftKeeper) and comes back
    when the page is shown again, also after a crash."""

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
            # No select-all on focus: the first key would replace a restored draft.
            for name, label, length in (
                ("who", "wie", 60),
                ("what", "wat", 200),
                ("when", "wanneer", 60),
            ):
                yield Input(
                    placeholder=label,
                    id=name,
                    max_length=length,
                    compact=True,
                    select_on_focus=False,
                )
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
        """Focus the form when something is being typed or nothing is written yet, else the table."""
        session = self.training.session
        typing = session.agreement_draft or not session.agreements
        self.query_one("#who" if typing else DataTable).focus()

    @property
    def typing(self) -> bool:
        """True while a field of the form or one of its buttons has focus: keys are text then."""
        focused = self.screen.focused
        return focused is not None and focused.id in FORM and self in focused.ancestors

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
        """Show the saved agreements, and in the form the draft (or nothing)."""
        self._fill_table()
        draft = self.training.session.agreement_draft
        editing = draft.get("editing")
        if editing is not None and editing >= len(self.training.session.agreements):
            editing = None
        self._edit(editing, [draft[name] for name in FIELDS] if draft else None)

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

    def _edit(self, index: int | None, values: list[str] | None = None) -> None:
        """Show agreement `index` (None: a new one) in the form, or `values` typed before."""
        self.editing = index
        if values is None:
            values = list(self._saved(index))
        for name, value in zip(FIELDS, values, strict=True):
            self.query_one(f"#{name}", Input).value = value
        title = f"Afspraak {index + 1} aanpassen" if index is not None else "Nieuwe afspraak"
        self.query_one("#form-title", Static).update(title + " (wie · wat · wanneer)")

    def _saved(self, index: int | None) -> tuple[str, str, str]:
        """The fields of agreement `index` as saved; empty for a new one."""
        if index is None:
            return NOTHING_TYPED
        agreement = self.training.session.agreements[index]
        return agreement.who, agreement.what, agreement.when

    def _typed(self) -> tuple[str, str, str]:
        who, what, when = (self.query_one(f"#{name}", Input).value for name in FIELDS)
        return who, what, when

    @property
    def unsaved(self) -> bool:
        """True when the form holds text that is not saved as an agreement."""
        return self._typed() != self._saved(self.editing)

    def save_draft(self) -> None:
        typed = self._typed() if self.unsaved else NOTHING_TYPED
        self.training.save_agreement_draft(*typed, self.editing if any(typed) else None)

    @on(Input.Changed)
    def _typing(self) -> None:
        self.draft_changed()

    @on(DataTable.RowSelected)
    def row_selected(self, event: DataTable.RowSelected) -> None:
        event.stop()
        if self.unsaved and self.editing != event.cursor_row:
            self.notify(
                "Je typt nog aan een afspraak. Sla die eerst op met Ctrl+S, of maak de velden leeg.",
                severity="warning",
            )
        else:
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
        if not self.unsaved:  # half-typed text stays: n brings you back to it
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
            return  # the text and the focus stay where they are
        self.refill()
        self.query_one("#who").focus()
        self.notify("Afspraak opgeslagen.")

    def action_done_typing(self) -> None:
        self.flush_draft()  # what was typed stays in the form, and on disk
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
        self.flush_draft()  # the form's text survives the delete (see delete_agreement)
        try:
            self.training.change(lambda s: s.delete_agreement(index))
        except WijzerError as error:
            self.app.show_error(error)  # type: ignore[attr-defined]
            return
        self.refill()
        self.notify("Afspraak verwijderd.")
