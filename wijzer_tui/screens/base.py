"""Base screen: every screen shows a calm message when the terminal is too small, and lets the
arrows and PageUp/PageDown scroll its page whatever has focus."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.binding import Binding
from textual.containers import ScrollableContainer
from textual.screen import Screen
from textual.widget import Widget
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

    # Not priority: a focused list or text field keeps its own arrows; a focused button has
    # none, so the page scrolls and nothing below the fold is skipped.
    BINDINGS = [
        Binding("pageup", "scroll_page(-1)", "Omhoog", show=False),
        Binding("pagedown", "scroll_page(1)", "Omlaag", show=False),
        Binding("up", "scroll_line(-1)", "Omhoog", show=False),
        Binding("down", "scroll_line(1)", "Omlaag", show=False),
    ]

    _focus_before_too_small: Widget | None = None

    def on_mount(self) -> None:
        self.mount(Static(TOO_SMALL, id="too-small"))

    @property
    def wijzer(self) -> WijzerApp:
        """The app, typed."""
        return self.app  # type: ignore[return-value]

    @property
    def too_small(self) -> bool:
        """True while the terminal is below the breakpoints and only the message shows."""
        return self.has_class("-too-narrow") or self.has_class("-too-low")

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        # Behind the "te klein" message no key may do anything the user cannot see.
        return not self.too_small

    def on_resize(self) -> None:
        self.call_after_refresh(self._guard_focus)

    def _guard_focus(self) -> None:
        """Take focus off hidden widgets while too small (so Enter fires nothing); give it back."""
        if self.too_small:
            if self.focused is not None:
                self._focus_before_too_small = self.focused
                self.set_focus(None)
        elif self._focus_before_too_small is not None:
            widget, self._focus_before_too_small = self._focus_before_too_small, None
            if self.focused is None and widget.is_attached:
                self.set_focus(widget)

    def _page(self) -> ScrollableContainer | None:
        """The scrollable part of the page that has something below (or above) the fold."""
        for node in self.query(ScrollableContainer):
            if node.display and node.max_scroll_y > 0:
                return node
        return None

    def action_scroll_page(self, direction: int) -> None:
        page = self._page()
        if page is not None:
            page.scroll_page_down() if direction > 0 else page.scroll_page_up()

    def action_scroll_line(self, direction: int) -> None:
        page = self._page()
        if page is not None:
            page.scroll_down() if direction > 0 else page.scroll_up()
