"""Every rule of the import check, word for word as the coordinator reads it, with its limits:
what is one too many is refused, what is exactly at the limit still imports."""

from __future__ import annotations

import json
import os
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from wijzer_tui.domain.reports.import_check import MAX_BYTES, Refused, check_export, read_bytes

GOOD = Path(__file__).resolve().parent / "data" / "transfer" / "goed.json"
Change = Callable[[dict[str, Any]], object]


def export(change: Change | None = None) -> bytes:
    data = json.loads(GOOD.read_text(encoding="utf-8"))
    if change is not None:
        change(data)
    return json.dumps(data, ensure_ascii=False).encode()


def reason(change: Change) -> str:
    with pytest.raises(Refused) as refused:
        check_export(export(change))
    return str(refused.value)


def profile(key: str, value: Any) -> Change:
    return lambda data: data["profile"].__setitem__(key, value)


def attempt(key: str, value: Any) -> Change:
    return lambda data: data["attempts"][0].__setitem__(key, value)


def answer(key: str, value: Any) -> Change:
    return lambda data: data["attempts"][0]["answers"][0].__setitem__(key, value)


def without(part: str, key: str) -> Change:
    def change(data: dict[str, Any]) -> None:
        target = data["profile"] if part == "profile" else data["attempts"][0]
        if part == "answer":
            target = target["answers"][0]
        del target[key]

    return change


def nested(depth: int) -> Change:
    """An extra profile field nesting dicts so the whole file is `depth` levels deep."""

    def change(data: dict[str, Any]) -> None:
        value: Any = {}
        for _ in range(depth - 3):  # the file is level 1, the profile 2, the field 3
            value = {"in": value}
        data["profile"]["extra"] = value

    return change


WRONG = "ontbreekt of heeft een verkeerd type"
REFUSED = [
    (lambda d: d.__setitem__("profile", "Eva"), "het profiel ontbreekt"),
    (profile("id", "con"), "profiel: de id is een naam die Windows voor apparaten gebruikt"),
    (without("profile", "id"), f"profiel: veld 'id' {WRONG}"),
    (profile("name", "   "), "profiel: de naam is leeg"),
    (without("profile", "name"), f"profiel: veld 'name' {WRONG}"),
    (profile("name", "E" * 201), "profiel: veld 'name' is te lang"),
    (profile("beroepsgroep", "kapper"), "profiel: onbekende beroepsgroep"),
    (profile("beroepsgroep", 5), f"profiel: veld 'beroepsgroep' {WRONG}"),
    (profile("created", "gisteren"), "profiel: veld 'created' is geen geldige datum"),
    (profile("created", "2025-03-01T09:00:00+00:00" + " " * 16), "profiel: veld 'created' is te lang"),
    (profile("share_reflections", "ja"), f"profiel: veld 'share_reflections' {WRONG}"),
    (profile("synthetic", 1), f"profiel: veld 'synthetic' {WRONG}"),
    (lambda d: d["attempts"].__setitem__(0, "poging"), "poging 1 heeft een verkeerde vorm"),
    (without("attempt", "id"), f"poging 1: veld 'id' {WRONG}"),
    (attempt("learner_id", "iemand"), "poging 1 hoort bij een andere deelnemer"),
    (without("attempt", "learner_id"), f"poging 1: veld 'learner_id' {WRONG}"),
    (attempt("scenario_id", "de regie"), "poging 1: veld 'scenario_id' bevat tekens die niet mogen"),
    (attempt("content_version", -1), "poging 1: veld 'content_version' is negatief"),
    (attempt("mode", "solo"), "poging 1: onbekende manier van oefenen of status"),
    (without("attempt", "started"), f"poging 1: veld 'started' {WRONG}"),
    (attempt("finished", "morgen"), "poging 1: veld 'finished' is geen geldige datum"),
    (attempt("score", 101), "poging 1: de score ligt niet tussen 0 en 100"),
    (attempt("score", -1), "poging 1: de score ligt niet tussen 0 en 100"),
    (attempt("position", 5), f"poging 1: veld 'position' {WRONG}"),
    (attempt("team_session_id", "sessie 1"), "poging 1: veld 'team_session_id' bevat tekens die niet mogen"),
    (attempt("answers", "geen"), f"poging 1: veld 'answers' {WRONG}"),
    (lambda d: d["attempts"][0]["answers"].extend([{}] * 198), "poging 1: veld 'answers' is te lang"),
    (lambda d: d["attempts"][0]["answers"].__setitem__(0, 7), "poging 1, antwoord 1 heeft een verkeerde vorm"),
    (without("answer", "step_id"), f"poging 1, antwoord 1: veld 'step_id' {WRONG}"),
    (answer("step_id", "s" * 65), "poging 1, antwoord 1: veld 'step_id' is te lang"),
    (answer("option_ids", ["o"] * 101), "poging 1, antwoord 1: veld 'option_ids' is te lang"),
    (answer("option_ids", ["o" * 65]), "poging 1, antwoord 1: veld 'option_ids' moet een lijst met korte teksten zijn"),
    (answer("ticked_tips", [5]), "poging 1, antwoord 1: veld 'ticked_tips' moet een lijst met korte teksten zijn"),
    (answer("at", "straks"), "poging 1, antwoord 1: veld 'at' is geen geldige datum"),
    (answer("reflection", "r" * 20_001), "poging 1, antwoord 1: veld 'reflection' is te lang"),
    (answer("reflection", 5), f"poging 1, antwoord 1: veld 'reflection' {WRONG}"),
    (nested(11), "het is te diep genest"),
]  # fmt: skip


