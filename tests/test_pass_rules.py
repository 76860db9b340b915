"""The self-study pass (`Pass`) without a screen, on the branching fixture tak.yaml.

Pinned whole: the sections a pass shows per role and how the path grows with each decision,
moving clamped at the first and last section (and the position saved each time), when "verder"
is allowed, what `submit` and `save_check` store (the whole answer, the position, the draft
dropped) and the messages they refuse with, the score in the learner's own role, finishing once,
and which older attempts a new start stops. Drafts themselves: test_draft_rules.py.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from explore_fixtures import load_tak

from wijzer_tui.domain.progress.records import Answer, Attempt, Profile
from wijzer_tui.domain.progress.session import Pass, Position, positions
from wijzer_tui.domain.progress.store import ProgressStore

TAK = load_tak()
MADE = "2025-03-10T10:00:00+00:00"
# The school's path to "Eén plan", one decision wrong: signaal 0, wat-doe-je 100 (the one tip
# chosen), gesprek 100, overleg 100 (no credit given: the best option counts as 1).
SCHOOL_PATH = [
    ("signaal", ["wacht-af"]),
    ("wat-doe-je", ["vraag-gezin"]),
    ("gesprek", ["overleg-plannen"]),
    ("overleg", ["samen-kiezen"]),
]
SCHOOL_SECTIONS = [
    "intro",
    "decide:signaal",
    "consequence:signaal",
    "choose:wat-doe-je",
    "compare:wat-doe-je",
    "decide:gesprek",
    "consequence:gesprek",
    "decide:overleg",
    "consequence:overleg",
    "ending:een-plan",
    "reflect:reflectie",
    "check:reflectie",
]


def start(root: Path, role: str = "wijkteam") -> Pass:
    """A new pass of tak.yaml by Sanne, in `role`, at its intro."""
    store = ProgressStore(root)
    learner = store.create_profile("Sanne", "wijkteam", "Gemeente Voorbeeld", "Team Noord")
    return Pass.start(store, TAK, learner.id, role=role)


def school_at(
    root: Path, position: str, answers: list[tuple[str, list[str]]] = SCHOOL_PATH
) -> Pass:
    """Sanne's busy pass in the school's role with these answers, resumed at `position`
    (written in one go: quicker than playing it)."""
    store = ProgressStore(root)
    sanne = Profile("sanne", "Sanne", "wijkteam", "Gemeente Voorbeeld", "Team Noord", MADE)
    made = [Answer(step_id, options, MADE) for step_id, options in answers]
    attempt = Attempt("poging", "sanne", "tak", 1, started=MADE, answers=made, role="school")
    attempt.position = position
    store.import_learner(sanne, [attempt])
    return Pass(store, TAK, store.attempt("sanne", "poging"))


def play(run: Pass, path: list[tuple[str, list[str]]]) -> None:
    """Answer each step of `path` in turn, going on from each feedback section."""
    for step_id, options in path:
        run.go(+1)
        assert run.step is not None and run.step.id == step_id
        run.submit(options)


def stored(run: Pass) -> Attempt:
    """The attempt as a restart reads it from disk."""
    return ProgressStore(run.store.root).attempt(run.learner_id, run.attempt.id)


def shown(run: Pass) -> list[str]:
    return [str(p) for p in run.positions]


# -- the sections of a pass -----------------------------------------------------------------


def test_a_new_pass_shows_the_intro_and_the_first_scene_of_its_role(tmp_path: Path) -> None:
    wijkteam = start(tmp_path / "a")
    assert shown(wijkteam) == ["intro", "choose:wat-doe-je", "compare:wat-doe-je"]
    school = start(tmp_path / "b", role="school")
    assert shown(school) == ["intro", "decide:signaal", "consequence:signaal"]
    assert stored(school) == Attempt(
        id=school.attempt.id,
        learner_id=school.learner_id,
        scenario_id="tak",
        content_version=1,
        started=school.attempt.started,
        role="school",
    )
    assert (school.position, school.step, school.index) == (Position("intro"), None, 0)


def test_an_unknown_or_empty_role_plays_the_first_role(tmp_path: Path) -> None:
    run = start(tmp_path, role="brandweer")
    assert run.attempt.role == "wijkteam" and stored(run).role == "wijkteam"
    assert [str(p) for p in positions(TAK)] == ["intro", "choose:wat-doe-je", "compare:wat-doe-je"]
    assert positions(TAK, {}, "school") == [
        Position("intro"),
        Position("decide", "signaal"),
        Position("consequence", "signaal"),
    ]


def test_the_path_grows_with_each_decision_then_shows_the_ending_and_the_reflection(
    tmp_path: Path,
) -> None:
    run = start(tmp_path, role="school")
    play(run, SCHOOL_PATH[:2])
    assert shown(run) == SCHOOL_SECTIONS[:7]
    answers = dict(SCHOOL_PATH)
    assert [str(p) for p in positions(TAK, answers, "school")] == SCHOOL_SECTIONS
    answers["reflectie"] = []
    assert [str(p) for p in positions(TAK, answers, "school")] == [*SCHOOL_SECTIONS, "end"]
    # Off the best path: alleen, then los-zand; the reflection still comes after the ending.
    answers = {"signaal": ["bel-wijkteam"], "wat-doe-je": [], "gesprek": ["alleen-verder"]}
    assert [str(p) for p in positions(TAK, answers, "school")][5:] == [
        "decide:gesprek",
        "consequence:gesprek",
        "decide:alleen",
        "consequence:alleen",
    ]
    answers["alleen"] = ["doorgaan"]
    assert [str(p) for p in positions(TAK, answers, "school")][7:] == [
        "decide:alleen",
        "consequence:alleen",
        "ending:los-zand",
        "reflect:reflectie",
        "check:reflectie",
    ]


def test_the_ending_section_has_no_step_and_names_the_ending_reached(tmp_path: Path) -> None:
    run = school_at(tmp_path, "consequence:overleg")
    assert str(run.go(+1)) == "ending:een-plan"
    assert (run.step, run.is_question(), run.ending.id) == (None, False, "een-plan")
    assert stored(run).position == "ending:een-plan"


# -- moving and "verder" --------------------------------------------------------------------


def test_moving_is_clamped_at_the_first_and_last_section_and_saved(tmp_path: Path) -> None:
    run = start(tmp_path)
    assert run.go(-1) == Position("intro") and stored(run).position == "intro"
    assert run.go(+2) == Position("compare", "wat-doe-je")  # exactly the last section so far
    assert (run.index, stored(run).position) == (2, "compare:wat-doe-je")
    assert run.go(+1) == Position("compare", "wat-doe-je")  # one over: stays
    assert run.go(-2) == Position("intro")  # exactly the first
    assert run.go(+3) == Position("compare", "wat-doe-je")
    assert run.go(-3) == Position("intro") and run.index == 0


def test_verder_needs_an_answer_on_a_question_and_stops_at_the_end(tmp_path: Path) -> None:
    run = start(tmp_path, role="school")
    assert run.can_go_next  # intro
    run.go(+1)
    assert (run.is_question(), run.can_go_next) == (True, False)
    run.submit(["wacht-af"])
    assert (str(run.position), run.is_question(), run.can_go_next) == (
        "consequence:signaal",
        False,
        True,
    )
    run.go(-1)  # back to the question, now answered
    assert (str(run.position), run.can_go_next) == ("decide:signaal", True)


def test_verder_is_allowed_on_the_ending_and_the_check_but_not_on_the_end(
    tmp_path: Path,
) -> None:
    run = school_at(tmp_path, "ending:een-plan")
    assert (str(run.position), run.can_go_next) == ("ending:een-plan", True)
    run.go(+1)
    assert (run.is_question(), run.can_go_next) == (True, False)
    run.submit([], reflection="Eerst overleggen.")
    assert (str(run.position), run.can_go_next) == ("check:reflectie", True)
    assert (str(run.go(+1)), run.can_go_next) == ("end", False)


# -- submit -----------------------------------------------------------------------------------


def test_submitting_saves_the_whole_answer_and_the_feedback_position(tmp_path: Path) -> None:
    run = school_at(tmp_path, "reflect:reflectie")
    run.submit([], reflection="Eerst\x07 bellen,\tdan\nmailen.", ticked=["F9-T1", "F9-T3"])
    attempt = stored(run)
    reflection = attempt.answers[-1]
    assert reflection == Answer(
        "reflectie",
        [],
        reflection.at,
        reflection="Eerst bellen, dan\nmailen.",
        ticked_tips=["F9-T1", "F9-T3"],
    )
    assert [(a.step_id, a.option_ids, a.ticked_tips) for a in attempt.answers[:-1]] == [
        (step_id, options, []) for step_id, options in SCHOOL_PATH
    ]
    assert (str(run.position), attempt.position, attempt.status) == (
        "check:reflectie",
        "check:reflectie",
        "busy",
    )
    assert run.attempt == attempt


def test_submitting_drops_the_draft_of_that_step(tmp_path: Path) -> None:
    run = start(tmp_path, role="school")
    run.go(+1)
    run.keep_draft({"option_ids": ["bel-wijkteam"]})
    assert run.drafts == {"signaal": {"option_ids": ["bel-wijkteam"]}}
    run.submit(["wacht-af"])
    assert run.drafts == {}
    assert run.store.drafts(run.learner_id, run.attempt.id) == {}
    run.go(-1)
    assert run.draft() == {}


def test_submitting_where_there_is_no_step_is_refused(tmp_path: Path) -> None:
    run = school_at(tmp_path, "end", [*SCHOOL_PATH, ("reflectie", [])])
    before = stored(run)
    for where, move in (("end", 0), ("ending:een-plan", -3), ("intro", -99)):
        run.go(move)
        with pytest.raises(ValueError) as refused:
            run.submit(["wacht-af"])
        assert (str(run.position), str(refused.value)) == (where, "no step at this position")
    assert stored(run).answers == before.answers


# -- save_check -------------------------------------------------------------------------------


def test_checking_tips_keeps_the_reflection_and_saves_the_check_position(tmp_path: Path) -> None:
    run = school_at(tmp_path, "reflect:reflectie")
    run.submit([], reflection="Eerst overleggen.", ticked=["F9-T1"])
    # Another window of the same attempt moved back to the intro meanwhile.
    run.store.set_position(run.learner_id, run.attempt.id, "intro")
    run.save_check(["F9-T2", "F9-T3"])
    attempt = stored(run)
    checked = attempt.answers[-1]
    assert checked == Answer(
        "reflectie", [], checked.at, reflection="Eerst overleggen.", ticked_tips=["F9-T2", "F9-T3"]
    )
    assert attempt.answer_for("reflectie") == checked and len(attempt.answers) == 6
    assert attempt.position == "check:reflectie"
    assert run.attempt == attempt


def test_checking_tips_drops_the_draft_of_the_check(tmp_path: Path) -> None:
    run = school_at(tmp_path, "reflect:reflectie")
    run.submit([], reflection="Eerst overleggen.")
    run.keep_draft({"ticked_tips": ["F9-T2"]})
    assert run.drafts == {"reflectie": {"ticked_tips": ["F9-T2"]}}
    run.save_check(["F9-T2"])
    assert run.drafts == {}
    assert run.store.drafts(run.learner_id, run.attempt.id) == {}


def test_checking_before_the_reflection_is_given_is_refused(tmp_path: Path) -> None:
    run = school_at(tmp_path, "reflect:reflectie")
    assert run.answer("reflectie") is None
    for where in ("reflect:reflectie", "intro"):
        run.go(-99 if where == "intro" else 0)
        with pytest.raises(ValueError) as refused:
            run.save_check(["F9-T1"])
        assert (str(run.position), str(refused.value)) == (where, "no reflection to check")
    assert stored(run).answer_for("reflectie") is None


# -- score and finish -------------------------------------------------------------------------


def test_the_score_follows_the_path_of_the_learners_own_role(tmp_path: Path) -> None:
    run = school_at(tmp_path, "reflect:reflectie")
    # (0 + 100 + 100 + 100) / 4; the wijkteam's path would skip signaal and score 100.
    assert run.score() == 75
    run.submit([], reflection="Eerst overleggen.")
    assert run.finish() == 75
    attempt = stored(run)
    assert (attempt.status, attempt.score, attempt.ending) == ("finished", 75, "een-plan")
    assert attempt.finished is not None and run.attempt == attempt


def test_a_finished_pass_is_not_finished_again(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    run = school_at(tmp_path, "consequence:signaal", SCHOOL_PATH[:1])  # wacht-af only: 0
    calls: list[tuple] = []
    finish_attempt = run.store.finish_attempt

    def recording(*args: object, **kwargs: object) -> Attempt:
        calls.append((*args, kwargs))
        return finish_attempt(*args, **kwargs)

    monkeypatch.setattr(run.store, "finish_attempt", recording)
    assert run.finish() == 0
    assert calls == [(run.learner_id, run.attempt.id, 0, {"ending": None})]
    first = stored(run)
    assert run.finish() == 0
    assert len(calls) == 1  # the store is not asked again
    assert stored(run) == first


# -- start ------------------------------------------------------------------------------------


def test_starting_stops_only_busy_attempts_of_this_case_begun_on_older_content(
    tmp_path: Path,
) -> None:
    store = ProgressStore(tmp_path)
    learner = store.create_profile("Sanne", "wijkteam").id
    older = store.start_attempt(learner, "tak", 0)  # busy, older content: stopped
    older_done = store.start_attempt(learner, "tak", 0)
    store.finish_attempt(learner, older_done.id, 40)  # finished: stays finished
    same = store.start_attempt(learner, "tak", 1)  # busy on this content: stays busy
    other = store.start_attempt(learner, "regie", 7)  # another case: untouched
    run = Pass.start(store, TAK, learner)
    statuses = {a.id: a.status for a in store.attempts(learner)}
    assert statuses == {
        older.id: "stopped",
        older_done.id: "finished",
        same.id: "busy",
        other.id: "busy",
        run.attempt.id: "busy",
    }
    assert store.attempt(learner, older_done.id).score == 40
