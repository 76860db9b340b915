"""Tests for synthetic demo learners: marked, reproducible, realistic, and kept apart from real data."""

from __future__ import annotations

from collections import Counter
from datetime import UTC, datetime
from pathlib import Path

import pytest

from wijzer_tui import cli
from wijzer_tui.domain.content.loader import load_scenarios
from wijzer_tui.domain.content.scoring import scenario_score
from wijzer_tui.domain.errors import StoreError
from wijzer_tui.domain.progress.store import ProgressStore
from wijzer_tui.domain.reports.demo import demo_records, fill_demo
from wijzer_tui.domain.reports.grid import build_report

TODAY = datetime(2025, 6, 1, 12, tzinfo=UTC)


@pytest.fixture(scope="module")
def scenarios():
    return load_scenarios()


def test_same_seed_same_learners_other_seed_other_learners(scenarios) -> None:
    first = demo_records(scenarios, 5, seed=3, today=TODAY)
    assert first == demo_records(scenarios, 5, seed=3, today=TODAY)
    assert first != demo_records(scenarios, 5, seed=4, today=TODAY)


def test_demo_learners_are_clearly_marked(scenarios) -> None:
    learners = demo_records(scenarios, 12, seed=1, today=TODAY)
    assert [p.name for p, _ in learners][:3] == ["Demo 0001", "Demo 0002", "Demo 0003"]
    for profile, attempts in learners:
        assert profile.synthetic
        assert "Demo" in profile.organisation
        assert len(attempts) == 5
        for attempt in attempts:
            assert attempt.learner_id == profile.id
            for answer in attempt.answers:
                if answer.reflection:
                    assert answer.reflection.startswith("(demo)")


def test_answers_come_from_the_real_options_and_scores_add_up(scenarios) -> None:
    by_id = {s.id: s for s in scenarios}
    for _, attempts in demo_records(scenarios, 30, seed=2, today=TODAY):
        for attempt in attempts:
            scenario = by_id[attempt.scenario_id]
            for answer in attempt.answers:
                step = scenario.step(answer.step_id)
                assert step is not None
                assert set(answer.option_ids) <= {o.id for o in step.options}
            if attempt.status == "finished":
                answers = {a.step_id: a.option_ids for a in attempt.answers}
                assert attempt.score == scenario_score(scenario, answers)
                assert attempt.finished > attempt.started


def test_demo_data_has_every_state_and_mode_and_real_gaps(scenarios) -> None:
    records = demo_records(scenarios, 200, seed=5, today=TODAY)
    attempts = [a for _, learner in records for a in learner]
    assert Counter(a.status for a in attempts).keys() == {"finished", "busy"}
    assert Counter(a.mode for a in attempts).keys() == {"self", "team"}
    report = build_report(records, scenarios)
    states = Counter(c.state for r in report.rows for c in r.cells.values())
    assert set(states) == {"nieuw", "bezig", "afgerond"}
    for summary in report.summaries:
        assert 0.3 < summary.completion_rate < 0.95
        # Knowledge gaps differ per tip, so "most often missed" means something.
        assert summary.missed and summary.missed[0].share > summary.missed[-1].share
    scores = [c.score for r in report.rows for c in r.cells.values() if c.score is not None]
    assert min(scores) < 60 < max(scores)
    assert len({p.team for p, _ in records}) > 3


def test_fill_demo_keeps_away_from_real_learners_unless_forced(tmp_path: Path, scenarios) -> None:
    store = ProgressStore(tmp_path)
    first = fill_demo(store, scenarios, 3)
    assert (first.learners, first.attempts, first.last_name) == (3, 15, "Demo 0003")
    again = fill_demo(store, scenarios, 2, seed=9)
    assert (again.first_name, again.last_name) == ("Demo 0004", "Demo 0005")
    store.create_profile("Echte Els", "politie")
    with pytest.raises(StoreError, match="echte deelnemers"):
        fill_demo(store, scenarios, 2)
    assert len(store.profiles()) == 6
    fill_demo(store, scenarios, 1, allow_real=True)
    assert len(store.profiles()) == 7
    with pytest.raises(StoreError, match="van 1 tot en met"):
        fill_demo(store, scenarios, 0, allow_real=True)


def test_demo_command(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    argv = ["--progress-dir", str(tmp_path), "demo", "--learners", "4", "--seed", "2"]
    assert cli.main(argv) == 0
    assert "4 demodeelnemers (Demo 0001 tot en met Demo 0004) met 20 pogingen" in (
        capsys.readouterr().out
    )
    assert all(p.synthetic for p in ProgressStore(tmp_path).profiles())