@pytest.mark.parametrize(("change", "expected"), REFUSED, ids=[r for _, r in REFUSED])
def test_each_rule_says_what_is_wrong_and_where(change: Change, expected: str) -> None:
    assert reason(change) == expected


ACCEPTED = [
    profile("name", "E" * 200),
    attempt("content_version", 0),
    attempt("score", 0),
    attempt("score", 100),
    lambda d: d["attempts"][0]["answers"].extend([d["attempts"][0]["answers"][0]] * 197),
    answer("step_id", "s" * 64),
    answer("option_ids", ["o" * 64] * 100),
    answer("reflection", "r" * 20_000),
    nested(10),
]


@pytest.mark.parametrize("change", ACCEPTED)
def test_what_is_exactly_at_a_limit_still_imports(change: Change) -> None:
    learner, attempts = check_export(export(change))
    assert learner.id == "eva0001" and len(attempts) == 2


def test_a_file_holds_every_byte_it_has(tmp_path: Path) -> None:
    path = tmp_path / "export.json"
    big = export(answer("reflection", "r" * 20_000)) * 60  # read in chunks of 1 MiB
    path.write_bytes(big)
    assert read_bytes(path) == big


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs on this system")
def test_a_fifo_is_refused_at_once_in_process(tmp_path: Path) -> None:
    fifo = tmp_path / "pijp.json"
    os.mkfifo(fifo)
    outcome: list[str] = []

    def read() -> None:
        try:
            read_bytes(fifo)
        except Refused as refused:
            outcome.append(str(refused))

    reader = threading.Thread(target=read, daemon=True)
    reader.start()
    reader.join(timeout=10)
    if reader.is_alive():  # it waits for a writer: give it one so the thread ends
        os.close(os.open(fifo, os.O_WRONLY))
    assert outcome == ["dit is geen gewoon bestand (maar bijvoorbeeld een pipe of apparaat)"]


def test_a_folder_is_named_as_one(tmp_path: Path) -> None:
    with pytest.raises(Refused, match=r"^dit is een map, geen bestand$"):
        read_bytes(tmp_path)


def test_a_huge_file_is_read_only_up_to_one_byte_over_the_limit(tmp_path: Path) -> None:
    path = tmp_path / "groot.json"
    path.write_bytes(b" " * (MAX_BYTES + 5000))
    assert len(read_bytes(path)) == MAX_BYTES + 1
    with pytest.raises(Refused, match="groter dan 10 MB"):
        check_export(read_bytes(path))


def raw_reason(raw: bytes) -> str:
    with pytest.raises(Refused) as refused:
        check_export(raw)
    return str(refused.value)


def whole(change: Change) -> bytes:
    return export(change)


