"""Team session rules pinned word for word: the date a session was held, the attendee list and its
limits, votes that do not change, the revealed answers, the length of an agreement, the draft that
follows a deleted agreement, and the stored shape of a session (with the Dutch message of a
wrongly typed field)."""

from __future__ import annotations

import pytest
from team_fixtures import AGAINST, CHOOSE, DECIDE, REFLECT, TIPS, TRUST, new_session, played

from wijzer_tui.domain.progress.records import RecordError
from wijzer_tui.domain.team.group import GroupEntry, TeamAgreement
from wijzer_tui.domain.team.session import (
    MAX_AGREEMENT,
    MAX_ATTENDEES,
    TeamError,
    TeamSession,
    agreement_draft_of,
)


def refusal(action) -> str:
    with pytest.raises(TeamError) as info:
        action()
    return info.value.message


def record_error(action) -> str:
    with pytest.raises(RecordError) as info:
        action()
    return str(info.value)


# -- a new session -------------------------------------------------------------------------------


def test_a_session_held_earlier_keeps_the_date_it_was_held() -> None:
    session = TeamSession.new(TRUST, "Team", "Org", ["Ann"], when="2026-03-12")
    assert session.date == "2026-03-12"


def test_a_session_without_anyone_is_refused_in_dutch() -> None:
    assert refusal(lambda: TeamSession.new(TRUST, "Team", "Org", ["", "  "])) == (
        "Vul minstens één deelnemer in: een naam of initialen."
    )


# -- attendees -----------------------------------------------------------------------------------


def test_sixty_attendees_fit_and_the_sixty_first_is_refused() -> None:
    session = new_session(*(f"Persoon {n}" for n in range(1, MAX_ATTENDEES)))
    assert session.add_attendee("Persoon 60") == "Persoon 60"
    assert len(session.attendees) == MAX_ATTENDEES == 60
    assert refusal(lambda: session.add_attendee("Persoon 61")) == (
        "Er kunnen hoogstens 60 deelnemers in één sessie."
    )


def test_two_different_linked_learners_may_both_attend() -> None:
    session = TeamSession.new(TRUST, "T", "O", ["Ann"], links={"Ann": "learner-1"})
    session.add_attendee("Bo", "learner-2")
    session.add_attendee("Cas", "")
    assert session.links == {"Ann": "learner-1", "Bo": "learner-2", "Cas": ""}
    assert refusal(lambda: session.add_attendee("Anna", "learner-1")) == (
        "Deze persoon staat al bij de deelnemers, als Ann."
    )


def test_a_late_attendee_changes_the_head_count_of_an_open_step() -> None:
    session = new_session("Ann", "Bo")
    session.bump(CHOOSE, TIPS[0], 2)
    session.add_attendee("Cas")
    assert session.entry(CHOOSE.id).people == 3


# -- votes ---------------------------------------------------------------------------------------


def test_a_vote_that_changes_nothing_is_never_refused() -> None:
    """After someone left, a step may hold more votes than people; a bump of 0 keeps them."""
    session = new_session("Ann", "Bo", "Cas")
    session.bump(CHOOSE, TIPS[0], 3)
    session.bump(DECIDE, DECIDE.decide_options[0].id, 2)
    session.bump(DECIDE, DECIDE.decide_options[1].id, 1)
    session.remove_attendee("Cas")
    session.remove_attendee("Bo")
    assert session.bump(CHOOSE, TIPS[0], 0) == 3
    assert session.bump(DECIDE, DECIDE.decide_options[0].id, 0) == 2


def test_taking_a_vote_from_an_option_without_votes_leaves_it_at_zero() -> None:
    session = new_session("Ann", "Bo")
    assert session.bump(CHOOSE, AGAINST[0], -1) == 0
    assert session.entry(CHOOSE.id).tallies == {}


