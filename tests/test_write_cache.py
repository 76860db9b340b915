"""The write cache behind locked saves: it must write exactly the bytes a full serialisation
writes, see every change, and never hand out a parse of bytes the file no longer holds."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from wijzer_tui.domain.progress import write_cache
from wijzer_tui.domain.progress.storage import dumps
from wijzer_tui.domain.progress.write_cache import Entry, keep, take


@pytest.fixture(autouse=True)
def empty_cache() -> None:
    write_cache._ENTRIES.clear()


def learner_data() -> dict[str, Any]:
    return {
        "profile": {"1": {"id": "p", "name": "Ëlsgén “Noor”", "schema_version": 1}},
        "attempts": {
            "1": {"id": "a", "answers": [{"step_id": "s", "option_ids": ["x", "y"]}], "score": 80},
            "2": {"id": "b", "answers": [], "score": None, "reflection": "regel\nnieuw"},
        },
        "scans": {},
    }


def test_the_payload_is_the_plain_serialisation(tmp_path: Path) -> None:
    data = learner_data()
    payload, parts = Entry(None, None).payload(data)
    assert payload == dumps(data)
    assert "Ëlsgén “Noor”".encode() in payload  # UTF-8 as it is, not \\u escapes
    assert json.loads(payload) == data
    assert set(parts) == {("profile", "1"), ("attempts", "1"), ("attempts", "2")}


def test_a_document_changed_in_place_is_written_again() -> None:
    data = learner_data()
    payload, parts = Entry(None, None).payload(data)
    entry = Entry(payload, data, parts)
    data["attempts"]["1"]["answers"][0]["option_ids"].append("z")  # TinyDB edits in place
    data["attempts"]["3"] = {"id": "c", "answers": []}
    data["profile"]["1"]["name"] = "Noor"
    new_payload, new_parts = entry.payload(data)
    assert new_payload == dumps(data)
    assert new_parts[("attempts", "2")] is parts[("attempts", "2")]  # unchanged: reused
    assert new_parts[("attempts", "1")] != parts[("attempts", "1")]


def test_a_removed_document_or_table_is_gone_from_the_payload() -> None:
    data = learner_data()
    payload, parts = Entry(None, None).payload(data)
    del data["attempts"]["1"], data["scans"]
    assert Entry(payload, data, parts).payload(data)[0] == dumps(data)


def test_a_kept_parse_is_used_only_for_the_same_bytes() -> None:
    path = Path("/x/a.json")
    entry = Entry(b"{}", {})
    keep(path, entry)
    assert take(path, b"{ }") is None  # another window changed the file
    assert take(path, b"{}") is None  # and the entry left the cache with the first take
    keep(path, entry)
    assert take(path, None) is None  # the file is gone
    keep(path, entry)
    assert take(path, b"{}") is entry
    assert take(path, b"{}") is None  # taken out while a locked block uses it


def test_the_cache_keeps_the_eight_files_used_last() -> None:
    paths = [Path(f"/x/{n}.json") for n in range(10)]
    for path in paths:
        keep(path, Entry(path.name.encode(), {}))
    assert take(paths[0], b"0.json") is None
    assert take(paths[1], b"1.json") is None
    for path in paths[2:]:
        assert take(path, path.name.encode()) is not None
