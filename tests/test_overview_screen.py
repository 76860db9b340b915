"""Pilot and snapshot tests for the coordinators' overview (OverviewScreen)."""

from __future__ import annotations

import json
from pathlib import Path

from snapshot_apps.overview_app import OverviewApp
from textual.pilot import Pilot
from textual.widgets import DataTable, Select, Static

from wijzer_tui.screens.overview import LearnerScreen, OverviewScreen


async def ready(pilot: Pilot) -> None:
    """Wait until the records are read in the background and shown."""
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


def names(app: OverviewApp) -> list[str]:
    table = app.screen.query_one("#grid", DataTable)
    return [str(table.get_row_at(i)[0]).split("\n")[0] for i in range(table.row_count)]


def status(app: OverviewApp) -> str:
    return str(app.screen.query_one("#status", Static).render())


async def test_grid_shows_every_learner_with_cells_per_scenario() -> None:
    app = OverviewApp()
    async with app.run_test(size=(80, 24)) as pilot:
        await ready(pilot)
        assert isinstance(app.screen, OverviewScreen)
        assert names(app) == ["Anna de Vries", "Bram Jansen", "Carla Smit", "Dirk Bakker"]
        row = [str(c) for c in app.screen.query_one("#grid", DataTable).get_row_at(0)]
        # Name over team, organisation over beroepsgroep: namesakes of two teams differ.
        assert row[0].split("\n")[1] == "Team Noord"
        assert row[2:4] == ["100 T\n04-03", "bezig\n05-03"]
        assert "4 van 4 deelnemers, gesorteerd op naam." in status(app)


async def test_choosing_a_team_in_the_filter_changes_the_rows() -> None:
    app = OverviewApp()
    async with app.run_test(size=(80, 24)) as pilot:
        await ready(pilot)
        await pilot.press("f", "enter", "down", "enter")  # open "Alle teams", pick Team Noord
        await pilot.pause()
        assert app.screen.query_one("#filter-team", Select).value == "Team Noord"
        assert names(app) == ["Anna de Vries", "Carla Smit"]
        assert "2 van 4 deelnemers" in status(app)
        app.screen.query_one("#filter-organisation", Select).value = "Gemeente Oost"
        await pilot.pause()
        assert names(app) == ["Carla Smit"]
        app.screen.query_one("#filter-team", Select).clear()
        await pilot.pause()
        assert names(app) == ["Bram Jansen", "Carla Smit"]


async def test_sorting_walks_through_the_keys() -> None:
    app = OverviewApp()
    async with app.run_test(size=(80, 24)) as pilot:
        await ready(pilot)
        await pilot.press("s")  # team
        assert names(app) == ["Anna de Vries", "Carla Smit", "Bram Jansen", "Dirk Bakker"]
        assert "gesorteerd op team" in status(app)
        await pilot.press("s", "s", "s")  # organisatie, beroepsgroep, voortgang
        assert "gesorteerd op voortgang" in status(app)
        assert names(app)[-1] == "Carla Smit"  # finished nothing


async def test_details_show_attempts_and_keep_reflections_private() -> None:
    app = OverviewApp()
    async with app.run_test(size=(80, 24)) as pilot:
        await ready(pilot)
        await pilot.press("down", "d")
        await pilot.pause()
        assert isinstance(app.screen, LearnerScreen)
        text = str(app.screen.query_one(Static).render())
        assert "Bram Jansen" in text
        assert "Poging 1: afgerond, score 60%, 06-03-2025, zelfstudie (telt)" in text
        assert "Mijn reflectie" not in text
        assert "deze deelnemer deelt ze niet" in text
        await pilot.press("escape")
        assert isinstance(app.screen, OverviewScreen)


async def test_per_scenario_tab_shows_completion_and_missed_tips() -> None:
    app = OverviewApp()
    async with app.run_test(size=(80, 24)) as pilot:
        await ready(pilot)
        await pilot.press("c")
        await pilot.pause()
        text = str(app.screen.query_one("#summary", Static).render())
        assert "1. Ik mis de regie" in text
        assert "Afgerond: 2 van 4 (50%)" in text
        assert "Vaakst gemist:" in text
        assert "Nog geen afspraken uit teamtrainingen." in text


async def test_an_empty_folder_says_so(tmp_path: Path) -> None:
    app = OverviewApp(tmp_path, fill=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await ready(pilot)
        assert names(app) == []
        assert "Nog geen deelnemers in deze voortgangsmap" in status(app)
        await pilot.press("d")  # no learner: a message, no crash
        assert isinstance(app.screen, OverviewScreen)


def test_snapshot_at_80_by_24(snap_compare) -> None:
    assert snap_compare("snapshot_apps/overview_app.py", terminal_size=(80, 24), run_before=ready)


async def test_agreements_from_team_sessions_show_per_scenario(tmp_path: Path) -> None:
    teams = tmp_path / "teams"
    teams.mkdir()
    session = {
        "id": "s1",
        "scenario_id": "regie",
        "team": "Team Noord",
        "organisation": "Politie Midden",
        "date": "2025-03-12",
        "agreements": [{"who": "Anna", "what": "Plant het eerste MDO", "when": "maandag"}],
        "content_version": 1,
        "attendees": ["Anna"],
        "entries": {},
        "schema_version": 1,  # as TeamStore writes it: every wijzer document carries one
    }
    (teams / "s1.json").write_text(json.dumps({"session": {"1": session}}), encoding="utf-8")
    app = OverviewApp(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await ready(pilot)
        await pilot.press("c")
        text = str(app.screen.query_one("#summary", Static).render())
        assert "• Anna: Plant het eerste MDO (wanneer: maandag) · Team Noord, 12-03-2025" in text
        app.screen.query_one("#filter-team", Select).value = "Team Zuid"
        await pilot.pause()
        text = str(app.screen.query_one("#summary", Static).render())
        assert "Plant het eerste MDO" not in text
        assert "Nog geen afspraken uit teamtrainingen." in text
