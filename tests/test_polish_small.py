"""Small things that respect the user: where the progress is on leaving, flags in one language,
a retry compared with the previous result, a finished team session says so."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from selfstudy_driver import SCENARIOS, make_app, open_scenario, press, screen_text, walk_to_end
from snapshot_apps.team_app import TeamSnapshotApp
from test_team_screens import notices

import wijzer_tui.app
from wijzer_tui.cli import main
from wijzer_tui.domain.progress.store import ProgressStore


def test_leaving_prints_where_the_progress_is(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr(wijzer_tui.app.WijzerApp, "run", lambda self: None)  # Ctrl+C at once
    assert wijzer_tui.app.run(str(tmp_path / "voortgang")) == 0
    out = capsys.readouterr().out.strip().splitlines()
    assert out == [f"wijzer is gestopt. Je voortgang is bewaard in {tmp_path / 'voortgang'}"]


@pytest.mark.usefixtures("progress_env")
def test_report_filters_have_dutch_names_and_keep_the_old_one(
    progress_env: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    store = ProgressStore(progress_env)
    store.create_profile("Anna", "wijkteam", "Gemeente Zuid", "Team Noord")
    store.create_profile("Bram", "wijkteam", "Gemeente Noord", "Team Noord")
    for flag in ("--organisatie", "--organisation"):
        assert main(["report", "--format", "json", flag, "Gemeente Zuid"]) == 0
        data = json.loads(capsys.readouterr().out)
        assert data["filter"]["organisation"] == "Gemeente Zuid"
        assert data["learner_count"] == 1


async def test_a_retry_shows_the_previous_result_beside_the_new_one(tmp_path: Path) -> None:
    app = make_app(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_scenario(pilot, 1)
        await walk_to_end(pilot, SCENARIOS[0])
        first = app.screen.query_one("#final-score").render()
        assert "vorige keer" not in str(first)
        await press(pilot, "q", "n")  # home, skip the scan invitation
        await open_scenario(pilot, 1)
        await press(pilot, "j")  # Opnieuw beginnen
        await walk_to_end(pilot, SCENARIOS[0])
        assert "vorige keer" in screen_text(app)


async def test_a_finished_team_session_says_so_and_nudges_without_agreements(
    tmp_path: Path,
) -> None:
    app = TeamSnapshotApp(tmp_path, page="summary")
    app.session.agreements.clear()
    async with app.run_test(size=(80, 24)) as pilot:
        await press(pilot, "a")
        assert "nog geen afspraken" in screen_text(app)
        await press(pilot, "j")
        await press(pilot, "q")
        assert "De sessie is afgerond en bewaard." in notices(app)
