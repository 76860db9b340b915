"""Where wijzer keeps progress, and safe file operations there: private folders, atomic replace."""

from __future__ import annotations

import errno
import itertools
import os
import re
import stat
import tempfile
import time
from collections.abc import Iterator, Mapping
from contextlib import contextmanager, suppress
from contextvars import ContextVar
from datetime import datetime
from pathlib import Path

from wijzer_tui.domain.errors import StoreError, os_reason

ENV_VAR = "WIJZER_PROGRESS_DIR"

REASON_CLI = "gekozen met --progress-dir"
REASON_ENV = "uit WIJZER_PROGRESS_DIR"
REASON_CHECKOUT = "de map progress/ in deze map"
REASON_USER = "je persoonlijke gegevensmap"


def _absolute(value: str, cwd: Path) -> Path:
    """An absolute path for a user-given folder, relative to `cwd` when not absolute."""
    return cwd / Path(value).expanduser()  # an absolute path replaces cwd


def resolve_progress_dir(
    cli_value: str | None = None,
    env: Mapping[str, str] | None = None,
    cwd: Path | None = None,
) -> tuple[Path, str]:
    """The progress folder and a short Dutch reason why this one was chosen.

    Order: ``--progress-dir DIR``, then ``WIJZER_PROGRESS_DIR``, then ``./progress`` when it
    exists (running from a checkout), then the platform's user data folder.
    """
    env = os.environ if env is None else env
    cwd = Path.cwd() if cwd is None else cwd
    if cli_value is not None and cli_value.strip():
        return _absolute(cli_value.strip(), cwd), REASON_CLI
    from_env = env.get(ENV_VAR, "").strip()
    if from_env:
        return _absolute(from_env, cwd), REASON_ENV
    checkout = cwd / "progress"
    if checkout.is_dir():
        return checkout, REASON_CHECKOUT
    import platformdirs  # only needed when no folder was chosen: keeps startup fast

    return platformdirs.user_data_path("wijzer") / "progress", REASON_USER


def ensure_private_dir(path: Path) -> Path:
    """Create `path` (and its parents) readable by its owner only (0700); return it.

    Raises StoreError with a Dutch message when the folder cannot be made or written to.
    """
    try:
        _make_private_dirs(path)
    except FileExistsError as exc:
        raise StoreError(f"{path} bestaat al, maar is geen map. Kies een andere map.") from exc
    except OSError as exc:
        raise StoreError(
            f"De map {path} kon niet worden gemaakt ({os_reason(exc)}). "
            "Kies een andere map met --progress-dir."
        ) from exc
    # mkdir's mode is reduced by the umask and ignored for existing folders. chmod fails on a
    # folder we do not own (e.g. a chosen shared folder): usable as long as we may write in it.
    # Only when needed: each chmod changes the folder's metadata, which every write then syncs.
    with suppress(OSError):
        if stat.S_IMODE(path.stat().st_mode) != 0o700:
            path.chmod(0o700)
    if not os.access(path, os.W_OK | os.X_OK):
        raise StoreError(
            f"Je mag niet schrijven in de map {path}. Kies een andere map met --progress-dir."
        )
    return path


def _make_private_dirs(path: Path) -> None:
    """Create `path` and every missing parent as 0700, whatever the umask.

    `mkdir(parents=True)` makes the parents 0777 minus the umask (0777 under umask 000), e.g.
    ~/.local/share/wijzer above the progress folder. Only folders made here are changed:
    existing ones (the user's home) keep their mode.
    """
    missing = []
    folder = path
    while not os.path.lexists(folder) and folder != folder.parent:
        missing.append(folder)
        folder = folder.parent
    for folder in reversed(missing):
        try:
            folder.mkdir(mode=0o700)
        except FileExistsError:
            if not folder.is_dir():
                raise
            continue  # made by another process meanwhile: not ours to change
        folder.chmod(0o700)
    if not path.is_dir():
        raise FileExistsError(errno.EEXIST, "not a folder", str(path))


def folder_names(folder: Path) -> list[str]:
    """The names in `folder`, sorted; [] while it does not exist. StoreError in Dutch when it
    cannot be read (a file where a folder should be, no permission)."""
    try:
        return sorted(entry.name for entry in os.scandir(folder))
    except FileNotFoundError:
        return []
    except OSError as exc:
        raise StoreError(f"De map {folder} kon niet worden gelezen ({os_reason(exc)}).") from exc


def _fsync_dir(folder: Path) -> None:
    """Make a rename in `folder` durable (POSIX only: Windows cannot open folders)."""
    if os.name != "posix":
        return
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


_DEFERRED: ContextVar[set[Path] | None] = ContextVar("deferred_dir_syncs", default=None)


