"""The overview's Per casus tab for a branching case: choices per decision point and endings,
read at 80×24 (Pilot and snapshot; counts by hand in path_fixtures)."""

from __future__ import annotations

from pathlib import Path

from snapshot_apps.overview_paths_app import PathsOverviewApp
from textual.containers import VerticalScroll
from textual.pilot import Pilot
from textual.widgets import Static

SIZE = (80, 24)


async def to_per_casus(pilot: Pilot) -> None:
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()
    await pilot.press("c")
    await pilot.pause()


async def test_per_casus_shows_the_spread_and_the_endings(tmp_path: Path) -> None:
    app = PathsOverviewApp(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await to_per_casus(pilot)
        text = str(app.screen.query_one("#summary", Static).render())
        scroll = app.screen.query_one("#summary-scroll", VerticalScroll)
        assert scroll.has_focus  # so the keys scroll the long summary
        await pilot.press("pagedown")
        await pilot.pause()
        assert scroll.scroll_y > 0
    assert "Afgerond: 6 van 7 (86%), bezig: 1" in text
    assert "Vaakst gemist (alleen tips op het eigen pad):" in text
    assert "Keuzes onderweg (afgeronde pogingen; een teamtraining telt één keer):" in text
    part = text.split("Beslismoment 5 · Het overleg (4 keer gekozen)\n")[1]
    assert part.startswith(
        "• 3× (75%): We kiezen samen wie het meest geschikt is.\n"
        "• 1× (25%): Ik neem het meteen zelf.\n"
        "Zo liep de casus af (5 keer)\n"
        "• Eén plan: 3× (60%)\n"
        "• Los zand: 2× (40%)\n"
    )
    assert "Beslismoment 4 · Zes weken later (1 keer gekozen)" in text


async def test_a_straight_case_shows_no_paths(tmp_path: Path) -> None:
    from snapshot_apps.overview_app import OverviewApp

    app = OverviewApp(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await to_per_casus(pilot)
        text = str(app.screen.query_one("#summary", Static).render())
    assert "Vaakst gemist:" in text
    assert "Beslismoment" not in text and "Zo liep de casus af" not in text


def test_per_casus_snapshot(snap_compare, tmp_path: Path) -> None:
    assert snap_compare(PathsOverviewApp(tmp_path), terminal_size=SIZE, run_before=to_per_casus)


async def test_the_learner_detail_names_role_and_ending(tmp_path: Path) -> None:
    from wijzer_tui.screens.learner_detail import LearnerScreen

    app = PathsOverviewApp(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()
        await pilot.press("down", "down", "d")  # Anna, Bram, Carla (sorted by name)
        await pilot.pause()
        assert isinstance(app.screen, LearnerScreen)
        text = str(app.screen.query_one(Static).render())
    assert "Carla" in text
    assert "Rol: Intern begeleider. Einde: Los zand" in text
    assert "○ Gemist: F9-T3" in text  # on her own path: she waited a week at signaal
