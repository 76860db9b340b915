"""Team session rules with the exact Dutch words the trainer sees (page titles, refusals)."""

from __future__ import annotations

import pytest
from team_fixtures import CHOOSE, DECIDE, TIPS, TRUST, new_session

from wijzer_tui.domain.team import session as team_session
from wijzer_tui.domain.team.outline import attendee_count, page_title, people_text, sections
from wijzer_tui.domain.team.session import TeamError, TeamSession, parse_dutch_date


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


@pytest.mark.parametrize(
    ("typed", "stored"),
    [
        ("12-03-2026", "2026-03-12"),
        (" 2-3-2026 ", "2026-03-02"),  # one digit for day and month, blanks around
        ("12/03/2026", "2026-03-12"),
        ("12.03.2026", "2026-03-12"),
        ("29-02-2024", "2024-02-29"),  # a leap day
        ("01-12-2026", "2026-12-01"),  # the latest day allowed is fine
    ],
)
def test_a_session_date_is_typed_the_dutch_way(typed: str, stored: str) -> None:
    assert parse_dutch_date(typed, latest="2026-12-01") == stored


@pytest.mark.parametrize(
    "typed",
    ["", "12-03", "12-03-26", "12-03-02026", "2026-03-12", "31-04-2026", "29-02-2025", "a-b-2026",
     "12-03-2026-1", "0-03-2026", "12-13-2026"],
)  # fmt: skip
def test_a_session_date_in_another_form_is_refused_with_an_example(typed: str) -> None:
    assert refusal(lambda: parse_dutch_date(typed, latest="2026-12-01")) == (
        "Vul de datum in als dd-mm-jjjj, bijvoorbeeld 12-03-2026."
    )


def test_a_session_date_in_the_future_is_refused() -> None:
    assert refusal(lambda: parse_dutch_date("02-12-2026", latest="2026-12-01")) == (
        "Deze datum ligt in de toekomst. Vul de dag in waarop de sessie was."
    )


def test_without_a_latest_date_today_is_the_latest(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(team_session, "today", lambda: "2026-03-12")
    assert parse_dutch_date("12-03-2026") == "2026-03-12"
    assert refusal(lambda: parse_dutch_date("13-03-2026")).startswith("Deze datum ligt in de")
