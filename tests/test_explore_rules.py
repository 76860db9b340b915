"""Wat als…? in the domain, word for word: what a learner is told when an exploration cannot
go on, which options are offered, the order explorations come back in, and stored shapes."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest
from explore_fixtures import GOOD_PATH, load_tak, play_tak

from wijzer_tui.domain.errors import StoreError
from wijzer_tui.domain.progress import explore
from wijzer_tui.domain.progress.records import RecordError


def message(error: pytest.ExceptionInfo[StoreError]) -> str:
    return error.value.message


def test_what_the_learner_is_told_when_it_cannot_go_on(tmp_path: Path) -> None:
    store, learner, attempt = play_tak(tmp_path)
    tak = load_tak()
    busy = store.start_attempt(learner.id, tak.id, tak.content_version, role="wijkteam")
    with pytest.raises(StoreError) as error:
        explore.start(tak, busy, "overleg")
    assert message(error) == "Wat als… kan pas als je de casus hebt afgerond."
    with pytest.raises(StoreError) as error:
        explore.start(tak, attempt, "alleen")
    assert message(error) == "Dit beslismoment ligt niet op het pad van je poging."
    with pytest.raises(StoreError) as error:
        explore.with_answer(tak, attempt, explore.start(tak, attempt, "overleg"), [])
    assert message(error) == "Kies eerst een optie."
    with pytest.raises(StoreError) as error:  # a choice list: one or more options
        explore.with_answer(tak, attempt, explore.start(tak, attempt, "wat-doe-je"), [])
    assert message(error) == "Kies eerst iets."
    done = explore.with_answer(
        tak, attempt, explore.start(tak, attempt, "overleg"), ["ik-neem-het"]
    )
    assert done.ending == "los-zand" and done.finished is not None
    with pytest.raises(StoreError) as error:
        explore.with_answer(tak, attempt, done, ["samen-kiezen"])
    assert message(error) == "Deze verkenning is al afgelopen."


def test_the_attempt_is_walked_in_its_own_role(tmp_path: Path) -> None:
    """With the school listed first, a wijkteam attempt only reaches its ending from its own
    start (the school's first scene was never answered)."""
    _, _, attempt = play_tak(tmp_path)
    tak = load_tak()
    school_first = replace(tak, roles=tuple(reversed(tak.roles)))
    assert explore.can_explore(school_first, attempt) is None


def test_an_attempt_in_the_second_role_can_be_explored(tmp_path: Path) -> None:
    _, _, attempt = play_tak(tmp_path, [("signaal", ["bel-wijkteam"]), *GOOD_PATH], "school")
    assert explore.can_explore(load_tak(), attempt) is None  # its path is the school's


def test_only_the_first_decision_point_hides_what_the_attempt_chose(tmp_path: Path) -> None:
    _, _, attempt = play_tak(tmp_path)
    tak = load_tak()
    exploration = explore.start(tak, attempt, "gesprek")
    at_start = explore.offered(tak.step("gesprek"), exploration, attempt)
    assert [o.id for o in at_start.options] == ["mailen", "alleen-verder"]
    later = explore.offered(tak.step("overleg"), exploration, attempt)
    assert [o.id for o in later.options] == ["samen-kiezen", "ik-neem-het"]  # all again
    choose = explore.start(tak, attempt, "wat-doe-je")
    listed = explore.offered(tak.step("wat-doe-je"), choose, attempt)
    assert [o.id for o in listed.options] == ["vraag-gezin", "dossier"]  # a list: all


def test_otherwise_means_a_different_choice_than_the_attempts(tmp_path: Path) -> None:
    _, _, attempt = play_tak(tmp_path)
    tak = load_tak()
    assert not explore.otherwise(tak.step("overleg"), ["samen-kiezen"], attempt)
    assert explore.otherwise(tak.step("overleg"), ["ik-neem-het"], attempt)
    assert explore.otherwise(tak.step("alleen"), ["doorgaan"], attempt)  # never answered
    assert not explore.otherwise(tak.step("alleen"), [], attempt)


def test_a_point_off_the_path_gives_an_empty_route_not_an_error(tmp_path: Path) -> None:
    """A stored exploration from a point the path no longer passes (content changed under it):
    nothing left to answer, and no error."""
    _, _, attempt = play_tak(tmp_path)
    tak = load_tak()
    stray = replace(explore.start(tak, attempt, "overleg"), from_step="alleen")
    assert explore.route(tak, attempt, stray).steps == ()
    assert explore.step_to_answer(tak, attempt, stray) is None


def test_explorations_come_back_oldest_first(tmp_path: Path) -> None:
    store, learner, attempt = play_tak(tmp_path)
    tak = load_tak()
    later = replace(explore.start(tak, attempt, "overleg"), started="2026-12-02T10:00:00+00:00")
    earlier = replace(explore.start(tak, attempt, "gesprek"), started="2026-12-01T10:00:00+00:00")
    store.save_exploration(later)  # saved first, started last
    store.save_exploration(earlier)
    assert [e.id for e in store.explorations(learner.id)] == [earlier.id, later.id]


def test_saving_for_a_learner_who_is_gone_says_so_and_creates_nothing(tmp_path: Path) -> None:
    store, learner, attempt = play_tak(tmp_path)
    exploration = explore.start(load_tak(), attempt, "overleg")
    assert store.remove_learner(learner.id)
    with pytest.raises(StoreError) as error:
        store.save_exploration(exploration)
    assert message(error) == "Deze leerling is niet gevonden."
    assert not (store.learners_dir / f"{learner.id}.json").exists()


def test_stored_shapes(tmp_path: Path) -> None:
    _, _, attempt = play_tak(tmp_path)
    data = explore.start(load_tak(), attempt, "overleg").to_dict()
    del data["answers"]  # an exploration saved before its first answer had none
    assert explore.Exploration.from_dict(data).answers == []
    with pytest.raises(RecordError) as error:
        explore.Exploration.from_dict({**data, "answers": "geen lijst"})
    assert str(error.value) == "in een verkenning heeft het veld 'answers' een verkeerd type"
    with pytest.raises(RecordError) as error:  # a list, but not of answers
        explore.Exploration.from_dict({**data, "answers": ["geen antwoord"]})
    assert str(error.value) == "in een verkenning heeft het veld 'answers' een verkeerd type"
    stored = {**data, "schema_version": 1}
    assert explore.exploration_of(stored) == explore.Exploration.from_dict(data)
