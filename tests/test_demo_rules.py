"""Demo data pinned to the letter: one seed on one day gives exactly these learners and attempts
(a branching case with roles and a format-1 case), busy attempts resume where they stopped, a
tip the case does not list counts as of middling difficulty, the defaults (seed 1, today in UTC)
and when `fill_demo` reports progress. A slip in the walk can no longer loop for ever: the
number of rounds per attempt is bounded by the steps of the case."""

from __future__ import annotations

import dataclasses
import hashlib
import json
from collections import Counter
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from report_fixtures import BETA

from wijzer_tui.domain.content.loader import load_scenarios
from wijzer_tui.domain.content.model import ChooseOption, Scenario
from wijzer_tui.domain.progress.records import Attempt, Profile
from wijzer_tui.domain.reports.demo import demo_records, fill_demo

DATA = Path(__file__).resolve().parent / "data"
TODAY = datetime(2025, 6, 1, 12, tzinfo=UTC)


@pytest.fixture(scope="module")
def scenarios() -> list[Scenario]:
    # A format-1 case (choose, decide, reflect) and a branching one with two roles and endings.
    return load_scenarios([DATA / "valid" / "rekenen.yaml", DATA / "v2" / "tak.yaml"])


def line(attempt: Attempt) -> str:
    """One attempt as a trainer would read it: case, role, mode, state, answers with times."""
    answers = " ".join(
        f"{a.step_id}={','.join(a.option_ids)}@{a.at[11:16]}"
        + (f"[{a.reflection[:12]}|{','.join(a.ticked_tips)}]" if a.reflection else "")
        for a in attempt.answers
    )
    return (
        f"{attempt.scenario_id} {attempt.role or '-'} {attempt.mode} {attempt.team_session_id} "
        f"{attempt.status} {attempt.started} {attempt.finished} {attempt.position} "
        f"{attempt.score} {attempt.ending} | {answers}"
    )


def digest(records: list[tuple[Profile, list[Attempt]]]) -> str:
    """Every field of every record, as the store would write them, in 16 hex digits."""
    plain = [[p.to_dict(), [a.to_dict() for a in attempts]] for p, attempts in records]
    return hashlib.sha256(json.dumps(plain, sort_keys=True).encode()).hexdigest()[:16]


def test_seed_five_on_a_fixed_day_gives_this_first_learner_word_for_word(scenarios) -> None:
    (profile, attempts), *_ = demo_records(scenarios, 1, seed=5, today=TODAY)
    assert profile.to_dict() == {
        "id": "a75d0f2b6b750b27a77796d6fbd91474",
        "name": "Demo 0001",
        "beroepsgroep": "vrouwenopvang",
        "organisation": "Vrouwenopvang Demoregio",
        "team": "Team Centrum",
        "created": "2025-03-04T04:00:00+00:00",
        "share_reflections": False,
        "synthetic": True,
        "attendee": False,
    }
    assert [line(a) for a in attempts] == [
        "tak school self None finished 2025-03-05T04:00:00+00:00 2025-03-05T04:32:00+00:00 end "
        "60 een-plan | signaal=bel-wijkteam@04:04 wat-doe-je=@04:06 gesprek=alleen-verder@04:15 "
        "alleen=aan-de-bel@04:19 overleg=samen-kiezen@04:25 reflectie=@04:28[(demo) Ik pl|F9-T3]",
        "rekenen - self None finished 2025-04-30T09:00:00+00:00 2025-04-30T09:29:00+00:00 end 33 "
        "None | kies=@09:07 kies-meer=@09:11 verder=alles@09:19 reflectie=@09:27[(demo) Ik be|F8-T4]",
        "rekenen - self None finished 2025-05-02T09:00:00+00:00 2025-05-02T09:28:00+00:00 end 56 "
        "None | kies=t1,t3,n1@09:09 kies-meer=m-t1b@09:11 verder=half@09:15 "
        "reflectie=@09:23[(demo) Volge|]",
        "rekenen - self None finished 2025-05-04T09:00:00+00:00 2025-05-04T09:26:00+00:00 end 33 "
        "None | kies=@09:05 kies-meer=m-t1b,m-tegen@09:07 verder=alles@09:16 "
        "reflectie=@09:22[(demo) Ik be|F8-T1]",
        "rekenen - team demo-6d766c083ee7194d2b34a55b finished 2025-05-07T09:00:00+00:00 "
        "2025-05-07T09:33:00+00:00 end 33 None | kies=t1,a1@09:08 kies-meer=m-t1a@09:17 "
        "verder=half@09:25 reflectie=@09:31[(demo) Ik be|F8-T1]",
    ]


