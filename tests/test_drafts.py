"""Drafts in self-study: typed but unconfirmed work survives Esc, Ctrl+C and a killed app."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from selfstudy_driver import SCENARIOS, make_app, open_scenario, pick, press, screen_text
from textual.pilot import Pilot
from textual.widgets import TextArea

from wijzer_tui import cli
from wijzer_tui.domain.progress.session import Pass
from wijzer_tui.domain.progress.store import ProgressStore
from wijzer_tui.screens.drafts import DRAFT_DELAY
from wijzer_tui.screens.home import HomeScreen
from wijzer_tui.screens.pass_screen import PassScreen
from wijzer_tui.widgets.choice_list import ChoiceList
from wijzer_tui.widgets.sections import CHOICES_BACK, TEXT_BACK

SCENARIO = SCENARIOS[3]  # case 4, as in the walk-through
REFLECT = next(s for s in SCENARIO.steps if s.kind == "reflect")
CHOOSE = next(s for s in SCENARIOS[0].steps if s.kind == "choose")


def busy_at(root: Path, kind: str, scenario=SCENARIO) -> tuple[ProgressStore, str, str]:
    """A learner whose attempt of `scenario` waits at the first step of `kind`."""
    store = ProgressStore(root)
    learner = store.create_profile("Sanne", "wijkteam", "Gemeente Voorbeeld", "Team Noord")
    session = Pass.start(store, scenario, learner.id)
    session.go(+1)
    while session.step is not None and session.step.kind != kind:
        session.submit([session.step.options[0].id])
        session.go(+1)
    return store, learner.id, session.attempt.id


async def type_text(pilot: Pilot, text: str) -> None:
    await pilot.press(*[{" ": "space", ",": "comma", ".": "full_stop"}.get(c, c) for c in text])


def killed(root: Path, tmp_path: Path) -> Path:
    """The progress folder as a kill -9 leaves it now: a copy, taken while the app still runs."""
    copy = tmp_path / "na-de-kill"
    shutil.copytree(root, copy)
    return copy


async def test_a_reflection_being_typed_comes_back_after_a_killed_app(tmp_path: Path) -> None:
    root = tmp_path / "voortgang"
    busy_at(root, "reflect")
    app = make_app(root)
    async with app.run_test(size=(80, 24)) as pilot:
        await press(pilot, "v")  # Verder waar je was
        assert app.screen.session.position.section == "reflect"
        await type_text(pilot, "Eerst bellen met de school")
        await pilot.pause(DRAFT_DELAY + 0.4)  # no Esc, no Ctrl+C: only the time passes
        copy = killed(root, tmp_path)

    app = make_app(copy)
    async with app.run_test(size=(80, 24)) as pilot:
        await press(pilot, "v")
        area = app.screen.query_one("#reflection", TextArea)
        assert area.text == "Eerst bellen met de school"
        assert area.has_focus and area.cursor_location == area.document.end
        assert TEXT_BACK in screen_text(app)
        await type_text(pilot, ", dan")
        await press(pilot, "ctrl+s")
        assert "Jouw antwoord" in screen_text(app)
    store = ProgressStore(copy)
    [attempt] = store.attempts(store.profiles()[0].id)
    assert attempt.answer_for(REFLECT.id).reflection == "Eerst bellen met de school, dan"
    assert store.drafts(attempt.learner_id, attempt.id) == {}  # the answer replaced the draft


@pytest.mark.parametrize("key", ["escape", "ctrl+c"])
async def test_escape_and_ctrl_c_keep_the_text_at_once(tmp_path: Path, key: str) -> None:
    store, learner_id, attempt_id = busy_at(tmp_path, "reflect")
    app = make_app(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await press(pilot, "v")
        await type_text(pilot, "Samen met de wijkagent")
        await press(pilot, key)  # well within the draft delay
        assert store.drafts(learner_id, attempt_id) == {
            REFLECT.id: {"reflection": "Samen met de wijkagent"}
        }
        if key == "escape":
            assert isinstance(app.screen, HomeScreen)
            await press(pilot, "v")
            assert app.screen.query_one(TextArea).text == "Samen met de wijkagent"
    assert key == "escape" or not app.is_running


async def test_unconfirmed_ticks_come_back_and_count_once_confirmed(tmp_path: Path) -> None:
    picks = [o.id for o in CHOOSE.choose_options if o.kind == "tip"][:2]
    root = tmp_path / "voortgang"
    app = make_app(root)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_scenario(pilot, 1)
        await press(pilot, "v")  # Wat doe je?
        await pick(pilot, picks)  # ticked, not confirmed
        copy = killed(root, tmp_path)

    app = make_app(copy)
    async with app.run_test(size=(80, 24)) as pilot:
        await press(pilot, "v")
        assert app.screen.session.position.section == "choose"
        assert sorted(app.screen.query_one("#choices", ChoiceList).chosen) == sorted(picks)
        assert CHOICES_BACK in screen_text(app)
        await press(pilot, "v")  # Bevestigen
        assert "Past bij de wijzer (2)" in screen_text(app)
    store = ProgressStore(copy)
    [attempt] = store.attempts(store.profiles()[0].id)
    assert sorted(attempt.answer_for(CHOOSE.id).option_ids) == sorted(picks)
    assert store.drafts(attempt.learner_id, attempt.id) == {}


async def test_an_unconfirmed_decision_comes_back(tmp_path: Path) -> None:
    store, learner_id, attempt_id = busy_at(tmp_path, "decide")
    decide = next(s for s in SCENARIO.steps if s.kind == "decide")
    app = make_app(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await press(pilot, "v")
        assert app.screen.session.position.section == "decide"
        second = list(app.screen.query_one("#decision", ChoiceList).texts)[1]
        await pick(pilot, [second])
        await press(pilot, "escape", "v")
        assert app.screen.query_one("#decision", ChoiceList).chosen == [second]
        assert CHOICES_BACK in screen_text(app)
    assert store.attempt(learner_id, attempt_id).answer_for(decide.id) is None


async def test_ticks_on_the_reflection_check_are_kept_on_escape(tmp_path: Path) -> None:
    store, learner_id, attempt_id = busy_at(tmp_path, "reflect")
    app = make_app(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await press(pilot, "v")
        await type_text(pilot, "Vaker overleggen")
        await press(pilot, "ctrl+s")  # now on the check: which tips does it cover?
        await pick(pilot, [REFLECT.tip_ids[0]])
        await press(pilot, "escape", "v")
        assert app.screen.session.position.section == "check"
        assert app.screen.query_one("#ticks", ChoiceList).chosen == [REFLECT.tip_ids[0]]
    assert store.attempt(learner_id, attempt_id).answer_for(REFLECT.id).ticked_tips == []


async def test_going_back_keeps_ticks_and_a_new_attempt_starts_empty(tmp_path: Path) -> None:
    pick_one = [CHOOSE.choose_options[0].id]
    app = make_app(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_scenario(pilot, 1)
        await press(pilot, "v")
        await pick(pilot, pick_one)
        await press(pilot, "t", "v")  # Terug to the case, and on again
        assert app.screen.query_one("#choices", ChoiceList).chosen == pick_one
        await press(pilot, "q")
        await open_scenario(pilot, 1)
        await press(pilot, "tab", "enter", "enter")  # Opnieuw beginnen, confirmed
        await press(pilot, "v")
        assert isinstance(app.screen, PassScreen)
        assert app.screen.query_one("#choices", ChoiceList).chosen == []
        assert CHOICES_BACK not in screen_text(app)


# -- the store ---------------------------------------------------------------------------------


def test_a_draft_is_kept_only_while_the_attempt_is_busy(tmp_path: Path) -> None:
    store, learner_id, attempt_id = busy_at(tmp_path, "reflect")
    store.save_draft(learner_id, attempt_id, REFLECT.id, {"reflection": "Eerst bellen"})
    store.save_draft(learner_id, attempt_id, "ander", {"option_ids": ["a"], "onbekend": 1})
    assert store.drafts(learner_id, attempt_id) == {
        REFLECT.id: {"reflection": "Eerst bellen"},
        "ander": {"option_ids": ["a"]},
    }
    store.save_draft(learner_id, attempt_id, "ander", None)
    assert list(store.drafts(learner_id, attempt_id)) == [REFLECT.id]
    store.stop_attempt(learner_id, attempt_id)
    assert store.drafts(learner_id, attempt_id) == {}  # they go with the stopped attempt
    store.save_draft(learner_id, attempt_id, REFLECT.id, {"reflection": "te laat"})
    assert store.drafts(learner_id, attempt_id) == {}
    raw = (tmp_path / "learners" / f"{learner_id}.json").read_text("utf-8")
    assert "Eerst bellen" not in raw and "te laat" not in raw


def test_a_malformed_draft_is_ignored_not_a_damaged_file(tmp_path: Path) -> None:
    store, learner_id, attempt_id = busy_at(tmp_path, "reflect")
    path = tmp_path / "learners" / f"{learner_id}.json"
    data = json.loads(path.read_text("utf-8"))
    doc = next(iter(data["attempts"].values()))
    doc["drafts"] = {REFLECT.id: {"reflection": 5, "option_ids": "x"}, "y": [1]}
    path.write_text(json.dumps(data), "utf-8")
    assert store.drafts(learner_id, attempt_id) == {}
    assert store.attempt(learner_id, attempt_id).status == "busy"
    assert store.warnings == []


def test_drafts_never_reach_reports_or_exports(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    store, learner_id, _ = busy_at(tmp_path, "reflect", SCENARIOS[0])
    profile = store.profile(learner_id)
    profile.share_reflections = True  # even a learner who shares keeps drafts to herself
    store.update_profile(profile)
    session = Pass.start(store, SCENARIOS[1], learner_id)
    session.go(+1)
    while session.step is not None:
        if session.step.kind == "reflect":
            session.submit([], reflection="Gedeelde reflectie")
        else:
            session.submit([session.step.options[0].id])
        session.go(+1)
    session.finish()
    [busy] = store.attempts(learner_id, SCENARIOS[0].id)
    reflect = next(s for s in SCENARIOS[0].steps if s.kind == "reflect")
    store.save_draft(learner_id, busy.id, reflect.id, {"reflection": "Geheim concept"})
    outputs = []
    for fmt in ("csv", "json", "md", "xapi"):
        assert cli.main(["--progress-dir", str(tmp_path), "report", "--format", fmt]) == 0
        outputs.append(capsys.readouterr().out)
    out = tmp_path / "export.json"
    argv = ["--progress-dir", str(tmp_path), "export", "--learner", "Sanne", "--output", str(out)]
    assert cli.main(argv) == 0
    outputs.append(out.read_text("utf-8"))
    assert "Gedeelde reflectie" in outputs[0] and "Gedeelde reflectie" in outputs[-1]
    for text in outputs:
        assert "Geheim concept" not in text
