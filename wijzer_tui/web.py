"""Serve the app to a browser with textual-serve: one app process per tab, a page that is
Dutch and needs nothing from the internet, and Dutch messages instead of the server's own."""

from __future__ import annotations

import asyncio
import contextlib
import logging
import signal
import socket
from collections.abc import Callable
from pathlib import Path
from typing import Any

import aiohttp_jinja2
from aiohttp import web
from textual_serve.server import Server, to_int

PAGE_FOLDER = Path(__file__).resolve().parent / "web_page"
# How long open tabs get to finish on Ctrl+C before their connections are closed.
SHUTDOWN_SECONDS = 3.0


class WijzerServer(Server):
    """textual-serve's server with wijzer's own page and Dutch output."""

    def __init__(
        self,
        command: str,
        sock: socket.socket,
        *,
        projector: bool = False,
        announce: Callable[[], None] = lambda: None,
    ) -> None:
        host, port = sock.getsockname()[:2]
        super().__init__(command, host=host, port=port, title="wijzer", templates_path=PAGE_FOLDER)
        self.sock = sock
        self.projector = projector
        self.announce = announce

    def initialize_logging(self) -> None:
        """Only real problems reach the terminal (no English access log per request)."""
        logging.basicConfig(level=logging.WARNING, format="%(message)s")

    async def on_startup(self, app: web.Application) -> None:
        """Nothing: the Dutch address is printed once the socket listens (see `serve`)."""

    @aiohttp_jinja2.template("app_index.html")
    async def handle_index(self, request: web.Request) -> dict[str, Any]:
        """The page: font size (`?fontsize=`) and whether to scale text for a projector."""
        return {
            "title": self.title,
            "font_size": to_int(request.query.get("fontsize", "16"), 16),
            "projector": self.projector,
        }

    def serve(self, debug: bool = False) -> None:
        """Serve until Ctrl+C (or SIGTERM); open tabs get their quit message on the way out."""
        self.initialize_logging()
        loop = asyncio.new_event_loop()
        asyncio.set_event_loop(loop)
        for signum in (signal.SIGINT, signal.SIGTERM):
            # Windows has no signal handlers in the loop: Ctrl+C arrives as KeyboardInterrupt.
            with contextlib.suppress(NotImplementedError, RuntimeError):
                loop.add_signal_handler(signum, self.request_exit)
        try:
            web.run_app(
                self._make_app(),
                sock=self.sock,
                shutdown_timeout=SHUTDOWN_SECONDS,
                handle_signals=False,
                loop=loop,
                access_log=None,
                print=lambda *_: self.announce(),
            )
        finally:
            loop.close()