def test_twelve_learners_of_seed_five_are_pinned_field_for_field(scenarios) -> None:
    records = demo_records(scenarios, 12, seed=5, today=TODAY)
    # Print `digest(...)` and the lines again only after a deliberate change to the demo maker.
    assert digest(records) == "c93b50b75a5143f9"


def test_busy_attempts_resume_at_the_feedback_of_their_last_answered_step(scenarios) -> None:
    records = demo_records(scenarios, 12, seed=5, today=TODAY)
    busy = [
        (p.name, a.scenario_id, a.role, a.position, [x.step_id for x in a.answers], a.finished)
        for p, attempts in records
        for a in attempts
        if a.status == "busy"
    ]
    # A choose step shows its comparison next, a decide step its consequence.
    assert busy == [
        ("Demo 0006", "tak", "school", "consequence:signaal", ["signaal"], None),
        ("Demo 0009", "rekenen", "", "compare:kies-meer", ["kies", "kies-meer"], None),
        ("Demo 0010", "rekenen", "", "compare:kies", ["kies"], None),
        ("Demo 0012", "rekenen", "", "compare:kies", ["kies"], None),
    ]
    finished = [a for _, attempts in records for a in attempts if a.status == "finished"]
    assert {a.position for a in finished} == {"end"}
    assert Counter((a.scenario_id, a.role) for _, x in records for a in x) == {
        ("rekenen", ""): 31,  # one role only: no role is drawn or stored
        ("tak", "school"): 15,
        ("tak", "wijkteam"): 14,
    }


def test_a_learner_outside_the_listed_groups_works_at_the_demo_foundation(scenarios) -> None:
    records = demo_records(scenarios, 12, seed=5, today=TODAY)
    others = [(p.name, p.organisation) for p, _ in records if p.beroepsgroep == "anders"]
    assert others == [("Demo 0007", "Stichting Demohulp")]


def test_team_attempts_get_a_demo_session_per_team_case_and_week(scenarios) -> None:
    records = demo_records(scenarios, 12, seed=5, today=TODAY)
    attempts = [a for _, x in records for a in x]
    assert Counter(a.mode for a in attempts) == {"self": 39, "team": 21}
    assert {a.team_session_id for a in attempts if a.mode == "self"} == {None}
    for profile, learner in records:
        for a in learner:
            if a.mode == "team":
                week = datetime.fromisoformat(a.started).strftime("%G%V")
                key = f"{profile.team}/{a.scenario_id}/{week}".encode()
                assert a.team_session_id == f"demo-{hashlib.sha256(key).hexdigest()[:24]}"


def test_a_tip_the_case_does_not_list_counts_as_of_middling_difficulty() -> None:
    # Only a hand-made case can do this (the loader refuses an unknown tip id): the chance to
    # pick the option is then the learner's skill, about two in three.
    option = ChooseOption("p9", "Ik vraag het na.", "tip", "B-T9")
    step = dataclasses.replace(BETA.steps[0], choose_options=(option,))
    case = dataclasses.replace(BETA, steps=(step,))
    records = demo_records([case], 10, seed=5, today=TODAY)
    picks = Counter(
        tuple(x.option_ids) for _, learner in records for a in learner for x in a.answers
    )
    assert picks == {("p9",): 31, (): 19}


def test_the_default_seed_is_one_and_the_default_day_is_now_in_utc(scenarios) -> None:
    assert demo_records(scenarios, 2, today=TODAY) == demo_records(
        scenarios, 2, seed=1, today=TODAY
    )
    now = datetime.now(UTC)
    for profile, attempts in demo_records(scenarios, 2):
        assert profile.created.endswith("+00:00")
        for attempt in attempts:
            started = datetime.fromisoformat(attempt.started)
            assert attempt.started.endswith("+00:00")
            assert now - timedelta(days=160) < started < now


class _Store:
    """Just what fill_demo uses of a store; remembers how many learners each progress call saw."""

    root = Path("demo-map")

    def __init__(self) -> None:
        self.added: list[Profile] = []

    def profiles(self) -> list[Profile]:
        return []

    def import_learner(self, profile: Profile, attempts: list[Attempt]) -> int:
        self.added.append(profile)
        return len(attempts)


def test_fill_demo_reports_progress_after_the_learner_is_stored(scenarios) -> None:
    store = _Store()
    seen: list[tuple[int, int, int]] = []
    result = fill_demo(
        store,
        scenarios,
        3,
        progress=lambda done, total: seen.append((done, total, len(store.added))),
    )
    # Not a hundred yet: one call at the end, once all three are in the store.
    assert seen == [(3, 3, 3)]
    assert (result.learners, result.attempts, result.first_name, result.last_name) == (
        3, 15, "Demo 0001", "Demo 0003",
    )  # fmt: skip
