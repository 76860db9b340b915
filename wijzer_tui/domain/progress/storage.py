"""Crash-safe TinyDB files: one custom TinyDB `Storage` with checks, migrations, locks and
atomic writes. Every learner and team file is read and written through TinyDB on it.

Rules (kept by `WijzerStorage`, `open_db` and `locked_db`):

- A file is a plain TinyDB JSON file (`TinyDB(path)` reads it). Writes go through
  `paths.write_atomic` (temp file, fsync, os.replace, fsync of the folder): a crash leaves
  the old or the new file, never a mix. Files are 0600, folders 0700.
- Every read-modify-write runs in `locked_db`: a `FileLock` on `.locks/<file>.lock` (one
  hidden folder beside the records, so no empty lock file sits next to every record), the file read
  again inside it, TinyDB's `CachingMiddleware` collecting the block's changes, and one atomic
  write when the block ends without an error (none when it raises). Plain reads (`open_db`)
  need no lock: files are only ever replaced whole.
- A file that is not valid JSON, has the wrong shape or a newer `schema_version` raises
  `DamagedFileError` on read; `damage.set_aside` moves it away. Nothing here writes over it.
  Older documents are migrated on read (`MIGRATIONS`) and stored upgraded by the next write.
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any, Literal

from tinydb import TinyDB
from tinydb.middlewares import CachingMiddleware
from tinydb.storages import Storage
from tinydb.table import Table

from wijzer_tui.domain.errors import StoreError, os_reason
from wijzer_tui.domain.progress import write_cache
from wijzer_tui.domain.progress.paths import write_atomic
from wijzer_tui.domain.progress.records import SCHEMA_VERSION

__all__ = ["DamagedFileError", "locked", "locked_db", "open_db", "read_data", "write_atomic"]

Data = dict[str, dict[str, dict[str, Any]]]
Migration = Callable[[str, dict[str, Any]], dict[str, Any]]

# version -> function(table_name, document) returning the document at version + 1.
# Version 1 is the first format, so there is nothing to migrate yet. When SCHEMA_VERSION
# becomes 2, add `1: _v1_to_v2` here; documents are upgraded on read and saved on the next write.
MIGRATIONS: dict[int, Migration] = {}

LOCK_TIMEOUT = 15.0  # seconds; another window holds a lock only for one short write

DamageKind = Literal["beschadigd", "nieuwere-versie"]


class DamagedFileError(StoreError):
    """A stored file cannot be used as it is; `kind` names the suffix it is set aside with."""

    def __init__(self, path: Path, reason: str, kind: DamageKind = "beschadigd") -> None:
        super().__init__(f"Het bestand {path} is niet te gebruiken: {reason}.")
        self.path = path
        self.reason = reason
        self.kind: DamageKind = kind


def dumps(data: Any) -> bytes:
    """The bytes wijzer stores for `data`: compact UTF-8 JSON."""
    # pragma: no mutate start (ensure_ascii=None is False; "UTF-8" is "utf-8")
    return json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
    # pragma: no mutate end


def _migrate(path: Path, table: str, doc: dict[str, Any]) -> dict[str, Any]:
    """Bring one document up to SCHEMA_VERSION, or raise DamagedFileError."""
    version = doc.get("schema_version")
    if type(version) is not int:
        raise DamagedFileError(path, "een gegeven mist zijn schema_version")
    if version > SCHEMA_VERSION:
        reason = f"gemaakt met een nieuwere versie van wijzer (versie {version})"
        raise DamagedFileError(path, reason, "nieuwere-versie")
    for old in range(version, SCHEMA_VERSION):  # bounded: a broken step can never loop forever
        step = MIGRATIONS.get(old)
        if step is None:
            raise DamagedFileError(path, f"onbekende oude versie {old}")
        doc = step(table, dict(doc))
        doc["schema_version"] = old + 1
    return doc


def parse(path: Path, raw: bytes) -> Data:
    """Parse and check the TinyDB shape of `raw`, migrating old documents; DamagedFileError."""
    try:
        data = json.loads(raw)
    except (UnicodeDecodeError, ValueError, RecursionError) as exc:
        reason = "het bestand is leeg" if not raw.strip() else "geen geldige JSON"
        raise DamagedFileError(path, reason) from exc
    if not isinstance(data, dict):
        raise DamagedFileError(path, "de inhoud heeft een verkeerde vorm")
    for table_name, table in data.items():
        if not isinstance(table, dict):
            raise DamagedFileError(path, f"tabel {table_name!r} heeft een verkeerde vorm")
        for doc_id, doc in table.items():
            if not doc_id.isdigit() or not isinstance(doc, dict):
                raise DamagedFileError(path, f"tabel {table_name!r} heeft een verkeerde vorm")
            table[doc_id] = _migrate(path, table_name, doc)  # a current document comes back as is
    return data


def _cannot_read(path: Path, exc: OSError) -> StoreError:
    return StoreError(f"Het bestand {path} kon niet worden gelezen ({os_reason(exc)}).")


def _read_bytes(path: Path) -> bytes | None:
    try:
        return path.read_bytes()
    except FileNotFoundError:
        return None
    except OSError as exc:
        raise _cannot_read(path, exc) from exc


def read_data(path: Path) -> Data | None:
    """The checked contents of a stored file, or None when it does not exist.

    Raises DamagedFileError for unusable contents and StoreError when it cannot be read.
    """
    raw = _read_bytes(path)
    return None if raw is None else parse(path, raw)


def _stamp(stat: os.stat_result) -> tuple[int, int, int]:
    """What changes whenever a file is replaced (a new inode) or written in place."""
    return stat.st_ino, stat.st_size, stat.st_mtime_ns


class WijzerStorage(Storage):
    """TinyDB storage for one wijzer file: checked reads, atomic and durable writes.

    Plain (`open_db`): each read returns the file as it is now; the parse is kept only while
    the file is unchanged, so the tables of one learner cost one parse. As a `snapshot`, the
    first read is kept (for reading a file once, as the store does). In a lock (`locked_db`,
    `in_lock=True`): the read is this process's last parse when the file still holds the same
    bytes, and a write serialises again only changed documents (see write_cache).
    """

    checked = False  # True when the read already built and type-checked the records (typed_read)

    def __init__(self, path: str | Path, *, in_lock: bool = False, snapshot: bool = False) -> None:
        super().__init__()
        self.path = Path(path)
        self.in_lock = in_lock
        self.snapshot = snapshot
        self._stamp: tuple[int, int, int] | None = None
        self._data: Data | None = None  # pragma: no mutate (read only once _stamp is set with it)
        self._entry: write_cache.Entry | None = None

    def read(self) -> Data | None:
        """The checked contents, or None for a file that does not exist yet."""
        if self.in_lock:
            if self._entry is None:
                raw = _read_bytes(self.path)
                self._entry = write_cache.take(self.path, raw) or write_cache.Entry(
                    raw, None if raw is None else parse(self.path, raw)
                )
            return self._entry.data
        return self._read_now()

    def _read_now(self) -> Data | None:
        try:
            if self._stamp is not None and (
                self.snapshot or _stamp(os.stat(self.path)) == self._stamp
            ):
                return self._data
            with open(self.path, "rb") as handle:
                stamp = _stamp(os.fstat(handle.fileno()))  # any stamp marks a snapshot as read
                raw = handle.read()
        except FileNotFoundError:
            self._stamp = self._data = None
            return None
        except OSError as exc:
            raise _cannot_read(self.path, exc) from exc
        self._data = self.parse_plain_read(raw)
        self._stamp = stamp
        return self._data

    def parse_plain_read(self, raw: bytes) -> Data:
        """The data of a plain read (a locked read always uses `parse`: it may be written)."""
        return parse(self.path, raw)

    def write(self, data: Data) -> None:
        """Replace the file atomically and durably (call only while holding its lock)."""
        entry = self._entry or write_cache.Entry(None, None)
        self._entry = None  # a failed write leaves nothing cached
        payload, parts = entry.payload(data)
        write_atomic(self.path, payload)
        self._entry = write_cache.Entry(payload, data, parts)
        self._stamp = None

    def close(self) -> None:
        """End of a locked block that succeeded: keep the parse for the next one."""
        if self._entry is not None and self._entry.raw is not None:
            write_cache.keep(self.path, self._entry)
        self._entry = None


class _UncachedTable(Table):
    """A table without TinyDB's query cache: another process may have changed the file."""

    # pragma: no mutate start (cache_size is unused: 0 is always passed on)
    def __init__(self, storage: Storage, name: str, cache_size: int = 0) -> None:
        # pragma: no mutate end
        # Table's own default is bound at definition time, so pass 0 explicitly.
        super().__init__(storage, name, cache_size=0)


