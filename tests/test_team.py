"""Team training without a screen: the session, tallies, reveal, agreements, storage, attendance."""

from __future__ import annotations

import errno
import json
import os
import stat
from pathlib import Path

import pytest

from wijzer_tui.domain.errors import ExportError, StoreError
from wijzer_tui.domain.loader import load_scenarios
from wijzer_tui.domain.model import Scenario, Step
from wijzer_tui.domain.report_team import load_team_agreements
from wijzer_tui.domain.scoring import scenario_score
from wijzer_tui.domain.store import ProgressStore
from wijzer_tui.domain.team import TeamError, TeamSession, group_choice, sections
from wijzer_tui.domain.team_prompts import HET_GESPREK, discussion_prompts
from wijzer_tui.domain.team_store import TeamStore, TeamTraining, record_attendance
from wijzer_tui.domain.team_summary import (
    default_export_path,
    discussed_tips,
    resolve_export_path,
    save_markdown,
    summary_markdown,
)
from wijzer_tui.widgets.timer import Countdown, clock_text

SCENARIOS = load_scenarios()
TRUST = next(s for s in SCENARIOS if s.id == "vertrouwen")


def step_of(scenario: Scenario, kind: str) -> Step:
    return next(s for s in scenario.steps if s.kind == kind)


CHOOSE, DECIDE, REFLECT = (step_of(TRUST, k) for k in ("choose", "decide", "reflect"))
TIPS = [o.id for o in CHOOSE.choose_options if o.kind == "tip"]
AGAINST = [o.id for o in CHOOSE.choose_options if o.kind == "against"]


def new_session(*names: str) -> TeamSession:
    return TeamSession.new(TRUST, "Wijkteam Noord", "Gemeente Zuid", list(names or ("Ann", "Bo")))


def played(session: TeamSession) -> TeamSession:
    """Two tips and one advised-against action voted, decide by majority, all revealed."""
    session.bump(CHOOSE, TIPS[0], len(session.attendees))
    session.bump(CHOOSE, TIPS[1], 1)
    session.bump(CHOOSE, AGAINST[0], 1)
    session.reveal(CHOOSE)
    session.bump(DECIDE, DECIDE.decide_options[1].id, len(session.attendees))
    session.reveal(DECIDE)
    session.reveal(REFLECT)
    return session


# -- the session -------------------------------------------------------------------------


def test_a_new_session_is_dated_today_with_clean_names() -> None:
    session = TeamSession.new(TRUST, "  Team\tNoord ", "", ["  Ann ", "B.\x07K."], 7)
    assert session.team == "Team Noord"
    assert session.attendees == ["Ann", "B. K."]
    assert session.timer_minutes == 7
    assert len(session.date) == 10 and session.date[4] == "-"
    assert session.status == "busy" and session.position == "intro"


def test_a_session_needs_someone_and_refuses_doubles() -> None:
    with pytest.raises(TeamError, match="minstens één deelnemer"):
        TeamSession.new(TRUST, "T", "O", ["  ", ""])
    session = new_session("Ann")
    with pytest.raises(TeamError, match="staat al"):
        session.add_attendee("ann")
    with pytest.raises(TeamError, match="1 tot 60"):
        session.set_minutes(0)


def test_someone_can_join_late_and_a_name_can_be_removed_but_not_the_last() -> None:
    session = new_session("Ann")
    assert session.add_attendee("Cas") == "Cas"
    assert session.attendees == ["Ann", "Cas"]
    session.remove_attendee("Ann")
    with pytest.raises(TeamError, match="minstens één"):
        session.remove_attendee("Cas")


def test_pages_run_from_the_case_through_every_step_to_the_summary() -> None:
    assert sections(TRUST) == [
        "intro", "case", "why", *(f"step:{s.id}" for s in TRUST.steps), "agreements", "summary",
    ]  # fmt: skip


# -- tallies and consensus ----------------------------------------------------------------


