"""A learner with a finished attempt of the branching fixture tak.yaml, for the Wat als… tests."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from wijzer_tui.domain.content.loader import load_scenarios
from wijzer_tui.domain.content.model import Scenario
from wijzer_tui.domain.progress.records import Answer, Attempt, Profile
from wijzer_tui.domain.progress.session import Pass
from wijzer_tui.domain.progress.store import ProgressStore

TAK = Path(__file__).parent / "data" / "v2" / "tak.yaml"
# The wijkteam path to "Eén plan": every decision the best one (score 100%).
GOOD_PATH = [
    ("wat-doe-je", ["vraag-gezin"]),
    ("gesprek", ["overleg-plannen"]),
    ("overleg", ["samen-kiezen"]),
]


def load_tak() -> Scenario:
    return load_scenarios([TAK])[0]


def play_tak(
    root: Path, path: list[tuple[str, list[str]]] = GOOD_PATH, role: str = "wijkteam"
) -> tuple[ProgressStore, Profile, Attempt]:
    """A learner who finished tak.yaml in `role` along `path`, reflection included."""
    store = ProgressStore(root)
    learner = store.create_profile("Sanne", "wijkteam", "Gemeente Voorbeeld", "Team Noord")
    scenario = load_tak()
    session = Pass.start(store, scenario, learner.id, role=role)
    for step_id, options in [*path, ("reflectie", [])]:
        answer = Answer(step_id, options, reflection="Eerst overleggen." if not options else None)
        store.save_answer(learner.id, session.attempt.id, answer)
    session = Pass(store, scenario, store.attempt(learner.id, session.attempt.id))
    session.finish()
    return store, learner, store.attempt(learner.id, session.attempt.id)


@pytest.fixture
def tak_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A scenario folder with only tak.yaml, which the app (and reports) then play."""
    folder = tmp_path / "casussen"
    folder.mkdir()
    shutil.copy(TAK, folder / "tak.yaml")
    monkeypatch.setenv("WIJZER_SCENARIO_DIR", str(folder))
    return folder