@contextmanager
def deferred_dir_sync() -> Iterator[None]:
    """Within the block, write_atomic syncs each folder once at the end, not after each write.

    For bulk writes that are confirmed only at the end (an import of thousands of files): each
    file's data is still synced before its rename, so a crash leaves every file old or new,
    never a mix; only which renames survive a crash in the middle is settled at the end.
    """
    folders: set[Path] = set()
    token = _DEFERRED.set(folders)
    try:
        yield
    finally:
        _DEFERRED.reset(token)
        for folder in folders:
            try:
                _fsync_dir(folder)
            except OSError as exc:
                raise StoreError(
                    f"De map {folder} kon niet worden bijgewerkt ({os_reason(exc)})."
                ) from exc


# A temporary file of write_atomic: ".<target>.<8 random characters of mkstemp>.tmp".
_TEMP_FILE = re.compile(r"\.(?P<target>.+)\.[a-z0-9_]{8}\.tmp\Z")
STALE_AFTER = 3600.0  # seconds; a live write takes milliseconds
_SWEPT: set[Path] = set()  # folders this process has swept already: once per folder is enough


def _target_locked(lock_path: Path) -> bool:
    """True when another writer holds the lock of a temp file's target (see storage.locked)."""
    if not lock_path.exists():
        return False
    from filelock import FileLock, Timeout  # a dependency already; imported only when needed

    lock = FileLock(lock_path, timeout=0)  # pragma: no mutate (a wait only slows the same answer)
    try:
        lock.acquire()
    except (Timeout, OSError):
        return True
    lock.release()
    return False


def sweep_stale_temp_files(folder: Path, stale_after: float = STALE_AFTER) -> list[Path]:
    """Remove temp files a killed write left in `folder`; return the ones removed.

    Only files named as write_atomic names them, older than `stale_after`, and whose target
    is not locked by a live writer (every store writes under `<target>.lock`). Never raises.
    """
    removed = []
    limit = time.time() - stale_after
    try:
        entries = list(os.scandir(folder))
    except OSError:
        return removed
    for entry in entries:
        match = _TEMP_FILE.match(entry.name)
        if match is None:
            continue
        with suppress(OSError):
            regular = entry.is_file(follow_symlinks=False)  # pragma: no mutate (None: falsy too)
            old = regular and entry.stat().st_mtime < limit
            if old and not _target_locked(folder / ".locks" / f"{match['target']}.lock"):
                os.unlink(entry.path)
                removed.append(Path(entry.path))
    return removed


def write_atomic(path: Path, payload: bytes) -> None:
    """Replace `path` by `payload` so a crash leaves the old or the new file, never a mix.

    Temp file in the same folder (0600 by mkstemp, kept by the rename), flush, fsync,
    os.replace, fsync of the folder (once at the end inside `deferred_dir_sync`). The first
    write in a folder per process removes stale temp files of killed writes there. Raises
    StoreError (Dutch) on a full disk or a read-only folder; the old file then stays intact.
    """
    if path.parent not in _SWEPT:
        _SWEPT.add(path.parent)
        sweep_stale_temp_files(path.parent)
    tmp: str | None = None
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
        with os.fdopen(fd, "wb") as handle:
            handle.write(payload)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, path)
        tmp = None
        deferred = _DEFERRED.get()
        if deferred is None:
            _fsync_dir(path.parent)
        else:
            deferred.add(path.parent)
    except OSError as exc:
        raise StoreError(
            f"Je voortgang kon niet worden opgeslagen in {path.parent} ({os_reason(exc)}). "
            "Wat al was opgeslagen, is bewaard gebleven."
        ) from exc
    finally:
        if tmp is not None:
            with suppress(OSError):  # a leftover hidden temp file is harmless
                os.unlink(tmp)


def quarantine(path: Path, kind: str = "beschadigd") -> Path:
    """Move an unusable file aside as `<stem>.<kind>-<YYYYmmdd-HHMMSS>.json`; return the new path.

    Never overwrites anything. Raises StoreError when the file cannot be moved.
    """
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
    target = path.with_name(f"{path.stem}.{kind}-{stamp}.json")
    numbers = itertools.count(2)  # a new number for every try: the loop always moves on
    while target.exists():
        target = path.with_name(f"{path.stem}.{kind}-{stamp}-{next(numbers)}.json")
    try:
        os.rename(path, target)
        _fsync_dir(path.parent)
    except OSError as exc:
        raise StoreError(
            f"Het bestand {path} is niet te gebruiken en kon niet apart worden gezet "
            f"({os_reason(exc)}). Wijzer laat het staan en gebruikt het niet."
        ) from exc
    return target
