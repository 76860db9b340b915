"""Team session rules with the exact Dutch words the trainer sees (page titles, refusals)."""

from __future__ import annotations

import pytest
from team_fixtures import CHOOSE, DECIDE, TIPS, TRUST, new_session

from wijzer_tui.domain.team.outline import attendee_count, page_title, people_text, sections
from wijzer_tui.domain.team.session import TeamError, TeamSession


def refusal(action) -> str:
    with pytest.raises(TeamError) as info:
        action()
    return info.value.message


def test_every_page_has_its_dutch_title() -> None:
    titles = [page_title(TRUST, section) for section in sections(TRUST)]
    kinds = {"choose": "Wat doen jullie?", "decide": "De casus gaat verder", "reflect": "Reflectie"}
    assert titles == [
        "Herken je dit?",
        "Het probleem",
        "Waarom is dit belangrijk?",
        *(kinds[s.kind] for s in TRUST.steps),
        "Afspraken (wie · wat · wanneer)",
        "Overzicht van de sessie",
    ]
    assert page_title(TRUST, "step:bestaat-niet") == ""
    assert page_title(TRUST, "onbekend") == ""


def test_people_are_counted_in_proper_dutch() -> None:
    assert attendee_count(1) == "1 deelnemer"
    assert attendee_count(3) == "3 deelnemers"
    assert people_text(1) == "Er is 1 deelnemer"
    assert people_text(2) == "Er zijn 2 deelnemers"


def test_removing_people_is_refused_with_a_reason() -> None:
    session = new_session("Ann")
    session.remove_attendee("Niemand")  # not on the list: nothing happens
    assert session.attendees == ["Ann"]
    assert refusal(lambda: session.remove_attendee("Ann")) == (
        "Er moet minstens één deelnemer blijven."
    )
    session.add_attendee("Bo")
    session.status = "finished"
    assert refusal(lambda: session.remove_attendee("Bo")) == (
        "Deze sessie is afgerond: de deelname is al vastgelegd."
    )
    assert session.attendees == ["Ann", "Bo"]


def test_an_agreement_past_the_end_cannot_be_changed_or_deleted() -> None:
    session = new_session("Ann")
    session.add_agreement("Ann", "Belt Veilig Thuis", "vrijdag")
    assert refusal(lambda: session.update_agreement(1, "Bo", "Iets", "")) == (
        "Deze afspraak bestaat niet meer."
    )
    session.delete_agreement(1)  # already gone (e.g. deleted twice): nothing happens
    assert [a.what for a in session.agreements] == ["Belt Veilig Thuis"]
    session.delete_agreement(0)
    assert session.agreements == []


def test_a_stored_session_reads_back_the_same() -> None:
    session = new_session("Ann", "Bo")
    session.bump(CHOOSE, TIPS[0], 2)
    session.reveal(CHOOSE)
    session.add_agreement("Ann", "Belt Veilig Thuis", "vrijdag")
    session.position, session.timer_minutes = "step:verder", 7
    session.status, session.finished = "finished", "2026-03-12T10:00:00+00:00"
    again = TeamSession.from_dict(session.to_dict())
    assert again == session
    assert again.entry(CHOOSE.id).tallies == {TIPS[0]: 2}


def test_an_old_or_short_session_file_gets_safe_defaults() -> None:
    short = {"id": "7", "scenario_id": "vertrouwen", "content_version": 2, "attendees": ["Ann"],
             "entries": {}}  # fmt: skip
    session = TeamSession.from_dict(short)
    assert (session.id, session.scenario_id, session.content_version) == ("7", "vertrouwen", 2)
    assert (session.team, session.organisation) == ("", "")
    assert (session.position, session.status, session.timer_minutes) == ("intro", "busy", 5)
    assert session.finished is None
    assert (session.attendees, session.entries, session.agreements) == (["Ann"], {}, [])
    for wrong in ({"status": "kwijt"}, {"id": 7}, {"content_version": "2"}):
        with pytest.raises((ValueError, TypeError)):  # RecordError is a TypeError
            TeamSession.from_dict({**short, **wrong})


def test_every_refusal_while_entering_choices_has_its_exact_dutch_words() -> None:
    session = new_session("Ann", "Bo")
    decide = [o.id for o in DECIDE.options]
    assert refusal(lambda: session.bump(CHOOSE, "bestaat-niet", 1)) == (
        "Deze optie hoort niet bij deze stap."
    )
    assert refusal(lambda: session.toggle_consensus(CHOOSE, "bestaat-niet")) == (
        "Deze optie hoort niet bij deze stap."
    )
    assert refusal(lambda: session.reveal(CHOOSE)) == (
        "Vul eerst de keuze van de groep in: stemmen of één gezamenlijke keuze."
    )
    session.bump(DECIDE, decide[0], 1)
    session.bump(DECIDE, decide[1], 1)
    assert refusal(lambda: session.bump(DECIDE, decide[0], 1)) == (
        "Iedereen heeft al gestemd (er zijn 2 deelnemers). Haal eerst ergens een stem weg."
    )
    assert refusal(lambda: session.reveal(DECIDE)) == (
        "Geen optie heeft een meerderheid: meer dan de helft van de 2 deelnemers. "
        "Verander een stem, of kies samen met Enter."
    )
    assert session.bump(DECIDE, decide[1], -1) == 0
    assert session.entry(DECIDE.id).tallies == {decide[0]: 1}  # a count of 0 is dropped
    session.bump(DECIDE, decide[0], 1)  # now more than half of the 2 attendees
    session.reveal(DECIDE)
    assert refusal(lambda: session.bump(DECIDE, decide[0], -1)) == (
        "Deze stap is al onthuld. De keuzes liggen vast."
    )
    session.status = "finished"
    assert refusal(lambda: session.bump(CHOOSE, TIPS[0], 1)) == "Deze sessie is afgerond."
    assert refusal(lambda: session.add_attendee("Cas")) == (
        "Deze sessie is afgerond: de deelname is al vastgelegd."
    )


def test_people_minutes_and_agreements_are_checked_with_exact_words() -> None:
    session = new_session("Ann")
    assert refusal(lambda: session.add_attendee("  ")) == "Vul een naam of initialen in."
    assert refusal(lambda: session.add_agreement("Ann", "  ", "")) == (
        "Vul bij een afspraak minstens in wát jullie doen."
    )
    session.set_minutes(1)
    session.set_minutes(60)
    assert session.timer_minutes == 60
    for wrong in (0, 61):
        assert refusal(lambda wrong=wrong: session.set_minutes(wrong)) == (
            "Kies een gesprekstijd van 1 tot 60 minuten."
        )
