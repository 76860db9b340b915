"""Tests for the crash-safe TinyDB storage: atomic writes, locks, checks, migration, quarantine."""

from __future__ import annotations

import errno
import json
import os
import threading
from pathlib import Path

import filelock
import pytest
from tinydb import where

from wijzer_tui.domain.errors import StoreError
from wijzer_tui.domain.progress import paths, storage
from wijzer_tui.domain.progress.paths import quarantine, write_atomic
from wijzer_tui.domain.progress.records import SCHEMA_VERSION
from wijzer_tui.domain.progress.storage import DamagedFileError, locked_db, open_db, read_data


def doc(**fields: object) -> dict:
    return {"schema_version": SCHEMA_VERSION, **fields}


def test_write_atomic_writes_a_private_file(tmp_path: Path) -> None:
    path = tmp_path / "x.json"
    old_umask = os.umask(0)
    try:
        write_atomic(path, b'{"a": {}}')
    finally:
        os.umask(old_umask)
    assert path.read_bytes() == b'{"a": {}}'
    assert path.stat().st_mode & 0o777 == 0o600
    assert sorted(p.name for p in tmp_path.iterdir()) == ["x.json"]


def test_failed_fsync_keeps_the_old_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "x.json"
    write_atomic(path, b"oud")

    def full(fd: int) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(paths.os, "fsync", full)
    with pytest.raises(StoreError, match="schijf is vol"):
        write_atomic(path, b"nieuw")
    monkeypatch.undo()
    assert path.read_bytes() == b"oud"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["x.json"]  # no temp file left


def test_tinydb_on_atomic_storage_round_trips_and_never_caches(tmp_path: Path) -> None:
    path = tmp_path / "db.json"
    reader = open_db(path)
    assert reader.table("t").search(where("n") == 1) == []
    with locked_db(path) as db:
        db.table("t").insert(doc(n=1))
    # A second handle (another window) sees the change at once: no stale query cache.
    assert [d["n"] for d in reader.table("t").search(where("n") == 1)] == [1]
    assert json.loads(path.read_text())["t"]["1"]["n"] == 1


