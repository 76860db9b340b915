"""Pilot tests: a learner plays a branching case (format 2) along its branches in self-study."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from branching_driver import (
    TO_LOOSE_SAND,
    TO_ONE_PLAN,
    decide,
    open_tak,
    play,
    reflect_and_finish,
    reopen,
    tak_app,
)
from rich.console import Console
from rich.table import Table
from selfstudy_driver import option_text, press, screen_text
from textual.widgets import Static

from wijzer_tui.domain.content.scoring import PATH_RULE
from wijzer_tui.screens.home import HomeScreen
from wijzer_tui.screens.pass_screen import PassScreen
from wijzer_tui.screens.role_pick import RolePickScreen
from wijzer_tui.widgets.choice_list import ChoiceList


def flat(app) -> str:
    """The screen's text in order with wrapping undone, so a sentence can be found whole (Rich
    tables, such as the numbered path, rendered as the user reads them)."""
    parts = []
    for widget in app.screen.query(Static):
        if isinstance(widget.content, Table):
            console = Console(width=200, file=io.StringIO(), color_system=None)
            console.print(widget.content)
            parts.append(console.file.getvalue())
        else:
            parts.append(str(widget.render()))
    return " ".join(" ".join(parts).split())


def where(app) -> str:
    """The part of the case the learner is at ("Deel x van y"), without the role after it."""
    return str(app.screen.query_one("#where", Static).render()).split(" · Jouw rol: ")[0]


def saved_attempt(app):
    learner = app.store.profiles()[0]
    [attempt] = app.store.attempts(learner.id, "tak")
    return attempt


async def test_the_ideal_path_ends_in_one_plan(tmp_path: Path, monkeypatch) -> None:
    app = tak_app(tmp_path, monkeypatch)
    role, choices = TO_ONE_PLAN
    async with app.run_test(size=(80, 24)) as pilot:
        await open_tak(pilot, role)
        assert isinstance(app.screen, PassScreen)
        intro = flat(app)
        assert "Jouw rol: Medewerker van het wijkteam" in intro
        assert "Je bent de medewerker van het wijkteam die het gezin begeleidt." in intro
        assert where(app) == "Deel 1 van 11–13"  # the length depends on the choices to come
        await play(pilot, choices[:2])
        assert where(app) == "Deel 6 van 11"  # the path to the overleg is fixed from here
        text = flat(app)
        assert "De casus gaat verder · Het overleg" in text
        assert text.index("Iedereen zit aan tafel.") < text.index("Wie neemt de regie?")
        await decide(pilot, "samen-kiezen")
        text = flat(app)
        assert "De regievoerder is gekozen." in text
        assert "Verdieping: Eén gezin, één plan" in text  # the item names this scene
        assert PATH_RULE in text
        await press(pilot, "v")
        assert "Afloop: Eén plan" in flat(app)
        assert "Het gezin heeft één regievoerder en één plan." in flat(app)
        await reflect_and_finish(pilot)
        end = flat(app)
        assert "Je eindscore: 100%" in end and PATH_RULE in end
        assert "Jouw pad als medewerker van het wijkteam" in end
        assert "3. Het overleg: We kiezen samen wie het meest geschikt is. · 100%" in end
        assert end.index("3. Het overleg") < end.index("Afloop: Eén plan")
        assert where(app) == "Deel 11 van 11"
    attempt = saved_attempt(app)
    assert (attempt.status, attempt.role, attempt.ending, attempt.score) == (
        "finished",
        "wijkteam",
        "een-plan",
        100,
    )


async def test_another_role_and_path_ends_in_loose_sand(tmp_path: Path, monkeypatch) -> None:
    app = tak_app(tmp_path, monkeypatch)
    role, choices = TO_LOOSE_SAND
    async with app.run_test(size=(80, 24)) as pilot:
        await open_tak(pilot, role)
        assert "Je bent de intern begeleider op de school van de oudste zoon." in flat(app)
        # next to "Deel x van y", not in the header, where a long case title would cut it off
        assert "Deel 1 van " in flat(app) and " · Jouw rol: Intern begeleider" in flat(app)
        assert "Intern begeleider" not in app.screen.sub_title
        await play(pilot, choices[:2])
        await decide(pilot, "mailen")
        text = flat(app)
        assert "Je krijgt vier verschillende antwoorden." in text
        # Half right, said by the wijzer: half marks, the wijzer's place, no "afgeraden".
        assert "Half goed Je zoekt contact, maar zonder overleg blijft het overzicht" in text
        assert "(Bron: Frustratiewijzer, frustratie 1)" in text
        assert "Afgeraden" not in text and "De wijzer raadt dit af" not in text
        assert "Je score bij deze stap: 50%" in text
        assert "Verdieping" not in text  # tak's only item belongs to the overleg
        await press(pilot, "v")
        await decide(pilot, "ik-neem-het")
        await press(pilot, "v")
        assert "Afloop: Los zand" in flat(app)
        await reflect_and_finish(pilot)
        end = flat(app)
        assert "Je eindscore: 25%" in end  # (0 + 0 + ½ + ½) ÷ 4 decisions
        assert "1. Een signaal: Ik wacht nog een week. · 0%" in end
        assert "4. Het overleg: Ik neem het meteen zelf. · 50%" in end
        assert "Afloop: Los zand" in end and "Eén plan" not in end
    attempt = saved_attempt(app)
    assert (attempt.role, attempt.ending, attempt.score) == ("school", "los-zand", 25)


async def test_going_back_from_the_role_question_starts_nothing(
    tmp_path: Path, monkeypatch
) -> None:
    app = tak_app(tmp_path, monkeypatch)
    async with app.run_test(size=(80, 24)) as pilot:
        await press(pilot, "home", "enter")
        assert isinstance(app.screen, RolePickScreen)
        assert "Wie ben jij in deze casus?" in screen_text(app)
        await press(pilot, "escape")
        assert isinstance(app.screen, HomeScreen)
        assert app.store.attempts(app.store.profiles()[0].id) == []


async def test_a_case_with_one_role_asks_nothing_but_says_who_you_are(
    tmp_path: Path, monkeypatch
) -> None:
    app = tak_app(tmp_path, monkeypatch, one_role=True)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_tak(pilot, None)
        assert isinstance(app.screen, PassScreen)
        assert "Je bent de medewerker van het wijkteam die het gezin begeleidt." in flat(app)
        assert (
            str(app.screen.query_one("#where", Static).render()) == "Deel 1 van 11–13"
        )  # and no role after it
    assert saved_attempt(app).role == "wijkteam"


async def test_resume_lands_on_the_branch_and_answered_decisions_stay(
    tmp_path: Path, monkeypatch
) -> None:
    app = tak_app(tmp_path, monkeypatch)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_tak(pilot, 1)
        await play(pilot, [("signaal", "bel-wijkteam"), ("wat-doe-je", "vraag-gezin")])
        await decide(pilot, "alleen-verder")
        await press(pilot, "v")  # on "Zes weken later", only reached on this branch
        await press(pilot, "q")
        assert isinstance(app.screen, HomeScreen)

    resumed = reopen(tmp_path)  # a new start on the same progress folder
    async with resumed.run_test(size=(80, 24)) as pilot:
        await press(pilot, "v")  # Verder waar je was
        assert isinstance(resumed.screen, PassScreen)
        text = flat(resumed)
        assert "De casus gaat verder · Zes weken later" in text
        assert "Het gaat slechter met het gezin." in text
        assert where(resumed) == "Deel 8 van 13–15"
        await press(pilot, "t", "t")  # back to the answered decision
        decision = resumed.screen.query_one("#decision", ChoiceList)
        assert decision.chosen == ["alleen-verder"] and decision.disabled
        assert "Je keuze is opgeslagen." in flat(resumed)
        await press(pilot, "up", "space")  # cannot be changed in the attempt that counts
        assert decision.chosen == ["alleen-verder"]
        await press(pilot, "v", "v")
        assert "Zes weken later" in flat(resumed)
    answers = saved_attempt(resumed).answers
    assert [a.option_ids for a in answers if a.step_id == "gesprek"] == [["alleen-verder"]]


@pytest.mark.parametrize("size", [(80, 24), (60, 20)])
async def test_the_help_explains_both_scores(tmp_path: Path, monkeypatch, size) -> None:
    app = tak_app(tmp_path, monkeypatch)
    async with app.run_test(size=size) as pilot:
        await press(pilot, "question_mark")
        text = flat(app)
        assert PATH_RULE in text
        assert "Je eindscore is het gemiddelde van je scores" in text  # the straight case's


async def test_resume_on_the_ending_shows_the_ending(tmp_path: Path, monkeypatch) -> None:
    app = tak_app(tmp_path, monkeypatch)
    role, choices = TO_ONE_PLAN
    async with app.run_test(size=(80, 24)) as pilot:
        await open_tak(pilot, role)
        await play(pilot, choices)
        assert "Afloop: Eén plan" in flat(app)
        await press(pilot, "q")
    resumed = reopen(tmp_path)
    async with resumed.run_test(size=(80, 24)) as pilot:
        listed = option_text(resumed.screen.query_one("#scenario-list"), "tak")
        assert "Bezig · Afloop" in listed  # home says where the learner is
        await press(pilot, "v")
        assert "Afloop: Eén plan" in flat(resumed)
        assert where(resumed) == "Deel 8 van 11"


async def test_going_back_from_the_role_on_a_restart_keeps_the_busy_attempt(
    tmp_path: Path, monkeypatch
) -> None:
    app = tak_app(tmp_path, monkeypatch)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_tak(pilot, 1)
        await press(pilot, "v", "q")  # busy on the first scene, back home
        before = saved_attempt(app)
        await press(pilot, "home", "enter")  # Verder waar je was?
        await press(pilot, "tab", "enter")  # Opnieuw beginnen
        await press(pilot, "enter")  # yes, start again
        assert isinstance(app.screen, RolePickScreen)
        await press(pilot, "escape")
        assert isinstance(app.screen, HomeScreen)
        assert saved_attempt(app).to_dict() == before.to_dict()  # not stopped, none new
        await press(pilot, "home", "enter", "tab", "enter", "enter")
        await press(pilot, "enter")  # this time as the wijkteam
        assert isinstance(app.screen, PassScreen)
        learner = app.store.profiles()[0]
        attempts = {a.status: a.role for a in app.store.attempts(learner.id, "tak")}
        assert attempts == {"stopped": "school", "busy": "wijkteam"}