def test_tallies_count_up_and_down_but_never_below_zero_or_above_the_attendees() -> None:
    session = new_session("Ann", "Bo")
    assert session.bump(CHOOSE, TIPS[0], +1) == 1
    assert session.bump(CHOOSE, TIPS[0], +1) == 2
    with pytest.raises(TeamError, match="Er zijn 2 deelnemers"):
        session.bump(CHOOSE, TIPS[0], +1)
    assert session.bump(CHOOSE, TIPS[0], -5) == 0
    assert TIPS[0] not in session.entry(CHOOSE.id).tallies
    with pytest.raises(TeamError, match="hoort niet"):
        session.bump(CHOOSE, "bestaat-niet", 1)


def test_a_late_attendee_makes_room_for_one_more_vote() -> None:
    session = new_session("Ann")
    session.bump(CHOOSE, TIPS[0], 1)
    with pytest.raises(TeamError):
        session.bump(CHOOSE, TIPS[0], 1)
    session.add_attendee("Cas")
    assert session.bump(CHOOSE, TIPS[0], 1) == 2


def test_in_a_decision_everyone_has_one_vote() -> None:
    session = new_session("Ann", "Bo")
    first, second = (o.id for o in DECIDE.decide_options[:2])
    session.bump(DECIDE, first, 1)
    session.bump(DECIDE, second, 1)
    with pytest.raises(TeamError, match="Iedereen heeft al gestemd"):
        session.bump(DECIDE, first, 1)


def test_the_groups_choice_is_every_option_with_a_vote() -> None:
    session = new_session("Ann", "Bo")
    session.bump(CHOOSE, TIPS[1], 1)
    session.bump(CHOOSE, AGAINST[0], 2)
    assert set(group_choice(CHOOSE, session.entry(CHOOSE.id))) == {TIPS[1], AGAINST[0]}


def test_a_decision_by_votes_needs_one_winner() -> None:
    session = new_session("Ann", "Bo", "Cas")
    first, second = (o.id for o in DECIDE.decide_options[:2])
    session.bump(DECIDE, first, 1)
    session.bump(DECIDE, second, 1)
    with pytest.raises(TeamError, match="Het staat gelijk"):
        session.reveal(DECIDE)
    session.bump(DECIDE, second, 1)
    assert group_choice(DECIDE, session.entry(DECIDE.id)) == [second]
    session.reveal(DECIDE)
    assert session.answers(TRUST) == {DECIDE.id: [second]}


def test_consensus_is_a_set_of_actions_or_exactly_one_decision() -> None:
    session = new_session()
    session.set_mode(CHOOSE, "consensus")
    session.toggle_consensus(CHOOSE, TIPS[0])
    session.toggle_consensus(CHOOSE, TIPS[1])
    assert session.toggle_consensus(CHOOSE, TIPS[0]) == [TIPS[1]]
    session.set_mode(DECIDE, "consensus")
    session.toggle_consensus(DECIDE, DECIDE.decide_options[0].id)
    assert session.toggle_consensus(DECIDE, DECIDE.decide_options[2].id) == [
        DECIDE.decide_options[2].id
    ]


def test_switching_mode_keeps_both_inputs_and_uses_the_active_one() -> None:
    session = new_session()
    session.bump(CHOOSE, TIPS[0], 1)
    session.set_mode(CHOOSE, "consensus")
    session.toggle_consensus(CHOOSE, AGAINST[0])
    assert group_choice(CHOOSE, session.entry(CHOOSE.id)) == [AGAINST[0]]
    session.set_mode(CHOOSE, "tally")
    assert group_choice(CHOOSE, session.entry(CHOOSE.id)) == [TIPS[0]]


# -- reveal --------------------------------------------------------------------------------


def test_nothing_can_be_revealed_before_the_group_chose() -> None:
    session = new_session()
    with pytest.raises(TeamError, match="Vul eerst de keuze van de groep in"):
        session.reveal(CHOOSE)
    assert not session.is_revealed(CHOOSE.id)
    session.reveal(REFLECT)  # a reflection has nothing to enter
    assert session.is_revealed(REFLECT.id)


