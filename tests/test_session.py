"""A learner's pass through one scenario, without screens: order, answers, resume, finish."""

from __future__ import annotations

from pathlib import Path

import pytest

from wijzer_tui.domain.content.loader import load_scenarios
from wijzer_tui.domain.content.model import Scenario
from wijzer_tui.domain.progress.session import Pass, Position, positions
from wijzer_tui.domain.progress.store import ProgressStore

# tests/data/valid/rekenen.yaml: choose kies, choose kies-meer, decide verder, reflect reflectie.
ORDER = [
    "intro",
    "choose:kies",
    "compare:kies",
    "choose:kies-meer",
    "compare:kies-meer",
    "decide:verder",
    "consequence:verder",
    "reflect:reflectie",
    "check:reflectie",
    "end",
]


@pytest.fixture
def scenario(data_dir: Path) -> Scenario:
    (loaded,) = load_scenarios([data_dir / "valid" / "rekenen.yaml"])
    return loaded


@pytest.fixture
def store(tmp_path: Path) -> ProgressStore:
    return ProgressStore(tmp_path)


def started(store: ProgressStore, scenario: Scenario) -> Pass:
    learner = store.create_profile("Anna", "politie")
    return Pass.start(store, scenario, learner.id)


def saved(store: ProgressStore, run: Pass):
    """The attempt as the store has it (what a restart would read)."""
    return store.attempt(run.learner_id, run.attempt.id)


def test_a_pass_shows_a_question_then_its_feedback_for_every_step(scenario: Scenario) -> None:
    assert [str(p) for p in positions(scenario)] == ORDER


def test_positions_read_back_from_their_text() -> None:
    assert Position.parse(None) == Position("intro")
    assert Position.parse("compare:kies") == Position("compare", "kies")
    assert str(Position("compare", "kies")) == "compare:kies"
    assert str(Position("end")) == "end"


def test_a_question_must_be_answered_before_going_on(
    store: ProgressStore, scenario: Scenario
) -> None:
    run = started(store, scenario)
    assert (saved(store, run).scenario_id, saved(store, run).content_version) == ("rekenen", 1)
    assert (str(run.position), run.step, run.is_question()) == ("intro", None, False)
    assert run.can_go_next
    assert str(run.go(+1)) == "choose:kies"
    assert run.step is not None and run.step.id == "kies" and run.is_question()
    assert saved(store, run).position == "choose:kies"  # saved the moment it changes
    assert not run.can_go_next
    run.submit(["t1", "a1"])
    assert str(run.position) == "compare:kies" and not run.is_question()
    assert run.can_go_next
    attempt = saved(store, run)
    assert attempt.position == "compare:kies"
    assert [(a.step_id, a.option_ids, a.ticked_tips) for a in attempt.answers] == [
        ("kies", ["t1", "a1"], [])
    ]
    assert run.answers_by_step() == {"kies": ["t1", "a1"]}


def test_moving_stops_at_the_first_and_last_section(
    store: ProgressStore, scenario: Scenario
) -> None:
    run = started(store, scenario)
    assert str(run.go(-3)) == "intro"
    assert str(run.go(+99)) == "end"
    assert not run.can_go_next
    assert saved(store, run).position == "end"


def test_each_step_kind_has_its_question_section(store: ProgressStore, scenario: Scenario) -> None:
    run = started(store, scenario)
    questions = [str(p) for p in run.positions if run.is_question(p)]
    assert questions == ["choose:kies", "choose:kies-meer", "decide:verder", "reflect:reflectie"]


def test_submitting_without_a_step_is_refused(store: ProgressStore, scenario: Scenario) -> None:
    run = started(store, scenario)
    with pytest.raises(ValueError):
        run.submit(["t1"])
    with pytest.raises(ValueError):
        run.save_check([])
    assert saved(store, run).answers == []


def test_resume_where_the_learner_was(store: ProgressStore, scenario: Scenario) -> None:
    run = started(store, scenario)
    run.go(+1)
    run.submit(["t2"])
    again = Pass(store, scenario, saved(store, run))
    assert str(again.position) == "compare:kies"
    assert again.answer("kies") is not None and again.answer("kies").option_ids == ["t2"]


def test_resume_on_unanswered_feedback_goes_back_to_its_question(
    store: ProgressStore, scenario: Scenario
) -> None:
    run = started(store, scenario)
    store.set_position(run.learner_id, run.attempt.id, "compare:kies")  # crash before the answer
    assert str(Pass(store, scenario, saved(store, run)).position) == "choose:kies"
    store.set_position(run.learner_id, run.attempt.id, "choose:kies-meer")  # a question: stays
    assert str(Pass(store, scenario, saved(store, run)).position) == "choose:kies-meer"


def test_resume_after_the_content_changed_starts_at_the_beginning(
    store: ProgressStore, scenario: Scenario
) -> None:
    run = started(store, scenario)
    store.set_position(run.learner_id, run.attempt.id, "compare:bestaat-niet-meer")
    assert str(Pass(store, scenario, saved(store, run)).position) == "intro"


def test_checking_a_reflection_keeps_its_text(store: ProgressStore, scenario: Scenario) -> None:
    run = started(store, scenario)
    run.go(ORDER.index("reflect:reflectie"))
    run.submit([], reflection="Ik bel eerder.", ticked=[])
    assert str(run.position) == "check:reflectie"
    run.save_check(["F8-T1"])
    answer = saved(store, run).answer_for("reflectie")
    assert (answer.reflection, answer.ticked_tips) == ("Ik bel eerder.", ["F8-T1"])
    assert saved(store, run).position == "check:reflectie"


def test_finishing_records_the_score_once(store: ProgressStore, scenario: Scenario) -> None:
    run = started(store, scenario)
    run.go(+1)
    run.submit(["t1", "t2", "t3"])  # kies: 100
    run.go(+1)
    run.submit(["m-tegen"])  # kies-meer: 0
    run.go(+1)
    run.submit(["half"])  # verder: 50
    assert run.score() == 50
    assert run.finish() == 50
    first = saved(store, run)
    assert (first.status, first.score) == ("finished", 50)
    assert run.finish() == 50
    assert saved(store, run).finished == first.finished  # not finished a second time
