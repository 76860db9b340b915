"""Folders that cannot be made or read are named in Dutch, and the app does not open on them."""

from __future__ import annotations

from pathlib import Path

import pytest

from wijzer_tui import cli
from wijzer_tui.app import create_app
from wijzer_tui.domain.errors import StoreError
from wijzer_tui.domain.progress.paths import ensure_private_dir, folder_names


def below_a_file(tmp_path: Path) -> Path:
    (tmp_path / "bestand").write_text("x")
    return tmp_path / "bestand" / "voortgang"


def test_a_folder_below_a_file_cannot_be_made(tmp_path: Path) -> None:
    target = below_a_file(tmp_path)
    with pytest.raises(StoreError) as error:
        ensure_private_dir(target)
    reason = "een deel van het pad is geen map"
    assert error.value.message == (
        f"De map {target} kon niet worden gemaakt ({reason}). Kies een andere map met --progress-dir."
    )


def test_folder_names_are_sorted_and_none_before_the_folder_exists(tmp_path: Path) -> None:
    assert folder_names(tmp_path / "nog-niet") == []
    for name in ("b.json", "a.json", "C.json"):
        (tmp_path / name).write_text("{}")
    assert folder_names(tmp_path) == ["C.json", "a.json", "b.json"]


def test_the_app_does_not_open_on_a_progress_folder_it_cannot_read(tmp_path: Path) -> None:
    folder = below_a_file(tmp_path)
    with pytest.raises(StoreError) as error:
        create_app(str(folder))
    assert error.value.message == (
        f"De map {folder / 'learners'} kon niet worden gelezen (een deel van het pad is geen map). "
        "Kies een andere map met --progress-dir."
    )
    assert not folder.exists()


def test_wijzer_on_such_a_folder_says_so_in_one_dutch_line_not_a_traceback(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr(cli, "has_terminal", lambda: True)
    folder = below_a_file(tmp_path)
    assert cli.main(["--progress-dir", str(folder)]) == 1
    out, err = capsys.readouterr()
    assert (out, err) == (
        "",
        f"Probleem met je voortgang: De map {folder / 'learners'} kon niet worden gelezen (een "
        "deel van het pad is geen map). Kies een andere map met --progress-dir.\n",
    )
