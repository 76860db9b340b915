"""The storage's rules, pinned exactly: the Dutch reason (and the file named) for every kind of
unusable file, the bytes and mode a write leaves, when a plain read, a snapshot and a locked
block see the file again, and what a locked block keeps for the next one (write_cache)."""

from __future__ import annotations

from pathlib import Path

import pytest

from wijzer_tui.domain.progress import write_cache
from wijzer_tui.domain.progress.storage import (
    DamagedFileError,
    WijzerStorage,
    locked_db,
    open_db,
    read_data,
)

OLD = {"schema_version": 1, "naam": "Zoë"}
NEW = {"schema_version": 1, "naam": "Noor", "rol": "wijkteam"}


def damaged(path: Path, content: bytes) -> DamagedFileError:
    path.write_bytes(content)
    with pytest.raises(DamagedFileError) as info:
        read_data(path)
    return info.value


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        (b"", "het bestand is leeg"),
        (b" \n", "het bestand is leeg"),
        (b"{", "geen geldige JSON"),
        (b"[]", "de inhoud heeft een verkeerde vorm"),
        (b'{"t": []}', "tabel 't' heeft een verkeerde vorm"),
        (b'{"t": {"x": {"schema_version": 1}}}', "tabel 't' heeft een verkeerde vorm"),
        (b'{"t": {"1": []}}', "tabel 't' heeft een verkeerde vorm"),
        (b'{"t": {"1": {"geen": "versie"}}}', "een gegeven mist zijn schema_version"),
        (b'{"t": {"1": {"schema_version": 0}}}', "onbekende oude versie 0"),
    ],
)
def test_a_damaged_file_is_named_with_its_reason_word_for_word(
    tmp_path: Path, content: bytes, reason: str
) -> None:
    path = tmp_path / "leerling.json"
    error = damaged(path, content)
    assert str(error) == f"Het bestand {path} is niet te gebruiken: {reason}."
    assert (error.path, error.reason, error.kind) == (path, reason, "beschadigd")


def test_a_file_from_a_newer_wijzer_says_its_version(tmp_path: Path) -> None:
    path = tmp_path / "leerling.json"
    error = damaged(path, b'{"t": {"1": {"schema_version": 2}}}')
    reason = "gemaakt met een nieuwere versie van wijzer (versie 2)"
    assert str(error) == f"Het bestand {path} is niet te gebruiken: {reason}."
    assert (error.path, error.kind) == (path, "nieuwere-versie")


def test_a_current_file_reads_as_it_is(tmp_path: Path) -> None:
    path = tmp_path / "leerling.json"
    path.write_bytes(b'{"t": {"1": {"schema_version": 1, "naam": "Zo\xc3\xab"}}, "leeg": {}}')
    assert read_data(path) == {"t": {"1": OLD}, "leeg": {}}


def test_a_write_without_a_read_stores_compact_utf8_json_privately(tmp_path: Path) -> None:
    path = tmp_path / "leerling.json"
    WijzerStorage(path).write({"t": {"1": OLD}, "u": {}})
    assert path.read_bytes() == '{"t":{"1":{"schema_version":1,"naam":"Zoë"}},"u":{}}'.encode()
    assert path.stat().st_mode & 0o777 == 0o600


def test_a_plain_reader_sees_a_replaced_file_at_once(tmp_path: Path) -> None:
    path = tmp_path / "leerling.json"
    WijzerStorage(path).write({"t": {"1": OLD}})
    reader = open_db(path)
    assert reader.table("t").all() == [OLD]
    assert reader.table("t").all() == [OLD]  # unchanged: the kept parse
    WijzerStorage(path).write({"t": {"1": NEW}})
    assert reader.table("t").all() == [NEW]


def test_a_snapshot_keeps_the_file_as_first_read(tmp_path: Path) -> None:
    path = tmp_path / "leerling.json"
    WijzerStorage(path).write({"t": {"1": OLD}})
    snapshot = open_db(path, snapshot=True)
    assert snapshot.table("t").all() == [OLD]
    WijzerStorage(path).write({"t": {"1": NEW}})
    assert snapshot.table("t").all() == [OLD]