def test_after_the_reveal_the_choices_are_fixed_and_count_for_the_score() -> None:
    session = new_session()
    session.bump(CHOOSE, TIPS[0], 1)
    assert session.answers(TRUST) == {}  # hidden results are no answers yet
    session.reveal(CHOOSE)
    with pytest.raises(TeamError, match="al onthuld"):
        session.bump(CHOOSE, TIPS[1], 1)
    with pytest.raises(TeamError, match="al onthuld"):
        session.set_mode(CHOOSE, "consensus")
    answers = session.answers(TRUST)
    assert answers == {CHOOSE.id: [TIPS[0]]}
    assert session.score(TRUST) == scenario_score(TRUST, answers)


def test_the_training_refuses_to_move_on_past_an_unrevealed_step(tmp_path: Path) -> None:
    training = TeamTraining(TeamStore(tmp_path), TRUST, new_session())
    training.go(+3)
    assert training.step == CHOOSE
    with pytest.raises(TeamError, match="Onthul eerst"):
        training.go(+1)
    training.bump(TIPS[0], 1)
    training.reveal()
    assert training.go(+1) == f"step:{DECIDE.id}"


# -- agreements ------------------------------------------------------------------------------


def test_agreements_are_written_changed_and_deleted() -> None:
    session = new_session()
    session.add_agreement("Ann", "Kennismaking plannen", "voor 1 april")
    session.add_agreement("", "  Evaluatie\n agenderen ", "")
    session.update_agreement(0, "Ann en Bo", "Kennismaking plannen", "1 april")
    assert [a.to_dict() for a in session.agreements] == [
        {"who": "Ann en Bo", "what": "Kennismaking plannen", "when": "1 april"},
        {"who": "", "what": "Evaluatie agenderen", "when": ""},
    ]
    session.delete_agreement(0)
    assert [a.what for a in session.agreements] == ["Evaluatie agenderen"]
    with pytest.raises(TeamError, match="wát"):
        session.add_agreement("Ann", "   ", "morgen")
    with pytest.raises(TeamError, match="bestaat niet meer"):
        session.update_agreement(5, "a", "b", "c")


# -- storage and resume ----------------------------------------------------------------------


def test_a_saved_session_is_private_and_readable_for_the_coordinators(tmp_path: Path) -> None:
    store = TeamStore(tmp_path)
    session = played(new_session())
    session.add_agreement("Ann", "Kennismaking plannen", "april")
    store.save(session)
    path = tmp_path / "teams" / f"{session.id}.json"
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert stat.S_IMODE(path.parent.stat().st_mode) == 0o700
    doc = next(iter(json.loads(path.read_text("utf-8"))["session"].values()))
    assert doc["agreements"] == [{"who": "Ann", "what": "Kennismaking plannen", "when": "april"}]
    assert doc["attendees"] == ["Ann", "Bo"] and doc["status"] == "busy"
    assert (doc["scenario_id"], doc["team"], doc["organisation"]) == (
        "vertrouwen", "Wijkteam Noord", "Gemeente Zuid",
    )  # fmt: skip
    assert doc["date"] == session.date
    [agreement] = load_team_agreements(tmp_path)
    assert (agreement.what, agreement.team, agreement.scenario_id, agreement.date) == (
        "Kennismaking plannen", "Wijkteam Noord", "vertrouwen", session.date,
    )  # fmt: skip
    assert (agreement.organisation, agreement.session_id) == ("Gemeente Zuid", session.id)


def test_a_session_resumes_exactly_where_it_was(tmp_path: Path) -> None:
    store = TeamStore(tmp_path)
    training = TeamTraining(store, TRUST, new_session())
    training.go(+3)
    training.bump(TIPS[0], 2)
    training.set_mode("consensus")
    training.toggle_consensus(TIPS[2])
    resumed = TeamTraining(
        TeamStore(tmp_path), TRUST, TeamStore(tmp_path).load(training.session.id)
    )
    assert resumed.section == f"step:{CHOOSE.id}"
    entry = resumed.session.entry(CHOOSE.id)
    assert (entry.mode, entry.tallies, entry.consensus) == ("consensus", {TIPS[0]: 2}, [TIPS[2]])
    assert [s.id for s in TeamStore(tmp_path).unfinished()] == [training.session.id]


