"""Hostile export files: odd file kinds, duplicate keys, NUL and other controls, Windows device
names, timestamps without time or zone. Each is refused in Dutch and nothing is imported."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from wijzer_tui import cli
from wijzer_tui.domain.errors import ExportError
from wijzer_tui.domain.progress.store import ProgressStore
from wijzer_tui.domain.reports import transfer
from wijzer_tui.domain.reports.transfer import import_files

GOOD = Path(__file__).resolve().parent / "data" / "transfer" / "goed.json"


def good() -> dict[str, Any]:
    return json.loads(GOOD.read_text(encoding="utf-8"))


def refused_reason(tmp_path: Path, path: Path) -> str:
    """Import `path` next to a good file; assert nothing is imported; return the message."""
    store = ProgressStore(tmp_path / "voortgang")
    with pytest.raises(ExportError) as caught:
        import_files(store, [GOOD, path])
    assert store.profiles() == [] and not (tmp_path / "voortgang" / "learners").exists()
    assert f"{path.name} is geweigerd" in caught.value.message
    return caught.value.message


def changed(tmp_path: Path, change: Callable[[dict[str, Any]], object]) -> Path:
    data = good()
    change(data)
    path = tmp_path / "export.json"
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return path


def set_in(part: str, key: str, value: Any) -> Callable[[dict[str, Any]], object]:
    def change(data: dict[str, Any]) -> None:
        target = {
            "profile": data["profile"],
            "attempt": data["attempts"][0],
            "answer": data["attempts"][0]["answers"][0],
        }[part]
        target[key] = value

    return change


BAD = [
    # (what is changed, a piece of the Dutch reason)
    (set_in("profile", "name", "Eva\x1b[2J\x1b]0;pwned\x07"), "veld 'name' bevat stuurtekens"),
    (set_in("profile", "team", "Team\x9bOost"), "veld 'team' bevat stuurtekens"),
    (set_in("profile", "organisation", "Org\nB"), "veld 'organisation' bevat stuurtekens"),
    (set_in("answer", "reflection", "Eerst\x1b[31m rood"), "veld 'reflection' bevat stuurtekens"),
    (set_in("answer", "option_ids", ["a\x07"]), "veld 'option_ids'"),
    (set_in("profile", "name", "Eva\x00"), "NUL-teken"),
    (set_in("profile", "extra", "onbekend veld \x00"), "NUL-teken"),
    (set_in("profile", "id", "con"), "naam die Windows"),
    (set_in("profile", "id", "NUL"), "naam die Windows"),
    (set_in("profile", "id", "Com1"), "naam die Windows"),
    (set_in("profile", "id", "lpt9"), "naam die Windows"),
    (set_in("profile", "created", "2025-03-01"), "veld 'created' mist een tijd of een tijdzone"),
    (
        set_in("attempt", "started", "2025-03-02T10:00:00"),
        "'started' mist een tijd of een tijdzone",
    ),
    (set_in("attempt", "finished", "2025-03-02"), "'finished' mist een tijd of een tijdzone"),
    (set_in("answer", "at", "2025-03-02T10:10"), "'at' mist een tijd of een tijdzone"),
    (set_in("attempt", "finished", None), "poging 1 is afgerond, maar de eindtijd ontbreekt"),
]


@pytest.mark.parametrize(("change", "reason"), BAD, ids=[r for _, r in BAD])
def test_hostile_content_is_refused(
    tmp_path: Path, change: Callable[[dict[str, Any]], object], reason: str
) -> None:
    assert reason in refused_reason(tmp_path, changed(tmp_path, change))


def test_what_is_allowed_still_imports(tmp_path: Path) -> None:
    def change(data: dict[str, Any]) -> None:
        data["profile"]["id"] = "console"  # only the exact device names are reserved
        data["profile"]["share_reflections"] = True
        data["attempts"] = data["attempts"][:1]
        data["attempts"][0]["learner_id"] = "console"
        data["attempts"][0]["started"] = "2025-03-02T10:00:00Z"
        data["attempts"][0]["answers"][2]["reflection"] = "Eerst bellen.\nDan overleggen."

    store = ProgressStore(tmp_path / "voortgang")
    [result] = import_files(store, [changed(tmp_path, change)])
    [attempt] = store.attempts("console")
    assert result.added == 1 and attempt.answers[2].reflection == "Eerst bellen.\nDan overleggen."


def test_duplicate_keys_are_refused(tmp_path: Path) -> None:
    text = GOOD.read_text(encoding="utf-8")
    path = tmp_path / "dubbel.json"
    # A second "name" later in the profile would silently win in a plain json.load.
    path.write_text(text.replace('"name": "Eva",', '"name": "Eva", "name": "Mallory",'), "utf-8")
    assert "de sleutel 'name' staat er twee keer in" in refused_reason(tmp_path, path)


def test_a_raw_nul_byte_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "nul.json"
    path.write_bytes(GOOD.read_bytes() + b"\x00")
    assert "NUL-teken" in refused_reason(tmp_path, path)


def test_a_folder_or_a_device_is_refused(tmp_path: Path) -> None:
    folder = tmp_path / "map.json"
    folder.mkdir()
    assert "dit is een map, geen bestand" in refused_reason(tmp_path, folder)
    if os.name == "posix":
        device = Path("/dev/null")
        assert "geen gewoon bestand" in refused_reason(tmp_path, device)


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs on this system")
def test_a_fifo_is_refused_and_never_waited_for(tmp_path: Path) -> None:
    fifo = tmp_path / "pijp.json"
    os.mkfifo(fifo)
    result = subprocess.run(
        [sys.executable, "-m", "wijzer_tui", "--progress-dir", str(tmp_path / "v"), "import",
         str(GOOD), str(fifo)],
        capture_output=True, text=True, timeout=60, check=False,
    )  # fmt: skip
    assert result.returncode == 1
    assert "pijp.json is geweigerd: dit is geen gewoon bestand" in result.stderr
    assert not (tmp_path / "v" / "learners").exists()


def test_control_characters_in_file_names_are_escaped_in_messages(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    hostile = tmp_path / "a\x1b[2Jb\x07.json"
    hostile.write_text("{}", encoding="utf-8")
    folder = tmp_path / "voortgang"
    assert cli.main(["--progress-dir", str(folder), "import", str(hostile)]) == 1
    err = capsys.readouterr().err
    assert "a\\x1b[2Jb\\x07.json is geweigerd" in err and "\x1b" not in err and "\x07" not in err


def test_a_file_changed_between_check_and_merge_stops_the_import(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    first = changed(tmp_path, lambda d: None)
    second = tmp_path / "tweede.json"
    data = good()
    data["profile"]["id"] = "eva0002"
    for attempt in data["attempts"]:
        attempt["learner_id"] = "eva0002"
    second.write_text(json.dumps(data), encoding="utf-8")
    checked = []
    real_check = transfer.check_export

    def check_then_change(raw: bytes) -> object:
        checked.append(raw)
        if len(checked) == 2:  # both checked: now someone edits the second file
            second.write_text(json.dumps({**data, "exported": "2025-04-01T00:00:00+00:00"}))
        return real_check(raw)

    monkeypatch.setattr(transfer, "check_export", check_then_change)
    store = ProgressStore(tmp_path / "voortgang")
    with pytest.raises(ExportError) as caught:
        import_files(store, [first, second])
    assert "tweede.json is geweigerd: het is veranderd tijdens het importeren" in str(
        caught.value.message
    )
    assert "Er is al 1 bestand geïmporteerd" in caught.value.message
    assert [p.id for p in store.profiles()] == ["eva0001"]
