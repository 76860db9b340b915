"""A learner or team file with a wrongly typed field is set aside; every report still runs."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from snapshot_apps.overview_app import OverviewApp, fixture_records
from team_fixtures import new_session, played
from textual.widgets import DataTable

from wijzer_tui.cli import main
from wijzer_tui.domain.content.loader import load_scenarios
from wijzer_tui.domain.progress.records import Answer, Attempt, Profile
from wijzer_tui.domain.progress.store import ProgressStore
from wijzer_tui.domain.team.group import GroupEntry
from wijzer_tui.domain.team.store import TeamStore

FORMATS = ("csv", "json", "md", "xapi")
NAMED = [  # the cases of issue 11, then numbers that are really yes/no or text
    ("profile", "organisation", 123),
    ("profile", "team", []),
    ("attempt", "score", "80"),
    ("attempt", "mode", [1]),
    ("answer", "option_ids", 5),
    ("answer", "option_ids", [5]),
    ("attempt", "content_version", True),
    ("attempt", "status", "klaar"),
    ("profile", "share_reflections", "ja"),
    ("attempt", "answers", {"1": {}}),
]
# Every field of every learner record gets a value no field may have.
EVERY = [
    (part, name, {"verkeerd": 1})
    for part, cls in (("profile", Profile), ("attempt", Attempt), ("answer", Answer))
    for name in cls.__dataclass_fields__
]


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    """A progress folder with the four learners of the overview fixtures (Anna first)."""
    store = ProgressStore(tmp_path)
    for profile, attempts in fixture_records(load_scenarios()):
        store.import_learner(profile, attempts)
    return tmp_path


def spoil(folder: Path, part: str, field: str, value: Any) -> Path:
    """Give one field of Anna's file a wrong value, as a hand edit or another tool might."""
    path = folder / "learners" / "anna.json"
    data = json.loads(path.read_text(encoding="utf-8"))
    doc = {"profile": data["profile"]["1"], "attempt": data["attempts"]["1"]}.get(part)
    doc = data["attempts"]["1"]["answers"][0] if doc is None else doc
    doc[field] = value
    path.write_text(json.dumps(data), encoding="utf-8")
    return path


def report(capsys: pytest.CaptureFixture[str], folder: Path, fmt: str) -> tuple[str, str]:
    code = main(["--progress-dir", str(folder), "report", "--format", fmt])
    out, err = capsys.readouterr()
    assert code == 0 and "Traceback" not in out + err
    return out, err


@pytest.mark.parametrize(("part", "field", "value"), NAMED + EVERY)
def test_a_wrongly_typed_field_sets_the_file_aside(
    folder: Path, part: str, field: str, value: Any
) -> None:
    spoil(folder, part, field, value)
    store = ProgressStore(folder)
    assert [p.name for p in store.profiles()] == ["Bram Jansen", "Carla Smit", "Dirk Bakker"]
    assert not (folder / "learners" / "anna.json").exists()
    assert len(list((folder / "learners").glob("anna.beschadigd-*.json"))) == 1
    [warning] = store.warnings
    assert "anna.json was beschadigd" in warning
    if field != "id" or part == "answer":
        assert f"'{field}'" in warning or "onvolledig" in warning or "vorm" in warning


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize(("part", "field", "value"), NAMED[:5])
def test_every_report_format_runs_for_the_others(
    capsys: pytest.CaptureFixture[str],
    folder: Path,
    fmt: str,
    part: str,
    field: str,
    value: Any,
) -> None:
    spoil(folder, part, field, value)
    out, err = report(capsys, folder, fmt)
    if fmt == "xapi":  # statements name a learner by id only (pseudonymous account)
        assert '"name": "bram"' in out and '"name": "anna"' not in out
    else:
        assert "Bram Jansen" in out and "Anna de Vries" not in out
    assert "anna.json was beschadigd" in err and f"het veld '{field}'" in err


async def test_the_overview_grid_shows_the_others(folder: Path) -> None:
    spoil(folder, "attempt", "score", "80")
    app = OverviewApp(folder, fill=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()
        table = app.screen.query_one("#grid", DataTable)
        # A row shows the name over the team.
        shown = [str(table.get_row_at(i)[0]).split("\n")[0] for i in range(table.row_count)]
        assert shown == ["Bram Jansen", "Carla Smit", "Dirk Bakker"]
    assert list((folder / "learners").glob("anna.beschadigd-*.json"))


TEAM_SPOILS = [
    ("team", []),
    ("organisation", 5),
    ("attendees", "Anna"),
    ("attendees", [1]),
    ("timer_minutes", "5"),
    ("status", "klaar"),
    ("agreements", [{"who": "Anna", "what": 42, "when": ""}]),  # names 'what'
    ("entries", {"stap": {"mode": "tally", "tallies": {"a": "3"}}}),  # names 'tallies'
    ("entries", {"stap": {"mode": [1]}}),  # names 'mode'
]


@pytest.mark.parametrize(("field", "value"), TEAM_SPOILS)
def test_a_wrongly_typed_team_file_is_set_aside_and_reports_run(
    capsys: pytest.CaptureFixture[str], folder: Path, field: str, value: Any
) -> None:
    teams = TeamStore(folder)
    good, bad = played(new_session("Ann", "Bo")), played(new_session("Cor"))
    good.add_agreement("Bram", "Belt Veilig Thuis", "vrijdag")
    teams.save(good)
    teams.save(bad)
    path = teams.path(bad.id)
    data = json.loads(path.read_text(encoding="utf-8"))
    data["session"]["1"][field] = value
    path.write_text(json.dumps(data), encoding="utf-8")
    out, err = report(capsys, folder, "md")
    assert "Belt Veilig Thuis" in out
    assert f"{bad.id}.json was beschadigd" in err and "een verkeerd type" in err
    out, _ = report(capsys, folder, "json")
    assert "Belt Veilig Thuis" in out
    assert not path.exists()
    assert [s.id for s in TeamStore(folder).sessions()] == [good.id]


def test_group_entry_drops_empty_tallies_but_refuses_text_counts() -> None:
    assert GroupEntry.from_dict({"tallies": {"a": 0, "b": 2}}).tallies == {"b": 2}
    with pytest.raises(TypeError, match="'tallies'"):
        GroupEntry.from_dict({"tallies": {"a": "2"}})
