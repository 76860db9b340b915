"""The trainer links attendees to learners on this machine: a confirmed match, or a pick."""

from __future__ import annotations

from pathlib import Path

from snapshot_apps.team_app import TeamSnapshotApp
from test_team_screens import keys, notices, plain, type_text
from textual.pilot import Pilot
from textual.widgets import OptionList, Static

from wijzer_tui.app import WijzerApp
from wijzer_tui.domain.content.loader import load_scenarios
from wijzer_tui.domain.progress.store import ProgressStore
from wijzer_tui.domain.team.store import TeamStore
from wijzer_tui.screens.attendee_link import LearnerPickerDialog
from wijzer_tui.screens.team_dialogs import TeamAttendeesDialog
from wijzer_tui.screens.team_session import TeamSessionScreen
from wijzer_tui.screens.team_setup import TeamSetupScreen


def store_with_marloes(root: Path) -> tuple[ProgressStore, str]:
    store = ProgressStore(root)
    marloes = store.create_profile("Marloes Ëlsgén", "wijkteam", "Gemeente Zuid", "Team Noord")
    store.create_profile("Anouk de Vries", "politie", "Politie Oost", "Basisteam")
    return store, marloes.id


async def fill_team(pilot: Pilot) -> None:
    """Team and organisation typed differently from the profile: case and accents differ."""
    await type_text(pilot, "team noord")
    await keys(pilot, "enter")
    await type_text(pilot, "GEMEENTE ZUID")
    await keys(pilot, "enter", "enter", "enter")  # date today, minutes 5, on to attendees


def options_text(app: WijzerApp, selector: str) -> list[str]:
    listing = app.screen.query_one(selector, OptionList)
    return [str(listing.get_option_at_index(i).prompt) for i in range(listing.option_count)]


async def begin(pilot: Pilot) -> TeamSessionScreen:
    await keys(pilot, "enter")  # empty name: on to the scenarios
    await keys(pilot, "down", "down", "enter", "ctrl+b")
    assert isinstance(pilot.app.screen, TeamSessionScreen)
    return pilot.app.screen


async def test_a_typed_name_that_matches_asks_and_links_on_yes(tmp_path: Path) -> None:
    store, marloes = store_with_marloes(tmp_path)
    app = WijzerApp(load_scenarios(), store, start="team")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        hint = app.screen.query_one("#pick-hint", Static)
        assert hint.display and "Ctrl+L" in plain(hint)
        await fill_team(pilot)
        await type_text(pilot, "marloes elsgen")
        await keys(pilot, "enter")
        dialog = app.screen
        assert isinstance(dialog, LearnerPickerDialog)
        question = plain(dialog.query_one(".dialog-title", Static))
        assert "Marloes Ëlsgén staat al op deze computer" in question
        assert options_text(app, "#learners") == [
            "Ja, dat is Marloes Ëlsgén · Team Noord · Gemeente Zuid · wijkteam",
            "Nee, iemand anders: marloes elsgen is nieuw",
        ]
        await keys(pilot, "enter")
        assert isinstance(app.screen, TeamSetupScreen)
        assert options_text(app, "#attendees") == ["Marloes Ëlsgén · al bekend op deze computer"]
        await type_text(pilot, "Bo")
        await keys(pilot, "enter")
        screen = await begin(pilot)
        assert screen.session.attendees == ["Marloes Ëlsgén", "Bo"]
        assert screen.session.links == {"Marloes Ëlsgén": marloes}
        screen.training.session.position = "summary"  # skip the case: attendance is the point
    recorded = screen.training.finish(store)
    assert recorded[0][0].id == marloes
    assert len([p for p in store.profiles() if "Marloes" in p.name]) == 1
    assert [a.mode for a in store.attempts(marloes)] == ["team"]


async def test_no_means_someone_new_and_escape_adds_nobody(tmp_path: Path) -> None:
    store, _ = store_with_marloes(tmp_path)
    app = WijzerApp(load_scenarios(), store, start="team")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await fill_team(pilot)
        await type_text(pilot, "Marloes Elsgen")
        await keys(pilot, "enter")
        assert isinstance(app.screen, LearnerPickerDialog)
        await keys(pilot, "escape")
        assert isinstance(app.screen, TeamSetupScreen)
        assert app.screen.draft.attendees == []
        assert app.screen.query_one("#attendee").value == "Marloes Elsgen"  # nothing lost
        await keys(pilot, "enter", "down", "enter")  # ask again; "Nee, iemand anders"
        assert app.screen.draft.attendees == ["Marloes Elsgen"]
        assert app.screen.draft.links == {"Marloes Elsgen": ""}


async def test_no_question_when_the_team_differs(tmp_path: Path) -> None:
    store, _ = store_with_marloes(tmp_path)
    app = WijzerApp(load_scenarios(), store, start="team")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await type_text(pilot, "Team Zuid")
        await keys(pilot, "enter", "enter", "enter", "enter")
        await type_text(pilot, "Marloes Ëlsgén")
        await keys(pilot, "enter")
        assert isinstance(app.screen, TeamSetupScreen)
        assert app.screen.draft.attendees == ["Marloes Ëlsgén"]
        assert app.screen.draft.links == {}


async def test_ctrl_l_picks_a_learner_from_the_list(tmp_path: Path) -> None:
    store, marloes = store_with_marloes(tmp_path)
    app = WijzerApp(load_scenarios(), store, start="team")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await fill_team(pilot)
        await keys(pilot, "ctrl+l")
        assert isinstance(app.screen, LearnerPickerDialog)
        assert len(options_text(app, "#learners")) == 2
        await type_text(pilot, "elsgen")  # search: accents do not matter
        assert options_text(app, "#learners") == [
            "Marloes Ëlsgén · Team Noord · Gemeente Zuid · wijkteam"
        ]
        await keys(pilot, "enter")
        assert app.screen.draft.links == {"Marloes Ëlsgén": marloes}
        await keys(pilot, "ctrl+l")  # she is in: only Anouk is left to pick
        assert options_text(app, "#learners") == [
            "Anouk de Vries · Basisteam · Politie Oost · politie"
        ]
        await keys(pilot, "escape")
        assert app.screen.draft.attendees == ["Marloes Ëlsgén"]


async def test_a_late_attendee_is_linked_after_a_yes(tmp_path: Path) -> None:
    store = ProgressStore(tmp_path)
    carla = store.create_profile("Carla Ünal", "politie", "Gemeente Zuid", "Wijkteam Noord")
    app = TeamSnapshotApp(tmp_path, page="choose")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await keys(pilot, "d")
        assert isinstance(app.screen, TeamAttendeesDialog)
        await type_text(pilot, "Eva")
        await keys(pilot, "enter")  # nobody on this machine is called Eva: no question
        assert isinstance(app.screen, TeamAttendeesDialog)
        assert "Eva doet mee." in notices(app)
        await type_text(pilot, "carla unal")
        await keys(pilot, "enter")
        assert isinstance(app.screen, LearnerPickerDialog)
        await keys(pilot, "enter")  # "Ja, dat is Carla Ünal"
        assert isinstance(app.screen, TeamAttendeesDialog)
        session = app.screen.training.session
        assert session.links == {"Carla Ünal": carla.id}
        assert "Carla Ünal · al bekend op deze computer" in options_text(app, "#attendee-list")
        assert TeamStore(tmp_path).load(session.id).links == session.links  # saved at once
        await keys(pilot, "ctrl+l")  # Carla is the only learner here, and she is in
        assert isinstance(app.screen, TeamAttendeesDialog)
        assert "Er staan geen andere deelnemers op deze computer." in notices(app)
