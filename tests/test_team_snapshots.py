"""Snapshots of the team presentation at 80×24 and 120×40 (update with --snapshot-update)."""

from __future__ import annotations

from pathlib import Path

import pytest
from snapshot_apps.team_app import TeamSnapshotApp
from snapshot_apps.team_path_app import TeamPathApp
from textual.pilot import Pilot


@pytest.mark.parametrize("size", [(80, 24), (120, 40)])
def test_snapshot_votes(snap_compare, tmp_path: Path, size: tuple[int, int]) -> None:
    async def highlight(pilot: Pilot) -> None:
        await pilot.press("2")
        await pilot.pause()

    app = TeamSnapshotApp(tmp_path, page="choose")
    assert snap_compare(app, terminal_size=size, run_before=highlight)


@pytest.mark.parametrize("size", [(80, 24), (120, 40)])
def test_snapshot_reveal(snap_compare, tmp_path: Path, size: tuple[int, int]) -> None:
    assert snap_compare(TeamSnapshotApp(tmp_path, page="reveal"), terminal_size=size)


def test_snapshot_summary(snap_compare, tmp_path: Path) -> None:
    assert snap_compare(TeamSnapshotApp(tmp_path, page="summary"), terminal_size=(80, 24))


def test_snapshot_summary_with_the_path(snap_compare, tmp_path: Path) -> None:
    """A branching case: the group's role, its decision points in order and the Afloop."""

    async def to_the_path(pilot: Pilot) -> None:
        first = pilot.app.screen.query("MarkdownH2").first()  # "Het pad van de groep"
        pilot.app.screen.query_one("#team-body").scroll_to_widget(first, top=True, animate=False)
        await pilot.pause()

    app = TeamPathApp(tmp_path)
    assert snap_compare(app, terminal_size=(80, 24), run_before=to_the_path)
