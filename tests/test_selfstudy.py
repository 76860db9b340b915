"""Pilot tests: a learner walks whole scenarios, stops, resumes, and reads the results."""

from __future__ import annotations

from pathlib import Path

import pytest
from selfstudy_driver import (
    SCENARIOS,
    make_app,
    open_scenario,
    option_text,
    pick,
    press,
    screen_text,
)
from textual.widgets import TextArea

from wijzer_tui.domain.content.feedback import against_label
from wijzer_tui.domain.content.scoring import scenario_score
from wijzer_tui.domain.progress.store import ProgressStore
from wijzer_tui.screens.home import HomeScreen
from wijzer_tui.screens.overview import OverviewScreen
from wijzer_tui.screens.pass_screen import PassScreen
from wijzer_tui.screens.profile import ProfileScreen


def plan(scenario):
    """What our learner picks: two tips and one advised-against option; the first decide option."""
    answers = {}
    for step in scenario.steps:
        if step.kind == "choose":
            tips = [o.id for o in step.choose_options if o.kind == "tip"][:2]
            against = [o.id for o in step.choose_options if o.kind == "against"][:1]
            answers[step.id] = tips + against
        elif step.kind == "decide":
            answers[step.id] = [step.shuffled_options()[0].id]
    return answers


@pytest.mark.parametrize("scenario", SCENARIOS, ids=lambda s: s.id)
async def test_full_pass_is_saved(tmp_path: Path, scenario) -> None:
    app = make_app(tmp_path)
    answers = plan(scenario)
    async with app.run_test(size=(80, 24)) as pilot:
        assert isinstance(app.screen, HomeScreen)
        await open_scenario(pilot, scenario.number)
        assert isinstance(app.screen, PassScreen)
        assert "Het probleem" in screen_text(app)
        await press(pilot, "v")  # Herken je dit? -> Wat doe je?
        for step in scenario.steps:
            if step.kind == "choose":
                await pick(pilot, answers[step.id])
                await press(pilot, "v")  # Bevestigen
                text = screen_text(app)
                assert "Past bij de wijzer" in text and "✗ Afgeraden (1)" in text
                against = next(o for o in step.choose_options if o.id == answers[step.id][-1])
                assert against_label(against) in " ".join(text.split())
                assert "Gemist" in text
            elif step.kind == "decide":
                await pick(pilot, answers[step.id])
                await press(pilot, "v")
                chosen = next(o for o in step.decide_options if o.id == answers[step.id][0])
                assert chosen.consequence.split()[0] in screen_text(app)
            else:
                app.screen.query_one(TextArea).insert("Ik zou eerst met het gezin praten.")
                await press(pilot, "ctrl+s")
                assert "Jouw antwoord" in screen_text(app)
                await pick(pilot, [step.tip_ids[0]])
            await press(pilot, "v")
        assert "Je eindscore" in screen_text(app)
        assert "Frustratiewijzer" in screen_text(app)  # attribution at the end
        await press(pilot, "v")  # Naar start: first an invitation to do the scan again
        assert "frustratiescan nog eens invullen" in screen_text(app)
        await press(pilot, "n")  # Overslaan
        assert isinstance(app.screen, HomeScreen)
        assert "Afgerond" in option_text(app.screen.query_one("#scenario-list"), scenario.id)

    store = ProgressStore(tmp_path)
    learner = store.profiles()[0]
    record = store.record_attempt(learner.id, scenario.id)
    assert record is not None and record.status == "finished"
    assert record.content_version == scenario.content_version
    assert record.score == scenario_score(scenario, answers)
    saved = {a.step_id: a for a in record.answers}
    for step_id, ids in answers.items():
        assert sorted(saved[step_id].option_ids) == sorted(ids)
    reflect = next(s for s in scenario.steps if s.kind == "reflect")
    assert saved[reflect.id].reflection == "Ik zou eerst met het gezin praten."
    assert saved[reflect.id].ticked_tips == [reflect.tip_ids[0]]


