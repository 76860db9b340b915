"""The xAPI statements of one hand-made case, whole: every statement of a finished team attempt
compared with == (ids, actor, verbs, activities with their choices and correct responses, results
and scores, context with session and revision, timestamps), a stopped attempt's ending, what is left
out (a private or empty reflection, a missing score or response), and the JSON file of
`report --format xapi` character for character."""

from __future__ import annotations

import uuid
from typing import Any

from wijzer_tui.domain.content.model import ChooseOption, DecideOption, Scenario, Step, Tip
from wijzer_tui.domain.progress.records import Answer, Attempt, Profile
from wijzer_tui.domain.reports.grid import build_report
from wijzer_tui.domain.reports.xapi import to_xapi
from wijzer_tui.domain.reports.xapi_config import XapiConfig
from wijzer_tui.domain.reports.xapi_statements import StatementBuilder

BASE = "https://leren.example.nl/wijzer"
CONFIG = XapiConfig(iri_base=BASE, homepage="https://leren.example.nl")
ADL = "http://adlnet.gov/expapi"

GAMMA = Scenario(
    id="gamma",
    number=3,
    content_version=2,
    title="Ik mis de regie bij een cliënt",
    quotes=(),
    case="Een cliënt met veel hulpverleners.",
    why="Zonder afspraken geen overzicht.",
    tips=(
        Tip("G-T1", "Bel de wijkagent.", "Bel"),
        Tip("G-T2", "Leg vast wat je afspreekt.", "Leg vast"),
    ),
    resources=(),
    sources=("Frustratiewijzer",),
    steps=(
        Step(
            "kies",
            "choose",
            "Wat doe je?",
            prompt="Wat doe jij als eerste?",
            choose_options=(
                ChooseOption("t1", "Ik bel de wijkagent.", "tip", "G-T1"),
                ChooseOption("t2", "Ik leg het vast.", "tip", "G-T2"),
                ChooseOption("a1", "Ik wacht af.", "against", reason="Dan gebeurt er niets."),
            ),
        ),
        Step(
            "zonder-tips",  # no tip to choose: no correct response, no score
            "choose",
            "En daarna?",
            choose_options=(
                ChooseOption("n1", "Ik drink koffie.", "neutral", reason="Lost niets op."),
                ChooseOption("a2", "Ik ga naar huis.", "against", reason="Nee."),
            ),
        ),
        Step(
            "verder",  # only `volg` follows a tip: it alone is correct, whatever the credits
            "decide",
            "De casus gaat verder",
            decide_options=(
                DecideOption("blijf", "Ik blijf rustig.", "Het loopt goed.", credit=1.0),
                DecideOption("volg", "Ik bel.", "Hij komt.", follows=("G-T1",), credit=0.5),
                DecideOption("half", "Ik twijfel.", "Het blijft vaag.", credit=0.5),
            ),
        ),
        Step(
            "stil",  # no option follows a tip: no correct response
            "decide",
            "Wat nu?",
            decide_options=(
                DecideOption("wacht", "Ik wacht.", "Niemand komt.", ignores=("G-T1",)),
                DecideOption("bel", "Ik bel niemand.", "Er gebeurt niets."),
            ),
        ),
        Step("reflectie", "reflect", "Reflectie", tip_ids=("G-T1", "G-T2")),
    ),
)


def uid(name: str) -> str:
    """The documented id scheme: a UUID5 in the URL namespace."""
    return str(uuid.uuid5(uuid.NAMESPACE_URL, name))


def registration(attempt_id: str, base: str = BASE) -> str:
    return uid(f"{base}/poging/{attempt_id}")


def statement_id(attempt_id: str, part: str, base: str = BASE) -> str:
    return uid(f"{registration(attempt_id, base)}/{part}")


def build(
    profile: Profile, *attempts: Attempt, config: XapiConfig = CONFIG
) -> list[dict[str, Any]]:
    return list(StatementBuilder([GAMMA], config).for_records([(profile, list(attempts))]))


def verb(name: str, dutch: str) -> dict[str, Any]:
    return {"id": f"{ADL}/verbs/{name}", "display": {"en-US": name, "nl-NL": dutch}}


INITIALIZED = verb("initialized", "is begonnen aan")
ANSWERED = verb("answered", "heeft beantwoord")
COMPLETED = verb("completed", "heeft afgerond")
TERMINATED = verb("terminated", "is gestopt met")

CASE = {
    "objectType": "Activity",
    "id": f"{BASE}/casus/gamma",
    "definition": {
        "name": {"nl-NL": "Ik mis de regie bij een cliënt"},
        "type": f"{ADL}/activities/simulation",
    },
}
COURSE = {
    "objectType": "Activity",
    "id": BASE,
    "definition": {"name": {"nl-NL": "Frustratiewijzer"}, "type": f"{ADL}/activities/course"},
}
INTERACTION = f"{ADL}/activities/cmi.interaction"


