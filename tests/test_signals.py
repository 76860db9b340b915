"""The real app in a pseudo-terminal: a closed terminal or a shutdown keeps what was typed."""

from __future__ import annotations

import fcntl
import os
import pty
import re
import signal
import struct
import subprocess
import sys
import termios
import threading
import time
from pathlib import Path

import pytest
from test_drafts import REFLECT, busy_at

from wijzer_tui.domain.progress.store import ProgressStore

# "esc" then "Naar start" with only styling (escape sequences) and spaces between them.
FOCUSED_TEXT_FOOTER = re.compile(rb"esc(?:\x1b\[[0-9;?]*[A-Za-z]|\s)*Naar start")


class Terminal:
    """`python -m wijzer_tui` on an 80×24 pseudo-terminal, its screen output collected."""

    def __init__(self, root: Path) -> None:
        master, slave = pty.openpty()
        fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 80, 0, 0))
        env = {**os.environ, "WIJZER_PROGRESS_DIR": str(root), "TERM": "xterm-256color"}
        self.process = subprocess.Popen(
            [sys.executable, "-m", "wijzer_tui"],
            stdin=slave,
            stdout=slave,
            stderr=slave,
            env=env,
            start_new_session=True,
        )
        os.close(slave)
        self.master = master
        self.output = bytearray()
        threading.Thread(target=self._collect, daemon=True).start()

    def _collect(self) -> None:
        while True:
            try:
                chunk = os.read(self.master, 65536)
            except OSError:
                return
            if not chunk:
                return
            self.output += chunk

    def wait_for(self, text: str, start: int = 0, timeout: float = 60) -> None:
        """Wait until `text` is drawn (after byte `start` of the output). Textual redraws only
        what changed, so a word typed key by key may never appear whole: wait for one key."""
        deadline = time.monotonic() + timeout
        while text.encode() not in self.output[start:]:
            if time.monotonic() > deadline or self.process.poll() is not None:
                raise AssertionError(f"{text!r} did not appear on the screen")
            time.sleep(0.02)

    def wait_for_pattern(
        self, pattern: re.Pattern[bytes], start: int = 0, timeout: float = 60
    ) -> None:
        """Wait until `pattern` matches the output after byte `start`."""
        deadline = time.monotonic() + timeout
        while not pattern.search(self.output, start):
            if time.monotonic() > deadline or self.process.poll() is not None:
                raise AssertionError(f"{pattern.pattern!r} did not appear on the screen")
            time.sleep(0.02)

    def type(self, text: str) -> None:
        os.write(self.master, text.encode())

    def typed(self, text: str) -> None:
        """Type `text` and wait until its last key is on the screen."""
        start = len(self.output)
        self.type(text)
        self.wait_for(text[-1], start)

    def close(self) -> None:
        if self.process.poll() is None:
            self.process.kill()
            self.process.wait()
        os.close(self.master)


@pytest.fixture
def at_reflection(tmp_path: Path):
    """The app resumed on a reflection; yields (terminal, store, learner id, attempt id)."""
    store, learner_id, attempt_id = busy_at(tmp_path, "reflect")
    terminal = Terminal(tmp_path)
    try:
        terminal.wait_for("resultaten")  # home
        start = len(terminal.output)
        terminal.type("v")  # Verder waar je was
        terminal.wait_for("Reflectie", start)  # the resumed part, not home or a dialog
        # The footer of a focused text box: q is text, so "esc Naar start". Not "esc" alone:
        # home's footer ("Frustratiescan") holds it too, and may be redrawn after the key.
        terminal.wait_for_pattern(FOCUSED_TEXT_FOOTER, start)
        time.sleep(0.5)  # let the focus settle before the first key (a loaded CI machine)
        yield terminal, store, learner_id, attempt_id
    finally:
        terminal.close()


def wait_for_draft(store: ProgressStore, learner_id: str, attempt_id: str, text: str) -> None:
    """Wait until the running app has saved `text` as the reflection's draft."""
    deadline = time.monotonic() + 30
    expected = {REFLECT.id: {"reflection": text}}
    while store.drafts(learner_id, attempt_id) != expected:
        assert time.monotonic() < deadline, store.drafts(learner_id, attempt_id)
        time.sleep(0.05)


@pytest.mark.parametrize("number", [signal.SIGTERM, signal.SIGHUP], ids=["SIGTERM", "SIGHUP"])
def test_a_signal_keeps_the_text_typed_just_before(at_reflection, number: int) -> None:
    terminal, store, learner_id, attempt_id = at_reflection
    terminal.type("Eerst bellen")
    wait_for_draft(store, learner_id, attempt_id, "Eerst bellen")  # saved by the timer
    terminal.typed(" en dan samen!")
    terminal.process.send_signal(number)  # before the timer saves the rest
    assert terminal.process.wait(timeout=30) == 128 + number  # ended by wijzer, not killed
    drafts = store.drafts(learner_id, attempt_id)
    assert drafts == {REFLECT.id: {"reflection": "Eerst bellen en dan samen!"}}


def test_kill_9_leaves_the_draft_saved_while_typing(at_reflection) -> None:
    terminal, store, learner_id, attempt_id = at_reflection
    started = time.monotonic()
    terminal.typed("Eerst bellen")
    wait_for_draft(store, learner_id, attempt_id, "Eerst bellen")  # no key, no exit: the timer
    print(f"draft on disk {time.monotonic() - started:.2f} s after typing began")
    terminal.process.kill()
    terminal.process.wait(timeout=30)
    assert store.drafts(learner_id, attempt_id) == {REFLECT.id: {"reflection": "Eerst bellen"}}
    assert store.attempt(learner_id, attempt_id).status == "busy"
