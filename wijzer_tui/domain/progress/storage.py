"""Crash-safe TinyDB files: checks, migrations, inter-process locks and fast locked edits.

Reusable by every store (learners, team sessions). Rules:

- Writes go through `paths.write_atomic` (temp file, fsync, os.replace, fsync of the folder):
  a crash leaves the old or the new file, never a mix. Files are 0600, folders 0700.
- Every read-modify-write runs under a `FileLock` on `.locks/<file>.lock` (one hidden folder
  beside the records, so no empty lock file sits next to every record) and reads the file again
  inside the lock (`locked_db` for TinyDB, `edit` for the fast path), so two processes never
  lose each other's update. Plain reads need no lock: files are only ever replaced whole.
- A file that is not valid JSON, has the wrong shape or a newer `schema_version` raises
  `DamagedFileError`; `set_aside` moves it away. Nothing here ever writes over it.
"""

from __future__ import annotations

import json
import threading
from collections import OrderedDict
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any, Literal

from tinydb import TinyDB
from tinydb.storages import Storage
from tinydb.table import Table

from wijzer_tui.domain.errors import StoreError
from wijzer_tui.domain.progress.paths import os_reason, quarantine, write_atomic
from wijzer_tui.domain.progress.records import SCHEMA_VERSION

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
        reason = f"gemaakt met een nieuwere versie van wijzer (versie {version})"
        raise DamagedFileError(path, reason, "nieuwere-versie")
    while version < SCHEMA_VERSION:
        step = MIGRATIONS.get(version)
        if step is None:
            raise DamagedFileError(path, f"onbekende oude versie {version}")
        doc = step(table, dict(doc))
        version += 1
        doc["schema_version"] = version
    return doc


def parse(path: Path, raw: bytes) -> Data:
    """Parse and check the TinyDB shape of `raw`, migrating old documents; DamagedFileError."""
    try:
        data = json.loads(raw)
    except (UnicodeDecodeError, ValueError) as exc:
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
            if doc.get("schema_version") != SCHEMA_VERSION:
                table[doc_id] = _migrate(path, table_name, doc)
    return data


def _read_bytes(path: Path) -> bytes | None:
    try:
        return path.read_bytes()
    except FileNotFoundError:
        return None
    except OSError as exc:
        raise StoreError(f"Het bestand {path} kon niet worden gelezen ({os_reason(exc)}).") from exc


def read_data(path: Path) -> Data | None:
    """The checked contents of a stored file, or None when it does not exist.

    Raises DamagedFileError for unusable contents and StoreError when it cannot be read.
    """
    raw = _read_bytes(path)
    return None if raw is None else parse(path, raw)


class AtomicJSONStorage(Storage):
    """TinyDB storage that checks on read and writes atomically; write only inside `locked_db`.

    With `cached=True` the file is parsed once and later reads return what was last read or
    written: only correct while the lock is held, so `locked_db` uses it and `open_db` does not.
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


class Edit:
    """The tables of one file inside `edit()`. Read `data`, never change it: use `put`."""

    def __init__(self, data: Data | None, fragments: dict[tuple[str, str], bytes]) -> None:
        self.data: Data | None = data
        self._fragments = fragments
        self.changed = False

    def put(self, table: str, doc_id: str, doc: dict[str, Any]) -> None:
        """Store `doc` (a new dict, with its schema_version) as document `doc_id` of `table`."""
        if self.data is None:
            self.data = {}
        self.data.setdefault(table, {})[doc_id] = doc
        self._fragments.pop((table, doc_id), None)
        self.changed = True

    def insert(self, table: str, doc: dict[str, Any]) -> str:
        """Add `doc` under the next free document id of `table` (as TinyDB does); return the id."""
        ids = [int(doc_id) for doc_id in (self.data or {}).get(table, {})]
        doc_id = str(max(ids, default=0) + 1)
        self.put(table, doc_id, doc)
        return doc_id

    def payload(self) -> bytes:
        """The file's bytes; unchanged documents reuse their cached serialisation."""
        tables = []
        for name, table in (self.data or {}).items():
            docs = []
            for doc_id, doc in table.items():
                fragment = self._fragments.get((name, doc_id))
                if fragment is None:
                    fragment = self._fragments[(name, doc_id)] = dumps(doc_id) + b":" + dumps(doc)
                docs.append(fragment)
            tables.append(dumps(name) + b":{" + b",".join(docs) + b"}")
        return b"{" + b",".join(tables) + b"}"


# Per process: path -> (the file's bytes, their parsed data, serialised documents). An entry is
# used only when the file still holds exactly those bytes, and never leaves this module.
_CACHE: OrderedDict[Path, tuple[bytes, Data, dict[tuple[str, str], bytes]]] = OrderedDict()
_CACHE_SIZE = 8
_CACHE_GUARD = threading.Lock()  # screens may save from worker threads


@contextmanager
def edit(path: Path, timeout: float = LOCK_TIMEOUT) -> Iterator[Edit]:
    """A locked read-modify-write of `path` in TinyDB's format, written atomically on success.

    The fast path for frequent small changes: when the file still holds the bytes this process
    last wrote, it is not parsed again and only changed documents are serialised again.
    """
    with locked(path, timeout):
        raw = _read_bytes(path)
        with _CACHE_GUARD:
            cached = _CACHE.pop(path, None)
        if raw is not None and cached is not None and cached[0] == raw:
            current = Edit(cached[1], cached[2])
        else:
            current = Edit(None if raw is None else parse(path, raw), {})
        yield current  # on an exception the (possibly changed) entry stays dropped
        if current.changed:
            raw = current.payload()
            write_atomic(path, raw)
        if raw is not None and current.data is not None:
            with _CACHE_GUARD:
                _CACHE[path] = (raw, current.data, current._fragments)
                while len(_CACHE) > _CACHE_SIZE:
                    _CACHE.popitem(last=False)


def damage_message(error: DamagedFileError, kept: Path) -> str:
    """The Dutch warning shown to the user after `error.path` was moved to `kept`."""
    kept = kept.absolute()  # the full path, so the user can find the file
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


def _add(warnings: list[str], message: str) -> str:
    if message not in warnings:
        warnings.append(message)
    return message


def set_aside(error: DamagedFileError, warnings: list[str]) -> str:
    """Move a damaged file aside (its lock held by the caller) and add the Dutch warning once."""
    try:
        return _add(warnings, damage_message(error, quarantine(error.path, error.kind)))
    except StoreError as exc:
        return _add(warnings, exc.message)


def recheck_and_set_aside(
    error: DamagedFileError, check: Callable[[Path, Data], object], warnings: list[str]
) -> str | None:
    """Read a damaged file again under its lock and set it aside only if `check` still fails
    (another window may have replaced or moved it meanwhile). Returns the warning; never raises."""
    try:
        with locked(error.path):
            try:
                data = read_data(error.path)
                if data is not None:
                    check(error.path, data)
            except DamagedFileError as again:
                return set_aside(again, warnings)
    except StoreError as exc:
        return _add(warnings, f"{error.message} Wijzer gebruikt het niet. ({exc.message})")
    return None
