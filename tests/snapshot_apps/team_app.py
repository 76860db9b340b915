"""An app that opens a fixed team session on a chosen page, for Pilot and snapshot tests."""

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

SCENARIOS = load_scenarios()
TRUST = next(s for s in SCENARIOS if s.id == "vertrouwen")
PAGES = ("intro", "choose", "reveal", "summary")


def fixed_session(page: str) -> TeamSession:
    """Four people of Wijkteam Noord on 12 March 2026, at `page` of scenario 3."""
    choose = next(s for s in TRUST.steps if s.kind == "choose")
    decide = next(s for s in TRUST.steps if s.kind == "decide")
    reflect = next(s for s in TRUST.steps if s.kind == "reflect")
    session = TeamSession.new(
        TRUST, "Wijkteam Noord", "Gemeente Zuid", ["Ann", "Bo", "C.D.", "Dirk"]
    )
    session.id = "snapshot-sessie"
    session.date = "2026-03-12"
    session.created = session.updated = "2026-03-12T09:00:00+00:00"
    tips = [o.id for o in choose.choose_options if o.kind == "tip"]
    against = next(o.id for o in choose.choose_options if o.kind == "against")
    neutral = next(o.id for o in choose.choose_options if o.kind == "neutral")
    if page != "intro":
        for option_id, count in ((tips[0], 4), (tips[1], 2), (against, 1), (neutral, 1)):
            session.bump(choose, option_id, count)
        session.position = f"step:{choose.id}"
    if page in ("reveal", "summary"):
        session.reveal(choose)
    if page == "summary":
        follows = next(o.id for o in decide.decide_options if o.follows and not o.ignores)
        session.bump(decide, follows, 3)
        session.reveal(decide)
        session.reveal(reflect)
        session.add_agreement("Ann", "Kennismaking met het wijkteam plannen", "voor 1 april")
        session.add_agreement("Bo en Dirk", "Evaluatie van de samenwerking agenderen", "mei")
        session.position = "summary"
    return session


class TeamSnapshotApp(WijzerApp):
    """WijzerApp straight on TeamSessionScreen; the timer's clock stands still."""

    # CSS_PATH is read relative to the class's own file: point at the app's stylesheet.
    CSS_PATH = str(Path(wijzer_tui.__file__).parent / "wijzer.tcss")

    def __init__(self, root: Path | None = None, page: str = "choose") -> None:
        if root is None:
            self._tmp = tempfile.TemporaryDirectory(prefix="wijzer-team-")
            root = Path(self._tmp.name)
        super().__init__(SCENARIOS, ProgressStore(root), start="team")
        self.teams = TeamStore(root)
        self.session = fixed_session(page)
        self.teams.save(self.session)

    def on_mount(self, event: events.Mount) -> None:
        event.prevent_default()  # not WijzerApp's start screens
        training = TeamTraining(self.teams, TRUST, self.session)
        self.push_screen(TeamSessionScreen(training, clock=lambda: 0.0))


app = TeamSnapshotApp()
