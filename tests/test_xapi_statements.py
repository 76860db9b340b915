"""xAPI statements per attempt: what an LRS dashboard gets, checked on hand-made records."""

from __future__ import annotations

import json
from collections import Counter
from typing import Any

import pytest
from ralph.models.xapi.base.statements import BaseXapiStatement
from report_fixtures import SCENARIOS, at, records

from wijzer_tui.domain.content.loader import load_scenarios
from wijzer_tui.domain.progress.records import Answer, Attempt, Profile
from wijzer_tui.domain.reports.demo import demo_records
from wijzer_tui.domain.reports.xapi_config import XapiConfig
from wijzer_tui.domain.reports.xapi_statements import StatementBuilder

BASE = "https://leren.example.nl/wijzer"
CONFIG = XapiConfig(iri_base=BASE, homepage="https://leren.example.nl")


def statements(recs=None, config: XapiConfig = CONFIG) -> list[dict[str, Any]]:
    builder = StatementBuilder(SCENARIOS, config)
    return list(builder.for_records(records() if recs is None else recs))


def verb(statement: dict[str, Any]) -> str:
    return statement["verb"]["id"].rsplit("/", 1)[1]


def of_attempt(all_statements: list[dict[str, Any]], first_id: str) -> list[dict[str, Any]]:
    """The statements sharing the registration of the statement with id `first_id`."""
    first = next(s for s in all_statements if s["id"] == first_id)
    registration = first["context"]["registration"]
    return [s for s in all_statements if s["context"]["registration"] == registration]


def nulls_or_empties(value: Any, path: str = "") -> list[str]:
    """Paths of None, "" or empty containers anywhere in a statement."""
    if value is None or value in ("", [], {}):
        return [path]
    if isinstance(value, dict):
        return [p for k, v in value.items() for p in nulls_or_empties(v, f"{path}.{k}")]
    if isinstance(value, list):
        return [p for i, v in enumerate(value) for p in nulls_or_empties(v, f"{path}[{i}]")]
    return []


def test_each_attempt_gives_initialized_answers_and_an_ending() -> None:
    made = statements()
    # 9 attempts; 8 answers to choose steps plus Dirk's shared reflection (Anna's private one
    # is left out); 7 finished; 1 stopped (Dirk, beta); busy (Anna, beta): no ending.
    assert Counter(map(verb, made)) == {
        "initialized": 9,
        "answered": 9,
        "completed": 7,
        "terminated": 1,
    }
    assert len({s["id"] for s in made}) == len(made)
    assert [s["id"] for s in statements()] == [s["id"] for s in made]  # stable ids


def test_answered_is_a_choice_interaction_with_response_and_step_score() -> None:
    made = statements()
    anna_first = [s for s in made if s["actor"]["account"]["name"] == "anna"][:3]
    initialized, answered, completed = anna_first
    assert [verb(s) for s in anna_first] == ["initialized", "answered", "completed"]
    assert answered["object"]["id"] == f"{BASE}/casus/alfa/kies"
    definition = answered["object"]["definition"]
    assert definition["type"] == "http://adlnet.gov/expapi/activities/cmi.interaction"
    assert definition["interactionType"] == "choice"
    assert [c["id"] for c in definition["choices"]] == ["o1", "o2", "o3", "x1", "n1"]
    assert definition["choices"][0]["description"] == {"nl-NL": "Ik vraag het gezin."}
    assert definition["correctResponsesPattern"] == ["o1[,]o2[,]o3"]
    # Anna chose one of three tips: 1 point of 3.
    assert answered["result"]["response"] == "o1"
    assert answered["result"]["score"] == {"scaled": 0.3333, "raw": 1, "min": 0, "max": 3}
    assert answered["timestamp"] == "2025-03-01T11:00:00Z"
    activities = answered["context"]["contextActivities"]
    assert activities["parent"] == [initialized["object"]]
    assert activities["grouping"][0]["id"] == BASE
    assert answered["context"]["registration"] == initialized["context"]["registration"]
    assert completed["context"]["registration"] == initialized["context"]["registration"]
    assert answered["context"]["revision"] == "1"
    assert answered["context"]["platform"] == "wijzer"
    assert answered["context"]["language"] == "nl-NL"


def test_several_chosen_options_are_joined_and_a_decision_is_scored_by_tips_followed() -> None:
    profile = Profile("eva", "Eva", "politie")
    attempt = Attempt(
        "eva-1", "eva", "alfa", 1, started=at(2, "09:00:00"),
        answers=[
            Answer("kies", ["o1", "x1", "o2"], at(2, "09:05:00")),
            Answer("verder", ["fout"], at(2, "09:10:00")),
        ],
    )  # fmt: skip
    made = statements([(profile, [attempt])])
    choose, decide = (s for s in made if verb(s) == "answered")
    assert choose["result"]["response"] == "o1[,]x1[,]o2"
    # two tips minus one advised against: 1 of 3
    assert choose["result"]["score"]["raw"] == 1
    assert decide["result"]["response"] == "fout"
    assert decide["result"]["score"] == {"scaled": 0.0, "raw": 0, "min": 0, "max": 2}
    assert decide["object"]["definition"]["correctResponsesPattern"] == ["goed"]


