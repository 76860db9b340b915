"""Tests for choosing the progress folder and making private folders."""

from __future__ import annotations

import errno
import os
from datetime import datetime
from pathlib import Path

import platformdirs
import pytest

from wijzer_tui.domain.errors import StoreError
from wijzer_tui.domain.progress import paths
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


def _record_syncs(monkeypatch: pytest.MonkeyPatch) -> list[tuple[str, Path]]:
    """Record renames and fsyncs (with the path each fsync'd descriptor was opened on)."""
    events: list[tuple[str, Path]] = []
    opened: dict[int, Path] = {}
    real_open, real_fsync, real_replace, real_rename = os.open, os.fsync, os.replace, os.rename

    def tracked_open(path, flags, *args, **kwargs):
        fd = real_open(path, flags, *args, **kwargs)
        opened[fd] = Path(path)
        return fd

    def tracked_fsync(fd: int) -> None:
        real_fsync(fd)
        events.append(("fsync", opened.get(fd, Path("?"))))

    def tracked(name, real):
        def move(src, dst) -> None:
            real(src, dst)
            events.append((name, Path(dst)))

        return move

    monkeypatch.setattr(paths.os, "open", tracked_open)
    monkeypatch.setattr(paths.os, "fsync", tracked_fsync)
    monkeypatch.setattr(paths.os, "replace", tracked("replace", real_replace))
    monkeypatch.setattr(paths.os, "rename", tracked("rename", real_rename))
    return events


def test_atomic_write_syncs_the_file_then_the_folder_after_the_rename(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Without the folder fsync a power cut right after saving can bring back the old file.
    target = tmp_path / "anna.json"
    events = _record_syncs(monkeypatch)
    paths.write_atomic(target, b"{}")
    assert target.read_bytes() == b"{}"
    kinds = [(kind, path == tmp_path) for kind, path in events]
    assert kinds == [("fsync", False), ("replace", False), ("fsync", True)]
    assert events[1] == ("replace", target)


def test_moving_a_damaged_file_aside_syncs_the_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    damaged = tmp_path / "anna.json"
    damaged.write_text("{kapot", encoding="utf-8")
    events = _record_syncs(monkeypatch)
    moved = paths.quarantine(damaged)
    assert events == [("rename", moved), ("fsync", tmp_path)]
    assert moved.read_text(encoding="utf-8") == "{kapot" and not damaged.exists()


def test_a_folder_under_home_and_one_relative_to_where_wijzer_runs(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("HOME", str(tmp_path / "thuis"))
    assert resolve_progress_dir("~/voortgang", {}, tmp_path)[0] == tmp_path / "thuis" / "voortgang"
    monkeypatch.chdir(tmp_path)
    assert resolve_progress_dir("hier", {})[0] == tmp_path / "hier"


class _FixedNow:
    @staticmethod
    def now() -> datetime:
        return datetime(2025, 3, 5, 10, 30, 0)


def test_files_set_aside_in_the_same_second_get_their_own_number(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(paths, "datetime", _FixedNow)
    names = []
    for text in ("een", "twee", "drie"):
        damaged = tmp_path / "anna.json"
        damaged.write_text(text, encoding="utf-8")
        names.append(paths.quarantine(damaged).name)
    assert names == [
        "anna.beschadigd-20250305-103000.json",
        "anna.beschadigd-20250305-103000-2.json",
        "anna.beschadigd-20250305-103000-3.json",
    ]
    assert (tmp_path / names[2]).read_text(encoding="utf-8") == "drie"


def test_a_file_that_cannot_be_set_aside_says_why_in_dutch(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    damaged = tmp_path / "anna.json"
    damaged.write_text("{kapot", encoding="utf-8")

    def full(src, dst) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(paths.os, "rename", full)
    with pytest.raises(StoreError) as info:
        paths.quarantine(damaged)
    assert info.value.message == (
        f"Het bestand {damaged} is niet te gebruiken en kon niet apart worden gezet "
        "(de schijf is vol). Wijzer laat het staan en gebruikt het niet."
    )
