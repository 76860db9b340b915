"""Tests for learner export files and the checked, idempotent, all-or-nothing import."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from report_fixtures import records

from wijzer_tui import cli
from wijzer_tui.domain.errors import ExportError
from wijzer_tui.domain.progress.records import Answer
from wijzer_tui.domain.progress.store import ProgressStore
from wijzer_tui.domain.reports.import_check import MAX_BYTES, read_export
from wijzer_tui.domain.reports.transfer import choose_learner, export_learner, import_files

DATA = Path(__file__).resolve().parent / "data" / "transfer"
GOOD = DATA / "goed.json"

# file -> a piece of the Dutch reason the user reads
REFUSED = {
    "nieuwere-versie.json": "nieuwere versie van wijzer",
    "ander-formaat.json": "geen exportbestand van wijzer",
    "zonder-formaat.json": "geen exportbestand van wijzer",
    "lijst.json": "geen exportbestand van wijzer",
    "score-als-tekst.json": "poging 1: veld 'score'",
    "waar-als-getal.json": "poging 1: veld 'content_version' heeft een verkeerd type",
    "tekst-in-plaats-van-lijst.json": "antwoord 1: veld 'option_ids'",
    "pad-als-id.json": "tekens die niet mogen",
    "andere-deelnemer.json": "poging 2 hoort bij een andere deelnemer",
    "onbekende-beroepsgroep.json": "onbekende beroepsgroep",
    "geen-datum.json": "geen geldige datum",
    "score-te-hoog.json": "niet tussen 0 en 100",
    "pogingen-geen-lijst.json": "pogingen ontbreekt",
    "onbekende-status.json": "status",
    "lege-naam.json": "de naam is leeg",
    "ja-als-waar.json": "profiel: veld 'synthetic' ontbreekt of heeft een verkeerd type",
    "nan.json": "geen geldig JSON-bestand",
    "diep-genest.json": "te diep genest",
    "geen-json.json": "geen geldig JSON-bestand",
    "leeg.json": "geen geldig JSON-bestand",
    "geen-utf8.json": "geen geldig JSON-bestand",
}


def filled(root: Path) -> ProgressStore:
    store = ProgressStore(root)
    for profile, attempts in records():
        store.import_learner(profile, attempts)
    return store


def snapshot(root: Path) -> dict[str, bytes]:
    """Every file under `root` with its bytes (lock files aside)."""
    if not root.exists():
        return {}
    return {
        str(p.relative_to(root)): p.read_bytes()
        for p in sorted(root.rglob("*"))
        if p.is_file() and not p.name.endswith(".lock")
    }


def test_export_then_import_gives_the_same_records(tmp_path: Path) -> None:
    source = filled(tmp_path / "deelnemer")
    dirk = choose_learner(source, "Dirk")
    out = tmp_path / "dirk.json"
    assert export_learner(source, dirk, out) == 3
    target = ProgressStore(tmp_path / "coordinator")
    [result] = import_files(target, [out])
    assert (result.added, result.total, result.profile.name) == (3, 3, "Dirk")
    assert target.attempts(dirk.id) == source.attempts(dirk.id)
    assert target.profile(dirk.id) == dirk


def test_export_leaves_private_reflections_out(tmp_path: Path) -> None:
    store = filled(tmp_path / "deelnemer")
    out = tmp_path / "anna.json"
    export_learner(store, choose_learner(store, "anna"), out)
    assert "Geheim" not in out.read_text("utf-8")
    data = json.loads(out.read_text("utf-8"))
    assert (data["format"], data["version"]) == ("wijzer-export", 1)
    assert len(data["attempts"]) == 3
    shared = tmp_path / "dirk.json"
    export_learner(store, choose_learner(store, "dirk"), shared)
    assert "Eerst het gezin." in shared.read_text("utf-8")


def test_importing_the_same_file_twice_changes_nothing(tmp_path: Path) -> None:
    store = ProgressStore(tmp_path)
    [first] = import_files(store, [GOOD])
    assert first.added == 2
    before = snapshot(tmp_path)
    [second] = import_files(store, [GOOD, GOOD])[:1]
    assert second.added == 0
    assert snapshot(tmp_path) == before


def test_import_adds_new_attempts_of_a_known_learner(tmp_path: Path) -> None:
    store = ProgressStore(tmp_path / "coordinator")
    import_files(store, [GOOD])
    data = json.loads(GOOD.read_text("utf-8"))
    extra = dict(data["attempts"][1], id="eva-kennis-1", scenario_id="kennis")
    extra["answers"] = [Answer("wat-doe-je", ["x"], "2025-03-09T10:00:00+00:00").to_dict()]
    data["attempts"].append(extra)
    newer = tmp_path / "eva-later.json"
    newer.write_text(json.dumps(data), encoding="utf-8")
    [result] = import_files(store, [newer])
    assert result.added == 1
    assert len(store.attempts("eva0001")) == 3


@pytest.mark.parametrize("name", sorted(REFUSED))
def test_bad_files_are_refused_in_dutch_and_the_store_is_untouched(
    tmp_path: Path, name: str
) -> None:
    store = filled(tmp_path)
    before = snapshot(tmp_path)
    with pytest.raises(ExportError) as caught:
        import_files(store, [DATA / name])
    message = caught.value.message
    assert message.startswith("Er is niets geïmporteerd.")
    assert f"{name} is geweigerd" in message
    assert REFUSED[name] in message
    assert snapshot(tmp_path) == before


def test_a_file_over_10_mb_is_refused_without_parsing(tmp_path: Path) -> None:
    big = tmp_path / "groot.json"
    big.write_bytes(b'{"format": "wijzer-export", "pad": "' + b"x" * MAX_BYTES + b'"}')
    with pytest.raises(ExportError, match="groter dan 10 MB"):
        read_export(big)


def test_nesting_deeper_than_the_parser_allows_is_refused(tmp_path: Path) -> None:
    deep = tmp_path / "diep.json"
    deep.write_text("[" * 200_000 + "]" * 200_000, encoding="utf-8")
    with pytest.raises(ExportError, match="te diep genest"):
        read_export(deep)


def test_one_bad_file_means_nothing_is_imported(tmp_path: Path) -> None:
    store = ProgressStore(tmp_path)
    with pytest.raises(ExportError) as caught:
        import_files(store, [GOOD, DATA / "nieuwere-versie.json", tmp_path / "weg.json"])
    assert "weg.json is geweigerd: dit bestand bestaat niet" in caught.value.message
    assert store.profiles() == []


def test_choose_learner_by_name_or_id_or_the_only_one(tmp_path: Path) -> None:
    empty = ProgressStore(tmp_path / "leeg")
    with pytest.raises(ExportError, match="nog geen deelnemers"):
        choose_learner(empty, None)
    store = filled(tmp_path / "vol")
    with pytest.raises(ExportError, match="4 profielen op deze computer: Anna, bram, Carla, Dirk"):
        choose_learner(store, None)
    assert choose_learner(store, "BRAM").id == "bram"
    assert choose_learner(store, "carla").name == "Carla"
    with pytest.raises(ExportError, match="'Eva' is niet gevonden"):
        choose_learner(store, "Eva")
    single = ProgressStore(tmp_path / "een")
    import_files(single, [GOOD])
    assert choose_learner(single, None).name == "Eva"


def test_export_and_import_commands(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    source = filled(tmp_path / "bron")
    out = tmp_path / "anna.json"
    argv = ["--progress-dir", str(source.root), "export", "--learner", "Anna", "--output", str(out)]
    assert cli.main(argv) == 0
    assert "zonder je reflecties" in capsys.readouterr().out
    target = tmp_path / "doel"
    assert cli.main(["--progress-dir", str(target), "import", str(out), str(GOOD)]) == 0
    printed = capsys.readouterr().out
    assert "Anna: 3 nieuwe pogingen (anna.json)." in printed
    assert "Eva: 2 nieuwe pogingen (goed.json)." in printed
    assert cli.main(["--progress-dir", str(target), "import", str(out)]) == 0
    assert "Anna: al bekend, niets veranderd" in capsys.readouterr().out
    bad = ["--progress-dir", str(target), "import", str(DATA / "nieuwere-versie.json")]
    assert cli.main(bad) == 1
    assert "nieuwere versie van wijzer" in capsys.readouterr().err
