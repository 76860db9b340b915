"""The session summary's rules, figure for figure and word for word: the rows of a choose and a
decide step (id, tally, chosen, verdict, note), the score of each step, which tips the group
discussed, and the whole Markdown of a finished session with a situation and decision feedback, of
a session with nothing revealed yet, of a stored choice the case no longer has, and of a branching
case (the path rule)."""

from __future__ import annotations

import dataclasses

from explore_fixtures import load_tak
from report_fixtures import ALFA

from wijzer_tui.domain.content.model import ChooseOption
from wijzer_tui.domain.team.group import GroupEntry
from wijzer_tui.domain.team.session import TeamSession
from wijzer_tui.domain.team.summary import (
    OptionRow,
    choose_rows,
    decide_rows,
    discussed_tips,
    step_score,
    summary_markdown,
)

_KIES, _VERDER, _REFLECTIE = ALFA.steps
SCENARIO = dataclasses.replace(
    ALFA,
    steps=(
        dataclasses.replace(
            _KIES,
            situation="Het is maandag.\n   De school  belt.  ",
            prompt="Wat doe jij? Welke acties zou jij nemen? Kies er zoveel als je wilt.",
        ),
        dataclasses.replace(
            _VERDER,
            prompt="Hoe ga je verder?",
            decide_options=(
                _VERDER.decide_options[0],
                dataclasses.replace(
                    _VERDER.decide_options[1],
                    feedback_text="Wachten helpt\n  niemand.",
                    feedback_source="Frustratiewijzer, frustratie 1",
                ),
            ),
        ),
        dataclasses.replace(_REFLECTIE, prompt="Wanneer miste jij regie?"),
    ),
)
KIES, VERDER, REFLECTIE = SCENARIO.steps
T1, T2, T3 = SCENARIO.tips
MAJORITY = "De groep kiest een optie als meer dan de helft van de deelnemers erop stemt."
SHARE = (
    "> Dit overzicht bevat de namen van deelnemers: deel het alleen met het team. "
    "Schrijf nooit namen of details op waaraan een cliënt te herkennen is."
)
SCORE_RULE = (
    f"Score: {MAJORITY} Elke gekozen tip telt voor één punt, elke afgeraden keuze kost één punt. "
    "De score is dat saldo gedeeld door het aantal tips in de stap (nooit lager dan 0%)."
)


def session_of(*names: str) -> TeamSession:
    session = TeamSession.new(SCENARIO, "Wijkteam Noord", "Gemeente Zuid", list(names))
    session.date = "2026-03-12"
    return session


def stale_decide(session: TeamSession) -> TeamSession:
    """The decide step as a stored session keeps it after the case changed: revealed, its
    consensus an option the step no longer has."""
    session.entries[VERDER.id] = GroupEntry("consensus", {}, ["weg"], revealed=True, people=1)
    return session


# -- rows --------------------------------------------------------------------------------------


def test_choose_rows_give_each_option_its_id_tally_choice_verdict_and_note() -> None:
    session = session_of("Ann", "Bo")
    session.bump(KIES, "o1", 2)
    session.bump(KIES, "x1", 1)
    session.set_mode(KIES, "consensus")  # the tallies stay and are shown beside the options
    for option_id in ("o1", "x1", "n1"):
        session.toggle_consensus(KIES, option_id)
    assert choose_rows(SCENARIO, KIES, session.entries[KIES.id]) == [
        OptionRow("o1", "Ik vraag het gezin.", 2, True, "in_line", T1.text),
        OptionRow("x1", "Ik wacht af.", 1, True, "against", "Afgeraden. Waarom niet: Dan doet niemand iets."),
        OptionRow("n1", "Ik lees het dossier.", 0, True, "neutral", "Lost niets op."),
        OptionRow("o2", "Ik organiseer overleg.", 0, False, "missed", T2.text),
        OptionRow("o3", "Ik spreek de regie af.", 0, False, "missed", T3.text),
    ]  # fmt: skip


def test_options_nobody_chose_say_only_who_advises_against_them() -> None:
    session = session_of("Ann", "Bo")
    for option_id, votes in (("o2", 1), ("x1", 1), ("n1", 2)):
        session.bump(KIES, option_id, votes)
    assert choose_rows(SCENARIO, KIES, session.entries[KIES.id]) == [
        OptionRow("n1", "Ik lees het dossier.", 2, True, "neutral", "Lost niets op."),
        OptionRow("o2", "Ik organiseer overleg.", 1, False, "missed", T2.text),
        OptionRow("o1", "Ik vraag het gezin.", 0, False, "missed", T1.text),
        OptionRow("o3", "Ik spreek de regie af.", 0, False, "missed", T3.text),
        OptionRow("x1", "Ik wacht af.", 1, False, "not_chosen", "Afgeraden."),
    ]


