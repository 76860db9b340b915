"""Crash-safe TinyDB files: atomic writes, inter-process locks, schema checks and migrations.

Reusable by every store (learners, team sessions). Rules:

- A write goes to a temp file in the same folder, is flushed and fsynced, then replaces the old
  file with ``os.replace`` and the folder is fsynced: a crash leaves the old or the new file,
  never a mix. Files are 0600 (``mkstemp``), folders 0700.
- Every read-modify-write runs inside ``locked_db(path)``: a ``FileLock`` on ``<file>.lock``,
  and the file is read again inside the lock, so two processes never lose each other's update.
- Reading is safe without the lock, because the file is only ever replaced whole.
- A file that is not valid JSON, has the wrong shape or a newer ``schema_version`` raises
  ``DamagedFileError``; ``quarantine`` moves it aside. Nothing here ever overwrites it.
"""

from __future__ import annotations

import json
import os
import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress
from datetime import datetime
from pathlib import Path
from typing import Any, Literal

from filelock import FileLock, Timeout
from tinydb import TinyDB
from tinydb.storages import Storage
from tinydb.table import Table

from wijzer_tui.domain.errors import StoreError
from wijzer_tui.domain.paths import os_reason
from wijzer_tui.domain.records import SCHEMA_VERSION

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
    return json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


def _migrate(path: Path, table: str, doc: dict[str, Any]) -> dict[str, Any]:
    """Bring one document up to SCHEMA_VERSION, or raise DamagedFileError."""
    version = doc.get("schema_version")
    if type(version) is not int:
        raise DamagedFileError(path, "een gegeven mist zijn schema_version")
    if version > SCHEMA_VERSION:
        raise DamagedFileError(
            path,
            f"gemaakt met een nieuwere versie van wijzer (versie {version})",
            "nieuwere-versie",
        )
    while version < SCHEMA_VERSION:
        step = MIGRATIONS.get(version)
        if step is None:
            raise DamagedFileError(path, f"onbekende oude versie {version}")
        doc = step(table, dict(doc))
        version += 1
        doc["schema_version"] = version
    return doc


def check_data(path: Path, data: Any) -> Data:
    """Check the TinyDB shape of parsed `data` and migrate old documents; raise DamagedFileError."""
    if not isinstance(data, dict):
        raise DamagedFileError(path, "de inhoud heeft een verkeerde vorm")
    for table_name, table in data.items():
        if not isinstance(table, dict):
            raise DamagedFileError(path, f"tabel {table_name!r} heeft een verkeerde vorm")
        for doc_id, doc in table.items():
            if not doc_id.isdigit() or not isinstance(doc, dict):
                raise DamagedFileError(path, f"tabel {table_name!r} heeft een verkeerde vorm")
            if doc.get("schema_version") != SCHEMA_VERSION:
                table[doc_id] = _migrate(path, table_name, doc)
    return data


def read_data(path: Path) -> Data | None:
    """The checked contents of a stored file, or None when it does not exist.

    Raises DamagedFileError for unusable contents and StoreError when it cannot be read.
    """
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        return None
    except OSError as exc:
        raise StoreError(f"Het bestand {path} kon niet worden gelezen ({os_reason(exc)}).") from exc
    try:
        data = json.loads(raw)
    except (UnicodeDecodeError, ValueError) as exc:
        reason = "het bestand is leeg" if not raw.strip() else "geen geldige JSON"
        raise DamagedFileError(path, reason) from exc
    return check_data(path, data)


def _fsync_dir(folder: Path) -> None:
    """Make a rename in `folder` durable (POSIX only: Windows cannot open folders)."""
    if os.name != "posix":
        return
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def write_atomic(path: Path, payload: bytes) -> None:
    """Replace `path` by `payload` so a crash leaves the old or the new file, never a mix.

    Raises StoreError (Dutch) on a full disk or a read-only folder; the old file stays intact.
    """
    tmp: str | None = None
    try:
        # mkstemp creates the file 0600 and the rename keeps that mode.
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
        with os.fdopen(fd, "wb") as handle:
            handle.write(payload)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, path)
        tmp = None
        _fsync_dir(path.parent)
    except OSError as exc:
        raise StoreError(
            f"Je voortgang kon niet worden opgeslagen in {path.parent} ({os_reason(exc)}). "
            "Wat al was opgeslagen, is bewaard gebleven."
        ) from exc
    finally:
        if tmp is not None:
            with suppress(OSError):  # a leftover hidden temp file is harmless
                os.unlink(tmp)


