"""Textual's Select with Dutch words: its pop-up shows "esc Menu sluiten", not "Dismiss menu"."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import Select
from textual.widgets._select import SelectCurrent, SelectOverlay

# Every English word Textual itself can put on a wijzer screen, with its Dutch stand-in; the
# screen test scans for the English ones (see tests/test_dutch_screens.py).
TEXTUAL_STRINGS = {
    "Dismiss menu": "Menu sluiten",
}


class DutchSelectOverlay(SelectOverlay):
    """The pop-up list of a DutchSelect."""

    BINDINGS = [Binding("escape", "dismiss", TEXTUAL_STRINGS["Dismiss menu"])]


class DutchSelect(Select):
    """A Select whose pop-up speaks Dutch (Select's CSS applies: type selectors match bases)."""

    # Short enough to stay above the footer, whose "esc Menu sluiten" says how to close it.
    DEFAULT_CSS = """
    DutchSelect > DutchSelectOverlay { max-height: 8; }
    """

    def compose(self) -> ComposeResult:
        # Select.compose, with the Dutch overlay (Textual 8: the same two children).
        yield SelectCurrent(self.prompt)
        yield DutchSelectOverlay(type_to_search=self._type_to_search).data_bind(
            compact=Select.compact
        )
