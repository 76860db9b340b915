"""Wie ben jij in deze casus?: the learner picks a role before a branching case starts."""

from __future__ import annotations

from rich.table import Table
from rich.text import Text
from textual import on
from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.markup import escape
from textual.screen import ModalScreen
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from wijzer_tui.domain.content.model import Role, Scenario
from wijzer_tui.screens.dialogs import DIALOG_CSS

QUESTION = "Wie ben jij in deze casus?"
TEAM_QUESTION = "Wie zijn jullie in deze casus? Kies de rol van de groep."
HINT = "Kies met ↑ ↓ en Enter. Esc: terug, er begint niets."


def _line(role: Role) -> Table:
    # A grid, so a wrapped text stays under the title and not under the mark.
    grid = Table.grid(padding=(0, 1))
    grid.add_column(width=1, no_wrap=True)
    grid.add_column(ratio=1)
    grid.add_row("›", Text(role.title or role.text, style="bold"))
    if role.title and role.text:
        grid.add_row("", Text(role.text, style="dim"))
    return grid


class RolePickScreen(ModalScreen[str | None]):
    """The roles of a case; dismisses with the chosen role id, or None on Esc (nothing starts)."""

    DEFAULT_CSS = (
        DIALOG_CSS.format(name="RolePickScreen")
        + """
    RolePickScreen OptionList { height: auto; max-height: 14; margin: 0 0 1 0; }
    """
    )
    BINDINGS = [Binding("escape", "cancel", "Terug")]

    def __init__(self, scenario: Scenario, question: str = QUESTION) -> None:
        super().__init__()
        self.scenario = scenario
        self.question = question

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static(escape(f"{self.scenario.number}. {self.scenario.title}"), classes="muted")
            yield Static(self.question, classes="dialog-title")
            yield OptionList(
                *(Option(_line(role), id=role.id) for role in self.scenario.roles), id="roles"
            )
            yield Static(HINT, classes="muted")

    def on_mount(self) -> None:
        roles = self.query_one("#roles", OptionList)
        roles.highlighted = 0
        roles.focus()

    @on(OptionList.OptionSelected, "#roles")
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.dismiss(event.option.id)

    def action_cancel(self) -> None:
        self.dismiss(None)


async def ask_role(app: App, scenario: Scenario, question: str = QUESTION) -> str | None:
    """The role to start the case in: asked when there are two or more, else the only one.
    None when the learner (or trainer) went back (call from a worker: this waits)."""
    if len(scenario.roles) < 2:
        return scenario.role("").id
    return await app.push_screen_wait(RolePickScreen(scenario, question))
