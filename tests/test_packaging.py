"""A wheel of the repository ships the code, the scenarios and the `wijzer` command."""

from __future__ import annotations

import importlib.util
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest


@pytest.fixture(scope="module")
def wheel_names(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, list[str]]:
    """Build one wheel of the checkout; return its path and the names inside it."""
    repo = Path(__file__).resolve().parent.parent
    out = tmp_path_factory.mktemp("wheel")
    command = [sys.executable, "-m", "pip", "wheel", "--no-deps", "--quiet", "-w", str(out)]
    if importlib.util.find_spec("hatchling") is not None:
        # The backend is already here (editable install): build offline and fast.
        command.append("--no-build-isolation")
    result = subprocess.run(
        [*command, str(repo)], capture_output=True, text=True, timeout=300, check=False
    )
    assert result.returncode == 0, result.stderr
    (wheel,) = out.glob("wijzer-*.whl")
    with zipfile.ZipFile(wheel) as archive:
        return wheel, archive.namelist()


def test_wheel_contains_code_and_every_scenario(wheel_names: tuple[Path, list[str]]) -> None:
    _, names = wheel_names
    assert "wijzer_tui/cli.py" in names
    assert "wijzer_tui/domain/content/loader.py" in names
    assert "wijzer_tui/web_page/app_index.html" in names  # the page of `wijzer serve`
    repo = Path(__file__).resolve().parent.parent
    shipped = sorted(p.name for p in (repo / "scenarios").glob("*.yaml"))
    assert len(shipped) == 5
    in_wheel = sorted(
        n.removeprefix("wijzer_tui/_scenarios/")
        for n in names
        if n.startswith("wijzer_tui/_scenarios/") and n.endswith(".yaml")
    )
    assert in_wheel == shipped


def test_wheel_has_the_wijzer_command(wheel_names: tuple[Path, list[str]]) -> None:
    wheel, names = wheel_names
    (entry_points,) = [n for n in names if n.endswith(".dist-info/entry_points.txt")]
    with zipfile.ZipFile(wheel) as archive:
        text = archive.read(entry_points).decode("utf-8")
    lines = [line.replace(" ", "") for line in text.splitlines()]
    assert "[console_scripts]" in lines
    assert "wijzer=wijzer_tui.cli:main" in lines


def test_wheel_holds_no_progress_or_tests(wheel_names: tuple[Path, list[str]]) -> None:
    _, names = wheel_names
    # Learner progress from a checkout must never be packaged.
    leaked = [
        n
        for n in names
        if n.startswith(("progress/", "tests/", "bench/"))
        or ("/progress/" in n and not n.startswith("wijzer_tui/domain/progress/"))
        or n.endswith(".json")
    ]
    assert leaked == []
