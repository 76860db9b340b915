"""The team's discussion prompts word for word, each group with its title and source (Het Gesprek,
the case's own reflection question, the tips of frustration 5, left out when a case lacks them), and
the question a shared screen asks the group instead of the self-study learner."""

from __future__ import annotations

import dataclasses

from report_fixtures import ALFA, BETA

from wijzer_tui.domain.content.model import Step, Tip
from wijzer_tui.domain.team.prompts import PromptGroup, discussion_prompts, group_question

CASE = dataclasses.replace(
    ALFA,
    steps=(
        *ALFA.steps[:2],
        dataclasses.replace(ALFA.steps[2], prompt="Wanneer miste\n  jij regie?"),
    ),
)
REFLECTING = dataclasses.replace(
    BETA,
    number=5,
    title="Ik reflecteer te weinig",
    tips=(
        Tip("F5-T1", "Plan  een\n  intervisie.", "Intervisie"),
        Tip("F5-T2", "Vraag feedback van je partners."),
    ),
)
GESPREK = PromptGroup(
    "Vragen uit Het Gesprek",
    (
        "Wat heb jij nodig?",
        "Wat kun je en mag je van elkaar verwachten?",
        "Hoe help je elkaar verder?",
    ),
    "Het Gesprek, uit: Huiselijk geweld en de samenwerking tussen veiligheid en zorg "
    "(dossier van het CCV)",
)
OWN_QUESTION = PromptGroup(
    "Reflectievraag bij deze casus",
    ("Wanneer miste jij regie?",),
    "wijzer, casus 1: Ik mis de regie",
)
TIPS = PromptGroup(
    "Tips uit de wijzer om samen te reflecteren",
    ("Plan een intervisie.", "Vraag feedback van je partners."),
    "Frustratiewijzer (CCV, Movisie, NJi, maart 2023), frustratie 5: Ik reflecteer te weinig",
)


def test_the_prompts_are_het_gesprek_the_cases_question_and_the_tips_of_frustration_5() -> None:
    assert discussion_prompts(CASE, [CASE, BETA, REFLECTING]) == [GESPREK, OWN_QUESTION, TIPS]


def test_without_frustration_5_among_the_cases_its_tips_are_left_out() -> None:
    assert discussion_prompts(CASE, [CASE, BETA]) == [GESPREK, OWN_QUESTION]


def test_a_case_without_a_reflection_step_has_no_question_of_its_own() -> None:
    assert discussion_prompts(BETA, [REFLECTING]) == [GESPREK, TIPS]


CHOOSE_QUESTION = (
    "Wat doen jullie? Welke acties zouden jullie nemen? Kies er zoveel als jullie willen."
)


def test_a_choose_step_drops_the_self_study_instructions_for_the_group_question() -> None:
    step = Step(
        "kies",
        "choose",
        "Wat doe je?",
        "Wat doe jij?\n  Welke acties zou jij nemen? Kies er zoveel als je wilt.",
    )
    assert group_question(step) == ("Wat doe jij?", CHOOSE_QUESTION)
    only = dataclasses.replace(
        step, prompt="Welke acties zou jij nemen? Kies er zoveel als je wilt."
    )
    assert group_question(only) == ("", CHOOSE_QUESTION)


def test_a_decide_step_quotes_the_case_and_asks_for_one_next_step() -> None:
    step = Step("verder", "decide", "De casus gaat verder", "Hoe ga  je\n verder?")
    assert group_question(step) == (
        "Uit de casus: Hoe ga je verder?",
        "Wat doen jullie? Kies samen één vervolgstap.",
    )


def test_a_reflection_step_asks_its_own_question_as_written() -> None:
    step = Step("reflectie", "reflect", "Reflectie", "Wanneer miste\n jij regie?")
    assert group_question(step) == ("", "Wanneer miste\n jij regie?")