def test_a_snapshot_of_a_missing_file_reads_it_once_it_exists(tmp_path: Path) -> None:
    path = tmp_path / "leerling.json"
    snapshot = open_db(path, snapshot=True)
    assert snapshot.exists() is False
    assert snapshot.exists() is False
    WijzerStorage(path).write({"t": {"1": NEW}})
    assert snapshot.exists() is True
    assert snapshot.table("t").all() == [NEW]


def test_a_write_through_a_snapshot_is_read_back(tmp_path: Path) -> None:
    path = tmp_path / "leerling.json"
    WijzerStorage(path).write({"t": {"1": OLD}})
    storage = WijzerStorage(path, snapshot=True)
    assert storage.read() == {"t": {"1": OLD}}
    storage.write({"t": {"1": NEW}})
    assert storage.read() == {"t": {"1": NEW}}


def test_a_failed_write_leaves_the_file_and_reads_it_again(tmp_path: Path) -> None:
    path = tmp_path / "leerling.json"
    WijzerStorage(path).write({"t": {"1": OLD}})
    before = path.read_bytes()
    storage = WijzerStorage(path, in_lock=True)
    assert storage.read() == {"t": {"1": OLD}}
    with pytest.raises(TypeError):
        storage.write({"t": {"1": {"schema_version": 1, "set": {1}}}})
    assert path.read_bytes() == before
    assert storage.read() == {"t": {"1": OLD}}


def test_a_locked_block_that_only_reads_a_missing_file_writes_nothing(tmp_path: Path) -> None:
    path = tmp_path / "leerling.json"
    with locked_db(path):
        pass
    with locked_db(path) as db:
        assert db.table("t").all() == []
    assert not path.exists()


def test_a_locked_block_keeps_its_bytes_parse_and_parts_for_the_next(tmp_path: Path) -> None:
    path = tmp_path / "leerling.json"
    with locked_db(path) as db:
        db.table("t").insert(OLD)
    raw = path.read_bytes()
    assert raw == '{"t":{"1":{"schema_version":1,"naam":"Zoë"}}}'.encode()
    data = {"t": {"1": OLD}}
    parts = write_cache.Entry(None, None).payload(data)[1]
    assert parts  # one serialised document
    assert write_cache.take(path, raw) == write_cache.Entry(raw, data, parts)


def test_a_locked_storage_reads_again_after_its_block_closed(tmp_path: Path) -> None:
    path = tmp_path / "leerling.json"
    WijzerStorage(path).write({"t": {"1": OLD}})
    storage = WijzerStorage(path, in_lock=True)
    assert storage.read() == {"t": {"1": OLD}}
    storage.close()
    WijzerStorage(path).write({"t": {"1": NEW}})
    assert storage.read() == {"t": {"1": NEW}}


def test_a_storage_is_plain_unless_asked_to_be_a_snapshot(tmp_path: Path) -> None:
    path = tmp_path / "leerling.json"
    WijzerStorage(path).write({"t": {"1": OLD}})
    reader = WijzerStorage(path)
    assert reader.read() == {"t": {"1": OLD}}
    WijzerStorage(path).write({"t": {"1": NEW}})
    assert reader.read() == {"t": {"1": NEW}}


def test_a_storage_takes_its_path_as_text_too(tmp_path: Path) -> None:
    path = tmp_path / "leerling.json"
    storage = WijzerStorage(str(path))
    assert storage.path == path
    storage.write({"t": {"1": OLD}})
    assert WijzerStorage(str(path)).read() == {"t": {"1": OLD}}


def test_a_locked_storage_reads_the_file_once_per_block(tmp_path: Path) -> None:
    path = tmp_path / "leerling.json"
    WijzerStorage(path).write({"t": {"1": OLD}})
    storage = WijzerStorage(path, in_lock=True)
    assert storage.read() == {"t": {"1": OLD}}
    WijzerStorage(path).write({"t": {"1": NEW}})
    assert storage.read() == {"t": {"1": OLD}}


def test_a_block_that_only_read_hands_its_parse_to_the_next_block(tmp_path: Path) -> None:
    path = tmp_path / "leerling.json"
    WijzerStorage(path).write({"t": {"1": OLD}})
    first = WijzerStorage(path, in_lock=True)
    data = first.read()
    first.close()
    second = WijzerStorage(path, in_lock=True)
    assert second.read() is data
    second.close()
    path.write_bytes(path.read_bytes() + b" ")  # other bytes: parsed again
    third = WijzerStorage(path, in_lock=True)
    assert third.read() == data
    assert third.read() is not data
