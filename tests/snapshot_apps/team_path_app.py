"""An app on the summary of a fixed team session of the branching fixture tak.yaml, played
by the intern begeleider's group to "Los zand" (for the snapshot of the path)."""

from __future__ import annotations

import tempfile
from pathlib import Path

from textual import events

import wijzer_tui
from wijzer_tui.app import WijzerApp
from wijzer_tui.domain.content.loader import load_scenarios
from wijzer_tui.domain.progress.store import ProgressStore
from wijzer_tui.domain.team.session import TeamSession
from wijzer_tui.domain.team.store import TeamStore, TeamTraining
from wijzer_tui.screens.team_session import TeamSessionScreen

TAK = load_scenarios([Path(__file__).resolve().parent.parent / "data" / "v2" / "tak.yaml"])[0]
PATH = [
    ("signaal", "wacht-af"),
    ("wat-doe-je", "dossier"),
    ("gesprek", "mailen"),
    ("overleg", "ik-neem-het"),
]


def played_session() -> TeamSession:
    """Ann, Bo and Cas of Wijkteam Noord on 12 March 2026, at the summary of their path."""
    session = TeamSession.new(
        TAK, "Wijkteam Noord", "Gemeente Zuid", ["Ann", "Bo", "Cas"], role="school"
    )
    session.id = "snapshot-pad"
    session.date = "2026-03-12"
    session.created = session.updated = "2026-03-12T09:00:00+00:00"
    for scene, option_id in PATH:
        step = TAK.step(scene)
        assert step is not None
        session.bump(step, option_id, 2)
        session.reveal(step)
    session.add_agreement("Ann", "Overleg met school en wijkteam plannen", "voor 1 april")
    session.position = "summary"
    return session


class TeamPathApp(WijzerApp):
    """WijzerApp straight on the team summary of the played session."""

    CSS_PATH = str(Path(wijzer_tui.__file__).parent / "wijzer.tcss")

    def __init__(self, root: Path | None = None) -> None:
        if root is None:
            self._tmp = tempfile.TemporaryDirectory(prefix="wijzer-team-")
            root = Path(self._tmp.name)
        super().__init__([TAK], ProgressStore(root), start="team")
        self.teams = TeamStore(root)
        self.session = played_session()
        self.teams.save(self.session)

    def on_mount(self, event: events.Mount) -> None:
        event.prevent_default()  # not WijzerApp's start screens
        training = TeamTraining(self.teams, TAK, self.session)
        self.push_screen(TeamSessionScreen(training, clock=lambda: 0.0))


app = TeamPathApp()