def test_a_tip_option_whose_tip_the_case_no_longer_has_has_no_note() -> None:
    gone = ChooseOption("o4", "Ik bel de huisarts.", "tip", "A-T9")
    step = dataclasses.replace(KIES, choose_options=(KIES.choose_options[0], gone))
    entry = GroupEntry("consensus", consensus=["o4"])
    assert choose_rows(SCENARIO, step, entry) == [
        OptionRow("o4", "Ik bel de huisarts.", 0, True, "in_line", ""),
        OptionRow("o1", "Ik vraag het gezin.", 0, False, "missed", T1.text),
    ]


def test_decide_rows_keep_the_shown_order_with_tallies_and_the_groups_choice() -> None:
    session = session_of("Ann", "Bo", "Cas")
    session.bump(VERDER, "goed", 1)
    session.bump(VERDER, "fout", 2)
    assert decide_rows(VERDER, session.entries[VERDER.id]) == [
        OptionRow("goed", "Samen kiezen.", 1, False, "not_chosen"),
        OptionRow("fout", "Niets doen.", 2, True, "not_chosen"),
    ]


# -- scores and tips ---------------------------------------------------------------------------


def test_each_step_scores_the_groups_choice_and_nothing_without_one() -> None:
    # Choose: tips o1 and o2 minus against x1 = 1 of 3 tips = 33%. Decide: goed follows 2 of 2
    # tips = 100%, fout ignores both = 0%. Reflect, or a decide step without a choice: None.
    assert step_score(SCENARIO, KIES, GroupEntry("consensus", consensus=["o1", "o2", "x1"])) == 33
    assert step_score(SCENARIO, VERDER, GroupEntry("consensus", consensus=["goed"])) == 100
    assert step_score(SCENARIO, VERDER, GroupEntry("consensus", consensus=["fout"])) == 0
    assert step_score(SCENARIO, VERDER, GroupEntry()) is None
    assert step_score(SCENARIO, VERDER, GroupEntry("consensus", consensus=["weg"])) is None
    assert step_score(SCENARIO, REFLECTIE, GroupEntry(revealed=True)) is None


def test_a_revealed_decision_shows_the_tips_it_follows_or_ignores() -> None:
    session = session_of("Ann")
    session.set_mode(VERDER, "consensus")
    session.toggle_consensus(VERDER, "fout")  # ignores A-T1 and A-T2
    session.reveal(VERDER)
    assert discussed_tips(SCENARIO, session) == [T1, T2]


def test_a_step_still_hidden_does_not_hide_the_steps_after_it() -> None:
    session = session_of("Ann")
    session.bump(KIES, "o1", 1)  # not revealed
    session.reveal(REFLECTIE)
    assert discussed_tips(SCENARIO, session) == [T1, T2, T3]


def test_a_stored_choice_the_case_no_longer_has_discusses_no_tips() -> None:
    assert discussed_tips(SCENARIO, stale_decide(session_of("Ann"))) == []


# -- the whole summary -------------------------------------------------------------------------

# Ann and Bo: o1, o2, o3 and n1 by two votes each, x1 by one; fout by two; all revealed; the
# session finished. Choose: 3 of 3 tips = 100%; decide: fout ignores both tips = 0%; the group:
# (100 + 0) / 2 = 50%.
FINISHED = [
    "# Teamtraining: 1. Ik mis de regie",
    "",
    "- Datum: 12-03-2026",
    "- Team: Wijkteam Noord",
    "- Organisatie: Gemeente Zuid",
    "- Deelnemers (2): Ann, Bo",
    "- Status: Afgerond",
    "- Score van de groep: 50%",
    "",
    SHARE,
    "",
    "## Wat doe je?",
    "",
    "Het is maandag. De school belt.",
    "",
    "Wat doe jij?",
    "",
    "**Wat doen jullie? Welke acties zouden jullie nemen? Kies er zoveel als jullie willen.**",
    "",
    "| Stemmen | Actie | Uit de wijzer |",
    "| ---: | --- | --- |",
    "| 2× | Ik vraag het gezin. | ✓ Past bij de wijzer |",
    "| 2× | Ik organiseer overleg. | ✓ Past bij de wijzer |",
    "| 2× | Ik spreek de regie af. | ✓ Past bij de wijzer |",
    "| 2× | Ik lees het dossier. | · Neutraal |",
    "| 1× | Ik wacht af. | Niet gekozen · Afgeraden. |",
    "",
    f"De groep koos met stemmen. {MAJORITY}",
    "",
    "Score bij deze stap: 100%",
    "",
    "## De casus gaat verder",
    "",
    "Uit de casus: Hoe ga je verder?",
    "",
    "**Wat doen jullie? Kies samen één vervolgstap.**",
    "",
    "| Stemmen | Keuze |",
    "| ---: | --- |",
    "| 0× | Samen kiezen. |",
    "| 2× | **Niets doen.** |",
    "",
    f"De groep koos met stemmen. {MAJORITY} Wat er gebeurt: Het loopt vast.",
    "",
    "De wijzer raadt dit af: Wachten helpt niemand. (Bron: Frustratiewijzer, frustratie 1)",
    "",
    "Score bij deze stap: 0%",
    "",
    "## Reflectie",
    "",
    "**Wanneer miste jij regie?**",
    "",
    "Besproken in de groep.",
    "",
    "## Tips uit de wijzer die jullie bespraken",
    "",
    "- Vraag het gezin wie het aanspreekpunt is.",
    "- Organiseer een multidisciplinair overleg.",
    "- Spreek af wie de regie heeft en wat die doet.",
    "",
    "## Afspraken (wie · wat · wanneer)",
    "",
    "Nog geen afspraken.",
    "",
    "## Bronnen",
    "",
    "- Frustratiewijzer",
    "",
    SCORE_RULE,
    "",
]


