"""Drafts on screen: typed but unconfirmed input is saved shortly after a change and on leaving."""

from __future__ import annotations

from typing import TYPE_CHECKING

from wijzer_tui.domain.errors import WijzerError

if TYPE_CHECKING:
    from textual.timer import Timer

DRAFT_DELAY = 0.8  # seconds: the draft on disk is never further behind the screen than this


class DraftKeeper:
    """Mixin for a screen or widget with input worth keeping before it is confirmed.

    Call `draft_changed()` on every edit and implement `save_draft()`. The draft is saved at
    most DRAFT_DELAY after the first unsaved edit (also while typing goes on), and at once by
    `flush_draft()`: on leaving the screen, quitting, or a signal (see WijzerApp.save_drafts).
    """

    _draft_timer: Timer | None = None
    _draft_failed = False

    def draft_changed(self) -> None:
        """Something was typed or ticked: save it soon."""
        if self._draft_timer is None:
            self._draft_timer = self.set_timer(DRAFT_DELAY, self._draft_due)  # type: ignore[attr-defined]

    def _draft_due(self) -> None:
        self._draft_timer = (
            None  # this timer has fired: stopping it from its callback is not needed
        )
        self.flush_draft()

    def flush_draft(self) -> None:
        """Save the draft now; a disk problem is said once, calmly, and typing goes on."""
        timer, self._draft_timer = self._draft_timer, None
        if timer is not None:
            timer.stop()
        try:
            self.save_draft()
        except WijzerError as error:
            if not self._draft_failed:
                message = f"Wat je typte, kon niet tussendoor worden bewaard. {error.message}"
                self.notify(message, severity="warning", timeout=12)  # type: ignore[attr-defined]
            self._draft_failed = True
        else:
            self._draft_failed = False

    def save_draft(self) -> None:
        """Write the current unconfirmed input (nothing when it did not change)."""
        raise NotImplementedError
