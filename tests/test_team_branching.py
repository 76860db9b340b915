"""Team training of a branching case on screen: the trainer picks the group's role, the pages
follow the group's choices to an ending, and the summary and attendance show that path."""

from __future__ import annotations

from pathlib import Path

import pytest
from branching_driver import TAK
from scenario_cases import shipped_dir
from test_team_screens import keys, notices, screen_text, type_text
from textual.pilot import Pilot
from textual.widgets import Markdown

from wijzer_tui.app import WijzerApp
from wijzer_tui.domain.content.loader import load_scenarios
from wijzer_tui.domain.content.model import Scenario
from wijzer_tui.domain.progress.store import ProgressStore
from wijzer_tui.domain.team.store import TeamStore
from wijzer_tui.screens.role_pick import RolePickScreen
from wijzer_tui.screens.team_session import TeamSessionScreen

SCENARIO = load_scenarios([TAK])[0]


async def set_up(pilot: Pilot, role_index: int, scenario_index: int = 0) -> TeamSessionScreen:
    """Team, organisation, Ann and Bo, the case at `scenario_index`, then the role."""
    await type_text(pilot, "Wijkteam Noord")
    await keys(pilot, "enter")
    await type_text(pilot, "Gemeente Zuid")
    await keys(pilot, "enter", "enter", "enter")
    for name in ("Ann", "Bo"):
        await type_text(pilot, name)
        await keys(pilot, "enter")
    await keys(pilot, "enter", *["down"] * scenario_index, "enter", "ctrl+b")
    assert isinstance(pilot.app.screen, RolePickScreen)
    assert "Wie zijn jullie in deze casus?" in screen_text(pilot.app)
    await keys(pilot, *["down"] * role_index, "enter")
    screen = pilot.app.screen
    assert isinstance(screen, TeamSessionScreen)
    return screen


async def choose_together(pilot: Pilot, scenario: Scenario, scene: str, options: list[str]):
    """On a scene's page: the group chooses together by number, the trainer reveals."""
    order = [o.id for o in scenario.step(scene).shuffled_options()]
    for option_id in options:
        await keys(pilot, str(order.index(option_id) + 1), "enter")
    await keys(pilot, "o")


async def play(pilot: Pilot, scenario: Scenario, path: list[tuple[str, list[str]]]) -> str:
    """From the first page: read the case, then take each choice; returns the Afloop page."""
    screen = pilot.app.screen
    await keys(pilot, "v", "v", "v")
    for scene, options in path:
        assert screen.training.section == f"step:{scene}"
        await choose_together(pilot, scenario, scene, options)
        await keys(pilot, "v")
    assert screen.training.section == "ending"
    return screen_text(pilot.app)


async def finish(pilot: Pilot) -> str:
    """From the Afloop page: reflection, no agreements, the summary; record attendance."""
    await keys(pilot, "v", "o", "v", "escape", "v")
    screen = pilot.app.screen
    assert screen.training.section == "summary"
    summary = screen.query_one("#summary", Markdown).source
    await keys(pilot, "a", "j")
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()
    return summary


def attempts(root: Path) -> list[tuple[str, str, str | None, int | None]]:
    return sorted(
        (profile.name, attempt.role, attempt.ending, attempt.score)
        for profile, found in ProgressStore(root).all_records()
        for attempt in found
    )


