"""Tests for choosing the progress folder and making private folders."""

from __future__ import annotations

import os
from pathlib import Path

import platformdirs
import pytest

from wijzer_tui.domain.errors import StoreError
from wijzer_tui.domain.progress.paths import ensure_private_dir, resolve_progress_dir


def test_cli_value_wins_over_env_and_checkout(tmp_path: Path) -> None:
    (tmp_path / "progress").mkdir()
    env = {"WIJZER_PROGRESS_DIR": str(tmp_path / "env")}
    folder, reason = resolve_progress_dir(str(tmp_path / "cli"), env, tmp_path)
    assert (folder, reason) == (tmp_path / "cli", "gekozen met --progress-dir")


def test_relative_cli_value_is_relative_to_cwd(tmp_path: Path) -> None:
    folder, _ = resolve_progress_dir("mijn-voortgang", {}, tmp_path)
    assert folder == tmp_path / "mijn-voortgang"


def test_env_wins_over_checkout(tmp_path: Path) -> None:
    (tmp_path / "progress").mkdir()
    env = {"WIJZER_PROGRESS_DIR": str(tmp_path / "env")}
    assert resolve_progress_dir(None, env, tmp_path) == (
        tmp_path / "env",
        "uit WIJZER_PROGRESS_DIR",
    )


def test_checkout_progress_folder_is_used_when_it_exists(tmp_path: Path) -> None:
    (tmp_path / "progress").mkdir()
    env = {"WIJZER_PROGRESS_DIR": "  "}  # empty values are ignored
    folder, reason = resolve_progress_dir(None, env, tmp_path)
    assert (folder, reason) == (tmp_path / "progress", "de map progress/ in deze map")


def test_user_data_folder_is_the_fallback(tmp_path: Path) -> None:
    (tmp_path / "progress").write_text("a file, not a folder")
    folder, reason = resolve_progress_dir(None, {}, tmp_path)
    assert folder == platformdirs.user_data_path("wijzer") / "progress"
    assert reason == "je persoonlijke gegevensmap"


def test_real_environment_is_read_by_default(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("WIJZER_PROGRESS_DIR", str(tmp_path / "uit-env"))
    assert resolve_progress_dir(cwd=tmp_path)[0] == tmp_path / "uit-env"


def test_private_dir_is_created_with_parents_and_owner_only(tmp_path: Path) -> None:
    old_umask = os.umask(0)
    try:
        folder = ensure_private_dir(tmp_path / "a" / "b")
    finally:
        os.umask(old_umask)
    assert folder.is_dir()
    assert folder.stat().st_mode & 0o777 == 0o700


def test_existing_open_dir_is_made_private(tmp_path: Path) -> None:
    folder = tmp_path / "open"
    folder.mkdir()
    folder.chmod(0o755)
    ensure_private_dir(folder)
    assert folder.stat().st_mode & 0o777 == 0o700


@pytest.mark.parametrize("inside", ["", "sub"])
def test_dir_that_cannot_be_made_raises_dutch_store_error(tmp_path: Path, inside: str) -> None:
    blocker = tmp_path / "bestand"
    blocker.write_text("x")
    with pytest.raises(StoreError) as info:
        ensure_private_dir(blocker / inside if inside else blocker)
    assert "--progress-dir" in info.value.message or "geen map" in info.value.message
    assert str(blocker) in info.value.message
