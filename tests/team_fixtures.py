"""Shared team-training test data: scenario 3 (vertrouwen), its steps, and sessions to start from."""

from __future__ import annotations

from pathlib import Path

from wijzer_tui.domain.content.loader import load_scenarios
from wijzer_tui.domain.content.model import Scenario, Step
from wijzer_tui.domain.progress.records import Profile
from wijzer_tui.domain.progress.store import ProgressStore
from wijzer_tui.domain.team.session import TeamSession
from wijzer_tui.domain.team.store import record_attendance

SCENARIOS = load_scenarios()
TRUST = next(s for s in SCENARIOS if s.id == "vertrouwen")


def step_of(scenario: Scenario, kind: str) -> Step:
    return next(s for s in scenario.steps if s.kind == kind)


CHOOSE, DECIDE, REFLECT = (step_of(TRUST, k) for k in ("choose", "decide", "reflect"))
TIPS = [o.id for o in CHOOSE.choose_options if o.kind == "tip"]
AGAINST = [o.id for o in CHOOSE.choose_options if o.kind == "against"]


def new_session(*names: str) -> TeamSession:
    return TeamSession.new(TRUST, "Wijkteam Noord", "Gemeente Zuid", list(names or ("Ann", "Bo")))


def played(session: TeamSession) -> TeamSession:
    """Two tips and one advised-against action chosen by a majority, decide by majority, all
    revealed."""
    session.bump(CHOOSE, TIPS[0], len(session.attendees))
    session.bump(CHOOSE, TIPS[1], len(session.attendees) // 2 + 1)
    session.bump(CHOOSE, AGAINST[0], len(session.attendees) // 2 + 1)
    session.reveal(CHOOSE)
    session.bump(DECIDE, DECIDE.decide_options[1].id, len(session.attendees))
    session.reveal(DECIDE)
    session.reveal(REFLECT)
    return session


def marloes_in_a_session(root: Path) -> tuple[ProgressStore, Profile, TeamSession]:
    """Self-study learner Marloes, linked by the trainer in a played session she attended with Bo,
    which is finished (attendance recorded)."""
    store = ProgressStore(root)
    marloes = store.create_profile("Marloes Ëlsgén", "wijkteam", "Gemeente Zuid", "Team Noord")
    people = ["Marloes Ëlsgén", "Bo"]
    links = {"Marloes Ëlsgén": marloes.id}
    session = TeamSession.new(TRUST, "Team Noord", "Gemeente Zuid", people, links=links)
    record_attendance(store, played(session), TRUST)
    return store, marloes, session
