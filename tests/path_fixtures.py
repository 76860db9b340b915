"""Hand-checked records on the branching fixture tak.yaml, for the path figures of the report.

tak.yaml: the wijkteam starts at wat-doe-je (choose, offers F9-T1), the school at signaal
(decide: bel-wijkteam follows F9-T3, wacht-af ignores it). Then gesprek (overleg-plannen or
mailen -> overleg, alleen-verder ignores F9-T2 -> alleen), alleen (aan-de-bel -> overleg,
doorgaan ignores F9-T3 -> los-zand), overleg (samen-kiezen -> een-plan, ik-neem-het -> los-zand).

- Anna (wijkteam): vraag-gezin, overleg-plannen, samen-kiezen -> een-plan; misses nothing.
- Bram (wijkteam): dossier, alleen-verder, doorgaan -> los-zand; misses F9-T1, F9-T2, F9-T3.
- Carla (school): wacht-af, vraag-gezin + dossier, mailen, ik-neem-het -> los-zand; misses F9-T3.
- Dirk (wijkteam): first alleen-verder and doorgaan, then back to gesprek for overleg-plannen
  and samen-kiezen -> een-plan. His old answers at alleen (and one at signaal, a scene his
  role never plays) are off his path: he misses nothing.
- Eva and Femke (school), one team session s1: bel-wijkteam, vraag-gezin, overleg-plannen,
  samen-kiezen -> een-plan; counted once.
- Gert (wijkteam): busy, one answer; not counted.

Five decisions. signaal 2 (bel-wijkteam 1, wacht-af 1); wat-doe-je 5 (vraag-gezin 4, dossier 2);
gesprek 5 (overleg-plannen 3, mailen 1, alleen-verder 1); alleen 1 (aan-de-bel 0, doorgaan 1);
overleg 4 (samen-kiezen 3, ik-neem-het 1). Endings: een-plan 3, los-zand 2.
Missed: F9-T3 2 (40%), F9-T1 1, F9-T2 1.
"""

from __future__ import annotations

from explore_fixtures import load_tak

from wijzer_tui.domain.content.graph import walk
from wijzer_tui.domain.content.model import Scenario
from wijzer_tui.domain.content.scoring import scenario_score
from wijzer_tui.domain.progress.records import Answer, Attempt, Profile

TAK = load_tak()
MADE = "2025-03-01T10:00:00+00:00"
PRIVATE = "Privé: de moeder van Sem belde me thuis."  # nobody here shares reflections


def at(minute: int) -> str:
    """An ISO time on 10 March 2025, minutes after 10:00 UTC."""
    return f"2025-03-10T10:{minute:02d}:00+00:00"


def finished(
    learner: str,
    role: str,
    answers: list[tuple[str, list[str]]],
    scenario: Scenario = TAK,
    **kw: object,
) -> Attempt:
    """A finished attempt with these answers (in the order given), score and ending as a real
    pass saves them; the reflection is private."""
    made = [
        Answer(step, options, at(i), PRIVATE if step == "reflectie" else None)
        for i, (step, options) in enumerate(answers)
    ]
    latest = {a.step_id: a.option_ids for a in made}
    ending = walk(scenario, latest, role).ending
    return Attempt(
        id=f"{learner}-1",
        learner_id=learner,
        scenario_id=scenario.id,
        content_version=1,
        started=at(0),
        finished=at(59),
        status="finished",
        answers=made,
        score=scenario_score(scenario, latest, role),
        role=role,
        ending=ending.id if ending else None,
        **kw,  # type: ignore[arg-type]
    )


def person(pid: str, name: str, team: str = "Team Noord") -> Profile:
    return Profile(pid, name, "wijkteam", "Gemeente Voorbeeld", team, MADE)


SCHOOL_TEAM = [
    ("signaal", ["bel-wijkteam"]),
    ("wat-doe-je", ["vraag-gezin"]),
    ("gesprek", ["overleg-plannen"]),
    ("overleg", ["samen-kiezen"]),
]


def tak_records(scenario: Scenario = TAK) -> list[tuple[Profile, list[Attempt]]]:
    """The seven learners of the module docstring."""
    team = {"mode": "team", "team_session_id": "s1"}
    gert = Attempt("gert-1", "gert", scenario.id, 1, started=at(0), role="wijkteam",
                   answers=[Answer("wat-doe-je", ["dossier"], at(1))])  # fmt: skip
    return [
        (person("anna", "Anna"), [finished("anna", "wijkteam", [
            ("wat-doe-je", ["vraag-gezin"]), ("gesprek", ["overleg-plannen"]),
            ("overleg", ["samen-kiezen"]), ("reflectie", [])], scenario)]),
        (person("bram", "Bram"), [finished("bram", "wijkteam", [
            ("wat-doe-je", ["dossier"]), ("gesprek", ["alleen-verder"]),
            ("alleen", ["doorgaan"]), ("reflectie", [])], scenario)]),
        (person("carla", "Carla", "Team Zuid"), [finished("carla", "school", [
            ("signaal", ["wacht-af"]), ("wat-doe-je", ["vraag-gezin", "dossier"]),
            ("gesprek", ["mailen"]), ("overleg", ["ik-neem-het"]), ("reflectie", [])], scenario)]),
        (person("dirk", "Dirk"), [finished("dirk", "wijkteam", [
            ("signaal", ["wacht-af"]), ("wat-doe-je", ["vraag-gezin"]),
            ("gesprek", ["alleen-verder"]), ("alleen", ["doorgaan"]),
            ("gesprek", ["overleg-plannen"]), ("overleg", ["samen-kiezen"]),
            ("reflectie", [])], scenario)]),
        (person("eva", "Eva"), [finished("eva", "school", [*SCHOOL_TEAM, ("reflectie", [])],
                                         scenario, **team)]),
        (person("femke", "Femke"), [finished("femke", "school", [*SCHOOL_TEAM, ("reflectie", [])],
                                             scenario, **team)]),
        (person("gert", "Gert"), [gert]),
    ]  # fmt: skip
