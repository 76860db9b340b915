"""Base screen: every screen shows a calm message when the terminal is too small."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.screen import Screen
from textual.widgets import Static

if TYPE_CHECKING:
    from wijzer_tui.app import WijzerApp

TOO_SMALL = (
    "Je venster is te klein voor wijzer.\n\n"
    "Maak het minstens 60 tekens breed en 18 regels hoog.\n"
    "Je voortgang is bewaard."
)


class BaseScreen(Screen[None]):
    """A wijzer screen; CSS hides its content and shows #too-small below the breakpoints."""

    def on_mount(self) -> None:
        self.mount(Static(TOO_SMALL, id="too-small"))

    @property
    def wijzer(self) -> WijzerApp:
        """The app, typed."""
        return self.app  # type: ignore[return-value]
