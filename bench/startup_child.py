"""One measured start, run by bench/startup.py: `wijzer` to its home screen, or a bare Textual app."""

from __future__ import annotations

import resource
import sys
import time
from pathlib import Path


def run_bare() -> None:
    from textual.app import App
    from textual.widgets import Footer, Header, Static

    class Bare(App[None]):
        def compose(self):
            yield Header()
            yield Static("Hallo")
            yield Footer()

        def on_mount(self) -> None:
            self.call_after_refresh(self.exit)

    Bare().run(headless=True)


def run_wijzer(progress: str) -> None:
    from wijzer_tui.app import create_app
    from wijzer_tui.screens.home import HomeScreen

    app = create_app(progress)

    def exit_on_home() -> None:
        # The first frame of the home screen has been drawn once a refresh has passed.
        if isinstance(app.screen, HomeScreen):
            app.exit()
        else:
            app.call_after_refresh(exit_on_home)

    app.call_later(exit_on_home)
    app.run(headless=True)


if __name__ == "__main__":
    start = float(sys.argv[3])
    if sys.argv[1] == "bare":
        run_bare()
    else:
        run_wijzer(sys.argv[2])
    elapsed = time.time() - start
    peak_kib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    print(f"{elapsed:.4f} {peak_kib}")
    Path(sys.argv[2], ".bench-ok").touch()
