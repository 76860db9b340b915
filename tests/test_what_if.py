"""Wat als…? in the app: from Mijn resultaten and from the Afronding, choose otherwise at a
decision point of tak.yaml, reach the other ending, and see the counted attempt unchanged."""

from __future__ import annotations

from pathlib import Path

import pytest
from explore_fixtures import TAK, load_tak, play_tak, tak_dir  # noqa: F401 (a fixture, used by name)
from selfstudy_driver import pick, press, screen_text
from textual.pilot import Pilot
from textual.widgets import TextArea

from wijzer_tui.app import WijzerApp
from wijzer_tui.domain.content.feedback import HALF_LABEL
from wijzer_tui.domain.content.loader import load_scenarios
from wijzer_tui.domain.progress.records import Attempt
from wijzer_tui.domain.progress.store import ProgressStore
from wijzer_tui.screens.pass_screen import PassScreen
from wijzer_tui.screens.results import ResultsScreen
from wijzer_tui.screens.role_pick import RolePickScreen
from wijzer_tui.screens.what_if import WhatIfScreen
from wijzer_tui.widgets.choice_list import ChoiceList


def tak_app(store: ProgressStore) -> WijzerApp:
    return WijzerApp(load_scenarios([TAK]), store)


async def explore_overleg_otherwise(pilot: Pilot) -> None:
    """On the Wat als… screen: the third decision point ("Het overleg"), then the other option."""
    assert isinstance(pilot.app.screen, WhatIfScreen)
    await press(pilot, "down", "down", "v")
    assert "In je poging koos je: We kiezen samen wie het meest geschikt is." in screen_text(
        pilot.app
    )
    await pick(pilot, ["ik-neem-het"])
    await press(pilot, "v")  # Bevestigen: its consequence and feedback
    text = screen_text(pilot.app)
    assert "De anderen laten het aan jou over." in text
    assert HALF_LABEL in text  # half right: its own label, the wijzer's reason, attributed once
    assert "Misschien ben jij het, maar dat beslis je samen. (Bron: Frustratiewijzer" in text
    assert text.count("Misschien ben jij het") == 1
    await press(pilot, "v")


def assert_unchanged(store: ProgressStore, before: Attempt) -> None:
    after = store.attempt(before.learner_id, before.id)
    assert after == before  # answers, score, ending, finish time: all as they were
    record = store.record_attempt(before.learner_id, before.scenario_id)
    assert record is not None and (record.id, record.score, record.ending) == (
        before.id,
        100,
        "een-plan",
    )


@pytest.mark.usefixtures("tak_dir")
async def test_wat_als_from_mijn_resultaten_reaches_another_ending(tmp_path: Path) -> None:
    store, learner, attempt = play_tak(tmp_path / "voortgang")
    app = tak_app(store)
    async with app.run_test(size=(80, 24)) as pilot:
        await press(pilot, "r")
        assert isinstance(app.screen, ResultsScreen)
        text = screen_text(app)
        assert "Je rol: Medewerker van het wijkteam" in text
        assert "1. Wat doe je?: Ik vraag de gezinsleden wie hun eerste aanspreekpunt is." in text
        assert "3. Het overleg: We kiezen samen wie het meest geschikt is." in text
        assert "Afloop: Eén plan." in text and "Score: 100%" in text
        assert "Verkend (telt niet mee)" not in text
        await press(pilot, "w")
        await explore_overleg_otherwise(pilot)
        text = screen_text(app)
        assert "Afloop: Los zand" in text and "Iedereen doet weer zijn eigen deel." in text
        assert "In je poging kwam je uit bij: Eén plan." in text and "Je score blijft 100%" in text
        await press(pilot, "q")
        assert isinstance(app.screen, ResultsScreen)
        text = screen_text(app)
        assert "Verkend (telt niet mee)" in text
        assert "Het overleg: Ik neem het meteen zelf. → afloop Los zand" in text
        assert "Score: 100%" in text
    assert_unchanged(store, attempt)
    [saved] = store.explorations(learner.id, attempt.id)
    assert (saved.from_step, saved.ending) == ("overleg", "los-zand")
    assert saved.answers_by_step() == {"overleg": ["ik-neem-het"]}


