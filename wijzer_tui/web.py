"""Serve the app to a browser with textual-serve: one app process per tab, a page that is
Dutch and needs nothing from the internet, and Dutch messages instead of the server's own."""

from __future__ import annotations

import asyncio
import contextlib
import gc
import logging
import os
import signal
import socket
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import aiohttp_jinja2
from aiohttp import web
from textual_serve.server import Server, to_int

PAGE_FOLDER = Path(__file__).resolve().parent / "web_page"
# How long open tabs get to finish on Ctrl+C before their connections are closed.
SHUTDOWN_SECONDS = 3.0


def child_processes() -> list[str]:
    """This process's child processes (Linux /proc; elsewhere none are known)."""
    tasks = Path(f"/proc/{os.getpid()}/task")
    if not tasks.is_dir():
        return []
    found: list[str] = []
    for task in tasks.iterdir():
        with contextlib.suppress(OSError):
            found += (task / "children").read_text().split()
    return found


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

    async def _make_app(self) -> web.Application:
        app = await super()._make_app()
        app.on_cleanup.append(self.wait_for_tabs)
        return app

    async def wait_for_tabs(self, app: web.Application) -> None:
        """After the tabs got their quit message: wait until their app processes have ended,
        while the event loop still runs. Otherwise asyncio reports their exit (with an English
        traceback) after the loop was closed."""
        deadline = time.monotonic() + SHUTDOWN_SECONDS
        while child_processes() and time.monotonic() < deadline:
            await asyncio.sleep(0.05)
        gc.collect()  # ended tabs' process transports close now, not at interpreter exit
        await asyncio.sleep(0.05)

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
