"""`wijzer preview FILE`: a broken file gets validate's Dutch list, a valid one plays alone on a
temporary progress folder that is gone afterwards."""

from __future__ import annotations

import fcntl
import os
import pty
import select
import shutil
import struct
import subprocess
import sys
import termios
import time
from pathlib import Path

import pytest
from selfstudy_driver import pick, press, screen_text
from textual.widgets import Header, OptionList

from wijzer_tui.cli import NO_TERMINAL, main
from wijzer_tui.cli_preview import PREVIEW_TITLE, preview_app
from wijzer_tui.domain.content.loader import load_scenarios
from wijzer_tui.screens.pass_screen import PassScreen
from wijzer_tui.screens.role_pick import RolePickScreen

TAK = Path(__file__).parent / "data" / "v2" / "tak.yaml"


def broken_copy(folder: Path) -> Path:
    """tak.yaml with an option that leads to a scene that does not exist."""
    path = folder / "zesde-casus.yaml"
    path.write_text(TAK.read_text(encoding="utf-8").replace("next: los-zand", "next: nergens"))
    return path


def test_a_broken_file_gets_the_same_list_as_validate(
    tmp_path: Path, progress_env: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = broken_copy(tmp_path)
    assert main(["validate", str(path)]) == 1
    validated = capsys.readouterr().out
    assert main(["preview", str(path)]) == 1
    out = capsys.readouterr().out
    assert out == validated
    assert out.startswith("Niet in orde: 2 problemen gevonden.")
    assert "'nergens' is geen scène of afloop in dit bestand" in out
    assert not progress_env.exists()  # nothing was started


def test_a_folder_or_a_missing_file_is_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["preview", str(tmp_path)]) == 1
    assert "speelt één casusbestand" in capsys.readouterr().out
    assert main(["preview", str(tmp_path / "weg.yaml")]) == 1
    assert "dit bestand of deze map bestaat niet" in capsys.readouterr().out


def test_without_a_terminal_the_same_message_as_wijzer(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert main(["preview", str(TAK)]) == 2  # pytest's stdin is no terminal
    assert capsys.readouterr().err.strip() == NO_TERMINAL.format(what="Het voorbeeld")


def test_preview_is_in_the_help(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        main(["--help"])
    assert "preview" in capsys.readouterr().out


async def test_a_valid_file_plays_alone_and_leaves_nothing(
    tmp_path: Path, progress_env: Path
) -> None:
    local = tmp_path / "eigen" / "tak.yaml"  # anywhere, not in the scenario folder
    local.parent.mkdir()
    shutil.copy(TAK, local)
    [scenario] = load_scenarios([local])
    with preview_app(scenario) as app:
        folder = app.store.root
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.pause()
            header = app.screen.query_one(Header)
            assert (header.screen_title, header.screen_sub_title) == (
                PREVIEW_TITLE,
                "9. Ik mis de regie",
            )
            cases = app.screen.query_one("#scenario-list", OptionList)
            assert cases.option_count == 1  # only this case, not the shipped five
            await press(pilot, "enter")
            assert isinstance(app.screen, RolePickScreen)  # tak has two roles
            await press(pilot, "enter", "v")  # the first: wijkteam
            assert isinstance(app.screen, PassScreen)
            await pick(pilot, ["vraag-gezin"])
            await press(pilot, "v")
            assert "Je score bij deze stap: 100%" in screen_text(app)
            [attempt] = app.store.attempts(app.learner.id)
            assert attempt.answers[0].option_ids == ["vraag-gezin"]  # saved, in the preview
        assert folder.is_dir()
    assert not folder.exists() and not folder.parent.exists()  # removed afterwards
    assert not progress_env.exists()  # the real progress folder was never touched


def test_the_real_command_in_a_terminal_leaves_no_folder_behind(tmp_path: Path) -> None:
    """`wijzer preview` on an 80×24 pseudo-terminal: it shows the preview title, quits with q,
    says nothing was kept, and its temporary progress folder is gone."""
    temp, progress = tmp_path / "tmp", tmp_path / "voortgang"
    temp.mkdir()
    master, slave = pty.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 80, 0, 0))
    env = {**os.environ, "TMPDIR": str(temp), "WIJZER_PROGRESS_DIR": str(progress)}
    process = subprocess.Popen(
        [sys.executable, "-m", "wijzer_tui", "preview", str(TAK)],
        stdin=slave,
        stdout=slave,
        stderr=slave,
        env={**env, "TERM": "xterm-256color"},
        start_new_session=True,
    )
    os.close(slave)
    output = bytearray()
    try:
        wait_for(master, output, PREVIEW_TITLE.encode())
        [folder] = temp.iterdir()  # the preview's progress, while it runs
        assert folder.name.startswith("wijzer-voorbeeld-")
        os.write(master, b"q")  # Stoppen, on the home screen
        wait_for(master, output, b"Het voorbeeld is gestopt. Er is niets bewaard.")
        assert process.wait(timeout=30) == 0
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()
        os.close(master)
    assert list(temp.iterdir()) == [] and not progress.exists()


def wait_for(master: int, output: bytearray, text: bytes) -> None:
    """Read the terminal until `text` shows (60 s at most)."""
    deadline = time.monotonic() + 60
    while text not in output:
        if time.monotonic() > deadline:
            raise AssertionError(f"{text!r} did not appear on the screen")
        ready, _, _ = select.select([master], [], [], 0.1)
        if ready:
            try:
                output += os.read(master, 65536)
            except OSError:  # the process ended and closed the terminal
                raise AssertionError(f"{text!r} did not appear on the screen") from None
