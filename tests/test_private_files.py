"""Folders wijzer makes are 0700 whatever the umask; temp files of killed writes are cleaned up."""

from __future__ import annotations

import os
import stat
import subprocess
import sys
import time
from pathlib import Path

import pytest
from filelock import FileLock

from wijzer_tui.domain.progress import paths
from wijzer_tui.domain.progress.paths import (
    ensure_private_dir,
    sweep_stale_temp_files,
    write_atomic,
)
from wijzer_tui.domain.progress.store import ProgressStore

posix_only = pytest.mark.skipif(os.name != "posix", reason="POSIX file modes")


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


@posix_only
def test_every_folder_made_above_the_progress_folder_is_private_under_umask_0(
    tmp_path: Path,
) -> None:
    home = tmp_path / "home"
    home.mkdir(mode=0o755)
    home.chmod(0o755)
    env = {k: v for k, v in os.environ.items() if not k.startswith(("XDG_", "WIJZER_"))}
    env["HOME"] = str(home)
    result = subprocess.run(
        [sys.executable, "-m", "wijzer_tui", "demo", "--learners", "1"],
        cwd=tmp_path,  # no ./progress here: the user data folder of platformdirs is used
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
        preexec_fn=lambda: os.umask(0),
    )
    assert result.returncode == 0, result.stderr
    made = [home / ".local", home / ".local/share", home / ".local/share/wijzer"]
    made += [home / ".local/share/wijzer/progress", home / ".local/share/wijzer/progress/learners"]
    assert {str(p.relative_to(home)): oct(mode(p)) for p in made} == {
        str(p.relative_to(home)): "0o700" for p in made
    }
    assert mode(home) == 0o755  # not made by wijzer: left as it was
    files = list((made[-1]).glob("*.json"))
    assert files and all(mode(f) == 0o600 for f in files)


@posix_only
def test_ensure_private_dir_under_umask_0_keeps_existing_parents(tmp_path: Path) -> None:
    tmp_path.chmod(0o755)
    old = os.umask(0)
    try:
        ensure_private_dir(tmp_path / "a" / "b" / "c")
    finally:
        os.umask(old)
    assert [mode(tmp_path / p) for p in ("a", "a/b", "a/b/c")] == [0o700] * 3
    assert mode(tmp_path) == 0o755


def leftover(path: Path, seconds: float) -> Path:
    """A file last written `seconds` ago."""
    path.write_bytes(b'{"half')
    then = time.time() - seconds
    os.utime(path, (then, then))
    return path


def test_old_temp_files_of_killed_writes_are_removed_by_the_next_writer(tmp_path: Path) -> None:
    store = ProgressStore(tmp_path)
    first = store.create_profile("Anna", "politie")
    learners = store.learners_dir
    killed = leftover(learners / f".{first.id}.json.k1ll3d_x.tmp", 2 * 3600)
    fresh = leftover(learners / ".bram.json.abcd1234.tmp", 60)  # may still be being written
    busy = leftover(learners / ".carla.json.efgh5678.tmp", 2 * 3600)  # its target is locked
    other = leftover(learners / "notities.tmp", 2 * 3600)  # not a temp file of wijzer
    paths._SWEPT.clear()  # as in a new process: the next writer sweeps once
    with FileLock(learners / ".locks" / "carla.json.lock"):  # the lock storage.locked takes
        store.create_profile("Bram", "politie")
    assert not killed.exists()
    assert fresh.exists() and busy.exists() and other.exists()
    assert [p.name for p in store.profiles()] == ["Anna", "Bram"]


def test_sweep_is_once_per_folder_and_reports_what_it_removed(tmp_path: Path) -> None:
    stale = leftover(tmp_path / ".x.json.abcdefgh.tmp", 7200)
    assert sweep_stale_temp_files(tmp_path) == [stale]
    paths._SWEPT.clear()
    write_atomic(tmp_path / "x.json", b"{}")
    again = leftover(tmp_path / ".x.json.ijklmnop.tmp", 7200)
    write_atomic(tmp_path / "x.json", b"{}")  # this process swept this folder already
    assert again.exists() and (tmp_path / "x.json").read_bytes() == b"{}"


def test_an_import_syncs_its_folder_once_and_every_file_before_its_rename(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """20,000 folder syncs made an import of 20,000 files slow; the data is still synced."""
    from wijzer_tui.domain.reports.transfer import import_files

    synced: list[str] = []
    real_fsync = os.fsync
    monkeypatch.setattr(paths, "_fsync_dir", lambda folder: synced.append(f"map {folder.name}"))
    monkeypatch.setattr(os, "fsync", lambda fd: synced.append("bestand") or real_fsync(fd))
    good = Path(__file__).resolve().parent / "data" / "transfer" / "goed.json"
    other = tmp_path / "ander.json"
    other.write_text(good.read_text(encoding="utf-8").replace("eva0001", "eva0002"), "utf-8")
    store = ProgressStore(tmp_path)
    store.create_profile("Anna", "politie")
    synced.clear()
    import_files(store, [good, other])
    assert synced == ["bestand", "bestand", "map learners"]
    synced.clear()
    store.create_profile("Bram", "politie")  # outside an import: the folder after each write
    assert synced == ["bestand", "map learners"]
