"""The Textual app (placeholder until the self-study screens land)."""

from __future__ import annotations

from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.widgets import Footer, Static


class WijzerApp(App[None]):
    """wijzer's application."""

    BINDINGS = [Binding("q", "quit", "Stoppen")]

    def compose(self) -> ComposeResult:
        yield Static("Met welke frustratie reken jij het liefst vandaag nog af?")
        yield Footer()


def run(progress_dir: str | None = None) -> int:
    """Run the app; returns the exit code."""
    WijzerApp().run()
    return 0