@pytest.mark.usefixtures("tak_dir")
async def test_wat_als_plays_on_through_a_scene_the_attempt_never_saw(tmp_path: Path) -> None:
    store, learner, attempt = play_tak(tmp_path / "voortgang")
    app = tak_app(store)
    async with app.run_test(size=(80, 24)) as pilot:
        await press(pilot, "r", "w", "down", "enter")  # Enter picks the moment too
        offered = app.screen.query_one(ChoiceList).texts
        assert list(offered) == ["alleen-verder", "mailen"]  # not what the attempt chose
        await pick(pilot, ["alleen-verder"])
        await press(pilot, "v", "v")
        assert "Zes weken later" in screen_text(app)
        await pick(pilot, ["doorgaan"])
        await press(pilot, "v", "v")
        assert "Afloop: Los zand" in screen_text(app)
        await press(pilot, "w")  # another moment, from the start of Wat als…
        assert "Al verkend bij deze poging: 1." in screen_text(app)
    assert_unchanged(store, attempt)
    [saved] = store.explorations(learner.id)
    assert saved.answers_by_step() == {"gesprek": ["alleen-verder"], "alleen": ["doorgaan"]}


@pytest.mark.usefixtures("tak_dir")
async def test_another_way_to_the_same_ending_says_so(tmp_path: Path) -> None:
    store, learner, attempt = play_tak(tmp_path / "voortgang")
    app = tak_app(store)
    async with app.run_test(size=(80, 24)) as pilot:
        await press(pilot, "r", "w", "down", "enter")  # the second moment: Het gesprek
        await pick(pilot, ["mailen"])
        await press(pilot, "v", "v")
        await pick(pilot, ["samen-kiezen"])
        await press(pilot, "v", "v")
        text = screen_text(app)
        assert "Afloop: Eén plan" in text and "Dit is dezelfde afloop als in je poging." in text
        assert "In je poging kwam je uit bij" not in text
    assert_unchanged(store, attempt)
    assert [e.ending for e in store.explorations(learner.id)] == ["een-plan"]


@pytest.mark.usefixtures("tak_dir")
async def test_choosing_the_same_again_is_refused(tmp_path: Path) -> None:
    store, learner, _ = play_tak(tmp_path / "voortgang")
    app = tak_app(store)
    async with app.run_test(size=(80, 24)) as pilot:
        await press(pilot, "r", "w", "v")  # "Wat doe je?", a choose step: every option shows
        await pick(pilot, ["vraag-gezin"])  # what the attempt chose
        await press(pilot, "v")
        assert isinstance(app.screen, WhatIfScreen) and app.screen.phase == "question"
        assert store.explorations(learner.id) == []


async def play_pass_to_the_afronding(pilot: Pilot) -> None:
    """In a pass of tak.yaml (the wijkteam role): the best path, a reflection, the Afronding."""
    choices = {"wat-doe-je": ["vraag-gezin"], "gesprek": ["overleg-plannen"]}
    choices["overleg"] = ["samen-kiezen"]
    if isinstance(pilot.app.screen, RolePickScreen):
        await press(pilot, "enter")  # the first role: wijkteam
    screen = pilot.app.screen
    assert isinstance(screen, PassScreen)
    for _ in range(30):
        position = screen.session.position
        if position.section == "end":
            return
        if position.section in ("choose", "decide"):
            await pick(pilot, choices[position.step_id])
        elif position.section == "reflect":
            screen.query_one(TextArea).insert("Eerst overleggen.")
            await press(pilot, "ctrl+s")  # v would be typed into the text
            continue
        await press(pilot, "v")
    raise AssertionError("the Afronding was never reached")


@pytest.mark.usefixtures("tak_dir")
async def test_wat_als_from_the_afronding(tmp_path: Path) -> None:
    store = ProgressStore(tmp_path / "voortgang")
    learner = store.create_profile("Sanne", "wijkteam", "Gemeente Voorbeeld", "Team Noord")
    app = tak_app(store)
    async with app.run_test(size=(80, 24)) as pilot:
        await press(pilot, "enter")  # the only case on home
        await play_pass_to_the_afronding(pilot)
        [attempt] = store.attempts(learner.id)
        assert attempt.status == "finished" and attempt.ending == "een-plan"
        await press(pilot, "w")
        await explore_overleg_otherwise(pilot)
        assert "Afloop: Los zand" in screen_text(app)
        await press(pilot, "q")
        assert isinstance(app.screen, PassScreen)  # back on the Afronding
    assert_unchanged(store, attempt)
    assert [e.ending for e in store.explorations(learner.id)] == ["los-zand"]
