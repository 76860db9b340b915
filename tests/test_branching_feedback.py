"""A branching case's feedback: attributed decision feedback, deepening per scene, and how many
parts a pass has while the path still branches."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

from wijzer_tui.domain.content.feedback import MoveFeedback, move_feedback
from wijzer_tui.domain.content.graph import paths
from wijzer_tui.domain.content.loader import load_scenarios
from wijzer_tui.domain.content.model import DecideOption, Deepening
from wijzer_tui.domain.progress.pass_length import part_label, part_range
from wijzer_tui.domain.progress.records import Answer
from wijzer_tui.domain.progress.session import positions
from wijzer_tui.widgets import sections

TAK = load_scenarios([Path(__file__).resolve().parent / "data" / "v2" / "tak.yaml"])[0]
PORTRAITS = "De procesregisseurs aan het woord (portret van het CCV en Movisie)"
WIJZER = "Frustratiewijzer, frustratie 1"
WHY = "Zonder overleg blijft het overzicht versnipperd."


def move(source: str, text: str = WHY) -> DecideOption:
    return DecideOption(
        "x", "Ik mail iedereen.", "Vier antwoorden.", feedback_text=text, feedback_source=source
    )


@pytest.mark.parametrize(
    ("source", "score", "expected"),
    [
        (WIJZER, 0, MoveFeedback("against", "De wijzer raadt dit af", f"{WHY} (Bron: {WIJZER})")),
        (PORTRAITS, 0, MoveFeedback("against", f"Afgeraden (bron: {PORTRAITS})", WHY)),
        ("", 0, MoveFeedback("against", "Afgeraden", WHY)),
        (WIJZER, 50, MoveFeedback("half", "Half goed", f"{WHY} (Bron: {WIJZER})")),
        (PORTRAITS, 50, MoveFeedback("half", f"Half goed (bron: {PORTRAITS})", WHY)),
        (PORTRAITS, 100, MoveFeedback("good", f"Toelichting (bron: {PORTRAITS})", WHY)),
    ],
)
def test_the_wijzer_advises_against_only_where_it_says_so(source, score, expected) -> None:
    assert move_feedback(move(source), score) == expected


def test_no_feedback_text_no_feedback() -> None:
    assert move_feedback(move(WIJZER, text="  "), 0) is None


def shown(widgets) -> str:
    return "\n".join(str(w.render()) for w in widgets)


def test_deepening_shows_on_its_own_scene_at_most_two_with_the_application_apart() -> None:
    items = tuple(
        Deepening(
            f"Item {n}",
            f'"Citaat {n}."',
            PORTRAITS,
            application=f"Toepassing {n}.",
            scene="overleg",
        )
        for n in range(3)
    )
    scenario = dataclasses.replace(TAK, deepening=items)
    overleg, gesprek = scenario.step("overleg"), scenario.step("gesprek")
    text = shown(sections.consequence(scenario, overleg, Answer("overleg", ["samen-kiezen"])))
    assert "Verdieping: Item 0" in text and "Verdieping: Item 1" in text
    assert "Item 2" not in text  # at most two per feedback screen
    assert "\nIn deze casus: Toepassing 0.\n" in f"{text}\n"  # its own line, not in the quote
    assert '"Citaat 0."\n\n(Bron: ' in text
    other = shown(sections.consequence(scenario, gesprek, Answer("gesprek", ["mailen"])))
    assert "Verdieping" not in other


def test_the_number_of_parts_narrows_as_the_path_is_chosen() -> None:
    assert part_range(TAK, {}, "wijkteam") == (11, 13)
    assert part_range(TAK, {}, "school") == (13, 15)  # one scene more before the shared ones
    alone = {"wat-doe-je": ["vraag-gezin"], "gesprek": ["alleen-verder"]}
    assert part_range(TAK, alone, "wijkteam") == (11, 13)  # stop here, or one more decision
    assert part_range(TAK, {**alone, "alleen": ["doorgaan"]}, "wijkteam") == (11, 11)
    assert part_label(3, TAK, {}, "wijkteam") == "Deel 3 van 11–13"
    assert part_label(7, TAK, {**alone, "alleen": ["doorgaan"]}, "wijkteam") == "Deel 7 van 11"
    assert part_label(1, TAK, {}, "school") == "Deel 1 van 13–15"  # the label follows the role


def test_a_path_that_breaks_off_counts_what_is_known() -> None:
    """A choice leading nowhere (a file changed under an attempt): no range, no error. The parts
    are the intro, question and feedback of the three answered scenes, and the end: 8."""
    from dataclasses import replace

    overleg = TAK.step("overleg")
    options = tuple(
        replace(o, next="nergens") if o.id == "samen-kiezen" else o for o in overleg.decide_options
    )
    steps = tuple(replace(s, decide_options=options) if s.id == "overleg" else s for s in TAK.steps)
    broken = replace(TAK, steps=steps)
    answers = {"wat-doe-je": ["vraag-gezin"], "gesprek": ["overleg-plannen"]}
    answers["overleg"] = ["samen-kiezen"]
    assert part_range(broken, answers, "wijkteam") == (8, 8)
    assert part_label(8, broken, answers, "wijkteam") == "Deel 8 van 8"


def test_a_straight_case_keeps_its_fixed_number() -> None:
    straight = load_scenarios()[0]  # the frozen format-1 copy
    count = 1 + 2 * len(straight.steps) + 1
    assert part_label(1, straight, {}) == f"Deel 1 van {count}"


def test_a_choice_scene_with_a_situation_tells_how_the_case_goes_on() -> None:
    plain = TAK.step("wat-doe-je")
    assert sections.title_of("choose", plain) == "Wat doe je?"
    scene = dataclasses.replace(plain, situation="Twee weken later belt de school.")
    assert sections.title_of("choose", scene) == "De casus gaat verder"
    text = shown(sections.choose(scene, None))
    assert text.index("Twee weken later belt de school.") < text.index(scene.prompt)
    assert sections.title_of("compare", scene) == "Vergelijk met de wijzer"


def test_headings_name_the_scene_and_the_ending() -> None:
    assert (
        sections.title_of("decide", TAK.step("alleen")) == "De casus gaat verder · Zes weken later"
    )
    # A scene titled like the section is not named twice.
    assert sections.title_of("consequence", TAK.step("gesprek")) == "De casus gaat verder"
    assert sections.title_of("ending", None, TAK.ending("los-zand")) == "Afloop: Los zand"


def by_every_path(scenario, answers, role) -> tuple[int, int]:
    """The test's oracle: play out every path that agrees with the answers, count its parts."""
    counts = []
    for path in paths(scenario):
        chosen = {
            step: [option] if option not in ("", "-") else [] for step, option in path.choices
        }
        agrees = all(
            chosen[step] == answers[step] for step in chosen if step in answers and chosen[step]
        )
        if path.role == role and agrees:
            full = {**chosen, **{step: [] for step in scenario.after_ending}}
            counts.append(len(positions(scenario, full, role)))
    return min(counts), max(counts)


@pytest.mark.parametrize("role", ["wijkteam", "school"])
def test_the_range_matches_playing_out_every_path(role) -> None:
    """From every point on every path the range equals what the paths that remain give."""
    for path in paths(TAK):
        if path.role != role:
            continue
        answers: dict[str, list[str]] = {}
        for step, option in path.choices:
            assert part_range(TAK, answers, role) == by_every_path(TAK, answers, role)
            answers[step] = [option] if option not in ("", "-") else []
        assert part_range(TAK, answers, role) == by_every_path(TAK, answers, role)
