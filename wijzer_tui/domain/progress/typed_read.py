"""Typed reading of learner files for the store's plain reads: reports read thousands of them.

`open_learner` decodes a learner file with msgspec and types its `attempts` table as it decodes:
every field of an attempt is checked against `Attempt`'s annotations and every answer is built
as an `Answer` (its fields checked too) in one C pass, instead of building and checking 60,000
answers in Python afterwards. Other tables are decoded as plain documents.

It is a fast path, never a second set of rules: whatever it does not accept as it is (not JSON,
a wrong type, a document id that is no number, an older `schema_version`) is parsed again by
`storage.parse`, which migrates it or names the problem in Dutch (DamagedFileError), and is
then built and checked by `learner_docs` as before. Only for reading: the data holds `Answer`
objects, so it is never written back.
"""

from __future__ import annotations

import typing
from dataclasses import MISSING
from pathlib import Path
from typing import Any, Literal, NotRequired, TypedDict

import msgspec

from wijzer_tui.domain.progress.learner_docs import ATTEMPTS
from wijzer_tui.domain.progress.records import SCHEMA_VERSION, Attempt
from wijzer_tui.domain.progress.storage import Data, WijzerDB, WijzerStorage, parse


# pragma: no mutate start (runs at import, before a mutant can be on; test_typed_read covers it)
def _attempt_doc() -> type:
    """A TypedDict of an attempt document, made from `Attempt`'s fields so the two never drift:
    a field with a default may be missing, `schema_version` must be the current one."""
    hints = typing.get_type_hints(Attempt)
    keys: dict[str, Any] = {}
    for name, spec in Attempt.__dataclass_fields__.items():
        required = spec.default is MISSING and spec.default_factory is MISSING
        keys[name] = hints[name] if required else NotRequired[hints[name]]
    keys["schema_version"] = Literal[SCHEMA_VERSION]
    return TypedDict("AttemptDoc", keys)  # type: ignore[operator]


# pragma: no mutate end


_TABLES = msgspec.json.Decoder(dict[str, msgspec.Raw])
_ATTEMPTS = msgspec.json.Decoder(dict[str, _attempt_doc()])  # type: ignore[misc]
_PLAIN = msgspec.json.Decoder(dict[str, dict[str, Any]])


def decode(raw: bytes) -> Data | None:
    """The tables of a learner file with its attempts typed, or None when the typed decode does
    not accept it as it is (the caller then parses it the plain way)."""
    try:
        data = {
            name: (_ATTEMPTS if name == ATTEMPTS else _PLAIN).decode(table)
            for name, table in _TABLES.decode(raw).items()
        }
    except msgspec.MsgspecError:
        return None
    for table in data.values():
        for doc_id, doc in table.items():
            if not doc_id.isdigit() or doc.get("schema_version") != SCHEMA_VERSION:
                return None
    return data


class _TypedStorage(WijzerStorage):
    """WijzerStorage reading a learner file once, typed when it can; it never writes."""

    def __init__(self, path: str | Path) -> None:
        super().__init__(path, snapshot=True)

    def parse_plain_read(self, raw: bytes) -> Data:
        """The typed data, or else the plain parse (which names a problem in Dutch)."""
        data = decode(raw)
        self.checked = data is not None
        return parse(self.path, raw) if data is None else data

    def write(self, data: Data) -> None:
        """Refuse: the data holds Answer objects, which a file cannot."""
        raise TypeError("a typed learner read is never written back")


def open_learner(path: Path) -> WijzerDB:
    """A TinyDB on a learner file as first read, attempts typed (for reading only)."""
    return WijzerDB(path, storage=_TypedStorage)
