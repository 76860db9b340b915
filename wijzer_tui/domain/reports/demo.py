"""Synthetic demo learners with realistic answers from the real scenarios, clearly marked as demo."""

from __future__ import annotations

import hashlib
import random
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from wijzer_tui.domain.content.graph import walk
from wijzer_tui.domain.content.model import DecideOption, Scenario, Step
from wijzer_tui.domain.content.scoring import scenario_score
from wijzer_tui.domain.errors import StoreError
from wijzer_tui.domain.progress.records import BEROEPSGROEPEN, Answer, Attempt, Profile
from wijzer_tui.domain.progress.store import ProgressStore

MAX_LEARNERS = 20_000
ATTEMPTS_PER_LEARNER = 5
TEAMS = ("Team Noord", "Team Zuid", "Team Oost", "Team West", "Team Centrum", "")
# Clearly made-up places, so nobody mistakes a demo organisation for a real one.
ORGANISATIONS = {
    "politie": "Politie Demoregio",
    "onderwijs": "Basisschool De Demoboom",
    "kinderopvang": "Kinderopvang Het Demohuis",
    "wijkteam": "Wijkteam Demostad",
    "wijkverpleging": "Wijkverpleging Demostad",
    "jeugdzorg": "Jeugdzorg Demoregio",
    "jeugdbescherming": "Jeugdbescherming Demoregio",
    "GGZ": "GGZ Demoregio",
    "Veilig Thuis": "Veilig Thuis Demoregio",
    "vrouwenopvang": "Vrouwenopvang Demoregio",
    "Zorg- en Veiligheidshuis": "Zorg- en Veiligheidshuis Demoregio",
    "huisarts": "Huisartsenpraktijk Demostad",
    "leerplicht": "Gemeente Demostad",
    "gemeente": "Gemeente Demostad",
}
REFLECTIONS = (
    "(demo) Ik had eerder moeten vragen wie de regie heeft.",
    "(demo) Volgende keer maak ik de afspraken op papier en deel ik ze met iedereen.",
    "(demo) Ik bel vaker Veilig Thuis voor advies, ook als ik twijfel.",
    "(demo) Ik plan een intervisie met collega's en netwerkpartners.",
)
DEMO_NAME = re.compile(r"Demo (\d+)\Z")


@dataclass(frozen=True)
class DemoResult:
    """What `fill_demo` added."""

    learners: int
    attempts: int
    first_name: str
    last_name: str


class _Maker:
    """Builds one demo learner at a time from one seeded random generator.

    (The `< vs <=` pragmas: random() returns one of 2**53 evenly spaced floats, so it equals a
    bound once in 2**53 draws; `<` and `<=` give the same demo data.)
    """

    def __init__(self, scenarios: Sequence[Scenario], seed: str, today: datetime) -> None:
        self.rng = random.Random(seed)
        self.scenarios = list(scenarios)
        self.today = today
        # Some tips are harder than others, so the knowledge-gap report has something to show.
        self.difficulty: dict[str | None, float] = {
            t.id: self.rng.random() for s in self.scenarios for t in s.tips
        }  # fmt: skip

    def new_id(self) -> str:
        return f"{self.rng.getrandbits(128):032x}"

    def learner(self, number: int) -> tuple[Profile, list[Attempt]]:
        rng = self.rng
        skill = rng.betavariate(5, 2.5)
        group = rng.choice(BEROEPSGROEPEN)
        profile = Profile(
            id=self.new_id(),
            name=f"Demo {number:04d}",
            beroepsgroep=group,
            organisation=ORGANISATIONS.get(group, "Stichting Demohulp"),
            team=rng.choice(TEAMS),
            share_reflections=rng.random() < 0.25,  # pragma: no mutate (< vs <=: p = 2**-53)
            synthetic=True,
        )
        picks = rng.choices(self.scenarios, k=ATTEMPTS_PER_LEARNER)
        attempts: list[Attempt] = []
        for scenario in self.scenarios:
            count = picks.count(scenario)
            # Far enough back that up to five retries, 1-4 days apart, still lie in the past.
            days = rng.randint(5 + 4 * ATTEMPTS_PER_LEARNER, 150)
            start = self.today - timedelta(days=days, hours=rng.randint(0, 8))
            for i in range(count):
                busy = i == count - 1 and rng.random() < 0.2  # pragma: no mutate (< vs <=: p = 2**-53)  # fmt: skip
                attempts.append(self.attempt(profile, scenario, skill, start, busy))
                start += timedelta(days=rng.randint(1, 4))
        attempts.sort(key=lambda a: a.started)
        # Never empty: without cases, rng.choices above fails first.
        earliest = attempts[0].started if attempts else self.today.isoformat()  # pragma: no mutate (see above)  # fmt: skip
        created = datetime.fromisoformat(earliest) - timedelta(days=1)
        profile.created = created.replace(microsecond=0).isoformat()
        return profile, attempts

    def attempt(
        self, profile: Profile, scenario: Scenario, skill: float, start: datetime, busy: bool
    ) -> Attempt:
        rng = self.rng
        team = bool(profile.team) and rng.random() < 0.3  # pragma: no mutate (< vs <=: p = 2**-53)
        session = hashlib.sha256(f"{profile.team}/{scenario.id}/{start:%G%V}".encode()).hexdigest()
        # A branching case: a random role (only drawn when there is a choice, so format-1 demo
        # data stays the same), then each answer decides which step comes next.
        role = rng.choice(scenario.roles).id if len(scenario.roles) > 1 else ""
        limit = rng.randint(1, 2) if busy else None
        moment = start
        answers: list[Answer] = []
        steps: list[Step] = []
        # A walk answers each step at most once, so a case never needs more rounds than it has
        # steps: bounded, so a slip in the walk can never loop for ever.
        for _ in range(len(scenario.steps) if limit is None else limit):
            chosen = {a.step_id: a.option_ids for a in answers}
            step = next((s for s in walk(scenario, chosen, role).steps if s.id not in chosen), None)
            if step is None:
                break
            moment += timedelta(minutes=rng.randint(2, 9))
            steps.append(step)
            answers.append(self.answer(step, skill, moment))
        attempt = Attempt(
            id=self.new_id(),
            learner_id=profile.id,
            scenario_id=scenario.id,
            content_version=scenario.content_version,
            mode="team" if team else "self",
            started=_iso(start),
            answers=answers,
            team_session_id=f"demo-{session[:24]}" if team else None,
            role=role,
        )
        if busy:
            attempt.position = f"{'compare' if steps[-1].kind == 'choose' else 'consequence'}:{steps[-1].id}"  # fmt: skip
        else:
            attempt.status = "finished"
            attempt.finished = _iso(moment + timedelta(minutes=rng.randint(1, 5)))
            attempt.position = "end"
            chosen = {a.step_id: a.option_ids for a in answers}
            attempt.score = scenario_score(scenario, chosen, role)
            ending = walk(scenario, chosen, role).ending
            attempt.ending = ending.id if ending else None
        return attempt

    def answer(self, step: Step, skill: float, moment: datetime) -> Answer:
        rng = self.rng
        if step.kind == "choose":
            chosen = []
            for option in step.choose_options:
                if option.kind == "tip":
                    chance = skill + 0.3 - 0.6 * self.difficulty.get(option.tip_id, 0.5)
                elif option.kind == "against":
                    chance = (1 - skill) * 0.5
                else:
                    chance = 0.35
                if rng.random() < chance:  # pragma: no mutate (< vs <=: p = 2**-53)
                    chosen.append(option.id)
            return Answer(step.id, chosen, _iso(moment))
        if step.kind == "decide":
            options = step.decide_options
            weights = [max(0.05, 0.3 + skill * _merit(o)) for o in options]
            return Answer(step.id, [rng.choices(options, weights)[0].id], _iso(moment))
        ticked = [t for t in step.tip_ids if rng.random() < skill]  # pragma: no mutate (< vs <=: p = 2**-53)  # fmt: skip
        return Answer(step.id, [], _iso(moment), rng.choice(REFLECTIONS), ticked)


