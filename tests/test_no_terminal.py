"""Without a terminal (cron, a pipe, CI) the TUI commands end at once with a Dutch message."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

COMMANDS = [[], ["team"], ["report"]]


def wijzer(args: list[str], folder: Path, stdin: int | None) -> subprocess.CompletedProcess[str]:
    """Run `python -m wijzer_tui ARGS` with stdout and stderr piped; fails after 60 s."""
    return subprocess.run(
        [sys.executable, "-m", "wijzer_tui", "--progress-dir", str(folder), *args],
        stdin=stdin,
        capture_output=True,
        text=True,
        timeout=60,  # before the fix `wijzer report </dev/null` ran forever
        check=False,
    )


@pytest.mark.parametrize("args", COMMANDS, ids=["wijzer", "team", "report"])
def test_without_a_terminal_exit_2_and_name_the_option(tmp_path: Path, args: list[str]) -> None:
    result = wijzer(args, tmp_path, subprocess.DEVNULL)
    assert result.returncode == 2
    assert "werkt alleen in een terminal" in result.stderr
    assert "wijzer report --format csv" in result.stderr
    assert "Traceback" not in result.stderr and result.stdout == ""


@pytest.mark.skipif(os.name != "posix", reason="needs a pseudo-terminal")
def test_a_terminal_for_input_alone_is_not_enough(tmp_path: Path) -> None:
    """stdin is a terminal but the output goes into a pipe: nobody can see the screen."""
    main_fd, child_fd = os.openpty()
    try:
        result = wijzer(["report"], tmp_path, child_fd)
    finally:
        os.close(main_fd)
        os.close(child_fd)
    assert result.returncode == 2 and "wijzer report --format" in result.stderr


def test_report_with_a_format_still_works_without_a_terminal(tmp_path: Path) -> None:
    result = wijzer(["report", "--format", "csv"], tmp_path, subprocess.DEVNULL)
    assert result.returncode == 0 and result.stdout.startswith("\ufeffdeelnemer_id")