RAW_REFUSED = [
    (b" " * (MAX_BYTES + 1), "het bestand is groter dan 10 MB; zo groot is een export van wijzer nooit"),
    (export().replace(b'"Eva"', b'"Eva\\u0000"'), "het bevat een NUL-teken"),
    (b"{niet: json}", "het is geen geldig JSON-bestand"),
    (b'{"a": NaN}', "het is geen geldig JSON-bestand"),
    (b"[" * 100_000 + b"]" * 100_000, "het is te diep genest"),
    (b'"een tekst"', "het is geen exportbestand van wijzer"),
    (b"[1, 2]", "het is geen exportbestand van wijzer"),
    (whole(lambda d: d.__setitem__("format", "iets")), "het is geen exportbestand van wijzer"),
    (whole(lambda d: d.__setitem__("version", "1")), "het versienummer ontbreekt of klopt niet"),
    (whole(lambda d: d.__setitem__("version", 0)), "het versienummer ontbreekt of klopt niet"),
    (whole(lambda d: d.__setitem__("version", 2)),
     "het is gemaakt met een nieuwere versie van wijzer (exportversie 2). Werk wijzer bij en probeer het opnieuw"),
    (whole(lambda d: d.__setitem__("attempts", {})), "de lijst met pogingen ontbreekt of is te lang"),
    (whole(lambda d: d.__setitem__("scans", {})), "de lijst met scans heeft een verkeerde vorm"),
]  # fmt: skip


@pytest.mark.parametrize(("raw", "expected"), RAW_REFUSED, ids=[r for _, r in RAW_REFUSED])
def test_a_file_that_is_no_export_says_so(raw: bytes, expected: str) -> None:
    assert raw_reason(raw) == expected


def test_a_file_of_exactly_ten_megabytes_is_read() -> None:
    raw = export()
    padded = raw[:-1] + b" " * (MAX_BYTES - len(raw)) + raw[-1:]
    assert len(padded) == MAX_BYTES and check_export(padded)[0].id == "eva0001"
    assert check_export(b"\xef\xbb\xbf" + raw)[0].id == "eva0001"  # a BOM from Windows is fine


def good_scan(**fields: Any) -> dict[str, Any]:
    scan = {"id": "s1", "learner_id": "eva0001", "ratings": {"regie": 3}, "moment": "thuis",
            "at": "2025-03-03T10:00:00+00:00", "after_scenario": None}  # fmt: skip
    return {**scan, **fields}


@pytest.mark.parametrize(
    "scan",
    [
        good_scan(learner_id="iemand"),
        good_scan(id="s 1"),
        good_scan(at="2025-03-03"),
        good_scan(moment="thuis\x1b[2J"),
        "scan",
    ],
)
def test_each_scan_is_checked(scan: Any) -> None:
    raw = export(lambda d: d.__setitem__("scans", [good_scan(id="s0"), scan]))
    assert raw_reason(raw) == "scan 2 heeft een verkeerde vorm"


def test_good_scans_are_accepted() -> None:
    raw = export(lambda d: d.__setitem__("scans", [good_scan(), good_scan(id="s2")]))
    assert check_export(raw)[0].id == "eva0001"


def test_at_most_ten_thousand_attempts_and_scans() -> None:
    def many(attempts: int, scans: int) -> bytes:
        def change(data: dict[str, Any]) -> None:
            data["attempts"] = [data["attempts"][1]] * attempts
            data["scans"] = [good_scan()] * scans

        return export(change)

    assert len(check_export(many(10_000, 10_000))[1]) == 10_000
    assert raw_reason(many(10_001, 0)) == "de lijst met pogingen ontbreekt of is te lang"
    assert raw_reason(many(1, 10_001)) == "de lijst met scans heeft een verkeerde vorm"


def test_a_name_the_system_cannot_open_is_explained(tmp_path: Path) -> None:
    with pytest.raises(Refused) as refused:
        read_bytes(tmp_path / ("x" * 300))  # longer than a file name may be
    assert str(refused.value).startswith("het kon niet worden gelezen (")


@pytest.mark.skipif(not Path("/proc/self/mem").exists(), reason="Linux only")
def test_a_file_that_fails_while_reading_is_explained() -> None:
    with pytest.raises(Refused) as refused:
        read_bytes(Path("/proc/self/mem"))  # opens, but reading its start fails
    assert str(refused.value).startswith("het kon niet worden gelezen (")
