"""An attempt made on the format-1 cases stays readable, with its score, once the shipped
cases are the branching format-2 ones (issue 12: old attempts keep their scores)."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import FROZEN_SCENARIOS
from scenario_cases import shipped_dir
from selfstudy_driver import open_scenario, press, screen_text, walk_to_end

from wijzer_tui.app import WijzerApp
from wijzer_tui.domain.content.loader import load_scenarios
from wijzer_tui.domain.progress.store import ProgressStore
from wijzer_tui.domain.reports.grid import build_report
from wijzer_tui.screens.results import ResultsScreen


@pytest.mark.shipped
async def test_a_format_1_attempt_keeps_its_score_under_the_new_cases(tmp_path: Path) -> None:
    store = ProgressStore(tmp_path / "voortgang")
    learner = store.create_profile("Sanne", "wijkteam", "Gemeente Voorbeeld", "Team Noord")
    old = load_scenarios([FROZEN_SCENARIOS])
    async with WijzerApp(old, store).run_test(size=(80, 24)) as pilot:
        await open_scenario(pilot, 1)
        await walk_to_end(pilot, old[0])
        await press(pilot, "v")
    [attempt] = store.attempts(learner.id)
    assert attempt.status == "finished" and attempt.score is not None

    new = load_scenarios([shipped_dir()])
    assert new[0].id == old[0].id and new[0].branches  # the same case, now a graph
    app = WijzerApp(new, store)
    async with app.run_test(size=(80, 24)) as pilot:
        assert "Afgerond" in screen_text(app)  # on home, case 1 stays done
        await press(pilot, "r")
        assert isinstance(app.screen, ResultsScreen)
        text = screen_text(app)
        assert f"{attempt.score}%" in text and "Traceback" not in text
    report = build_report(store.all_records(), new)
    assert report.rows[0].cells[attempt.scenario_id].score == attempt.score
    assert store.attempts(learner.id) == [attempt]  # reading under the new cases changed nothing
