"""Baseline for bench/serve.py: wijzer's own web server serving a bare Textual app.

Same page, same server, same process per tab; only the app differs. Prints the address line
that `wijzer serve` prints, so the benchmark starts both the same way.
"""

from __future__ import annotations

import shlex
import sys

BARE_APP = """
from textual.app import App
from textual.widgets import Footer, Header, Static

class Bare(App):
    def compose(self):
        yield Header()
        yield Static("Hallo, dit is een kale app.")
        yield Footer()

Bare().run()
"""


def main() -> None:
    from wijzer_tui.cli_serve import listen, page_url
    from wijzer_tui.web import WijzerServer

    sock = listen("127.0.0.1", 0)
    url = page_url(sock)
    command = shlex.join([sys.executable, "-c", BARE_APP])
    WijzerServer(
        command, sock, announce=lambda: print(f"Open dit adres: {url}", flush=True)
    ).serve()


if __name__ == "__main__":
    main()
