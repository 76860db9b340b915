"""Mijn resultaten: a branching attempt shows its role, path, ending and score; an attempt whose
case changed since says so in Dutch and shows what still exists, with the score it had."""

from __future__ import annotations

from pathlib import Path

import pytest
from explore_fixtures import GOOD_PATH, TAK, load_tak, play_tak, tak_dir  # noqa: F401 (a fixture, used by name)
from selfstudy_driver import press, screen_text

from wijzer_tui.app import WijzerApp
from wijzer_tui.domain.content.loader import load_scenarios
from wijzer_tui.domain.progress import explore
from wijzer_tui.domain.progress.attempt_view import attempt_view, exploration_line
from wijzer_tui.domain.progress.records import Answer
from wijzer_tui.domain.progress.store import ProgressStore
from wijzer_tui.screens.results import ResultsScreen
from wijzer_tui.screens.what_if import WhatIfScreen

HALF_PATH = [("wat-doe-je", ["dossier"]), ("gesprek", ["mailen"]), ("overleg", ["ik-neem-het"])]


def old_attempt(root: Path) -> tuple[ProgressStore, str]:
    """A finished attempt made on an earlier version of tak: one of its steps is gone now."""
    store = ProgressStore(root)
    learner = store.create_profile("Sanne", "wijkteam")
    attempt = store.start_attempt(learner.id, "tak", 0)
    for answer in (Answer("wat-doe-je", ["vraag-gezin"]), Answer("oude-stap", ["weg"])):
        store.save_answer(learner.id, attempt.id, answer)
    store.save_answer(learner.id, attempt.id, Answer("gesprek", ["bestaat-niet"]))
    store.finish_attempt(learner.id, attempt.id, 70)
    return store, learner.id


def test_the_view_of_a_branching_attempt(tmp_path: Path) -> None:
    _, _, attempt = play_tak(tmp_path, HALF_PATH)
    view = attempt_view(load_tak(), attempt)
    assert view.role == "Medewerker van het wijkteam"
    assert [(p.title, p.chosen) for p in view.path] == [
        ("Wat doe je?", "Ik lees eerst het dossier nog eens door."),
        ("De casus gaat verder", "Ik mail alle hulpverleners apart een vraag."),
        ("Het overleg", "Ik neem het meteen zelf."),
    ]
    assert view.ending.title == "Los zand" and view.score == 33 and not view.changed
    assert [s.id for s in view.steps] == ["wat-doe-je", "gesprek", "overleg", "reflectie"]


def test_the_view_of_an_attempt_on_changed_content(tmp_path: Path) -> None:
    store, learner_id = old_attempt(tmp_path)
    [attempt] = store.attempts(learner_id)
    view = attempt_view(load_tak(), attempt)
    assert view.changed.startswith("Deze casus is veranderd sinds deze poging (toen versie 0")
    assert "1 antwoord hoort bij een deel dat er niet meer is." in view.changed
    assert "Je score van toen blijft staan: 70%." in view.changed
    assert [(p.title, p.chosen) for p in view.path] == [
        ("Wat doe je?", "Ik vraag de gezinsleden wie hun eerste aanspreekpunt is."),
        ("De casus gaat verder", "(bestaat niet meer)"),
    ]
    assert view.role == "" and view.score == 70


def test_an_exploration_in_one_line(tmp_path: Path) -> None:
    _, _, attempt = play_tak(tmp_path)
    tak = load_tak()
    exploration = explore.start(tak, attempt, "gesprek")
    line = exploration_line(tak, explore.with_answer(tak, attempt, exploration, ["mailen"]))
    assert line.endswith(
        "De casus gaat verder: Ik mail alle hulpverleners apart een vraag. → niet afgemaakt"
    )


def test_a_choice_list_shows_every_option_chosen_or_niets(tmp_path: Path) -> None:
    from wijzer_tui.domain.progress.attempt_view import chosen_text

    step = load_tak().step("wat-doe-je")
    assert chosen_text(step, ["vraag-gezin", "dossier"]) == (
        "Ik vraag de gezinsleden wie hun eerste aanspreekpunt is.; "
        "Ik lees eerst het dossier nog eens door."
    )
    assert chosen_text(step, []) == "niets"


def test_two_answers_that_are_gone_are_counted_in_the_plural(tmp_path: Path) -> None:
    store = ProgressStore(tmp_path)
    learner = store.create_profile("Sanne", "wijkteam")
    attempt = store.start_attempt(learner.id, "tak", 0)
    for step_id in ("oude-stap", "nog-een-oude-stap"):
        store.save_answer(learner.id, attempt.id, Answer(step_id, ["weg"]))
    store.finish_attempt(learner.id, attempt.id, 40)
    [attempt] = store.attempts(learner.id)
    view = attempt_view(load_tak(), attempt)
    assert "2 antwoorden horen bij een deel dat er niet meer is." in view.changed


def test_changed_content_lists_what_still_exists_in_file_order(tmp_path: Path) -> None:
    """Not along a path (the old answers may not make one): every step that still exists."""
    from dataclasses import replace

    _, _, attempt = play_tak(tmp_path, [("signaal", ["wacht-af"]), *GOOD_PATH], "school")
    tak = load_tak()
    newer = replace(tak, content_version=tak.content_version + 1)
    view = attempt_view(newer, attempt)
    assert view.changed and view.role == ""
    assert [s.id for s in view.steps] == [s.id for s in tak.steps if s.id in view_ids(attempt)]
    unchanged = attempt_view(tak, attempt)
    assert unchanged.role == "Intern begeleider" and not unchanged.changed


