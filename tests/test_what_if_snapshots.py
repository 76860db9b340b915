"""Snapshots of Wat als…? at 80×24: choosing the decision point, and the other ending reached
(update with --snapshot-update only for an intended change, and look at the result)."""

from __future__ import annotations

from pathlib import Path

from explore_fixtures import TAK, play_tak
from selfstudy_driver import pick, press

from wijzer_tui.app import WijzerApp
from wijzer_tui.domain.content.loader import load_scenarios

SIZE = (80, 24)


def app_after_a_finished_case(root: Path) -> WijzerApp:
    store, _, _ = play_tak(root)
    return WijzerApp(load_scenarios([TAK]), store)


def test_choosing_a_decision_point(snap_compare, tmp_path: Path) -> None:
    async def to_pick(pilot) -> None:
        await press(pilot, "r", "w", "down")

    app = app_after_a_finished_case(tmp_path)
    assert snap_compare(app, terminal_size=SIZE, run_before=to_pick)


def test_the_other_ending(snap_compare, tmp_path: Path) -> None:
    async def to_ending(pilot) -> None:
        await press(pilot, "r", "w", "down", "down", "v")
        await pick(pilot, ["ik-neem-het"])
        await press(pilot, "v", "v")

    app = app_after_a_finished_case(tmp_path)
    assert snap_compare(app, terminal_size=SIZE, run_before=to_ending)
