"""What makes a locked TinyDB write cheap: this process's last parse of a file, and its
serialised documents.

A save changes one document of a file that may hold hundreds; TinyDB hands its Storage the
whole database each time. Parsing the file again and serialising every document cost a save
8x a bare atomic write at 200 attempts (bench/store.py). So, per file, this process keeps:

- the file's bytes and their parse (`data`), used again only while the file still holds
  exactly those bytes (compared inside the lock, so another window's change is always seen);
- each document's JSON (`parts`) with a private copy of what it encodes (`copies`): TinyDB
  changes documents in place, so a document is serialised again unless it still equals its
  copy. (Equality is Python's: `1 == 1.0 == True`, so a field that only changes between these
  keeps its old spelling. wijzer never stores such a change.)

An entry is taken out while a locked block uses it and put back only when the block ended
without an error, so half-done changes never outlive their block.
"""

from __future__ import annotations

import json
import threading
from collections import OrderedDict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

Data = dict[str, dict[str, dict[str, Any]]]
Parts = dict[tuple[str, str], tuple[bytes, dict[str, Any]]]

_SIZE = 8  # files; a session edits one learner and one team file at a time
_ENTRIES: OrderedDict[Path, Entry] = OrderedDict()
_GUARD = threading.Lock()  # screens may save from worker threads


def _json(value: Any) -> bytes:
    # pragma: no mutate start (None is False for ensure_ascii)
    return json.dumps(value, ensure_ascii=False, separators=(",", ":")).encode()
    # pragma: no mutate end


@dataclass
class Entry:
    """A file's bytes (None: no file), its parse as handed to TinyDB, its documents' JSON."""

    raw: bytes | None
    data: Data | None
    parts: Parts = field(default_factory=dict)

    def payload(self, data: Data) -> tuple[bytes, Parts]:
        """The bytes of `data` in TinyDB's JSON format, and the parts to keep after writing."""
        parts: Parts = {}
        tables = []
        for name, table in data.items():
            docs = []
            for doc_id, doc in table.items():
                key = (name, doc_id)
                part = self.parts.get(key)
                if part is None or part[1] != doc:
                    body = _json(doc)
                    part = (_json(doc_id) + b":" + body, json.loads(body))
                parts[key] = part
                docs.append(part[0])
            tables.append(_json(name) + b":{" + b",".join(docs) + b"}")
        return b"{" + b",".join(tables) + b"}", parts


def take(path: Path, raw: bytes | None) -> Entry | None:
    """The kept entry of `path` when the file still holds `raw`; it leaves the cache."""
    with _GUARD:
        entry = _ENTRIES.pop(path, None)
    return entry if entry is not None and raw is not None and entry.raw == raw else None


def keep(path: Path, entry: Entry) -> None:
    """Keep `entry` for the next locked block on `path` (the oldest entries make room)."""
    with _GUARD:
        _ENTRIES[path] = entry
        while len(_ENTRIES) > _SIZE:
            _ENTRIES.popitem(last=False)  # pragma: no mutate (None is False here)