def test_a_finished_session_reads_with_situation_and_decision_feedback() -> None:
    session = session_of("Ann", "Bo")
    for option_id, votes in (("o1", 2), ("o2", 2), ("o3", 2), ("n1", 2), ("x1", 1)):
        session.bump(KIES, option_id, votes)
    session.reveal(KIES)
    session.bump(VERDER, "fout", 2)
    session.reveal(VERDER)
    session.reveal(REFLECTIE)
    session.status = "finished"  # as TeamTraining.finish marks it
    assert summary_markdown(SCENARIO, session).split("\n") == FINISHED


def unrevealed(decide: list[str], score: int) -> list[str]:
    """The summary of Ann's session with the choose step hidden, its decide step as given."""
    return [
        "# Teamtraining: 1. Ik mis de regie",
        "",
        "- Datum: 12-03-2026",
        "- Team: Wijkteam Noord",
        "- Organisatie: Gemeente Zuid",
        "- Deelnemers (1): Ann",
        "- Status: Bezig",
        f"- Score van de groep: {score}%",
        "",
        SHARE,
        "",
        "## Wat doe je?",
        "",
        "Het is maandag. De school belt.",
        "",
        "Wat doe jij?",
        "",
        "**Wat doen jullie? Welke acties zouden jullie nemen? Kies er zoveel als jullie willen.**",
        "",
        "Nog niet onthuld.",
        "",
        "## De casus gaat verder",
        "",
        "Uit de casus: Hoe ga je verder?",
        "",
        "**Wat doen jullie? Kies samen één vervolgstap.**",
        "",
        *decide,
        "## Reflectie",
        "",
        "**Wanneer miste jij regie?**",
        "",
        "Besproken in de groep.",
        "",
        "## Tips uit de wijzer die jullie bespraken",
        "",
        "Nog geen tips onthuld.",
        "",
        "## Afspraken (wie · wat · wanneer)",
        "",
        "Nog geen afspraken.",
        "",
        "## Bronnen",
        "",
        "- Frustratiewijzer",
        "",
        SCORE_RULE,
        "",
    ]


def test_a_session_with_nothing_revealed_says_so_at_every_step_and_under_the_tips() -> None:
    session = session_of("Ann")
    assert summary_markdown(SCENARIO, session).split("\n") == unrevealed(
        ["Nog niet onthuld.", ""], 0
    )


def test_a_stored_choice_the_case_no_longer_has_shows_the_options_without_outcome() -> None:
    session = stale_decide(session_of("Ann"))
    decide = ["| Stemmen | Keuze |", "| ---: | --- |", "| – | Samen kiezen. |", "| – | Niets doen. |", ""]  # fmt: skip
    assert summary_markdown(SCENARIO, session).split("\n") == unrevealed(decide, 0)


def test_a_branching_case_shows_the_path_first_and_explains_the_path_score() -> None:
    tak = load_tak()
    session = TeamSession.new(tak, "", "", ["Ann"], role="school")
    session.date = "2026-03-12"
    assert summary_markdown(tak, session).split("\n") == [
        "# Teamtraining: 9. Ik mis de regie",
        "",
        "- Datum: 12-03-2026",
        "- Team: –",
        "- Organisatie: –",
        "- Deelnemers (1): Ann",
        "- Status: Bezig",
        "- Score van de groep: 0%",
        "",
        SHARE,
        "",
        "## Het pad van de groep",
        "",
        "Rol: Intern begeleider",
        "",
        "1. Een signaal: nog niet onthuld",
        "",
        "**Afloop: nog niet bereikt**",
        "",
        "## Een signaal",
        "",
        "De oudste zoon spijbelt veel.",
        "",
        "Uit de casus: Wat doe je?",
        "",
        "**Wat doen jullie? Kies samen één vervolgstap.**",
        "",
        "Nog niet onthuld.",
        "",
        "## Tips uit de wijzer die jullie bespraken",
        "",
        "Nog geen tips onthuld.",
        "",
        "## Afspraken (wie · wat · wanneer)",
        "",
        "Nog geen afspraken.",
        "",
        "## Bronnen",
        "",
        "- Frustratiewijzer: Samenwerken bij de aanpak van huiselijk geweld en kindermishandeling "
        "(CCV, Movisie, NJi, maart 2023)",
        "",
        f"Score: {MAJORITY} Elke beslissing op het pad van de groep is één punt waard (een half "
        "goede keuze een half punt). De score is het aantal punten gedeeld door het aantal "
        "beslissingen op dat pad.",
        "",
    ]
