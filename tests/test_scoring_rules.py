"""The sentence that explains a case's score, word for word: a straight case averages its choice
steps, a branching case counts the decisions on the learner's own path."""

from __future__ import annotations

from pathlib import Path

from wijzer_tui.domain.content.loader import load_scenarios
from wijzer_tui.domain.content.scoring import scenario_rule

DATA = Path(__file__).resolve().parent / "data"


def test_a_straight_case_explains_its_score_as_the_average_of_its_choice_steps() -> None:
    (straight,) = load_scenarios([DATA / "valid" / "voorbeeld.yaml"])
    assert scenario_rule(straight) == (
        "Je eindscore is het gemiddelde van je scores bij alle keuzestappen, zoals 'Wat doe je?' en "
        "'De casus gaat verder'."
    )


def test_a_branching_case_explains_its_score_by_the_decisions_on_the_path() -> None:
    (branching,) = load_scenarios([DATA / "v2" / "tak.yaml"])
    assert scenario_rule(branching) == (
        "Elke beslissing op jouw pad is één punt waard (een half goede keuze een half punt); je "
        "eindscore is je punten gedeeld door het aantal beslissingen op jouw pad."
    )