@pytest.mark.parametrize(
    ("role_index", "path", "role", "ending", "score", "lines"),
    [
        (
            0,
            [
                ("wat-doe-je", ["vraag-gezin"]),
                ("gesprek", ["overleg-plannen"]),
                ("overleg", ["samen-kiezen"]),
            ],
            "wijkteam",
            ("een-plan", "Eén plan"),
            100,
            [
                "1. Wat doe je?: Ik vraag de gezinsleden wie hun eerste aanspreekpunt is.",
                "2. De casus gaat verder: Ik plan een overleg met iedereen.",
                "3. Het overleg: We kiezen samen wie het meest geschikt is.",
            ],
        ),
        (
            1,
            [
                ("signaal", ["wacht-af"]),
                ("wat-doe-je", ["dossier"]),
                ("gesprek", ["alleen-verder"]),
                ("alleen", ["doorgaan"]),
            ],
            "school",
            ("los-zand", "Los zand"),
            0,
            [
                "1. Een signaal: Ik wacht nog een week.",
                "2. Wat doe je?: Ik lees eerst het dossier nog eens door.",
                "3. De casus gaat verder: Ik ga alleen verder met mijn eigen deel.",
                "4. Zes weken later: Ik ga door zoals ik bezig was.",
            ],
        ),
    ],
    ids=["wijkteam-een-plan", "school-los-zand"],
)
async def test_the_group_plays_its_path_to_an_ending(
    tmp_path: Path, role_index, path, role, ending, score, lines
) -> None:
    app = WijzerApp([SCENARIO], ProgressStore(tmp_path), start="team")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        screen = await set_up(pilot, role_index)
        assert screen.session.role == role
        title = SCENARIO.role(role).title
        assert title in screen.sub_title
        await keys(pilot, "v")
        assert f"Jullie rol: {title}" in screen_text(app)
        await keys(pilot, "v", "v")
        # Before the reveal the group cannot move past the decision.
        await keys(pilot, "v")
        assert screen.training.section == f"step:{path[0][0]}"
        assert "Onthul eerst de tips uit de wijzer met o. Daarna kun je verder." in notices(app)
        await keys(pilot, "t", "t", "t")
        page = await play(pilot, SCENARIO, path)
        assert f"Afloop: {ending[1]}" in page
        assert SCENARIO.ending(ending[0]).text in page
        assert "Afloop ·" in screen_text(app)
        summary = await finish(pilot)
        assert screen.session.status == "finished"
    assert f"- Score van de groep: {score}%" in summary
    at = [summary.index(line) for line in lines]
    assert at == sorted(at) and summary.index(f"**Afloop: {ending[1]}**") > at[-1]
    assert f"Rol: {SCENARIO.role(role).title}" in summary
    assert attempts(tmp_path) == [("Ann", role, ending[0], score), ("Bo", role, ending[0], score)]
    [session] = TeamStore(tmp_path).sessions()
    assert session.role == role and session.position == "summary"


async def test_a_half_right_decision_shows_its_attributed_feedback(tmp_path: Path) -> None:
    app = WijzerApp([SCENARIO], ProgressStore(tmp_path), start="team")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        screen = await set_up(pilot, 0)
        await keys(pilot, "v", "v", "v")
        await choose_together(pilot, SCENARIO, "wat-doe-je", ["vraag-gezin"])
        await keys(pilot, "v")
        await choose_together(pilot, SCENARIO, "gesprek", ["mailen"])
        text = screen_text(app)
        assert "Je krijgt vier verschillende antwoorden." in text  # the consequence
        assert "Half goed" in text and "(Bron: Frustratiewijzer, frustratie 1)" in text
        assert "De wijzer raadt dit af" not in text
        assert "score 50%" in text
        await keys(pilot, "v")
        assert screen.training.section == "step:overleg"  # where "mailen" leads
        await choose_together(pilot, SCENARIO, "overleg", ["samen-kiezen"])
        text = screen_text(app)
        assert "✓ Jullie volgen de tip" in text
        assert "Verdieping: Eén gezin, één plan" in text


@pytest.mark.shipped
async def test_a_shipped_case_with_two_roles_reaches_an_ending(tmp_path: Path) -> None:
    scenarios = load_scenarios([shipped_dir()])
    index, scenario = next((i, s) for i, s in enumerate(scenarios) if len(s.roles) > 1)
    app = WijzerApp(scenarios, ProgressStore(tmp_path), start="team")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        screen = await set_up(pilot, 1, index)
        assert screen.session.role == scenario.roles[1].id
        await keys(pilot, "v", "v", "v")
        while screen.training.section.startswith("step:"):
            step = screen.training.step
            await choose_together(pilot, scenario, step.id, [step.shuffled_options()[0].id])
            await keys(pilot, "v")
        assert screen.training.section == "ending"
        reached = screen.session.walk(scenario).ending
        assert reached is not None and f"Afloop: {reached.title}" in screen_text(app)
        summary = await finish(pilot)
    assert f"**Afloop: {reached.title}**" in summary
    assert {a[1:3] for a in attempts(tmp_path)} == {(scenario.roles[1].id, reached.id)}