def choices(*pairs: tuple[str, str]) -> list[dict[str, Any]]:
    return [{"id": i, "description": {"nl-NL": text}} for i, text in pairs]


STEPS = {
    "kies": {
        "objectType": "Activity",
        "id": f"{BASE}/casus/gamma/kies",
        "definition": {
            "name": {"nl-NL": "Wat doe je?"},
            "type": INTERACTION,
            "description": {"nl-NL": "Wat doe jij als eerste?"},
            "interactionType": "choice",
            "choices": choices(
                ("t1", "Ik bel de wijkagent."), ("t2", "Ik leg het vast."), ("a1", "Ik wacht af.")
            ),
            "correctResponsesPattern": ["t1[,]t2"],
        },
    },
    "zonder-tips": {
        "objectType": "Activity",
        "id": f"{BASE}/casus/gamma/zonder-tips",
        "definition": {
            "name": {"nl-NL": "En daarna?"},
            "type": INTERACTION,
            "interactionType": "choice",
            "choices": choices(("n1", "Ik drink koffie."), ("a2", "Ik ga naar huis.")),
        },
    },
    "verder": {
        "objectType": "Activity",
        "id": f"{BASE}/casus/gamma/verder",
        "definition": {
            "name": {"nl-NL": "De casus gaat verder"},
            "type": INTERACTION,
            "interactionType": "choice",
            "choices": choices(
                ("blijf", "Ik blijf rustig."), ("volg", "Ik bel."), ("half", "Ik twijfel.")
            ),
            "correctResponsesPattern": ["volg"],
        },
    },
    "stil": {
        "objectType": "Activity",
        "id": f"{BASE}/casus/gamma/stil",
        "definition": {
            "name": {"nl-NL": "Wat nu?"},
            "type": INTERACTION,
            "interactionType": "choice",
            "choices": choices(("wacht", "Ik wacht."), ("bel", "Ik bel niemand.")),
        },
    },
    "reflectie": {
        "objectType": "Activity",
        "id": f"{BASE}/casus/gamma/reflectie",
        "definition": {
            "name": {"nl-NL": "Reflectie"},
            "type": INTERACTION,
            "interactionType": "long-fill-in",
        },
    },
}

IRIS = Profile("iris", "Iris", "zorg", "Org C", "Team West", share_reflections=True)
IRIS_ACTOR = {
    "objectType": "Agent",
    "account": {"homePage": "https://leren.example.nl", "name": "iris"},
}


def at(time: str) -> str:
    return f"2025-03-10T{time}+00:00"


FINISHED = Attempt(
    id="iris-1",
    learner_id="iris",
    scenario_id="gamma",
    content_version=2,
    mode="team",
    started="2025-03-10T09:00:00+01:00",  # 08:00 UTC
    finished="2025-03-10T09:47:30.250+01:00",
    status="finished",
    score=75,
    team_session_id="sessie-7",
    answers=[
        Answer("kies", ["t1", "a1", "t2"], at("08:05:00")),  # 2 tips - 1 against: 1 of 2
        Answer("zonder-tips", ["n1"], at("08:10:00")),  # no tips: no score
        Answer("verder", ["volg"], at("08:20:00")),  # follows 1 tip, ignores none: 1 of 1
        Answer("stil", [], at("08:25:00")),  # nothing chosen: no response, no score
        Answer("stil", ["bel"], at("08:26:00")),  # follows and ignores nothing: no score
        Answer("stil", ["wacht"], at("08:27:00")),  # ignores 1 tip: 0 of 1
        Answer("reflectie", [], at("08:40:00"), "   ", ["G-T1"]),  # blank text: ticks only
        Answer("reflectie", [], at("08:45:00"), "", []),  # nothing at all: not sent
        Answer("reflectie", [], at("08:46:00"), "Eerst bellen.", []),
        Answer("verdwenen", ["x"], at("08:47:00")),  # a step the case no longer has: not sent
    ],
)

TEAM_CONTEXT = {
    "registration": registration("iris-1"),
    "contextActivities": {
        "grouping": [
            COURSE,
            {
                "objectType": "Activity",
                "id": f"{BASE}/teamsessie/sessie-7",
                "definition": {
                    "name": {"nl-NL": "Teamtraining"},
                    "type": f"{ADL}/activities/meeting",
                },
            },
        ]
    },
    "platform": "wijzer",
    "language": "nl-NL",
    "extensions": {f"{BASE}/extensies/vorm": "team", f"{BASE}/extensies/team": "Team West"},
    "revision": "2",
}
ANSWERED_CONTEXT = {
    **TEAM_CONTEXT,
    "contextActivities": {**TEAM_CONTEXT["contextActivities"], "parent": [CASE]},
}