def test_locked_db_serialises_read_modify_write(tmp_path: Path) -> None:
    path = tmp_path / "count.json"
    with locked_db(path) as db:
        db.table("c").insert(doc(n=0))

    def bump() -> None:
        for _ in range(25):
            with locked_db(path) as db:
                table = db.table("c")
                table.update({"n": table.get(doc_id=1)["n"] + 1}, doc_ids=[1])

    threads = [threading.Thread(target=bump) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert read_data(path)["c"]["1"]["n"] == 100


def test_missing_file_reads_as_none(tmp_path: Path) -> None:
    assert read_data(tmp_path / "nope.json") is None


@pytest.mark.parametrize(
    ("content", "kind"),
    [
        ("{", "beschadigd"),
        ('{"t": []}', "beschadigd"),
        ('{"t": {"x": {"schema_version": 1}}}', "beschadigd"),
        ('{"t": {"1": {"geen": "versie"}}}', "beschadigd"),
        ('{"t": {"1": {"schema_version": "1"}}}', "beschadigd"),
        ('{"t": {"1": {"schema_version": 999}}}', "nieuwere-versie"),
    ],
)
def test_unusable_files_raise_damaged_error(tmp_path: Path, content: str, kind: str) -> None:
    path = tmp_path / "x.json"
    path.write_text(content)
    with pytest.raises(DamagedFileError) as info:
        read_data(path)
    assert info.value.kind == kind
    # TinyDB on the same file refuses too, so it can never write over it.
    with pytest.raises(DamagedFileError), locked_db(path) as db:
        db.table("t").insert(doc(n=1))
    assert path.read_text() == content


def test_migrations_run_step_by_step(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    seen: list[tuple[str, int]] = []

    def step(table: str, document: dict) -> dict:
        seen.append((table, document["schema_version"]))
        document["upgraded"] = document.get("upgraded", 0) + 1
        return document

    monkeypatch.setattr(storage, "SCHEMA_VERSION", 3)
    monkeypatch.setattr(storage, "MIGRATIONS", {1: step, 2: step})
    path = tmp_path / "x.json"
    path.write_text('{"t": {"1": {"schema_version": 1}, "2": {"schema_version": 3}}}')
    data = read_data(path)
    assert data["t"]["1"] == {"schema_version": 3, "upgraded": 2}
    assert data["t"]["2"] == {"schema_version": 3}
    assert seen == [("t", 1), ("t", 2)]


def test_old_version_without_migration_is_damaged(tmp_path: Path) -> None:
    path = tmp_path / "x.json"
    path.write_text('{"t": {"1": {"schema_version": 0}}}')
    with pytest.raises(DamagedFileError, match="oude versie"):
        read_data(path)


def test_quarantine_never_overwrites_an_earlier_copy(tmp_path: Path) -> None:
    kept = []
    for content in ("eerste", "tweede"):
        path = tmp_path / "leerling.json"
        path.write_text(content)
        kept.append(quarantine(path))
    assert len(set(kept)) == 2
    assert [p.read_text() for p in kept] == ["eerste", "tweede"]
    assert all(p.name.startswith("leerling.beschadigd-") and p.suffix == ".json" for p in kept)
    assert not (tmp_path / "leerling.json").exists()


class _FailingLock:
    """Stands in for FileLock: acquiring raises `error`."""

    error: Exception

    def __init__(self, *args: object, **kwargs: object) -> None:
        pass

    def acquire(self) -> None:
        raise self.error


@pytest.mark.parametrize(
    ("error", "words"),
    [
        (filelock.Timeout("x.lock"), "ander venster"),
        (PermissionError(errno.EACCES, "Permission denied"), "geen toestemming"),
        (OSError(errno.EROFS, "Read-only file system"), "alleen-lezen"),
    ],
)
def test_a_lock_that_cannot_be_taken_raises_dutch_store_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, error: Exception, words: str
) -> None:
    _FailingLock.error = error
    monkeypatch.setattr(filelock, "FileLock", _FailingLock)
    with pytest.raises(StoreError, match=words), locked_db(tmp_path / "x.json") as db:
        db.table("t").insert(doc(n=1))
    assert not (tmp_path / "x.json").exists()


def test_changes_made_in_place_are_written_and_failed_blocks_leave_nothing(tmp_path: Path) -> None:
    path = tmp_path / "x.json"
    with locked_db(path) as db:
        db.table("t").insert(doc(xs=[1]))
        db.table("u").insert(doc(n=1))
    # TinyDB's update with a function changes the stored document itself, not a copy.
    with locked_db(path) as db:
        db.table("t").update(lambda d: d["xs"].append(2), doc_ids=[1])
    assert read_data(path)["t"]["1"]["xs"] == [1, 2]
    assert read_data(path)["u"]["1"]["n"] == 1
    # A block that raises writes nothing, and its change is not written by the next block.
    with pytest.raises(RuntimeError), locked_db(path) as db:
        db.table("t").update(lambda d: d["xs"].append(3), doc_ids=[1])
        raise RuntimeError("stop")
    with locked_db(path) as db:
        db.table("u").update({"n": 2}, doc_ids=[1])
    assert read_data(path)["t"]["1"]["xs"] == [1, 2]
    assert read_data(path)["u"]["1"]["n"] == 2


def test_one_locked_block_is_one_atomic_write(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "x.json"
    writes: list[bytes] = []
    monkeypatch.setattr(storage, "write_atomic", lambda p, payload: writes.append(payload))
    with locked_db(path) as db:
        db.table("profile").insert(doc(name="Anna"))
        db.table("attempts").insert_multiple([doc(n=1), doc(n=2)])
    assert len(writes) == 1
    assert set(json.loads(writes[0])) == {"profile", "attempts"}


def test_a_file_that_cannot_be_read_is_named_with_the_reason(tmp_path: Path) -> None:
    """A folder where a file should be: the plain read and the TinyDB read both say so in Dutch."""
    path = tmp_path / "x.json"
    path.mkdir()
    expected = f"Het bestand {path} kon niet worden gelezen (dit is een map, geen bestand)."
    with pytest.raises(StoreError) as plain:
        read_data(path)
    assert plain.value.message == expected
    with pytest.raises(StoreError) as through_tinydb:
        open_db(path).all()
    assert through_tinydb.value.message == expected
