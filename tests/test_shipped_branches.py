"""The shipped cases branch as issue 12 asks: the graph figures of `wijzer validate --json`, and
two paths through one shipped case that end differently when played in the app."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from scenario_cases import shipped_dir
from selfstudy_driver import pick, press, screen_text
from textual.pilot import Pilot
from textual.widgets import TextArea

from wijzer_tui.app import WijzerApp
from wijzer_tui.cli import main
from wijzer_tui.domain.content.graph import Path as CasePath
from wijzer_tui.domain.content.graph import paths
from wijzer_tui.domain.content.loader import load_scenarios
from wijzer_tui.domain.content.model import Scenario
from wijzer_tui.domain.progress.store import ProgressStore
from wijzer_tui.screens.pass_screen import PassScreen
from wijzer_tui.screens.role_pick import RolePickScreen

pytestmark = pytest.mark.shipped


@pytest.fixture(scope="module")
def shipped() -> list[Scenario]:
    return load_scenarios([shipped_dir()])


def test_validate_json_every_case_branches_far_enough(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["validate", "--json"]) == 0
    cases = json.loads(capsys.readouterr().out)
    assert [c["id"] for c in cases] == ["regie", "partners", "vertrouwen", "kennis", "reflectie"]
    for case in cases:
        assert case["min_path_decisions"] >= 3, case  # at least 3 decisions on every path
        assert case["endings"] >= 2, case
        assert case["tips_reachable"] == case["tips"], case  # every tip on some path


def test_two_cases_can_be_played_from_a_second_role(shipped: list[Scenario]) -> None:
    two_roles = {s.id: [r.title for r in s.roles] for s in shipped if len(s.roles) >= 2}
    assert set(two_roles) >= {"partners", "kennis"}
    for scenario in shipped:  # the learner's role is explicit in every case
        assert all(role.title and role.text for role in scenario.roles), scenario.id


def two_paths(scenario: Scenario) -> tuple[CasePath, CasePath]:
    """The first path of the first role, and the first path of the second role that ends
    elsewhere (or, with one role, the first path that ends elsewhere)."""
    every = list(paths(scenario))
    first = every[0]
    others = [p for p in every if p.ending != first.ending]
    other_role = [p for p in others if p.role != first.role]
    return first, (other_role or others)[0]


async def play_path(pilot: Pilot, number: int, scenario: Scenario, path: CasePath) -> None:
    """On home: open case `number`, pick the path's role, take its choices up to the Afronding."""
    await press(pilot, "home", *["down"] * (number - 1), "enter")
    role_index = [r.id for r in scenario.roles].index(path.role)
    if isinstance(pilot.app.screen, RolePickScreen):
        await press(pilot, *["down"] * role_index, "enter")
    screen = pilot.app.screen
    assert isinstance(screen, PassScreen)
    planned = dict(path.choices)
    for _ in range(60):
        position = screen.session.position
        if position.section == "end":
            return
        step = screen.session.step
        if position.section == "decide":
            await pick(pilot, [planned[step.id]])
        elif position.section == "choose":  # does not steer the path: the first option
            await pick(pilot, [step.choose_options[0].id])
        elif position.section == "reflect":
            screen.query_one(TextArea).insert("Wie belt wie, dat spreek ik voortaan af.")
            await press(pilot, "ctrl+s")
            continue
        await press(pilot, "v")
    raise AssertionError(f"the Afronding of {scenario.id} was never reached")


@pytest.mark.parametrize("case_id", ["regie", "partners", "vertrouwen", "kennis", "reflectie"])
async def test_two_paths_through_a_shipped_case_end_differently(
    tmp_path: Path, shipped: list[Scenario], case_id: str
) -> None:
    number, scenario = next((i, s) for i, s in enumerate(shipped, 1) if s.id == case_id)
    reached = []
    for path in two_paths(scenario):
        store = ProgressStore(tmp_path / path.ending / "voortgang")
        learner = store.create_profile("Sanne", "wijkteam", "Gemeente Voorbeeld", "Team Noord")
        app = WijzerApp(shipped, store)
        async with app.run_test(size=(80, 24)) as pilot:
            await play_path(pilot, number, scenario, path)
            ending = scenario.ending(path.ending)
            assert ending is not None
            assert f"Afloop: {ending.title}" in screen_text(app)  # on the Afronding
        [attempt] = store.attempts(learner.id)
        assert (attempt.role, attempt.ending, attempt.status) == (
            path.role,
            path.ending,
            "finished",
        )
        reached.append(attempt.ending)
    assert reached[0] != reached[1]