async def test_stop_mid_scenario_and_resume_at_the_same_step(tmp_path: Path) -> None:
    scenario = SCENARIOS[1]
    choose = next(s for s in scenario.steps if s.kind == "choose")
    tip = next(o.id for o in choose.choose_options if o.kind == "tip")
    app = make_app(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_scenario(pilot, 2)
        await press(pilot, "v")
        await pick(pilot, [tip])
        await press(pilot, "v")  # answer saved, now on the comparison
        assert "Vergelijk met de wijzer" in screen_text(app)
        await press(pilot, "ctrl+c")  # quits at once
    assert not app.is_running

    app = make_app(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        assert app.screen.query_one("#resume").display
        await press(pilot, "v")  # Verder waar je was
        assert isinstance(app.screen, PassScreen)
        assert str(app.screen.session.position) == f"compare:{choose.id}"
        assert "Vergelijk met de wijzer" in screen_text(app)
        assert "Past bij de wijzer (1)" in screen_text(app)


async def busy_on_choose(pilot) -> tuple[str, str]:
    """Open scenario 1, go to Wat doe je?, back home: (learner id, attempt id) of the busy one."""
    await open_scenario(pilot, 1)
    await press(pilot, "v", "q")
    store = pilot.app.store
    learner = store.profiles()[0]
    [attempt] = store.attempts(learner.id, SCENARIOS[0].id)
    return learner.id, attempt.id


async def test_escape_on_the_resume_question_changes_nothing(tmp_path: Path) -> None:
    app = make_app(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        learner_id, attempt_id = await busy_on_choose(pilot)
        before = app.store.attempt(learner_id, attempt_id)
        await open_scenario(pilot, 1)
        assert "Wil je verder waar je was?" in screen_text(app)
        await press(pilot, "escape")
        assert isinstance(app.screen, HomeScreen)
        [after] = app.store.attempts(learner_id, SCENARIOS[0].id)  # none stopped, none new
        assert after.to_dict() == before.to_dict()
        await open_scenario(pilot, 1)
        await press(pilot, "tab", "tab", "enter")  # Terug: the same
        assert isinstance(app.screen, HomeScreen)
        assert app.store.attempts(learner_id) == [after]
        await open_scenario(pilot, 1)
        await press(pilot, "enter")  # Verder waar je was: still on Wat doe je?
        assert isinstance(app.screen, PassScreen)
        assert app.screen.session.attempt.id == attempt_id
        assert app.screen.session.position.section == "choose"


async def test_starting_again_is_confirmed_and_keeps_the_old_attempt(tmp_path: Path) -> None:
    app = make_app(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        learner_id, attempt_id = await busy_on_choose(pilot)
        await open_scenario(pilot, 1)
        await press(pilot, "tab", "enter")  # Opnieuw beginnen
        question = screen_text(app)
        assert "Mijn resultaten" in question and "gestopt" in question
        await press(pilot, "escape")  # changed my mind
        assert isinstance(app.screen, HomeScreen)
        assert app.store.attempt(learner_id, attempt_id).status == "busy"
        await open_scenario(pilot, 1)
        await press(pilot, "tab", "enter", "enter")  # Opnieuw beginnen, yes
        assert isinstance(app.screen, PassScreen)
        assert app.screen.session.attempt.id != attempt_id
        assert app.screen.session.position.section == "intro"
        await press(pilot, "q", "r")  # Mijn resultaten
        table = app.screen.query_one("#attempts")
        rows = [str(table.get_row_at(i)) for i in range(table.row_count)]
        assert len(rows) == 2 and any("Gestopt" in row for row in rows)
    statuses = sorted(a.status for a in ProgressStore(tmp_path).attempts(learner_id))
    assert statuses == ["busy", "stopped"]


async def test_the_overview_is_not_one_key_away_from_home(tmp_path: Path) -> None:
    app = make_app(tmp_path)
    app.store.create_profile("Piet", "politie")  # another learner on this shared machine
    async with app.run_test(size=(80, 24)) as pilot:
        await press(pilot, "enter")  # choose a profile
        assert isinstance(app.screen, HomeScreen)
        await press(pilot, "o")
        assert isinstance(app.screen, HomeScreen)
        assert not any(isinstance(s, OverviewScreen) for s in app.screen_stack)
        footer = [key.description for key in app.screen.query("FooterKey")]
        assert "Mijn resultaten" in footer and "Overzicht" not in footer


async def test_first_start_creates_a_profile(tmp_path: Path) -> None:
    app = make_app(tmp_path, learner=None)
    async with app.run_test(size=(80, 24)) as pilot:
        assert isinstance(app.screen, ProfileScreen)
        assert "blijft op deze computer" in screen_text(app)
        await press(pilot, "enter")  # empty name is refused
        assert isinstance(app.screen, ProfileScreen)
        await pilot.press(*"Jo\x07")  # a control character is typed along
        await press(pilot, "enter")
        assert "Frustratiescan" in screen_text(app)  # offered once, after the profile
        await press(pilot, "escape")  # Overslaan
        assert isinstance(app.screen, HomeScreen)
    profile = ProgressStore(tmp_path).profiles()[0]
    assert profile.name == "Jo"


async def test_choose_your_profile_when_there_are_several(tmp_path: Path) -> None:
    store = ProgressStore(tmp_path)
    store.create_profile("Ahmed", "politie")
    store.create_profile("Bea", "onderwijs")
    attendee = store.create_profile("Deelnemer X", "anders")
    attendee.attendee = True
    store.update_profile(attendee)
    app = make_app(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        assert isinstance(app.screen, ProfileScreen)
        options = app.screen.query_one("#profiles")
        names = [str(options.get_option_at_index(i).prompt) for i in range(options.option_count)]
        assert any("Ahmed" in n for n in names) and any("Bea" in n for n in names)
        assert not any("Deelnemer X" in n for n in names)
        await press(pilot, "down", "enter")
        assert isinstance(app.screen, HomeScreen)
        assert app.learner.name == "Bea"


async def test_small_terminal_shows_a_calm_message_and_keeps_state(tmp_path: Path) -> None:
    app = make_app(tmp_path)
    async with app.run_test(size=(50, 14)) as pilot:
        await pilot.pause()
        message = app.screen.query_one("#too-small")
        assert message.display and message.region.width > 0
        assert "te klein" in str(message.render())
        await pilot.resize_terminal(80, 24)
        await pilot.pause()
        assert app.screen.query_one("#scenario-list").region.height > 0


async def test_damaged_progress_file_is_kept_aside_and_explained(tmp_path: Path) -> None:
    store = ProgressStore(tmp_path)
    learner = store.create_profile("Sanne", "wijkteam")
    path = next((tmp_path / "learners").glob("*.json"))
    path.write_text("{ dit is geen json", encoding="utf-8")
    app = make_app(tmp_path, learner=None)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, ProfileScreen)  # the damaged learner is not listed
        notices = [n.message for n in app._notifications]
        assert any("beschadigd" in n.lower() or "apart" in n.lower() for n in notices)
    kept = [p for p in (tmp_path / "learners").iterdir() if learner.id in p.name]
    assert any("beschadigd" in p.name for p in kept)


async def test_help_and_about(tmp_path: Path) -> None:
    app = make_app(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await press(pilot, "f1")
        text = screen_text(app)
        assert "Zo werkt de score" in text and str(tmp_path) in text
        await press(pilot, "escape", "i")
        assert "maart 2023" in screen_text(app) and "Versie" in screen_text(app)


async def test_my_results_show_each_attempt_with_its_comparison(tmp_path: Path) -> None:
    scenario = SCENARIOS[0]
    choose = next(s for s in scenario.steps if s.kind == "choose")
    tip = next(o for o in choose.choose_options if o.kind == "tip")
    app = make_app(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_scenario(pilot, 1)
        await press(pilot, "v")
        await pick(pilot, [tip.id])
        await press(pilot, "v", "q", "r")  # save, home, Mijn resultaten
        text = screen_text(app)
        assert "Mijn resultaten" in text
        assert "Past bij de wijzer (1)" in text and tip.text.split()[1] in text
        table = app.screen.query_one("#attempts")
        assert table.row_count == 1
        assert "Bezig" in str(table.get_row_at(0))


async def test_sharing_reflections_is_an_explicit_choice(tmp_path: Path) -> None:
    app = make_app(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await press(pilot, "r")
        assert "blijven privé" in screen_text(app)
        await press(pilot, "d")
        await press(pilot, "n")  # Nee: nothing changes
        assert "blijven privé" in screen_text(app)
        await press(pilot, "d")
        await press(pilot, "j")  # Ja
        assert "worden meegestuurd" in screen_text(app)
    assert ProgressStore(tmp_path).profiles()[0].share_reflections is True