def test_an_answer_left_on_another_branch_shows_only_when_the_case_changed(
    tmp_path: Path,
) -> None:
    """The learner went down "alleen", then back: that answer is kept but not on the path. Mijn
    resultaten follows the path; once the case changed (no path to trust) it lists every step
    that still exists, in file order, that one too."""
    from dataclasses import replace

    path = [*GOOD_PATH[:2], ("alleen", ["doorgaan"]), GOOD_PATH[2]]
    _, _, attempt = play_tak(tmp_path, path)
    tak = load_tak()
    assert [s.id for s in attempt_view(tak, attempt).steps] == [
        "wat-doe-je",
        "gesprek",
        "overleg",
        "reflectie",
    ]
    newer = replace(tak, content_version=tak.content_version + 1)
    assert [s.id for s in attempt_view(newer, attempt).steps] == [
        "wat-doe-je",
        "gesprek",
        "overleg",
        "alleen",
        "reflectie",
    ]


def test_an_exploration_before_its_first_answer(tmp_path: Path) -> None:
    _, _, attempt = play_tak(tmp_path)
    tak = load_tak()
    line = exploration_line(tak, explore.start(tak, attempt, "overleg"))
    assert line.endswith(" · Het overleg: niets → niet afgemaakt")


def view_ids(attempt) -> set[str]:
    return {a.step_id for a in attempt.answers}


def test_an_exploration_line_names_its_ending_or_says_it_is_gone(tmp_path: Path) -> None:
    from dataclasses import replace

    from wijzer_tui.domain.progress.records import local_datetime

    _, _, attempt = play_tak(tmp_path)
    tak = load_tak()
    done = explore.with_answer(
        tak, attempt, explore.start(tak, attempt, "overleg"), ["ik-neem-het"]
    )
    assert exploration_line(tak, done) == (
        f"{local_datetime(done.started)} · Het overleg: Ik neem het meteen zelf. → afloop Los zand"
    )
    gone = replace(done, ending="oude-afloop", from_step="oude-stap")
    assert exploration_line(tak, gone).endswith(
        " · (bestaat niet meer) → afloop (bestaat niet meer)"
    )


@pytest.mark.usefixtures("tak_dir")
async def test_mijn_resultaten_of_a_changed_case_says_so_without_a_traceback(
    tmp_path: Path,
) -> None:
    store, _ = old_attempt(tmp_path / "voortgang")
    app = WijzerApp(load_scenarios([TAK]), store)
    async with app.run_test(size=(80, 24)) as pilot:
        await press(pilot, "r")
        assert isinstance(app.screen, ResultsScreen)
        text = screen_text(app)
        assert "Deze casus is veranderd sinds deze poging" in text
        assert "1. Wat doe je?: Ik vraag de gezinsleden wie hun eerste aanspreekpunt is." in text
        assert "2. De casus gaat verder: (bestaat niet meer)" in text
        assert "Je keuze van toen bestaat niet meer in de casus." in text
        assert "70%" in text
        await press(pilot, "w")  # Wat als… cannot follow a path that no longer exists
        assert isinstance(app.screen, ResultsScreen)
        assert explore.CHANGED in [n.message for n in app._notifications]


@pytest.mark.usefixtures("tak_dir")
async def test_wat_als_needs_a_finished_attempt(tmp_path: Path) -> None:
    store = ProgressStore(tmp_path / "voortgang")
    learner = store.create_profile("Sanne", "wijkteam")
    attempt = store.start_attempt(learner.id, "tak", 1, role="wijkteam")
    store.save_answer(learner.id, attempt.id, Answer("wat-doe-je", ["vraag-gezin"]))
    app = WijzerApp(load_scenarios([TAK]), store)
    async with app.run_test(size=(80, 24)) as pilot:
        await press(pilot, "r")
        text = screen_text(app)
        assert "1. Wat doe je?: Ik vraag de gezinsleden" in text and "Score:" not in text
        assert "Druk op w" not in text
        await press(pilot, "w")
        assert not isinstance(app.screen, WhatIfScreen)
        assert explore.NOT_FINISHED in [n.message for n in app._notifications]


TWO_CHOICES = """  - id: nog-een-keuze
    kind: choose
    title: Nog een keuze
    prompt: Wat doe je daarna?
    options:
      - id: bel-zelf
        text: Ik trek aan de bel.
        tip: F9-T3
      - id: niets
        text: Ik wacht af.
        neutral: Dat kan, maar het helpt niet.
    next: gesprek
"""


@pytest.mark.usefixtures("tak_dir")
async def test_a_path_with_two_choice_steps_shows_both(tmp_path: Path) -> None:
    """Each choice step has its own score on Mijn resultaten (no clash between the two)."""
    text = TAK.read_text(encoding="utf-8").replace(
        "    next: gesprek\n", "    next: nog-een-keuze\n"
    )
    two = tmp_path / "twee.yaml"
    two.write_text(text.replace("  - id: gesprek\n", TWO_CHOICES + "  - id: gesprek\n"))
    [scenario] = load_scenarios([two])
    path = [GOOD_PATH[0], ("nog-een-keuze", ["bel-zelf"]), *GOOD_PATH[1:]]
    store, _, _ = play_tak(tmp_path / "voortgang", path)
    app = WijzerApp([scenario], store)
    async with app.run_test(size=(80, 24)) as pilot:
        await press(pilot, "r")
        text = screen_text(app)
        assert "2. Nog een keuze: Ik trek aan de bel." in text
        assert text.count("Je score bij deze stap: 100%") == 4  # two choices, two decisions
