"""Helpers that play the small branching case (tests/data/v2/tak.yaml) like a user does."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import yaml
from selfstudy_driver import pick, press
from textual.pilot import Pilot
from textual.widgets import TextArea

from wijzer_tui.app import WijzerApp
from wijzer_tui.domain.content.loader import load_scenarios
from wijzer_tui.domain.progress.store import ProgressStore

TAK = Path(__file__).resolve().parent / "data" / "v2" / "tak.yaml"

# Two paths through tak to different endings: (role index in the picker, option per scene).
TO_ONE_PLAN = (
    0,  # Medewerker van het wijkteam
    [("wat-doe-je", "vraag-gezin"), ("gesprek", "overleg-plannen"), ("overleg", "samen-kiezen")],
)
TO_LOOSE_SAND = (
    1,  # Intern begeleider
    [
        ("signaal", "wacht-af"),
        ("wat-doe-je", "dossier"),
        ("gesprek", "mailen"),
        ("overleg", "ik-neem-het"),
    ],
)


def tak_app(root: Path, monkeypatch: pytest.MonkeyPatch, *, one_role: bool = False) -> WijzerApp:
    """The app playing only tak.yaml (copied into a scenario folder under `root`), with one
    learner on the home screen. `one_role` keeps only the wijkteam role (and drops the scene
    only the other role reaches)."""
    folder = root / "scenarios"
    folder.mkdir()
    if one_role:
        data = yaml.safe_load(TAK.read_text(encoding="utf-8"))
        data["roles"] = data["roles"][:1]
        data["scenes"] = [scene for scene in data["scenes"] if scene["id"] != "signaal"]
        (folder / "tak.yaml").write_text(yaml.safe_dump(data, allow_unicode=True), "utf-8")
    else:
        shutil.copy(TAK, folder / "tak.yaml")
    monkeypatch.setenv("WIJZER_SCENARIO_DIR", str(folder))
    ProgressStore(root / "voortgang").create_profile(
        "Sanne", "wijkteam", "Gemeente Voorbeeld", "Team Noord"
    )
    return reopen(root)


def reopen(root: Path) -> WijzerApp:
    """A new start of the app on the progress folder of `tak_app(root, ...)`."""
    store = ProgressStore(root / "voortgang")
    return WijzerApp(load_scenarios(), store, progress_reason=f"{root} (test)")


async def open_tak(pilot: Pilot, role_index: int | None) -> None:
    """On home: open the case and, when asked, pick the role at `role_index` in the picker."""
    await press(pilot, "home", "enter")
    if role_index is not None:
        await press(pilot, *["down"] * role_index, "enter")


async def decide(pilot: Pilot, option_id: str) -> None:
    """On a question section: choose one option and confirm (the feedback shows)."""
    await pick(pilot, [option_id])
    await press(pilot, "v")


async def play(pilot: Pilot, choices: list[tuple[str, str]]) -> None:
    """From the intro: take every choice, reading each feedback, up to the ending section."""
    await press(pilot, "v")
    for _scene, option_id in choices:
        await decide(pilot, option_id)
        await press(pilot, "v")


async def reflect_and_finish(pilot: Pilot) -> None:
    """From the ending section: write a reflection, tick its first tip, go to the Afronding."""
    await press(pilot, "v")
    pilot.app.screen.query_one(TextArea).insert("Toen niemand het overleg belegde.")
    await press(pilot, "ctrl+s")
    await press(pilot, "space", "v")
