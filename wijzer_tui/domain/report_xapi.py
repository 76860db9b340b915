"""xAPI statements of finished attempts, for a learning record store (LRS)."""

from __future__ import annotations

import uuid
from typing import Any

from wijzer_tui.domain.report import Report
from wijzer_tui.domain.safe_text import json_text

# Base IRI for xAPI ids; `.invalid` is reserved, so it never points at a real site.
XAPI_HOME = "https://wijzer.invalid"


def to_xapi(report: Report) -> str:
    """xAPI statements ("completed") for every finished attempt of the shown learners.

    Statement ids are derived from attempt ids, so sending the file twice to a learning record
    store adds nothing. The learner is identified by an account (id, and the name as given).
    """
    statements = []
    for row in report.rows:
        p = row.profile
        for attempt in row.attempts:
            scenario = next((s for s in report.scenarios if s.id == attempt.scenario_id), None)
            if scenario is None or attempt.status != "finished":
                continue
            score = attempt.score or 0
            context: dict[str, Any] = {
                "language": "nl-NL",
                "extensions": {f"{XAPI_HOME}/mode": attempt.mode, f"{XAPI_HOME}/team": p.team},
            }
            if attempt.team_session_id:
                context["registration"] = str(
                    uuid.uuid5(uuid.NAMESPACE_URL, attempt.team_session_id)
                )
            statements.append(
                {
                    "id": str(uuid.uuid5(uuid.NAMESPACE_URL, f"{XAPI_HOME}/{attempt.id}")),
                    "actor": {
                        "objectType": "Agent",
                        "name": p.name,
                        "account": {"homePage": XAPI_HOME, "name": p.id},
                    },
                    "verb": {
                        "id": "http://adlnet.gov/expapi/verbs/completed",
                        "display": {"nl-NL": "heeft afgerond"},
                    },
                    "object": {
                        "objectType": "Activity",
                        "id": f"{XAPI_HOME}/casus/{scenario.id}",
                        "definition": {
                            "name": {"nl-NL": scenario.title},
                            "type": "http://adlnet.gov/expapi/activities/simulation",
                        },
                    },
                    "result": {
                        "completion": True,
                        "score": {"scaled": score / 100, "raw": score, "min": 0, "max": 100},
                    },
                    "context": context,
                    "timestamp": attempt.finished,
                }
            )
    return json_text(statements)
