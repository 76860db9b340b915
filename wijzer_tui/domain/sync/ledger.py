"""The sync ledger: which statement ids an LRS has acknowledged, kept in the progress folder.

One append-only file per LRS endpoint and account (`sync/<key>.txt`, 0600 in a 0700 folder):
a comment line naming the LRS, then one statement id per line. Ids are appended and fsynced
right after the LRS acknowledged their batch. A sync killed between the LRS's answer and the
append re-sends that batch next time; the LRS takes an identical re-send as a no-op, so every
statement still ends up in the LRS exactly once.
"""

from __future__ import annotations

import hashlib
import os
import re
from collections.abc import Iterable
from pathlib import Path

from wijzer_tui.domain.errors import StoreError, os_reason
from wijzer_tui.domain.progress.paths import ensure_private_dir

FOLDER = "sync"
_UUID = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\Z")


class Ledger:
    """The acknowledged statement ids for one LRS endpoint and account."""

    def __init__(self, progress_dir: Path, endpoint: str, username: str) -> None:
        self.label = f"{endpoint.rstrip('/')} ({username or 'zonder account'})"
        key = hashlib.sha256(self.label.encode()).hexdigest()[:16]
        self.path = progress_dir / FOLDER / f"{key}.txt"

    def acknowledged(self) -> set[str]:
        """Every id the LRS has acknowledged; a line cut off by a crash is ignored."""
        try:
            text = self.path.read_text(encoding="utf-8", errors="replace")
        except FileNotFoundError:
            return set()
        except OSError as exc:
            raise StoreError(f"{self.path} kon niet worden gelezen ({os_reason(exc)}).") from exc
        return {line for line in text.splitlines() if _UUID.match(line)}

    def record(self, ids: Iterable[str]) -> None:
        """Append acknowledged ids, durable before this returns."""
        lines = "".join(f"{i}\n" for i in ids)
        if not lines:
            return
        ensure_private_dir(self.path.parent)
        try:
            fd = os.open(self.path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o600)
        except OSError as exc:
            raise StoreError(f"{self.path} kon niet worden geschreven ({os_reason(exc)}).") from exc
        try:
            size = os.fstat(fd).st_size
            if size == 0:
                lines = f"# wijzer sync: statements erkend door {self.label}\n" + lines
            elif not self._ends_with_newline(size):
                lines = "\n" + lines  # a crash cut the last line: start on a fresh one
            os.write(fd, lines.encode("utf-8"))
            os.fsync(fd)
        except OSError as exc:
            raise StoreError(f"{self.path} kon niet worden geschreven ({os_reason(exc)}).") from exc
        finally:
            os.close(fd)

    def _ends_with_newline(self, size: int) -> bool:
        with self.path.open("rb") as handle:
            handle.seek(size - 1)
            return handle.read(1) == b"\n"
