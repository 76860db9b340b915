"""Wat als…?: exploring another branch of a finished branching attempt, as practice that is saved
apart and never changes the attempt that counts."""

from __future__ import annotations

from pathlib import Path

import pytest
from explore_fixtures import GOOD_PATH, load_tak, play_tak

from wijzer_tui.domain.errors import StoreError
from wijzer_tui.domain.progress import explore
from wijzer_tui.domain.progress.storage import locked_db, open_db


def test_the_decision_points_are_those_on_the_path_taken(tmp_path: Path) -> None:
    _, _, attempt = play_tak(tmp_path)
    points = explore.decision_points(load_tak(), attempt)
    assert [(s.id, chosen) for s, chosen in points] == [
        ("wat-doe-je", ["vraag-gezin"]),
        ("gesprek", ["overleg-plannen"]),
        ("overleg", ["samen-kiezen"]),
    ]  # not "alleen" (off the path) and not the reflection (no decision point)


def test_choosing_otherwise_leads_to_another_ending(tmp_path: Path) -> None:
    store, learner, attempt = play_tak(tmp_path)
    tak = load_tak()
    exploration = explore.start(tak, attempt, "gesprek")
    # The first decision point offers only what was not chosen there.
    offered = explore.offered(
        explore.step_to_answer(tak, attempt, exploration), exploration, attempt
    )
    assert [o.id for o in offered.decide_options] == ["mailen", "alleen-verder"]
    exploration = explore.with_answer(tak, attempt, exploration, ["alleen-verder"])
    assert (
        explore.step_to_answer(tak, attempt, exploration).id == "alleen"
    )  # a scene not seen before
    assert exploration.ending is None
    exploration = explore.with_answer(tak, attempt, exploration, ["doorgaan"])
    assert explore.step_to_answer(tak, attempt, exploration) is None
    assert exploration.ending == "los-zand" != attempt.ending
    assert exploration.finished
    # The path of the exploration: from the chosen point on, without the reflection.
    route = explore.route(tak, attempt, exploration)
    assert [s.id for s in route.steps] == ["gesprek", "alleen"] and route.complete
    store.save_exploration(exploration)
    saved = store.explorations(learner.id, attempt.id)
    assert [(e.from_step, e.answers_by_step(), e.ending) for e in saved] == [
        ("gesprek", {"gesprek": ["alleen-verder"], "alleen": ["doorgaan"]}, "los-zand")
    ]
    # The attempt that counts is exactly as it was.
    assert store.attempt(learner.id, attempt.id) == attempt


def test_saving_again_replaces_the_same_exploration(tmp_path: Path) -> None:
    store, learner, attempt = play_tak(tmp_path)
    tak = load_tak()
    exploration = explore.start(tak, attempt, "gesprek")
    exploration = explore.with_answer(tak, attempt, exploration, ["alleen-verder"])
    store.save_exploration(exploration)  # saved on the way, so quitting loses nothing
    assert [e.ending for e in store.explorations(learner.id)] == [None]
    exploration = explore.with_answer(tak, attempt, exploration, ["aan-de-bel"])
    exploration = explore.with_answer(tak, attempt, exploration, ["samen-kiezen"])
    store.save_exploration(exploration)
    assert [e.ending for e in store.explorations(learner.id)] == ["een-plan"]
    with pytest.raises(StoreError, match="al afgelopen"):
        explore.with_answer(tak, attempt, exploration, ["samen-kiezen"])


def test_a_decision_needs_one_option(tmp_path: Path) -> None:
    _, _, attempt = play_tak(tmp_path)
    tak = load_tak()
    with pytest.raises(StoreError, match="Kies eerst"):
        explore.with_answer(tak, attempt, explore.start(tak, attempt, "overleg"), [])


def test_an_exploration_only_starts_on_the_path_of_a_finished_branching_attempt(
    tmp_path: Path,
) -> None:
    store, learner, attempt = play_tak(tmp_path)
    tak = load_tak()
    with pytest.raises(StoreError, match="ligt niet op het pad"):
        explore.start(tak, attempt, "alleen")
    busy = store.start_attempt(learner.id, tak.id, tak.content_version, role="wijkteam")
    assert explore.can_explore(tak, busy) == explore.NOT_FINISHED
    attempt.content_version += 1
    assert explore.can_explore(tak, attempt) == explore.CHANGED


def test_a_damaged_exploration_is_skipped_not_fatal(tmp_path: Path) -> None:
    store, learner, attempt = play_tak(tmp_path)
    tak = load_tak()
    good = explore.with_answer(
        tak, attempt, explore.start(tak, attempt, "overleg"), ["ik-neem-het"]
    )
    store.save_exploration(good)
    path = store.learners_dir / f"{learner.id}.json"
    with locked_db(path) as db:
        table = db.table(explore.TABLE)
        table.insert({"id": "kapot", "answers": "geen lijst", "schema_version": 1})
        table.insert({**good.to_dict(), "id": "x", "content_version": "1", "schema_version": 1})
    assert [e.id for e in store.explorations(learner.id)] == [good.id]
    assert len(open_db(path).table(explore.TABLE)) == 3  # nothing thrown away
    assert store.attempts(learner.id)[0] == attempt


def test_an_exploration_keeps_the_role_and_the_path_before_it(tmp_path: Path) -> None:
    school = [("signaal", ["wacht-af"]), *GOOD_PATH]
    _, _, attempt = play_tak(tmp_path, school, role="school")
    tak = load_tak()
    assert [s.id for s, _ in explore.decision_points(tak, attempt)][:2] == ["signaal", "wat-doe-je"]
    assert explore.path_before(tak, attempt, "gesprek") == {
        "signaal": ["wacht-af"],
        "wat-doe-je": ["vraag-gezin"],
    }
    exploration = explore.start(tak, attempt, "signaal")
    assert [o.id for o in explore.offered(tak.step("signaal"), exploration, attempt).options] == [
        "bel-wijkteam"
    ]
    exploration = explore.with_answer(tak, attempt, exploration, ["bel-wijkteam"])
    # From a changed first decision the learner decides again at every point after it.
    assert explore.step_to_answer(tak, attempt, exploration).id == "wat-doe-je"
    assert [s.id for s in explore.route(tak, attempt, exploration).steps] == [
        "signaal",
        "wat-doe-je",
    ]
