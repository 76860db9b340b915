"""Hand-checked report fixtures: two tiny scenarios and four learners (expected values in comments)."""

from __future__ import annotations

from wijzer_tui.domain.content.model import ChooseOption, DecideOption, Scenario, Step, Tip
from wijzer_tui.domain.progress.records import Answer, Attempt, Profile

ALFA = Scenario(
    id="alfa",
    number=1,
    content_version=1,
    title="Ik mis de regie",
    quotes=("Wie heeft de regie?",),
    case="Een gezin met veel hulpverleners.",
    why="Zonder regie geen overzicht.",
    tips=(
        Tip("A-T1", "Vraag het gezin wie het aanspreekpunt is.", "Vraag het gezin"),
        Tip("A-T2", "Organiseer een multidisciplinair overleg.", "Organiseer overleg"),
        Tip("A-T3", "Spreek af wie de regie heeft en wat die doet.", "Spreek de regie af"),
    ),
    resources=(),
    sources=("Frustratiewijzer",),
    steps=(
        Step(
            "kies",
            "choose",
            "Wat doe je?",
            choose_options=(
                ChooseOption("o1", "Ik vraag het gezin.", "tip", "A-T1"),
                ChooseOption("o2", "Ik organiseer overleg.", "tip", "A-T2"),
                ChooseOption("o3", "Ik spreek de regie af.", "tip", "A-T3"),
                ChooseOption("x1", "Ik wacht af.", "against", reason="Dan doet niemand iets."),
                ChooseOption("n1", "Ik lees het dossier.", "neutral", reason="Lost niets op."),
            ),
        ),
        Step(
            "verder",
            "decide",
            "De casus gaat verder",
            decide_options=(
                DecideOption("goed", "Samen kiezen.", "Het loopt.", ("A-T1", "A-T2")),
                DecideOption("fout", "Niets doen.", "Het loopt vast.", (), ("A-T1", "A-T2")),
            ),
        ),
        Step("reflectie", "reflect", "Reflectie", tip_ids=("A-T1", "A-T2", "A-T3")),
    ),
)

BETA = Scenario(
    id="beta",
    number=2,
    content_version=1,
    title="Ik weet niet wat mijn partners doen",
    quotes=("Wat doet de ander?",),
    case="Een jonge vrouw en haar ex.",
    why="Zonder afspraken valt hulp tussen wal en schip.",
    tips=(
        Tip("B-T1", "Maak kennis met je partners.", "Maak kennis"),
        Tip("B-T2", "Spreek af wie wat wanneer doet.", "Wie, wat, wanneer"),
    ),
    resources=(),
    sources=("Frustratiewijzer",),
    steps=(
        Step(
            "kies",
            "choose",
            "Wat doe je?",
            choose_options=(
                ChooseOption("p1", "Ik maak kennis.", "tip", "B-T1"),
                ChooseOption("p2", "Ik maak afspraken.", "tip", "B-T2"),
                ChooseOption("y1", "Ik laat het aan de anderen.", "against", reason="Nee."),
            ),
        ),
    ),
)

SCENARIOS = [ALFA, BETA]
DAY = "2025-03-{:02d}T{}+00:00"


def at(day: int, time: str = "12:00:00") -> str:
    """An ISO time in March 2025, UTC (noon: the same date in every European time zone)."""
    return DAY.format(day, time)


def done(
    learner: str, name: str, scenario: Scenario, day: int, chosen: list[str], score: int, **kw
) -> Attempt:
    """A finished attempt whose choose answer is `chosen`."""
    answers = [Answer("kies", chosen, at(day, "11:00:00"))]
    if "reflection" in kw:
        answers.append(Answer("reflectie", [], at(day, "11:30:00"), kw.pop("reflection")))
    return Attempt(
        id=name,
        learner_id=learner,
        scenario_id=scenario.id,
        content_version=1,
        started=at(day, "10:00:00"),
        finished=at(day),
        status="finished",
        answers=answers,
        score=score,
        **kw,
    )


def records() -> list[tuple[Profile, list[Attempt]]]:
    """Four learners. Expected, by hand:

    - Anna (Team Noord, Org A, politie): alfa 50 then 84 (team) -> afgerond 84 on 5 March,
      missed A-T3; beta busy since 6 March 10:05. Private reflection on the attempt that
      counts (84), not shared: reports must leave it out.
    - bram (Team Zuid, Org B, onderwijs): alfa 84 (2 March, missed A-T1) then 50 (7 March,
      missed A-T1 and A-T2): the best, earlier one counts; beta 100 -> mean 92.
    - Carla (Team Noord, Org B, onderwijs): nothing -> nieuw, nieuw.
    - Dirk (no team, Org A, politie, shares reflections): alfa 84 twice; the later one (8 March,
      missed A-T3) counts; beta stopped -> bezig.

    alfa: 3 of 4 finished (75%), mean 84, missed A-T3 twice, A-T1 once.
    beta: 1 of 4 finished, 2 busy, 1 new, nothing missed.
    """
    anna = Profile("anna", "Anna", "politie", "Org A", "Team Noord", at(1))
    bram = Profile("bram", "bram", "onderwijs", "Org B", "Team Zuid", at(1))
    carla = Profile("carla", "Carla", "onderwijs", "Org B", "Team Noord", at(1))
    dirk = Profile("dirk", "Dirk", "politie", "Org A", "", at(1), share_reflections=True)
    anna_busy = Attempt(
        "anna-b1", "anna", "beta", 1, started=at(6, "10:00:00"),
        answers=[Answer("kies", ["p1"], at(6, "10:05:00"))],
    )  # fmt: skip
    dirk_stopped = Attempt("dirk-b1", "dirk", "beta", 1, started=at(9), status="stopped")
    return [
        (
            anna,
            [
                done("anna", "anna-a1", ALFA, 1, ["o1"], 50),
                # The private reflection sits on the attempt that counts: reports read this one.
                done(
                    "anna",
                    "anna-a2",
                    ALFA,
                    5,
                    ["o1", "o2"],
                    84,
                    mode="team",
                    reflection="Geheim: mijn cliënt X.",
                ),
                anna_busy,
            ],
        ),
        (
            bram,
            [
                done("bram", "bram-a1", ALFA, 2, ["o2", "o3"], 84),
                done("bram", "bram-b1", BETA, 3, ["p1", "p2"], 100),
                done("bram", "bram-a2", ALFA, 7, ["o3"], 50),  # later but lower: 84 still counts
            ],
        ),
        (carla, []),
        (
            dirk,
            [
                done("dirk", "dirk-a1", ALFA, 4, ["o1", "o3"], 84),
                done("dirk", "dirk-a2", ALFA, 8, ["o1", "o2"], 84, reflection="Eerst het gezin."),
                dirk_stopped,
            ],
        ),
    ]
