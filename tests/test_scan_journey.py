"""Pilot: the Frustratiescan at the first start, a case, the scan again, and the chart."""

from __future__ import annotations

from pathlib import Path

from selfstudy_driver import SCENARIOS, make_app, open_scenario, press, screen_text, walk_to_end
from textual.widgets import Static

from wijzer_tui.domain.progress.store import ProgressStore
from wijzer_tui.screens.dialogs import ConfirmDialog
from wijzer_tui.screens.home import HomeScreen
from wijzer_tui.screens.pass_screen import PassScreen
from wijzer_tui.screens.results import ResultsScreen
from wijzer_tui.screens.scan import ScanScreen
from wijzer_tui.screens.scan_results import ScanResultsScreen


def dialog_text(app) -> str:
    return str(app.screen.query_one(".dialog-title", Static).render())


async def test_scan_case_scan_again_and_the_chart(tmp_path: Path) -> None:
    app = make_app(tmp_path, learner=None)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press(*"Sanne")
        await press(pilot, "enter")  # the profile is made: the scan is offered
        assert isinstance(app.screen, ScanScreen)
        text = screen_text(app)
        assert "Met welke frustratie reken jij het liefst vandaag nog af?" in text
        assert all(q in text for s in SCENARIOS for q in s.quotes)  # the wijzer's own quotes
        await press(pilot, "4", "2", "5")
        await press(pilot, "ctrl+s")  # two frustrations still open: refused, nothing saved
        assert isinstance(app.screen, ScanScreen)
        assert app.focused.id == f"rate-{SCENARIOS[3].id}"
        await press(pilot, "3", "1", "ctrl+s")
        # The heaviest frustration not yet finished is number 3 (rated 5).
        assert isinstance(app.screen, ConfirmDialog)
        assert dialog_text(app).startswith(f"Begin met 3. {SCENARIOS[2].title}?")
        await press(pilot, "j")  # Beginnen
        assert isinstance(app.screen, PassScreen)
        assert app.screen.session.scenario.id == SCENARIOS[2].id
        await walk_to_end(pilot, SCENARIOS[2])
        assert "Je eindscore" in screen_text(app)
        await press(pilot, "v")  # Naar start: the invitation to rate again
        assert "frustratiescan nog eens invullen" in dialog_text(app)
        await press(pilot, "j")
        assert isinstance(app.screen, ScanScreen)
        await press(pilot, "2", "1", "3", "2", "1", "ctrl+s")
        # Number 3 is finished now: the heaviest open one is number 1 (2, before 4 with 2).
        assert dialog_text(app).startswith(f"Begin met 1. {SCENARIOS[0].title}?")
        await press(pilot, "n")  # Later
        assert isinstance(app.screen, HomeScreen)
        await press(pilot, "r")
        assert isinstance(app.screen, ResultsScreen)
        await press(pilot, "f")
        assert isinstance(app.screen, ScanResultsScreen)
        chart = screen_text(app)
        box = app.screen.query_one("#scan-chart-box")
        assert box.max_scroll_y == 0  # the whole chart fits 80×24
    lines = chart.splitlines()
    for scenario, before, after in zip(SCENARIOS, (4, 2, 5, 3, 1), (2, 1, 3, 2, 1), strict=True):
        at = next(i for i, line in enumerate(lines) if line.startswith(f"{scenario.number}. "))
        assert lines[at + 1].rstrip().endswith(f"{before}")
        assert lines[at + 1].count("█") == before * 8
        assert lines[at + 2].count("█") == after * 8
        lighter = {0: "even zwaar", 1: "1 punt lichter", 2: "2 punten lichter"}[before - after]
        assert lines[at + 2].rstrip().endswith(lighter)
    store = ProgressStore(tmp_path)
    learner = store.profiles()[0]
    scans = store.scans(learner.id)
    assert [s.moment for s in scans] == ["start", "na-casus"]
    assert scans[1].after_scenario == SCENARIOS[2].id


async def test_the_scan_can_be_skipped_and_started_from_home(tmp_path: Path) -> None:
    app = make_app(tmp_path, learner=None)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press(*"Jo")
        await press(pilot, "enter")
        assert isinstance(app.screen, ScanScreen)
        await press(pilot, "escape")  # Overslaan
        assert isinstance(app.screen, HomeScreen)
        await press(pilot, "f")
        assert isinstance(app.screen, ScanScreen)
        await press(pilot, "escape")
        await press(pilot, "r", "f")
        assert "nog niet ingevuld" in screen_text(app)
    store = ProgressStore(tmp_path)
    assert store.scans(store.profiles()[0].id) == []


async def test_after_the_fifth_case_the_invitation_says_all_are_done(tmp_path: Path) -> None:
    app = make_app(tmp_path)
    learner = app.store.profiles()[0]
    for scenario in SCENARIOS[:4]:
        attempt = app.store.start_attempt(learner.id, scenario.id, scenario.content_version)
        app.store.finish_attempt(learner.id, attempt.id, 50)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_scenario(pilot, 5)
        await walk_to_end(pilot, SCENARIOS[4])
        await press(pilot, "v")  # Naar start
        assert dialog_text(app).startswith("Je hebt alle casussen afgerond.")
        await press(pilot, "j", "3", "3", "3", "3", "3", "ctrl+s")
        assert isinstance(app.screen, HomeScreen)  # nothing left to suggest
    assert [s.moment for s in ProgressStore(tmp_path).scans(learner.id)] == ["na-alles"]
