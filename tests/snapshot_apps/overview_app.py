"""A tiny app around OverviewScreen with four fixed learners, for Pilot and snapshot tests."""

from __future__ import annotations

import tempfile
from pathlib import Path

from textual.app import App

from wijzer_tui.domain.content.loader import load_scenarios
from wijzer_tui.domain.content.model import Scenario
from wijzer_tui.domain.content.scoring import scenario_score
from wijzer_tui.domain.progress.records import Answer, Attempt, Profile
from wijzer_tui.domain.progress.store import ProgressStore
from wijzer_tui.screens.overview import OverviewScreen

CSS = Path(__file__).resolve().parents[2] / "wijzer_tui" / "wijzer.tcss"


def answers_for(scenario: Scenario, tips: int, against: int, day: str) -> list[Answer]:
    """Answers that choose the first `tips` tip options and `against` advised-against ones."""
    out = []
    for step in scenario.steps:
        at = f"{day}T11:00:00+00:00"
        if step.kind == "choose":
            chosen = [o.id for o in step.choose_options if o.kind == "tip"][:tips]
            chosen += [o.id for o in step.choose_options if o.kind == "against"][:against]
            out.append(Answer(step.id, chosen, at))
        elif step.kind == "decide":
            out.append(Answer(step.id, [step.decide_options[0].id], at))
        else:
            out.append(Answer(step.id, [], at, "Mijn reflectie", []))
    return out


def attempt(
    learner: str, scenario: Scenario, day: str, *, tips: int = 9, against: int = 0,
    mode: str = "self", busy: bool = False, number: int = 1,
) -> Attempt:  # fmt: skip
    """A finished (or busy: one answer) attempt started and finished on `day` at noon UTC."""
    answers = answers_for(scenario, tips, against, day)
    made = Attempt(
        id=f"{learner}-{scenario.id}-{number}",
        learner_id=learner,
        scenario_id=scenario.id,
        content_version=scenario.content_version,
        mode=mode,  # type: ignore[arg-type]
        started=f"{day}T10:00:00+00:00",
        answers=answers[:1] if busy else answers,
    )
    if not busy:
        made.status = "finished"
        made.finished = f"{day}T12:00:00+00:00"
        made.score = scenario_score(scenario, {a.step_id: a.option_ids for a in answers})
    return made


def fixture_records(scenarios: list[Scenario]) -> list[tuple[Profile, list[Attempt]]]:
    """Four learners in two teams, two organisations and three beroepsgroepen."""
    s = {x.number: x for x in scenarios}
    made = "2025-01-01T10:00:00+00:00"
    anna = Profile("anna", "Anna de Vries", "politie", "Politie Midden", "Team Noord", made)
    bram = Profile("bram", "Bram Jansen", "onderwijs", "Gemeente Oost", "Team Zuid", made)
    carla = Profile("carla", "Carla Smit", "wijkteam", "Gemeente Oost", "Team Noord", made)
    dirk = Profile("dirk", "Dirk Bakker", "politie", "Politie Midden", "Team Zuid", made)
    anna_attempts = [
        attempt("anna", s[1], "2025-03-04", mode="team"),
        attempt("anna", s[2], "2025-03-05", busy=True),
    ]
    bram_attempts = [
        attempt("bram", s[1], "2025-03-06", tips=2, against=1),
        attempt("bram", s[3], "2025-03-07", tips=3),
    ]
    dirk_attempts = [
        attempt("dirk", s[4], "2025-03-10", tips=4, mode="team"),
        attempt("dirk", s[5], "2025-03-11", tips=1),
    ]
    return [(anna, anna_attempts), (bram, bram_attempts), (carla, []), (dirk, dirk_attempts)]


class OverviewApp(App[None]):
    """Shows OverviewScreen over a store in a temporary folder, filled with fixture_records."""

    CSS_PATH = str(CSS)
    ENABLE_COMMAND_PALETTE = False
    HORIZONTAL_BREAKPOINTS = [(0, "-too-narrow"), (60, "-wide-enough")]
    VERTICAL_BREAKPOINTS = [(0, "-too-low"), (18, "-high-enough")]

    def __init__(self, root: Path | None = None, *, fill: bool = True) -> None:
        super().__init__()
        if root is None:
            self._tmp = tempfile.TemporaryDirectory(prefix="wijzer-overview-")
            root = Path(self._tmp.name)
        self.store = ProgressStore(root)
        self.scenarios = load_scenarios()
        for profile, attempts in fixture_records(self.scenarios) if fill else []:
            self.store.import_learner(profile, attempts)

    def on_mount(self) -> None:
        self.theme = "textual-dark"
        self.push_screen(OverviewScreen(self.store, self.scenarios))
