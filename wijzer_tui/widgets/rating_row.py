"""One frustration to rate 1-5 in the Frustratiescan, with the wijzer's own quotes."""

from __future__ import annotations

from rich.text import Text
from textual.binding import Binding
from textual.reactive import reactive
from textual.widgets import Static

from wijzer_tui.domain.content.model import Scenario
from wijzer_tui.domain.progress.scan import HIGHEST, LOWEST, SCALE


class RatingRow(Static, can_focus=True):
    """A focusable row: title, quotes and the scale; keys 1-5 (or ← →) set the rating."""

    DEFAULT_CSS = """
    RatingRow { height: auto; padding: 0 1; margin: 0 0 1 0; }
    RatingRow:focus { background: $boost; border-left: thick $accent; }
    """
    BINDINGS = [
        Binding("1", "rate(1)", "Cijfer", key_display="1-5"),
        *(Binding(str(n), f"rate({n})", show=False) for n in range(2, 6)),
        Binding("left", "step(-1)", show=False),
        Binding("right", "step(1)", show=False),
        Binding("down", "app.focus_next", show=False),
        Binding("up", "app.focus_previous", show=False),
    ]

    value: reactive[int | None] = reactive(None)

    def __init__(self, scenario: Scenario, value: int | None = None) -> None:
        super().__init__(id=f"rate-{scenario.id}")
        self.scenario = scenario
        self.set_reactive(RatingRow.value, value)

    def render(self) -> Text:
        s = self.scenario
        text = Text(f"{s.number}. {s.title}\n", style="bold")
        for quote in s.quotes:
            text.append(f"“{quote}”\n", style="italic")
        for n in range(LOWEST, HIGHEST + 1):
            if n == self.value:
                text.append(f"[{n}]", style="bold reverse")
            else:
                text.append(f" {n} ", style="dim")
            text.append(" ")
        text.append(f"  {SCALE[self.value]}" if self.value else "  nog geen cijfer", style="italic")
        return text

    def action_rate(self, value: int) -> None:
        """Set the rating and go on to the next frustration (or the buttons)."""
        self.value = value
        self.app.action_focus_next()

    def action_step(self, delta: int) -> None:
        start = self.value or (LOWEST if delta > 0 else HIGHEST + 1) - delta
        self.value = min(HIGHEST, max(LOWEST, start + delta))