def test_the_answers_are_the_revealed_choose_and_decide_steps_only() -> None:
    session = played(new_session("Ann", "Bo", "Cas"))
    assert session.answers(TRUST) == {
        CHOOSE.id: [o.id for o in CHOOSE.options if o.id in {TIPS[0], TIPS[1], AGAINST[0]}],
        DECIDE.id: [DECIDE.decide_options[1].id],
    }
    assert session.is_revealed(REFLECT.id)


# -- agreements ----------------------------------------------------------------------------------


def test_what_an_agreement_says_is_cut_at_two_hundred_characters() -> None:
    session = new_session("Ann")
    agreement = session.add_agreement("Ann", "x" * 250, "vrijdag")
    assert MAX_AGREEMENT == 200
    assert agreement == TeamAgreement("Ann", "x" * 200, "vrijdag")


def draft_editing(editing: int, deleted: int) -> int | None:
    session = new_session("Ann")
    for what in ("Eén", "Twee", "Drie"):
        session.add_agreement("Ann", what, "")
    session.agreement_draft = {"who": "", "what": "Nieuw", "when": "", "editing": editing}
    session.delete_agreement(deleted)
    assert [a.what for a in session.agreements] == [
        w for i, w in enumerate(("Eén", "Twee", "Drie")) if i != deleted
    ]
    assert set(session.agreement_draft) == {"who", "what", "when", "editing"}
    return session.agreement_draft["editing"]


def test_a_draft_of_a_later_agreement_moves_up_when_an_earlier_one_is_deleted() -> None:
    assert draft_editing(2, 0) == 1
    assert draft_editing(2, 1) == 1


def test_a_draft_of_the_deleted_agreement_becomes_a_new_agreement() -> None:
    assert draft_editing(1, 1) is None
    assert draft_editing(0, 0) is None


def test_a_draft_of_an_earlier_agreement_stays_where_it_was() -> None:
    assert draft_editing(0, 2) == 0


# -- storage -------------------------------------------------------------------------------------


def test_a_session_is_stored_with_every_field() -> None:
    session = new_session("Ann", "Bo")
    session.created, session.updated = "2026-01-02T10:00:00", "2026-01-02T11:00:00"
    data = session.to_dict()
    assert data == {
        "id": session.id,
        "scenario_id": "vertrouwen",
        "content_version": TRUST.content_version,
        "team": "Wijkteam Noord",
        "organisation": "Gemeente Zuid",
        "date": session.date,
        "attendees": ["Ann", "Bo"],
        "links": {},
        "entries": {},
        "agreements": [],
        "position": "intro",
        "status": "busy",
        "timer_minutes": 5,
        "created": "2026-01-02T10:00:00",
        "updated": "2026-01-02T11:00:00",
        "finished": None,
        "agreement_draft": {},
        "role": session.role,
    }
    assert TeamSession.from_dict(data).created == "2026-01-02T10:00:00"


def test_a_wrongly_typed_field_is_named_in_dutch() -> None:
    data = new_session("Ann").to_dict()
    data["team"] = 5
    assert record_error(lambda: TeamSession.from_dict(data)) == (
        "in de sessie heeft het veld 'team' een verkeerd type"
    )
    assert record_error(lambda: TeamAgreement.from_dict({"what": 5})) == (
        "in een afspraak heeft het veld 'what' een verkeerd type"
    )
    assert record_error(lambda: GroupEntry.from_dict({"people": "3"})) == (
        "in een stap van de sessie heeft het veld 'people' een verkeerd type"
    )


def test_a_draft_with_only_what_keeps_empty_who_and_when() -> None:
    assert agreement_draft_of({"what": "Bellen"}) == {
        "who": "",
        "what": "Bellen",
        "when": "",
        "editing": None,
    }


def test_a_draft_editing_no_valid_index_becomes_a_new_agreement() -> None:
    for editing in (-1, True, "2", 1.0):
        assert agreement_draft_of({"what": "Bellen", "editing": editing})["editing"] is None
    assert agreement_draft_of({"what": "Bellen", "editing": 0})["editing"] == 0