def test_a_change_that_cannot_be_saved_is_undone(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    store = TeamStore(tmp_path)
    training = TeamTraining(store, TRUST, new_session())
    store.save(training.session)

    def disk_full(*_: object) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(os, "replace", disk_full)
    with pytest.raises(StoreError, match="de schijf is vol"):
        training.go(+1)
    monkeypatch.undo()
    assert training.section == "intro"
    assert TeamStore(tmp_path).load(training.session.id).position == "intro"
    assert list(store.folder.glob(".*.tmp")) == []


def test_a_damaged_session_file_is_set_aside_with_a_warning(tmp_path: Path) -> None:
    store = TeamStore(tmp_path)
    good = new_session()
    store.save(good)
    bad = store.folder / ("b" * 32 + ".json")
    bad.write_text("{niet json", "utf-8")
    assert [s.id for s in store.sessions()] == [good.id]
    assert not bad.exists()
    assert any("beschadigd" in w for w in store.warnings)
    assert list(store.folder.glob("b*.beschadigd-*.json"))


def test_finished_sessions_are_not_offered_to_resume(tmp_path: Path) -> None:
    teams = TeamStore(tmp_path)
    training = TeamTraining(teams, TRUST, played(new_session()))
    training.finish(ProgressStore(tmp_path))
    assert teams.unfinished() == []
    assert teams.load(training.session.id).status == "finished"


# -- attendance --------------------------------------------------------------------------------


def test_finishing_gives_every_attendee_a_team_attempt(tmp_path: Path) -> None:
    progress = ProgressStore(tmp_path)
    session = played(new_session("Ann", "Bo"))
    session.add_attendee("Cas")  # came in late
    TeamTraining(TeamStore(tmp_path), TRUST, session).finish(progress)
    records = {p.name: (p, attempts) for p, attempts in progress.all_records()}
    assert set(records) == {"Ann", "Bo", "Cas"}
    for profile, attempts in records.values():
        assert profile.attendee and (profile.team, profile.organisation) == (
            "Wijkteam Noord", "Gemeente Zuid",
        )  # fmt: skip
        [attempt] = attempts
        assert (attempt.mode, attempt.status, attempt.team_session_id) == (
            "team", "finished", session.id,
        )  # fmt: skip
        assert {a.step_id: a.option_ids for a in attempt.answers} == session.answers(TRUST)
        assert (
            attempt.score == session.score(TRUST) == scenario_score(TRUST, session.answers(TRUST))
        )
        assert progress.record_attempt(profile.id, TRUST.id) == attempt


def test_recording_twice_gives_nobody_a_second_attempt(tmp_path: Path) -> None:
    progress = ProgressStore(tmp_path)
    session = played(new_session("Ann", "Bo"))
    record_attendance(progress, session, TRUST)
    record_attendance(progress, session, TRUST)  # e.g. after a crash before the session was saved
    assert sorted(len(attempts) for _, attempts in progress.all_records()) == [1, 1]


def test_an_attendee_profile_is_reused_by_name_team_and_organisation(tmp_path: Path) -> None:
    progress = ProgressStore(tmp_path)
    own = progress.create_profile("Ann", "politie", "Gemeente Zuid", "Wijkteam Noord")
    record_attendance(progress, played(new_session("Ann")), TRUST)
    record_attendance(progress, played(new_session("ann")), TRUST)
    other_team = played(TeamSession.new(TRUST, "Team West", "Gemeente Zuid", ["Ann"]))
    record_attendance(progress, other_team, TRUST)
    profiles = progress.profiles()
    attendees = [p for p in profiles if p.attendee]
    assert len(attendees) == 2  # Noord (twice the same person) and West
    noord = next(p for p in attendees if p.team == "Wijkteam Noord")
    assert len(progress.attempts(noord.id)) == 2
    assert progress.attempts(own.id) == []  # a self-study profile is never used for attendance


# -- summary and export ------------------------------------------------------------------------


def test_the_summary_holds_the_case_choices_tallies_tips_and_agreements() -> None:
    session = played(new_session("Ann", "Bo"))
    session.date = "2026-03-12"
    session.add_agreement("Ann", "Overleg | plannen", "april")
    text = summary_markdown(TRUST, session)
    assert text.startswith(f"# Teamtraining: 3. {TRUST.title}")
    assert "- Datum: 12-03-2026" in text
    assert "- Deelnemers (2): Ann, Bo" in text
    assert f"- Score van de groep: {session.score(TRUST)}%" in text
    tip_text = next(o.text for o in CHOOSE.choose_options if o.id == TIPS[0])
    assert f"| 2× | {tip_text} | ✓ Past bij de wijzer |" in text
    assert "| 0× |" in text  # options nobody chose show their tally too
    assert "✗ De wijzer raadt dit af" in text and "○ Gemist" in text
    assert "| Ann | Overleg \\| plannen | april |" in text
    assert "## Afspraken (wie · wat · wanneer)" in text
    for tip in discussed_tips(TRUST, session):
        assert " ".join(tip.text.split()) in text
    assert "deel het alleen met het team" in text


def test_an_unrevealed_step_stays_hidden_in_the_summary() -> None:
    session = new_session()
    session.bump(CHOOSE, AGAINST[0], 1)
    text = summary_markdown(TRUST, session)
    assert "Nog niet onthuld." in text
    assert "De wijzer raadt dit af" not in text


def test_the_summary_is_saved_in_the_exports_folder_or_where_the_trainer_says(
    tmp_path: Path,
) -> None:
    session = new_session()
    default = default_export_path(tmp_path, TRUST, session)
    assert (
        default
        == tmp_path / "exports" / f"teamtraining-{session.date}-wijkteam-noord-vertrouwen.md"
    )
    saved = save_markdown(default, summary_markdown(TRUST, session), make_folder=True)
    assert stat.S_IMODE(saved.stat().st_mode) == 0o600
    assert saved.read_text("utf-8").startswith("# Teamtraining")
    assert resolve_export_path("", default) == default
    assert resolve_export_path("team", default) == default.parent / "team.md"
    assert resolve_export_path(str(tmp_path), default) == tmp_path / default.name
    with pytest.raises(ExportError, match="bestaat niet"):
        save_markdown(tmp_path / "nergens" / "x.md", "x")


# -- prompts and timer -------------------------------------------------------------------------


def test_discussion_prompts_come_from_the_seeds_with_their_source() -> None:
    groups = discussion_prompts(TRUST, SCENARIOS)
    gesprek, own, reflection = groups
    assert gesprek.items == HET_GESPREK and "CCV" in gesprek.source
    assert own.items == (" ".join(REFLECT.prompt.split()),)
    five = next(s for s in SCENARIOS if s.number == 5)
    assert len(reflection.items) == len(five.tips) and "frustratie 5" in reflection.source


def test_the_countdown_runs_pauses_and_resets_on_a_fake_clock() -> None:
    now = [100.0]
    countdown = Countdown(300, clock=lambda: now[0])
    countdown.start()
    now[0] += 90
    assert clock_text(countdown.remaining()) == "3:30"
    countdown.pause()
    now[0] += 500
    assert clock_text(countdown.remaining()) == "3:30" and not countdown.running
    countdown.start()
    now[0] += 209.5
    assert clock_text(countdown.remaining()) == "0:01" and not countdown.done
    now[0] += 1
    assert countdown.done and not countdown.running
    countdown.reset()
    assert clock_text(countdown.remaining()) == "5:00" and not countdown.started
