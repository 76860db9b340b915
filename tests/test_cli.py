"""The `wijzer` command speaks Dutch, validates scenario files and never shows a traceback."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from wijzer_tui import __version__
from wijzer_tui.cli import main
from wijzer_tui.domain.content.loader import default_scenario_dir, scenario_files

pytestmark = pytest.mark.usefixtures("progress_env")


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    """Run main(argv); return exit code, stdout, stderr (argparse exits via SystemExit)."""
    try:
        code = main(list(argv))
    except SystemExit as exc:
        code = exc.code if isinstance(exc.code, int) else 1
    out, err = capsys.readouterr()
    assert "Traceback" not in out + err
    return code, out, err


def test_validate_shipped_scenarios(capsys: pytest.CaptureFixture[str]) -> None:
    files = scenario_files([default_scenario_dir()])
    assert len(files) == 5, [f.name for f in files]
    code, out, err = run(capsys, "validate")
    assert code == 0, out
    assert out.startswith("In orde: 5 casussen met samen 28 tips.")
    assert err == ""


def test_validate_broken_file_lists_the_problem(
    capsys: pytest.CaptureFixture[str], data_dir: Path
) -> None:
    path = data_dir / "broken" / "unknown-tip-in-option.yaml"
    code, out, _ = run(capsys, "validate", str(path))
    assert code == 1
    assert out.startswith("Niet in orde: 1 probleem gevonden.")
    assert (
        "- unknown-tip-in-option.yaml, regel 34, veld steps[0].options[1].tip: "
        "onbekende tip-id 'F9-T7'"
    ) in out


def test_validate_counts_every_problem(capsys: pytest.CaptureFixture[str], data_dir: Path) -> None:
    broken = data_dir / "broken"
    code, out, _ = run(
        capsys, "validate", str(broken / "several-problems.yaml"), str(broken / "wrong-type.yaml")
    )
    assert code == 1
    assert out.startswith("Niet in orde: 6 problemen gevonden.")
    assert out.count("\n- ") == 6


def test_validate_valid_folder(capsys: pytest.CaptureFixture[str], data_dir: Path) -> None:
    code, out, _ = run(capsys, "validate", str(data_dir / "valid"))
    assert code == 0
    assert out.startswith("In orde: 2 casussen met samen 6 tips.")
    # The parts a learner pages through ("Deel x van 10"), not the 4 scored steps.
    assert "8. Ik wil weten hoe de score werkt  (4 tips, 10 delen)" in out


def test_validate_missing_path(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    code, out, _ = run(capsys, "validate", str(tmp_path / "weg.yaml"))
    assert code == 1
    assert "weg.yaml: dit bestand of deze map bestaat niet" in out


def test_version(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "--version")
    assert code == 0
    assert out == f"wijzer {__version__}\n"


def test_help_is_dutch(capsys: pytest.CaptureFixture[str], progress_env: Path) -> None:
    code, out, _ = run(capsys, "--help")
    assert code == 0
    assert "gebruik:" in out and "opties" in out and "validate" in out
    assert "usage:" not in out and "show this help" not in out and "options:" not in out
    assert f"Voortgang staat nu in: {progress_env}" in out  # where progress goes


def test_validate_help_is_dutch(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "validate", "--help")
    assert code == 0
    assert "gebruik: wijzer validate" in out and "argumenten" in out
    assert "usage:" not in out and "positional arguments" not in out


def test_unknown_option_is_a_dutch_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "--onzin")
    assert code == 2
    assert out == ""
    assert "gebruik:" in err
    assert "wijzer: fout: onbekende argumenten: --onzin" in err
    assert "error" not in err and "usage" not in err


def test_unknown_command_is_a_dutch_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(capsys, "valideer")
    assert code == 2
    assert "ongeldige keuze: 'valideer'" in err
    assert "invalid choice" not in err


def test_option_without_value_is_a_dutch_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(capsys, "--progress-dir")
    assert code == 2
    assert "argument --progress-dir: verwacht één waarde" in err
    assert "expected" not in err


def test_module_entry_exits_with_code_and_no_traceback(data_dir: Path, progress_env: Path) -> None:
    path = data_dir / "broken" / "nested-tip-reference.yaml"
    result = subprocess.run(
        [sys.executable, "-m", "wijzer_tui", "validate", str(path)],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert result.returncode == 1
    assert "moet een tip-id zijn" in result.stdout
    assert result.stderr == ""


def test_a_reader_that_stops_early_gets_no_traceback(tmp_path) -> None:
    """`wijzer validate | head` closes the pipe early: no English traceback on the terminal."""
    import os
    import subprocess
    import sys

    read_end, write_end = os.pipe()
    os.close(read_end)  # the reader is gone before wijzer writes its first line
    try:
        result = subprocess.run(
            [sys.executable, "-m", "wijzer_tui", "validate"],
            stdout=write_end,
            stderr=subprocess.PIPE,
            text=True,
            timeout=60,
            check=False,
            cwd=tmp_path,
        )
    finally:
        os.close(write_end)
    assert "Traceback" not in result.stderr and "BrokenPipe" not in result.stderr
    assert result.returncode == 1
