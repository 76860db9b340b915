"""Team training without a screen: the session, tallies, reveal, agreements, storage, attendance."""

from __future__ import annotations

from pathlib import Path

import pytest
from team_fixtures import (
    AGAINST,
    CHOOSE,
    DECIDE,
    REFLECT,
    SCENARIOS,
    TIPS,
    TRUST,
    new_session,
)

from wijzer_tui.cli import main
from wijzer_tui.domain.content.scoring import scenario_score
from wijzer_tui.domain.team.group import GroupEntry, group_choice
from wijzer_tui.domain.team.outline import sections
from wijzer_tui.domain.team.prompts import HET_GESPREK, discussion_prompts
from wijzer_tui.domain.team.session import TeamError, TeamSession
from wijzer_tui.domain.team.store import TeamStore, TeamTraining
from wijzer_tui.widgets.timer import Countdown, clock_text

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


def test_the_groups_choice_is_what_more_than_half_of_the_attendees_voted_for() -> None:
    session = new_session("Ann", "Bo", "Cas", "Dirk")
    session.bump(CHOOSE, TIPS[1], 3)
    session.bump(CHOOSE, TIPS[0], 2)  # half is not more than half
    session.bump(CHOOSE, AGAINST[0], 1)  # one dissenting vote never speaks for the group
    assert group_choice(CHOOSE, session.entry(CHOOSE.id)) == [TIPS[1]]
    session.add_attendee("Eva")  # a late attendee raises the bar until the reveal
    session.bump(CHOOSE, TIPS[0], 1)
    assert set(group_choice(CHOOSE, session.entry(CHOOSE.id))) == {TIPS[1], TIPS[0]}
    session.reveal(CHOOSE)
    session.add_attendee("Fleur")  # after the reveal the group's choice stays as it was
    assert set(group_choice(CHOOSE, session.entry(CHOOSE.id))) == {TIPS[1], TIPS[0]}


def test_sessions_stored_before_the_majority_rule_keep_their_choice() -> None:
    entry = GroupEntry.from_dict({"mode": "tally", "tallies": {TIPS[1]: 1}, "revealed": True})
    assert group_choice(CHOOSE, entry) == [TIPS[1]]


def test_a_decision_by_votes_needs_one_winner() -> None:
    session = new_session("Ann", "Bo", "Cas")
    first, second = (o.id for o in DECIDE.decide_options[:2])
    session.bump(DECIDE, first, 1)
    session.bump(DECIDE, second, 1)
    with pytest.raises(TeamError, match="Geen optie heeft een meerderheid"):
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
    session.bump(CHOOSE, TIPS[0], 2)
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
    session.bump(CHOOSE, TIPS[0], 2)
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
    training.bump(TIPS[0], 2)
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


def test_wijzer_team_opens_team_training_in_the_chosen_folder(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.delenv("WIJZER_PROGRESS_DIR", raising=False)
    monkeypatch.setattr("wijzer_tui.cli.has_terminal", lambda: True)
    opened: list[str | None] = []
    monkeypatch.setattr("wijzer_tui.app.run_team", lambda folder: opened.append(folder) or 0)
    assert main(["--progress-dir", "/tmp/a", "team"]) == 0
    assert main(["team", "--progress-dir", "/tmp/b"]) == 0
    assert main(["team"]) == 0
    assert opened == ["/tmp/a", "/tmp/b", None]
    with pytest.raises(SystemExit):
        main(["team", "--help"])
    out = capsys.readouterr().out
    assert "gebruik: wijzer team" in out and "Start de teamtraining" in out
    with pytest.raises(SystemExit):
        main(["--help"])
    assert "teamtraining op een gedeeld scherm" in capsys.readouterr().out
