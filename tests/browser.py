"""Drive `wijzer serve` in Debian's chromium with Playwright, for the browser tests and bench.

The app draws into a canvas, so its text is not in the page's DOM. A tab reads what the app
sent to the browser over the websocket and replays it in pyte (a terminal emulator), which
gives the text on screen as the user sees it; screenshots show the pixels.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import parse_qs, urlparse

import pyte
from playwright.sync_api import BrowserContext, Page, Playwright, Request, Route, WebSocket

CHROMIUM = "/usr/bin/chromium"
# As the machine notes say: no background connections, no GPU, no sandbox (root in CI).
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    # Nothing outside this machine resolves: the page must render without the internet.
    "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1",
]
ADDRESS = re.compile(r"Open dit adres: (http://\S+)")
LOCAL_HOSTS = {"127.0.0.1", "localhost", "::1"}


@dataclass
class Server:
    """A running `wijzer serve` process and the address it printed."""

    process: subprocess.Popen[str]
    url: str
    output: list[str] = field(default_factory=list)

    def stop(self, timeout: float = 20.0) -> tuple[int, str]:
        """Ctrl+C (SIGINT) as a user does; the exit code and everything it printed."""
        if self.process.poll() is None:
            self.process.send_signal(2)
        self.process.wait(timeout=timeout)
        assert self.process.stdout is not None
        rest = self.process.stdout.read()  # read() keeps what readline() already buffered
        return self.process.returncode, "".join(self.output) + rest


def start_server(
    progress_dir: Path | None,
    *extra: str,
    env: dict[str, str] | None = None,
    command: list[str] | None = None,
    timeout: float = 30.0,
) -> Server:
    """Start `wijzer serve --port 0` (a free port, safe next to parallel tests) and wait.

    Without `progress_dir` the folder comes from `env` (WIJZER_PROGRESS_DIR), as for a user.
    `command` replaces the whole command line (the benchmark's baseline server).
    """
    env = {**os.environ, "PYTHONUNBUFFERED": "1", **(env or {})}
    words = [sys.executable, "-m", "wijzer_tui"]
    if progress_dir is not None:
        env.pop("WIJZER_PROGRESS_DIR", None)
        words += ["--progress-dir", str(progress_dir)]
    process = subprocess.Popen(
        command or [*words, "serve", "--port", "0", *extra],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        env=env,
    )
    assert process.stdout is not None
    lines: list[str] = []
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        line = process.stdout.readline()
        if not line:
            break
        lines.append(line)
        if found := ADDRESS.search(line):
            return Server(process, found.group(1), lines)
    process.kill()
    raise AssertionError("wijzer serve printed no address:\n" + "".join(lines))


def open_context(playwright: Playwright, profile_dir: Path, width: int, height: int):
    """A chromium with a fresh profile folder; every request off this machine is refused."""
    context = playwright.chromium.launch_persistent_context(
        str(profile_dir),
        executable_path=CHROMIUM,
        args=CHROMIUM_ARGS,
        headless=True,
        viewport={"width": width, "height": height},
    )
    context.outside_requests = []  # type: ignore[attr-defined]

    def guard(route: Route, request: Request) -> None:
        if urlparse(request.url).hostname in LOCAL_HOSTS:
            route.continue_()
        else:
            context.outside_requests.append(request.url)  # type: ignore[attr-defined]
            route.abort()

    context.route("**/*", guard)
    return context


class Tab:
    """One browser tab on the app: keys in, screen text out."""

    def __init__(self, context: BrowserContext, url: str) -> None:
        self.page: Page = context.new_page()
        self.url = url
        self.screen = pyte.Screen(80, 24)
        self.stream = pyte.ByteStream(self.screen)
        self.last_output = time.monotonic()
        self.keys_sent: list[str] = []  # what the page sent to the app, for failure messages
        self.page.on("websocket", self._attach)
        self.page.on("framenavigated", self._navigated)

    def _attach(self, ws: WebSocket) -> None:
        query = parse_qs(urlparse(ws.url).query)
        self._reset(int(query.get("width", ["80"])[0]), int(query.get("height", ["24"])[0]))
        ws.on("framesent", self._sent)
        ws.on("framereceived", self._received)

    def _navigated(self, frame) -> None:
        if frame == self.page.main_frame:  # a new page: the old screen text is gone
            self._reset(self.screen.columns, self.screen.lines)

    def _reset(self, width: int, height: int) -> None:
        self.screen = pyte.Screen(width, height)
        self.stream = pyte.ByteStream(self.screen)

    def _sent(self, payload: str | bytes) -> None:
        if isinstance(payload, str) and payload.startswith('["stdin"'):
            self.keys_sent.append(json.loads(payload)[1])
        if isinstance(payload, str) and payload.startswith('["resize"'):
            size = json.loads(payload)[1]
            self.screen.resize(size["height"], size["width"])

    def _received(self, payload: str | bytes) -> None:
        if isinstance(payload, bytes):  # terminal output; text frames are control messages
            self.stream.feed(payload)
            self.last_output = time.monotonic()

    def open(self, query: str = "") -> float:
        """Load the page and wait for the app's first screen; seconds from start to render."""
        started = time.perf_counter()
        self.page.goto(self.url + query)
        self.page.wait_for_selector("body.-first-byte", timeout=30_000)
        elapsed = time.perf_counter() - started
        self.page.focus(".xterm-helper-textarea")  # where xterm.js takes the keyboard
        return elapsed

    def reload(self) -> None:
        self.page.reload()
        self.page.wait_for_selector("body.-first-byte", timeout=30_000)
        self.page.focus(".xterm-helper-textarea")

    @property
    def text(self) -> str:
        return "\n".join(line.rstrip() for line in self.screen.display)

    def wait_for(self, words: str, timeout: float = 20.0) -> str:
        """Wait until `words` are on screen; the screen text."""
        return self.wait_until(lambda text: words in text, repr(words), timeout)

    def wait_until(self, check: Callable[[str], bool], what: str, timeout: float = 20.0) -> str:
        """Wait until `check(screen text)` holds; the screen text."""
        deadline = time.monotonic() + timeout
        while not check(self.text):
            if time.monotonic() > deadline:
                raise AssertionError(
                    f"{what} not on screen after {timeout}s:\n{self.text}\n"
                    f"last keys sent: {self.keys_sent[-8:]!r}"
                )
            self.page.wait_for_timeout(100)  # lets Playwright deliver websocket frames
        return self.text

    def settle(self, quiet: float = 0.3, timeout: float = 5.0) -> None:
        """Wait until the app has drawn nothing for `quiet` seconds (it handled the last key).

        A key that arrives while a screen is still being built can go to the old screen; on a
        busy machine (parallel tests) that happens, so every key waits for the app to be still.
        The cursor blinks twice a second, which leaves quiet gaps; `timeout` bounds the wait.
        """
        deadline = time.monotonic() + timeout
        self.page.wait_for_timeout(50)
        while time.monotonic() - self.last_output < quiet and time.monotonic() < deadline:
            self.page.wait_for_timeout(50)

    def type(self, text: str) -> None:
        self.page.keyboard.type(text)
        self.settle()

    def press(self, *keys: str) -> None:
        for key in keys:
            self.page.keyboard.press(key)
            self.settle()


@contextmanager
def serving(progress_dir: Path, *extra: str) -> Iterator[Server]:
    """A server for the length of the block, stopped with Ctrl+C afterwards."""
    server = start_server(progress_dir, *extra)
    try:
        yield server
    finally:
        if server.process.poll() is None:
            server.stop()
