"""The Markdown and CSV reports, whole, for the hand-checked fixtures (see report_fixtures)."""

from __future__ import annotations

import csv
import io
import time

import pytest
from report_fixtures import ALFA, SCENARIOS, at, done, records

from wijzer_tui.domain.progress.records import Answer, Profile
from wijzer_tui.domain.reports.agreements import Agreement
from wijzer_tui.domain.reports.exports import dutch_date, short_date, to_csv, to_markdown
from wijzer_tui.domain.reports.grid import build_report

AGREEMENT = Agreement(
    "Anna", "Belt Veilig Thuis", "vrijdag", "alfa", "Team Noord", "s1", "Org A", "2025-03-12"
)


def fixture_report():
    report = build_report(records(), SCENARIOS, agreements=[AGREEMENT])
    report.generated = "2025-03-20T09:00:00+00:00"
    return report


# alfa: Anna, bram and Dirk finished (84 each), Carla new; A-T3 missed by Anna and Dirk, A-T1
# by bram. beta: bram finished (100), Anna busy, Dirk stopped (busy), Carla new. Only Dirk
# shares his reflection.
MARKDOWN = [
    "# Overzicht wijzer: voortgang en kennishiaten",
    "",
    "Gemaakt op 20-03-2025. Deelnemers: alle deelnemers.",
    "Aantal deelnemers: 4.",
    "",
    "## Per casus",
    "",
    "| Casus | Afgerond | Bezig | Nieuw | Gemiddelde score |",
    "| --- | --- | --- | --- | --- |",
    "| 1. Ik mis de regie | 3 van 4 (75%) | 0 | 1 | 84% |",
    "| 2. Ik weet niet wat mijn partners doen | 1 van 4 (25%) | 2 | 1 | 100% |",
    "",
    "## Kennishiaten: tips die het vaakst gemist worden",
    "",
    "### 1. Ik mis de regie",
    "",
    "1. **Spreek de regie af** (A-T3), gemist door 2 van 3 (67%).",
    "   > Spreek af wie de regie heeft en wat die doet.",
    "2. **Vraag het gezin** (A-T1), gemist door 1 van 3 (33%).",
    "   > Vraag het gezin wie het aanspreekpunt is.",
    "",
    "### 2. Ik weet niet wat mijn partners doen",
    "",
    "Nog geen gemiste tips: niemand heeft deze casus afgerond, of niemand miste een tip.",
    "",
    "",
    "## Afspraken uit teamtrainingen",
    "",
    "- **Anna** doet: Belt Veilig Thuis (wanneer: vrijdag). _1. Ik mis de regie, Team Noord, 12-03-2025_",
    "",
    "## Frustratiescan per team en organisatie",
    "",
    "Hoe zwaar de vijf frustraties wegen (1 = niet, 5 = heel zwaar), voor en na het oefenen. Een "
    "verandering onder 0 betekent: weegt nu lichter. Alleen groepen van minstens 5 deelnemers; per "
    "persoon is niets te zien.",
    "",
    "Nog geen teams of organisaties in dit overzicht.",
    "",
    "## Deelnemers",
    "",
    "Per casus: score en datum van afronden (Z = zelfstudie, T = teamtraining).",
    "",
    "| Naam | Team | Organisatie | Beroepsgroep | 1 | 2 |",
    "| --- | --- | --- | --- | --- | --- |",
    "| Anna | Team Noord | Org A | politie | 84% (05-03-2025, T) | bezig 06-03 |",
    "| bram | Team Zuid | Org B | onderwijs | 84% (02-03-2025, Z) | 100% (03-03-2025, Z) |",
    "| Carla | Team Noord | Org B | onderwijs | nieuw | nieuw |",
    "| Dirk |  | Org A | politie | 84% (08-03-2025, Z) | bezig 09-03 |",
    "",
    "## Gedeelde reflecties",
    "",
    "Alleen van deelnemers die hun reflecties delen.",
    "",
    "- **Dirk**, Ik mis de regie: Eerst het gezin.",
    "",
]

# The last column, einde, is empty for a straight case (and for a case not finished).
CSV_LINES = [
    "deelnemer_id;naam;beroepsgroep;organisatie;team;demo;casus;casusnummer;casustitel;status;score;datum;vorm;pogingen;gemiste_tips;reflectie;einde",
    "anna;Anna;politie;Org A;Team Noord;nee;alfa;1;Ik mis de regie;afgerond;84;2025-03-05;teamtraining;2;A-T3;;",
    "anna;Anna;politie;Org A;Team Noord;nee;beta;2;Ik weet niet wat mijn partners doen;bezig;;2025-03-06;zelfstudie;1;;;",
    "bram;bram;onderwijs;Org B;Team Zuid;nee;alfa;1;Ik mis de regie;afgerond;84;2025-03-02;zelfstudie;2;A-T1;;",
    "bram;bram;onderwijs;Org B;Team Zuid;nee;beta;2;Ik weet niet wat mijn partners doen;afgerond;100;2025-03-03;zelfstudie;1;;;",
    "carla;Carla;onderwijs;Org B;Team Noord;nee;alfa;1;Ik mis de regie;nieuw;;;;0;;;",
    "carla;Carla;onderwijs;Org B;Team Noord;nee;beta;2;Ik weet niet wat mijn partners doen;nieuw;;;;0;;;",
    "dirk;Dirk;politie;Org A;;nee;alfa;1;Ik mis de regie;afgerond;84;2025-03-08;zelfstudie;2;A-T3;Eerst het gezin.;",
    "dirk;Dirk;politie;Org A;;nee;beta;2;Ik weet niet wat mijn partners doen;bezig;;2025-03-09;zelfstudie;1;;;",
    "",
]


