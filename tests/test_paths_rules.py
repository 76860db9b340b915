"""Private folders and atomic writes of the progress store, pinned rule by rule.

Pinned: folders made (and made meanwhile by another process) under a permissive umask end up
0700 and are created 0700 from the start; an existing private folder is not touched again; a
folder wijzer may not change (chmod fails) is still used when writable; the Dutch messages for
an unwritable folder and a failed write, word for word; the exact cause kept behind "geen map";
which temp files the sweep removes (regular, named as write_atomic names them, strictly older
than the limit) and that it never raises; the temp-file name write_atomic uses and that a
failed write deletes only its own temp file and never raises anything but StoreError.
"""

from __future__ import annotations

import errno
import os
import re
import stat
from collections.abc import Iterator
from pathlib import Path

import pytest

from wijzer_tui.domain.errors import StoreError
from wijzer_tui.domain.progress import paths
from wijzer_tui.domain.progress.paths import (
    ensure_private_dir,
    sweep_stale_temp_files,
    write_atomic,
)


@pytest.fixture
def open_umask() -> Iterator[None]:
    """A permissive umask (000), so only wijzer's own modes make a folder private."""
    old = os.umask(0)
    try:
        yield
    finally:
        os.umask(old)


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_folders_are_created_owner_only_from_the_start(
    tmp_path: Path, open_umask: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    made: list[tuple[str, int]] = []
    real_mkdir = Path.mkdir

    def recording_mkdir(self: Path, mode: int = 0o777, *args: object, **kwargs: object) -> None:
        made.append((self.name, mode))
        real_mkdir(self, mode, *args, **kwargs)

    monkeypatch.setattr(Path, "mkdir", recording_mkdir)
    target = tmp_path / "a" / "b"
    assert ensure_private_dir(target) == target
    assert made == [("a", 0o700), ("b", 0o700)]
    assert (_mode(tmp_path / "a"), _mode(target)) == (0o700, 0o700)


def test_an_existing_private_folder_is_not_changed_again(
    tmp_path: Path, open_umask: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "voortgang"
    target.mkdir(mode=0o700)
    changed: list[Path] = []
    monkeypatch.setattr(Path, "chmod", lambda self, mode: changed.append(self))
    ensure_private_dir(target)
    assert changed == []


def test_an_existing_folder_one_bit_off_is_made_private(tmp_path: Path, open_umask: None) -> None:
    target = tmp_path / "voortgang"
    target.mkdir(mode=0o701)
    ensure_private_dir(target)
    assert _mode(target) == 0o700


def test_a_folder_wijzer_may_not_change_is_used_when_writable(
    tmp_path: Path, open_umask: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "gedeeld"
    target.mkdir(mode=0o777)

    def refuse(self: Path, mode: int) -> None:
        raise PermissionError(errno.EPERM, "Operation not permitted", str(self))

    monkeypatch.setattr(Path, "chmod", refuse)
    assert ensure_private_dir(target) == target
    assert _mode(target) == 0o777


def test_a_folder_without_write_and_search_rights_is_refused_in_dutch(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "voortgang"
    target.mkdir()
    asked: list[int] = []

    def no_access(path: object, mode: int) -> bool:
        asked.append(mode)
        return False

    monkeypatch.setattr(paths.os, "access", no_access)
    with pytest.raises(StoreError) as error:
        ensure_private_dir(target)
    assert asked == [os.W_OK | os.X_OK]
    assert error.value.message == (
        f"Je mag niet schrijven in de map {target}. Kies een andere map met --progress-dir."
    )


def _race_on(monkeypatch: pytest.MonkeyPatch, name: str, *, as_file: bool = False) -> None:
    """Another process makes `name` (0755, or a file) just before wijzer's mkdir of it."""
    real_mkdir = Path.mkdir

    def racing_mkdir(self: Path, mode: int = 0o777, *args: object, **kwargs: object) -> None:
        if self.name == name:
            if as_file:
                self.write_text("x")
            else:
                real_mkdir(self, 0o755)
        real_mkdir(self, mode, *args, **kwargs)

    monkeypatch.setattr(Path, "mkdir", racing_mkdir)


def test_a_folder_made_meanwhile_by_another_process_is_kept_and_the_rest_made(
    tmp_path: Path, open_umask: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    _race_on(monkeypatch, "a")
    target = tmp_path / "a" / "b"
    assert ensure_private_dir(target) == target
    assert (_mode(tmp_path / "a"), _mode(target)) == (0o755, 0o700)


def test_the_progress_folder_made_meanwhile_is_used_and_made_private(
    tmp_path: Path, open_umask: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    _race_on(monkeypatch, "voortgang")
    target = tmp_path / "voortgang"
    assert ensure_private_dir(target) == target
    assert _mode(target) == 0o700


def test_a_file_made_meanwhile_where_a_folder_belongs_is_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _race_on(monkeypatch, "a", as_file=True)
    target = tmp_path / "a" / "b"
    with pytest.raises(StoreError) as error:
        ensure_private_dir(target)
    assert error.value.message == f"{target} bestaat al, maar is geen map. Kies een andere map."
    assert (tmp_path / "a").read_text() == "x"


def test_a_file_in_place_of_the_folder_keeps_the_exact_cause(tmp_path: Path) -> None:
    target = tmp_path / "voortgang"
    target.write_text("x")
    with pytest.raises(StoreError) as error:
        ensure_private_dir(target)
    assert error.value.message == f"{target} bestaat al, maar is geen map. Kies een andere map."
    cause = error.value.__cause__
    assert type(cause) is FileExistsError
    assert (cause.errno, cause.strerror, cause.filename) == (
        errno.EEXIST,
        "not a folder",
        str(target),
    )
    assert cause.args == (errno.EEXIST, "not a folder")


NOW = 1_800_000_000


def _temp_file(folder: Path, name: str, mtime: int) -> Path:
    path = folder / name
    path.write_text("half")
    os.utime(path, (mtime, mtime))
    return path


def test_the_sweep_removes_only_temp_files_strictly_older_than_the_limit(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(paths.time, "time", lambda: NOW)
    at_limit = _temp_file(tmp_path, ".a.json.abcd1234.tmp", NOW - 100)
    one_over = _temp_file(tmp_path, ".b.json.abcd1234.tmp", NOW - 101)
    assert sweep_stale_temp_files(tmp_path, stale_after=100) == [one_over]
    assert at_limit.exists()
    assert not one_over.exists()


def test_the_sweep_leaves_a_link_named_as_a_temp_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(paths.time, "time", lambda: NOW)
    old = _temp_file(tmp_path, "oud.txt", NOW - 5000)
    link = tmp_path / ".a.json.abcd1234.tmp"
    link.symlink_to(old)
    assert sweep_stale_temp_files(tmp_path, stale_after=100) == []
    assert link.is_symlink()


def test_the_sweep_skips_a_file_it_cannot_remove_and_goes_on(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(paths.time, "time", lambda: NOW)
    stuck = _temp_file(tmp_path, ".a.json.abcd1234.tmp", NOW - 5000)
    loose = _temp_file(tmp_path, ".b.json.abcd1234.tmp", NOW - 5000)
    real_unlink = os.unlink

    def unlink(path: str) -> None:
        if Path(path) == stuck:
            raise PermissionError(errno.EACCES, "Permission denied", path)
        real_unlink(path)

    monkeypatch.setattr(paths.os, "unlink", unlink)
    assert sweep_stale_temp_files(tmp_path, stale_after=100) == [loose]
    assert stuck.exists()


@pytest.fixture
def swept(monkeypatch: pytest.MonkeyPatch) -> None:
    """Every folder counts as swept already: write_atomic then only writes."""
    monkeypatch.setattr(paths, "_SWEPT", _AllFolders())


class _AllFolders(set):  # type: ignore[type-arg]
    def __contains__(self, item: object) -> bool:
        return True


def test_the_temp_file_is_hidden_and_named_after_its_target(
    tmp_path: Path, swept: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    renamed: list[str] = []
    real_replace = os.replace

    def replace(src: str, dst: Path) -> None:
        renamed.append(Path(src).name)
        real_replace(src, dst)

    monkeypatch.setattr(paths.os, "replace", replace)
    write_atomic(tmp_path / "voortgang.json", b"{}")
    assert len(renamed) == 1
    assert re.fullmatch(r"\.voortgang\.json\.[a-z0-9_]{8}\.tmp", renamed[0])
    assert paths._TEMP_FILE.match(renamed[0])["target"] == "voortgang.json"
    assert (tmp_path / "voortgang.json").read_bytes() == b"{}"


def _full_disk(*args: object, **kwargs: object) -> None:
    raise OSError(errno.ENOSPC, "No space left on device")


def test_a_write_on_a_full_disk_says_so_in_dutch_and_keeps_the_old_file(
    tmp_path: Path, swept: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "voortgang.json"
    target.write_bytes(b"oud")
    monkeypatch.setattr(paths.os, "replace", _full_disk)
    with pytest.raises(StoreError) as error:
        write_atomic(target, b"nieuw")
    assert error.value.message == (
        f"Je voortgang kon niet worden opgeslagen in {tmp_path} (de schijf is vol). "
        "Wat al was opgeslagen, is bewaard gebleven."
    )
    assert target.read_bytes() == b"oud"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["voortgang.json"]


def test_a_temp_file_that_cannot_be_created_leaves_nothing_to_delete(
    tmp_path: Path, swept: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    deleted: list[str] = []
    monkeypatch.setattr(paths.tempfile, "mkstemp", _full_disk)
    monkeypatch.setattr(paths.os, "unlink", deleted.append)
    with pytest.raises(StoreError):
        write_atomic(tmp_path / "voortgang.json", b"{}")
    assert deleted == []


def test_a_temp_file_that_cannot_be_deleted_after_a_failed_write_is_left(
    tmp_path: Path, swept: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    def refuse(path: str) -> None:
        raise PermissionError(errno.EACCES, "Permission denied", path)

    monkeypatch.setattr(paths.os, "replace", _full_disk)
    monkeypatch.setattr(paths.os, "unlink", refuse)
    with pytest.raises(StoreError) as error:
        write_atomic(tmp_path / "voortgang.json", b"{}")
    assert "(de schijf is vol)" in error.value.message
    (left,) = tmp_path.iterdir()
    assert paths._TEMP_FILE.match(left.name)["target"] == "voortgang.json"
