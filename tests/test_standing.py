"""Where a learner stands per scenario (the home screen's list), without screens."""

from __future__ import annotations

import dataclasses
from datetime import datetime
from pathlib import Path

import pytest

from wijzer_tui.domain.content.loader import load_scenarios
from wijzer_tui.domain.content.model import Scenario
from wijzer_tui.domain.progress.records import Attempt, Profile
from wijzer_tui.domain.progress.standing import (
    next_scenario,
    previous_result,
    section_title,
    self_study_profiles,
    standings,
)
from wijzer_tui.domain.progress.store import ProgressStore


@pytest.fixture
def three(data_dir: Path) -> list[Scenario]:
    (base,) = load_scenarios([data_dir / "valid" / "rekenen.yaml"])
    return [dataclasses.replace(base, id=f"s{n}", number=n) for n in (1, 2, 3)]


def finish(store: ProgressStore, learner: str, scenario: Scenario, score: int) -> None:
    attempt = store.start_attempt(learner, scenario.id, 1)
    store.finish_attempt(learner, attempt.id, score)


def test_each_scenario_is_new_busy_or_finished_with_the_best_score(
    tmp_path: Path, three: list[Scenario]
) -> None:
    store = ProgressStore(tmp_path)
    anna = store.create_profile("Anna", "politie").id
    s1, s2, _ = three
    finish(store, anna, s1, 80)
    finish(store, anna, s1, 60)  # later but lower: 80 still counts
    again = store.start_attempt(anna, s1.id, 1)  # a retry in progress
    busy = store.start_attempt(anna, s2.id, 1)
    today = datetime.now().astimezone().strftime("%d-%m-%Y")
    first, second, third = standings(store, anna, three)
    assert (first.state, first.record.score, first.busy.id) == ("finished", 80, again.id)
    assert first.label == f"Afgerond · 80% · {today} · opnieuw bezig · Herken je dit?"
    assert (second.state, second.record, second.busy.id) == ("busy", None, busy.id)
    assert second.label == "Bezig · Herken je dit?"  # where in the case
    assert (third.state, third.record, third.busy, third.label) == ("new", None, None, "Nieuw")
    store.stop_attempt(anna, again.id)
    assert standings(store, anna, three)[0].label == f"Afgerond · 80% · {today}"


def test_next_scenario_is_the_first_open_one_after_the_current(
    tmp_path: Path, three: list[Scenario]
) -> None:
    store = ProgressStore(tmp_path)
    anna = store.create_profile("Anna", "politie").id
    s1, s2, s3 = three
    assert next_scenario(standings(store, anna, three)) == s1
    finish(store, anna, s2, 90)
    items = standings(store, anna, three)
    assert next_scenario(items, after=s1) == s3  # s2 is done
    assert next_scenario(items, after=s3) == s1  # wraps around
    assert next_scenario(standings(store, anna, three), after=s2) == s3  # not back to s1
    finish(store, anna, s1, 90)
    assert next_scenario(standings(store, anna, three), after=s3) is None  # s3 itself is not next
    finish(store, anna, s3, 90)
    assert next_scenario(standings(store, anna, three)) is None


def test_self_study_profiles_leave_out_attendees_and_demo_learners(tmp_path: Path) -> None:
    store = ProgressStore(tmp_path)
    store.create_profile("Anna", "politie")
    store.create_profile("Demo 0001", "politie", synthetic=True)
    store.import_learner(Profile("cas", "Cas", "onderwijs", attendee=True), [])
    assert [p.name for p in self_study_profiles(store)] == ["Anna"]


def test_an_attempt_begun_on_older_content_is_not_resumed_and_stops_on_a_new_start(
    tmp_path: Path, three: list[Scenario]
) -> None:
    from wijzer_tui.domain.progress.session import Pass

    store = ProgressStore(tmp_path)
    anna = store.create_profile("Anna", "politie").id
    s1 = three[0]
    old = store.start_attempt(anna, s1.id, s1.content_version)
    updated = dataclasses.replace(s1, content_version=s1.content_version + 1)
    (standing, *_) = standings(store, anna, [updated, *three[1:]])
    assert (standing.state, standing.busy, standing.label) == ("new", None, "Nieuw")
    fresh = Pass.start(store, updated, anna)
    kept = {a.id: a for a in store.attempts(anna)}
    assert kept[old.id].status == "stopped"  # kept in the history, never resumed on new scenes
    assert kept[fresh.attempt.id].status == "busy"
    assert standings(store, anna, [updated])[0].busy.id == fresh.attempt.id


def test_a_retry_compares_with_the_latest_finished_attempt_before_it() -> None:
    def attempt(aid: str, status: str, finished: str | None) -> Attempt:
        return Attempt(aid, "l", "s", 1, status=status, score=50, finished=finished)

    first = attempt("a1", "finished", "2026-03-02T10:00:00+00:00")
    latest = attempt("a2", "finished", "2026-03-09T10:00:00+00:00")
    stopped = attempt("a3", "stopped", "2026-03-10T10:00:00+00:00")
    undated = attempt("a4", "finished", None)
    current = attempt("a5", "finished", "2026-03-12T10:00:00+00:00")
    attempts = [latest, first, stopped, undated, current]  # not in date order
    assert previous_result(attempts, "a5") is latest
    assert previous_result([first, current], "a5") is first
    assert previous_result([first, latest, current], "a5") is latest  # by date, not by place
    assert previous_result([current], "a5") is None  # a first attempt has nothing to compare
    assert previous_result([stopped, undated, current], "a5") is None


def test_a_stored_position_is_named_by_the_part_it_points_at() -> None:
    assert section_title("reflect:stap-3") == "Reflectie"
    assert section_title("compare:wat-doe-je") == "Vergelijk met de wijzer"
    assert section_title("end") == "Afronding"
    assert section_title(None) == "Herken je dit?"  # not begun: the start
    assert section_title("") == "Herken je dit?"
    assert section_title("onbekend:x") == ""  # a part an older version had: no title