def test_the_markdown_report_reads_as_the_coordinator_gets_it() -> None:
    assert to_markdown(fixture_report()).split("\n") == MARKDOWN


def test_the_csv_report_has_one_hand_checked_line_per_learner_and_scenario() -> None:
    assert to_csv(fixture_report()).split("\r\n") == CSV_LINES


def test_odd_values_are_quoted_exactly_as_the_csv_module_does() -> None:
    odd = Profile(
        "x1", 'Zoë "Z"', "politie", "Org\nNoord", "Team;Zuid", "2025-03-01", synthetic=True
    )
    carriage = Profile("x2", "Piet", "onderwijs", "Org\rWest", "Team, Oost", "2025-03-01")
    for delimiter in (";", ","):
        text = to_csv(build_report([(odd, []), (carriage, [])], SCENARIOS), delimiter)
        rows = list(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter))
        assert [row[1:6] for row in rows[1:]] == [
            # a carriage return is shown escaped (it would end the row in some programs)
            ["Piet", "onderwijs", "Org\\x0dWest", "Team, Oost", "nee"],
            ["Piet", "onderwijs", "Org\\x0dWest", "Team, Oost", "nee"],
            ['Zoë "Z"', "politie", "Org\\x0aNoord", "Team;Zuid", "ja"],
            ['Zoë "Z"', "politie", "Org\\x0aNoord", "Team;Zuid", "ja"],
        ]
        again = io.StringIO(newline="")
        csv.writer(again, delimiter=delimiter, lineterminator="\r\n").writerows(rows)
        assert text == again.getvalue()


def test_markdown_says_how_many_learners_are_demo_learners() -> None:
    demo = Profile("d1", "Demo 0001", "politie", "", "", "2025-03-01", synthetic=True)
    text = to_markdown(build_report([*records(), (demo, [])], SCENARIOS))
    assert "Let op: 1 van hen zijn demodeelnemers (verzonnen)." in text
    assert "| Demo 0001 (demo) |  |  | politie | nieuw | nieuw |" in text
    assert "Let op" not in to_markdown(build_report(records(), SCENARIOS))


def test_dates_are_shown_in_the_readers_time_zone(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TZ", "Europe/Amsterdam")
    time.tzset()
    try:
        late = "2025-03-05T23:30:00+00:00"  # already 6 March in Amsterdam
        assert dutch_date(late) == "06-03-2025"
        assert short_date(late) == "06-03"
        assert dutch_date("2025-03-05T23:30:00") == "05-03-2025"  # no zone: taken as it is
    finally:
        monkeypatch.undo()  # the real zone again, for the tests that follow
        time.tzset()


def test_no_date_or_an_odd_date_shows_nothing() -> None:
    assert dutch_date(None) == "" and dutch_date("") == ""
    assert dutch_date("geen datum") == ""


def test_markdown_without_agreements_or_finishers_says_so() -> None:
    carla = records()[2]  # nothing done
    text = to_markdown(build_report([carla], SCENARIOS))
    assert "\nEr zijn nog geen afspraken uit teamtrainingen vastgelegd.\n" in text
    assert "\n| 1. Ik mis de regie | 0 van 1 (0%) | 0 | 1 | – |\n" in text
    elsewhere = Agreement("Bo", "Plant overleg", "", "weg", "Team Zuid", "s2", "", "2025-03-12")
    text = to_markdown(build_report([carla], SCENARIOS, agreements=[elsewhere]))
    assert "- **Bo** doet: Plant overleg (wanneer: nog open). _Team Zuid, 12-03-2025_" in text


def test_csv_lists_every_missed_tip_and_every_shared_reflection() -> None:
    eva = Profile("eva", "Eva", "politie", "", "", "2025-03-01", share_reflections=True)
    attempt = done("eva", "eva-1", ALFA, 4, ["o1"], 50, reflection="Eerst bellen.")
    attempt.answers.append(Answer("reflectie", [], at(4, "11:40:00"), "Dan plannen."))
    [row] = [r for r in csv.DictReader(io.StringIO(to_csv(build_report([(eva, [attempt])], SCENARIOS)), newline=""), delimiter=";") if r["casus"] == "alfa"]  # fmt: skip
    assert row["gemiste_tips"] == "A-T2 A-T3"
    assert row["reflectie"] == "Eerst bellen.\n\nDan plannen."