def answered(index: int, step: str, time: str, result: dict[str, Any]) -> dict[str, Any]:
    return {
        "id": statement_id("iris-1", f"answered/{index}"),
        "actor": IRIS_ACTOR,
        "verb": ANSWERED,
        "object": STEPS[step],
        "context": ANSWERED_CONTEXT,
        "timestamp": f"2025-03-10T{time}Z",
        "result": result,
    }


def test_a_finished_team_attempt_gives_exactly_these_statements() -> None:
    ticked = {f"{BASE}/extensies/tips-afgevinkt": ["G-T1"]}
    assert build(IRIS, FINISHED) == [
        {
            "id": statement_id("iris-1", "initialized"),
            "actor": IRIS_ACTOR,
            "verb": INITIALIZED,
            "object": CASE,
            "context": TEAM_CONTEXT,
            "timestamp": "2025-03-10T08:00:00Z",
        },
        answered(0, "kies", "08:05:00", {
            "completion": True,
            "response": "t1[,]a1[,]t2",
            "score": {"scaled": 0.5, "raw": 1, "min": 0, "max": 2},
        }),
        answered(1, "zonder-tips", "08:10:00", {"completion": True, "response": "n1"}),
        answered(2, "verder", "08:20:00", {
            "completion": True,
            "response": "volg",
            "score": {"scaled": 1.0, "raw": 1, "min": 0, "max": 1},
        }),
        answered(3, "stil", "08:25:00", {"completion": True}),
        answered(4, "stil", "08:26:00", {"completion": True, "response": "bel"}),
        answered(5, "stil", "08:27:00", {
            "completion": True,
            "response": "wacht",
            "score": {"scaled": 0.0, "raw": 0, "min": 0, "max": 1},
        }),
        answered(6, "reflectie", "08:40:00", {"completion": True, "extensions": ticked}),
        answered(8, "reflectie", "08:46:00", {"completion": True, "response": "Eerst bellen."}),
        {
            "id": statement_id("iris-1", "completed"),
            "actor": IRIS_ACTOR,
            "verb": COMPLETED,
            "object": CASE,
            "context": TEAM_CONTEXT,
            "timestamp": "2025-03-10T08:47:30.250Z",
            "result": {
                "completion": True,
                "score": {"scaled": 0.75, "raw": 75, "min": 0, "max": 100},
                "duration": "PT47M30S",
            },
        },
    ]  # fmt: skip


def test_a_reflection_the_learner_keeps_private_is_never_sent() -> None:
    private = Profile("iris", "Iris", "zorg", "Org C", "Team West", share_reflections=False)
    made = build(private, FINISHED)
    assert [s["object"]["id"] for s in made if s["verb"] == ANSWERED] == [
        f"{BASE}/casus/gamma/{step}"
        for step in ("kies", "zonder-tips", "verder", "stil", "stil", "stil")
    ]


def self_study(attempt_id: str, **fields: Any) -> Attempt:
    values: dict[str, Any] = {
        "id": attempt_id,
        "learner_id": "iris",
        "scenario_id": "gamma",
        "content_version": 2,
        "started": at("08:00:00"),
    }
    return Attempt(**(values | fields))


def own_context(attempt_id: str, revision: str | None = "2") -> dict[str, Any]:
    context: dict[str, Any] = {
        "registration": registration(attempt_id),
        "contextActivities": {"grouping": [COURSE]},
        "platform": "wijzer",
        "language": "nl-NL",
        "extensions": {f"{BASE}/extensies/vorm": "self", f"{BASE}/extensies/team": "Team West"},
    }
    if revision is not None:
        context["revision"] = revision
    return context


def test_a_stopped_attempt_terminates_at_the_last_answer() -> None:
    stopped = self_study(
        "iris-2",
        status="stopped",
        answers=[
            Answer("kies", ["t1"], at("08:01:00")),
            Answer("kies", ["t2"], at("08:02:00")),
            Answer("kies", ["t1", "t2"], at("08:03:00")),
        ],
    )
    made = build(IRIS, stopped)
    assert [s["verb"] for s in made] == [INITIALIZED, ANSWERED, ANSWERED, ANSWERED, TERMINATED]
    assert [s["timestamp"] for s in made] == [
        "2025-03-10T08:00:00Z",
        "2025-03-10T08:01:00Z",
        "2025-03-10T08:02:00Z",
        "2025-03-10T08:03:00Z",
        "2025-03-10T08:03:00Z",
    ]
    assert made[-1] == {
        "id": statement_id("iris-2", "terminated"),
        "actor": IRIS_ACTOR,
        "verb": TERMINATED,
        "object": CASE,
        "context": own_context("iris-2"),
        "timestamp": "2025-03-10T08:03:00Z",
    }