class AtomicJSONStorage(Storage):
    """TinyDB storage that checks on read and writes atomically; write only inside `locked_db`.

    With `cached=True` the file is parsed once and later reads return what was last read or
    written. That is only correct while the lock is held (nobody else can change the file),
    so `locked_db` uses it and `open_db` does not.
    """

    def __init__(self, path: str | Path, cached: bool = False) -> None:
        super().__init__()
        self.path = Path(path)
        self.cached = cached
        self._data: Data | None = None

    def read(self) -> Data | None:
        """The checked contents, or None for a new file."""
        if self._data is not None:
            return self._data
        data = read_data(self.path)
        if self.cached:
            self._data = data
        return data

    def write(self, data: Data) -> None:
        """Replace the file atomically and durably."""
        write_atomic(self.path, dumps(data))
        if self.cached:
            self._data = data

    def forget(self) -> None:
        """Drop the cached contents (e.g. after the file was set aside)."""
        self._data = None


class _UncachedTable(Table):
    """A table without TinyDB's query cache: another process may have changed the file."""

    def __init__(self, storage: Storage, name: str, cache_size: int = 0) -> None:
        # Table's own default is bound at definition time, so pass 0 explicitly.
        super().__init__(storage, name, cache_size=0)


class WijzerDB(TinyDB):
    """TinyDB whose tables never cache query results."""

    table_class = _UncachedTable


def open_db(path: Path, *, cached: bool = False) -> TinyDB:
    """A TinyDB on `path` with atomic writes. Reads see the latest file; lock before writing."""
    return WijzerDB(path, cached=cached, storage=AtomicJSONStorage)


@contextmanager
def locked(path: Path, timeout: float = LOCK_TIMEOUT) -> Iterator[None]:
    """Hold the inter-process lock `<path>.lock` (0600) for a read-modify-write of `path`."""
    lock = FileLock(f"{path}.lock", timeout=timeout, mode=0o600)
    try:
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
def locked_db(path: Path, timeout: float = LOCK_TIMEOUT) -> Iterator[TinyDB]:
    """A freshly opened TinyDB on `path`, under its lock: the read-modify-write unit.

    The file is parsed once per block (see AtomicJSONStorage). When the block raises, nothing
    more is written and the database is thrown away.
    """
    with locked(path, timeout):
        db = open_db(path, cached=True)
        try:
            yield db
        finally:
            db.close()


def quarantine(path: Path, kind: DamageKind = "beschadigd") -> Path:
    """Move an unusable file aside as `<stem>.<kind>-<YYYYmmdd-HHMMSS>.json`; return the new path.

    Never overwrites anything. Raises StoreError when the file cannot be moved.
    """
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
    target = path.with_name(f"{path.stem}.{kind}-{stamp}.json")
    number = 1
    while target.exists():
        number += 1
        target = path.with_name(f"{path.stem}.{kind}-{stamp}-{number}.json")
    try:
        os.rename(path, target)
        _fsync_dir(path.parent)
    except OSError as exc:
        raise StoreError(
            f"Het bestand {path} is niet te gebruiken en kon niet apart worden gezet "
            f"({os_reason(exc)}). Wijzer laat het staan en gebruikt het niet."
        ) from exc
    return target


def damage_message(error: DamagedFileError, kept: Path) -> str:
    """The Dutch warning shown to the user after `error.path` was moved to `kept`."""
    if error.kind == "nieuwere-versie":
        return (
            f"Het voortgangsbestand {error.path.name} is gemaakt met een nieuwere versie van "
            f"wijzer. Het is niet overschreven, maar apart gezet als {kept}. "
            "Open het met de nieuwere versie van wijzer."
        )
    return (
        f"Het voortgangsbestand {error.path.name} was beschadigd ({error.reason}). "
        f"Het is niet overschreven, maar apart gezet als {kept}. "
        "Deze voortgang staat daarom niet meer in de lijst."
    )


def set_aside(error: DamagedFileError, warnings: list[str]) -> str:
    """Move a damaged file aside (its lock held by the caller) and add the Dutch warning once."""
    try:
        message = damage_message(error, quarantine(error.path, error.kind))
    except StoreError as exc:
        message = exc.message
    if message not in warnings:
        warnings.append(message)
    return message


def recheck_and_set_aside(
    error: DamagedFileError, check: Callable[[Path, Data], object], warnings: list[str]
) -> None:
    """Read a damaged file again under its lock and set it aside only if `check` still fails:
    another window may have replaced or moved it in the meantime. Never raises."""
    try:
        with locked(error.path):
            try:
                data = read_data(error.path)
                if data is not None:
                    check(error.path, data)
            except DamagedFileError as again:
                set_aside(again, warnings)
    except StoreError as exc:
        message = f"{error.message} Wijzer gebruikt het niet. ({exc.message})"
        if message not in warnings:
            warnings.append(message)