def test_completed_has_score_and_duration_and_stopped_attempts_terminate() -> None:
    made = statements()
    completed = next(s for s in made if verb(s) == "completed")
    assert completed["result"] == {
        "completion": True,
        "score": {"scaled": 0.5, "raw": 50, "min": 0, "max": 100},
        "duration": "PT2H",  # 10:00 to 12:00
    }
    assert completed["timestamp"] == "2025-03-01T12:00:00Z"
    terminated = next(s for s in made if verb(s) == "terminated")
    assert terminated["object"]["id"] == f"{BASE}/casus/beta"
    assert terminated["actor"]["account"]["name"] == "dirk"
    assert "result" not in terminated


def test_reflections_go_out_only_when_the_learner_shares_them() -> None:
    text = json.dumps(statements(), ensure_ascii=False)
    assert "Geheim" not in text  # Anna does not share
    dirk_reflection = [
        s for s in statements() if s["object"]["id"] == f"{BASE}/casus/alfa/reflectie"
    ]
    assert len(dirk_reflection) == 1
    assert dirk_reflection[0]["actor"]["account"]["name"] == "dirk"
    assert dirk_reflection[0]["result"]["response"] == "Eerst het gezin."
    assert dirk_reflection[0]["object"]["definition"]["interactionType"] == "long-fill-in"


def test_actor_is_the_pseudonymous_account_and_the_name_only_on_request() -> None:
    for statement in statements():
        assert "name" not in statement["actor"]
        assert statement["actor"]["account"]["homePage"] == "https://leren.example.nl"
    assert "Anna" not in json.dumps(statements())
    named = statements(config=CONFIG.with_names(True))
    assert {s["actor"]["name"] for s in named} == {"Anna", "bram", "Dirk"}


def test_the_iri_base_names_every_activity_and_changes_the_ids() -> None:
    other = XapiConfig(iri_base="https://andere.example.org/x")
    made, elsewhere = statements(), statements(config=other)
    assert all(s["object"]["id"].startswith(f"{BASE}/casus/") for s in made)
    assert all(
        s["object"]["id"].startswith("https://andere.example.org/x/casus/") for s in elsewhere
    )
    assert elsewhere[0]["actor"]["account"]["homePage"] == "https://andere.example.org/x"
    assert not {s["id"] for s in made} & {s["id"] for s in elsewhere}


def test_a_team_attempt_carries_its_session() -> None:
    profile = Profile("fleur", "Fleur", "politie", team="Team Oost", attendee=True)
    attempt = Attempt(
        "fleur-1", "fleur", "alfa", 1, mode="team", started=at(3), team_session_id="sessie-42"
    )
    (initialized,) = statements([(profile, [attempt])])
    grouping = initialized["context"]["contextActivities"]["grouping"]
    assert [g["id"] for g in grouping] == [BASE, f"{BASE}/teamsessie/sessie-42"]
    assert initialized["context"]["extensions"][f"{BASE}/extensies/vorm"] == "team"
    assert initialized["context"]["extensions"][f"{BASE}/extensies/team"] == "Team Oost"


def test_missing_values_are_left_out_never_null_or_zero() -> None:
    """An imported file: a date without a time, no finish time, no score, no answer time."""
    profile = Profile("gijs", "Gijs", "politie")
    attempt = Attempt(
        "gijs-1", "gijs", "alfa", 1, started="2025-03-05", finished=None, status="finished",
        answers=[Answer("kies", [], ""), Answer("onbekende-stap", ["o1"], at(5))], score=None,
    )  # fmt: skip
    made = statements([(profile, [attempt])])
    assert [verb(s) for s in made] == ["initialized", "answered", "completed"]
    for statement in made:
        assert "timestamp" not in statement
        assert nulls_or_empties(statement) == []
    answered, completed = made[1], made[2]
    assert "response" not in answered["result"]  # nothing chosen
    assert answered["result"]["score"]["raw"] == 0  # a real score of 0: nothing chosen
    assert completed["result"] == {"completion": True}  # no score, no duration


def test_a_time_without_offset_is_read_as_utc_and_an_unknown_case_is_skipped() -> None:
    profile = Profile("hans", "Hans", "politie")
    naive = Attempt("hans-1", "hans", "alfa", 1, started="2025-03-05T10:00:00")
    unknown = Attempt("hans-2", "hans", "verdwenen-casus", 1, started=at(5))
    made = statements([(profile, [naive, unknown])])
    assert [s["timestamp"] for s in made] == ["2025-03-05T10:00:00Z"]


@pytest.mark.parametrize("source", ["fixtures", "demo"])
def test_every_statement_passes_ralphs_own_xapi_model(source: str) -> None:
    if source == "fixtures":
        made = statements()
    else:
        scenarios = load_scenarios()
        recs = demo_records(scenarios, 120, seed=3)
        # a shared reflection and a stopped attempt, beside the demo's finished and busy ones
        recs[0][0].share_reflections = True
        recs[1][1][-1].status = "stopped"
        made = list(StatementBuilder(scenarios, CONFIG).for_records(recs))
    kinds = Counter(map(verb, made))
    assert set(kinds) == {"initialized", "answered", "completed", "terminated"}
    for statement in made:
        BaseXapiStatement.model_validate(statement)
        assert nulls_or_empties(statement) == []