def test_a_stopped_attempt_without_answers_terminates_at_its_start() -> None:
    initialized, terminated = build(IRIS, self_study("iris-3", status="stopped"))
    assert initialized == {
        "id": statement_id("iris-3", "initialized"),
        "actor": IRIS_ACTOR,
        "verb": INITIALIZED,
        "object": CASE,
        "context": own_context("iris-3"),
        "timestamp": "2025-03-10T08:00:00Z",
    }
    assert terminated == {
        **initialized,
        "id": statement_id("iris-3", "terminated"),
        "verb": TERMINATED,
    }


def test_a_busy_attempt_has_no_ending() -> None:
    made = build(IRIS, self_study("iris-4", answers=[Answer("kies", ["t1"], at("08:01:00"))]))
    assert [s["verb"] for s in made] == [INITIALIZED, ANSWERED]


def test_only_a_positive_content_version_is_sent_as_revision() -> None:
    for version, revision in ((0, None), (-1, None), (1, "1")):
        (initialized,) = build(IRIS, self_study("iris-5", content_version=version))
        assert initialized["context"] == own_context("iris-5", revision)


def test_the_ids_follow_the_iri_base_attempt_and_place() -> None:
    made = build(IRIS, FINISHED)
    assert [s["id"] for s in made] == [
        statement_id("iris-1", part)
        for part in (
            "initialized", "answered/0", "answered/1", "answered/2", "answered/3", "answered/4",
            "answered/5", "answered/6", "answered/8", "completed",
        )
    ]  # fmt: skip
    assert len(set(s["id"] for s in made)) == 10


def report_text(config: XapiConfig | None = None) -> str:
    profile = Profile("noor", "Noor", "zorg", created=at("07:00:00"))
    busy = Attempt("noor-1", "noor", "gamma", 1, started=at("08:00:00"))
    report = build_report([(profile, [busy])], [GAMMA])
    return to_xapi(report) if config is None else to_xapi(report, config)


def expected_text(base: str, homepage: str) -> str:
    return (
        "[\n"
        "  {\n"
        f'    "id": "{statement_id("noor-1", "initialized", base)}",\n'
        '    "actor": {\n'
        '      "objectType": "Agent",\n'
        '      "account": {\n'
        f'        "homePage": "{homepage}",\n'
        '        "name": "noor"\n'
        "      }\n"
        "    },\n"
        '    "verb": {\n'
        '      "id": "http://adlnet.gov/expapi/verbs/initialized",\n'
        '      "display": {\n'
        '        "en-US": "initialized",\n'
        '        "nl-NL": "is begonnen aan"\n'
        "      }\n"
        "    },\n"
        '    "object": {\n'
        '      "objectType": "Activity",\n'
        f'      "id": "{base}/casus/gamma",\n'
        '      "definition": {\n'
        '        "name": {\n'
        '          "nl-NL": "Ik mis de regie bij een cliënt"\n'
        "        },\n"
        '        "type": "http://adlnet.gov/expapi/activities/simulation"\n'
        "      }\n"
        "    },\n"
        '    "context": {\n'
        f'      "registration": "{registration("noor-1", base)}",\n'
        '      "contextActivities": {\n'
        '        "grouping": [\n'
        "          {\n"
        '            "objectType": "Activity",\n'
        f'            "id": "{base}",\n'
        '            "definition": {\n'
        '              "name": {\n'
        '                "nl-NL": "Frustratiewijzer"\n'
        "              },\n"
        '              "type": "http://adlnet.gov/expapi/activities/course"\n'
        "            }\n"
        "          }\n"
        "        ]\n"
        "      },\n"
        '      "platform": "wijzer",\n'
        '      "language": "nl-NL",\n'
        '      "extensions": {\n'
        f'        "{base}/extensies/vorm": "self"\n'
        "      },\n"
        '      "revision": "1"\n'
        "    },\n"
        '    "timestamp": "2025-03-10T08:00:00Z"\n'
        "  }\n"
        "]\n"
    )


def test_the_xapi_file_is_indented_utf8_json_with_the_given_settings() -> None:
    assert report_text(CONFIG) == expected_text(BASE, "https://leren.example.nl")


def test_the_xapi_file_uses_the_default_settings_when_none_are_given() -> None:
    base = "https://wijzer.invalid"
    assert report_text() == expected_text(base, base)