class WijzerDB(TinyDB):
    """TinyDB whose tables never cache query results."""

    table_class = _UncachedTable

    def exists(self) -> bool:
        """True when the file exists (it is read and checked: DamagedFileError otherwise)."""
        return self.storage.read() is not None


def open_db(path: Path, *, snapshot: bool = False) -> WijzerDB:
    """A TinyDB on `path` for reading: every read sees the latest file, or with `snapshot` the
    file as first read. Write only in `locked_db`."""
    return WijzerDB(path, storage=WijzerStorage, snapshot=snapshot)


@contextmanager
def locked(path: Path, timeout: float = LOCK_TIMEOUT) -> Iterator[None]:
    """Hold the inter-process lock `.locks/<name>.lock` (0600, folder 0700) for a
    read-modify-write of `path`."""
    from filelock import FileLock, Timeout  # imported on first write: keeps startup fast

    lock_file = path.parent / ".locks" / f"{path.name}.lock"
    lock = FileLock(lock_file, timeout=timeout, mode=0o600)
    try:
        lock_file.parent.mkdir(mode=0o700, exist_ok=True)
        lock.acquire()
    except Timeout as exc:
        raise StoreError(
            "Je voortgang is bezet door een ander venster van wijzer. Probeer het zo nog eens."
        ) from exc
    except OSError as exc:
        raise StoreError(
            f"Je voortgang kon niet worden opgeslagen in {path.parent} ({os_reason(exc)})."
        ) from exc
    try:
        yield
    finally:
        lock.release()


@contextmanager
def locked_db(path: Path, timeout: float = LOCK_TIMEOUT) -> Iterator[WijzerDB]:
    """A TinyDB on `path` under its lock: the read-modify-write unit.

    The file is read (and checked) once inside the lock. TinyDB's CachingMiddleware holds the
    block's changes; they are written in one atomic write when the block ends. When the block
    raises, nothing is written and the database is thrown away.
    """
    with locked(path, timeout):
        db = WijzerDB(path, storage=CachingMiddleware(WijzerStorage), in_lock=True)
        yield db
        db.close()  # CachingMiddleware.close: flush (one atomic write), then WijzerStorage.close