def _merit(option: DecideOption) -> float:
    """How good a decide option is, for a skilled learner's preference: from its credit, else
    the tips it follows minus those it ignores."""
    if option.credit is not None:
        return 2 * option.credit - 1
    return len(option.follows) - len(option.ignores)


def _iso(moment: datetime) -> str:
    return moment.replace(microsecond=0).isoformat()


def demo_records(
    scenarios: Sequence[Scenario],
    learners: int,
    seed: int = 1,
    first_number: int = 1,
    today: datetime | None = None,
) -> list[tuple[Profile, list[Attempt]]]:
    """`learners` synthetic learners (names "Demo 0001", …), each with five attempts.

    The same seed and date give the same learners. Answers are drawn from the scenarios' real
    options, so scores and missed tips behave like real ones.
    """
    now = today or datetime.now(UTC)
    now = now.replace(microsecond=0)  # pragma: no mutate (every time written drops them itself)
    # The first number is part of the seed: a second run adds new ids, never the same learners.
    maker = _Maker(scenarios, f"{seed}/{first_number}", now)
    return [maker.learner(first_number + i) for i in range(learners)]


def next_demo_number(profiles: Sequence[Profile]) -> int:
    """The number after the highest existing "Demo NNNN" learner, so names never repeat."""
    numbers = [
        int(m.group(1)) for p in profiles if p.synthetic and (m := DEMO_NAME.match(p.name))
    ]  # fmt: skip
    return max(numbers, default=0) + 1


def fill_demo(
    store: ProgressStore,
    scenarios: Sequence[Scenario],
    learners: int,
    seed: int = 1,
    *,
    allow_real: bool = False,
    progress: Callable[[int, int], None] | None = None,
) -> DemoResult:
    """Add demo learners to the store through its import (one write per learner).

    Refuses (StoreError) when the folder holds real learners, unless `allow_real`, so demo data
    never mixes with real records by accident. `progress(done, total)` is called now and then.
    """
    if not 1 <= learners <= MAX_LEARNERS:
        raise StoreError(f"Kies een aantal demodeelnemers van 1 tot en met {MAX_LEARNERS}.")
    existing = store.profiles()
    real = [p for p in existing if not p.synthetic]
    if real and not allow_real:
        raise StoreError(
            f"In {store.root} staan al {len(real)} echte deelnemers. Demodata zou hun overzicht "
            "vervuilen. Kies een lege map met --progress-dir, of voeg --force toe."
        )
    first = next_demo_number(existing)
    records = demo_records(scenarios, learners, seed, first)
    added = 0
    for done, (profile, attempts) in enumerate(records, start=1):
        added += store.import_learner(profile, attempts)
        if progress is not None and (done % 100 == 0 or done == len(records)):
            progress(done, len(records))
    return DemoResult(len(records), added, records[0][0].name, records[-1][0].name)
