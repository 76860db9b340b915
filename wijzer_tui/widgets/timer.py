"""A discussion timer: start, pause and reset a countdown with an injectable clock."""

from __future__ import annotations

import time
from collections.abc import Callable

from textual.app import ComposeResult
from textual.message import Message
from textual.widget import Widget
from textual.widgets import Digits, Static

Clock = Callable[[], float]


class Countdown:
    """A countdown that only reads `clock` (seconds), so tests can drive it with a fake clock."""

    def __init__(self, seconds: float, clock: Clock = time.monotonic) -> None:
        self.clock = clock
        self.duration = float(seconds)
        self._used = 0.0
        self._since: float | None = None  # clock value when it was last started

    @property
    def running(self) -> bool:
        """True while counting down."""
        return self._since is not None and not self.done

    @property
    def started(self) -> bool:
        """True once started since the last reset."""
        return self._since is not None or self._used > 0

    def elapsed(self) -> float:
        """Seconds counted so far."""
        extra = self.clock() - self._since if self._since is not None else 0.0
        return self._used + extra

    def remaining(self) -> float:
        """Seconds left, never below 0."""
        return max(0.0, self.duration - self.elapsed())

    @property
    def done(self) -> bool:
        """True when the time is up."""
        return self.remaining() <= 0

    def start(self) -> None:
        """Start or continue."""
        if self._since is None and not self.done:
            self._since = self.clock()

    def pause(self) -> None:
        """Stop counting; `start` continues from here."""
        if self._since is not None:
            self._used = min(self.duration, self.elapsed())
            self._since = None

    def toggle(self) -> None:
        """Start when paused, pause when running."""
        if self._since is None:
            self.start()
        else:
            self.pause()

    def reset(self, seconds: float | None = None) -> None:
        """Back to the full time (optionally a new duration), not running."""
        if seconds is not None:
            self.duration = float(seconds)
        self._used, self._since = 0.0, None


def clock_text(seconds: float) -> str:
    """Seconds as m:ss, rounded up so the last second shows 0:01, not 0:00."""
    whole = int(-(-seconds // 1))
    return f"{whole // 60}:{whole % 60:02d}"


class DiscussionTimer(Widget):
    """Shows the countdown; CSS class `-running`, `-paused` or `-done` sets its colour.

    The screen calls `toggle()` and `reset()`; a 0.5 s interval calls `tick()`, which tests can
    call directly after moving a fake clock. Posts `Finished` once when the time is up.
    """

    class Finished(Message):
        """The discussion time is up."""

    def __init__(
        self,
        minutes: int,
        *,
        clock: Clock = time.monotonic,
        bell: bool = False,
        id: str | None = None,
    ) -> None:
        super().__init__(id=id)
        self.countdown = Countdown(minutes * 60, clock)
        self.bell = bell
        self._signalled = False

    def compose(self) -> ComposeResult:
        yield Static(id="timer-label")
        yield Digits(id="timer-digits")

    def on_mount(self) -> None:
        self.tick()
        self.set_interval(0.5, self.tick)

    def on_resize(self) -> None:
        self.tick()

    @property
    def state_text(self) -> str:
        """The timer's state in words."""
        countdown = self.countdown
        if countdown.done:
            return "de tijd is om"
        if countdown.running:
            return "loopt"
        return "gepauzeerd" if countdown.started else "staat klaar"

    def tick(self) -> None:
        """Redraw, and give the end signal once when the time has just run out."""
        countdown = self.countdown
        shown = clock_text(countdown.remaining())
        digits = self.query_one("#timer-digits", Digits)
        digits.update(shown)
        # Big digits (a tall screen) already show the time; the label then only says the state.
        label = "Gesprekstijd" if digits.display else f"Gesprekstijd {shown}"
        self.query_one("#timer-label", Static).update(f"{label} · {self.state_text}")
        state = "-done" if countdown.done else "-running" if countdown.running else "-paused"
        self.set_class(state == "-done", "-done")
        self.set_class(state == "-running", "-running")
        self.set_class(state == "-paused", "-paused")
        if countdown.done and not self._signalled:
            self._signalled = True
            if self.bell:
                self.app.bell()
            self.post_message(self.Finished())

    def toggle(self) -> None:
        """Start or pause."""
        self.countdown.toggle()
        self.tick()

    def reset(self, minutes: int | None = None) -> None:
        """Back to the full time."""
        self.countdown.reset(None if minutes is None else minutes * 60)
        self._signalled = False
        self.tick()
