"""The JSON report, whole: coordinators' systems read these keys, so every key and value is pinned."""

from __future__ import annotations

import json

from report_fixtures import SCENARIOS, records

from wijzer_tui.domain.progress.records import Profile
from wijzer_tui.domain.reports.agreements import Agreement
from wijzer_tui.domain.reports.exports import cell_text, to_json
from wijzer_tui.domain.reports.grid import DONE, Cell, ReportFilter, build_report

AGREEMENT = Agreement(
    "Anna", "Belt Veilig Thuis", "vrijdag", "alfa", "Team Noord", "s1", "Org A", "2025-03-12"
)

# Checked by hand against report_fixtures.records(): Team Noord is Anna and Carla.
EXPECTED_TEAM_NOORD = {
    "format": "wijzer-rapport",
    "version": 1,
    "generated": "2025-03-20T09:00:00+00:00",
    "filter": {"team": "Team Noord", "organisation": None, "beroepsgroep": None},
    "learner_count": 2,
    "scenarios": [
        {
            "id": "alfa",
            "number": 1,
            "title": "Ik mis de regie",
            "content_version": 1,
            "learners": 2,
            "finished": 1,
            "busy": 0,
            "new": 1,
            "completion_rate": 0.5,
            "mean_score": 84,
            "missed_tips": [
                {
                    "tip_id": "A-T3",
                    "title": "Spreek de regie af",
                    "text": "Spreek af wie de regie heeft en wat die doet.",
                    "count": 1,
                    "share": 1.0,
                }
            ],
            "agreements": [
                {
                    "who": "Anna",
                    "what": "Belt Veilig Thuis",
                    "when": "vrijdag",
                    "scenario_id": "alfa",
                    "team": "Team Noord",
                    "organisation": "Org A",
                    "date": "2025-03-12",
                    "session_id": "s1",
                }
            ],
            # A straight (format-1) case has no paths: the keys are there, empty.
            "paths_counted": 0,
            "decision_points": [],
            "endings": [],
        },
        {
            "id": "beta",
            "number": 2,
            "title": "Ik weet niet wat mijn partners doen",
            "content_version": 1,
            "learners": 2,
            "finished": 0,
            "busy": 1,
            "new": 1,
            "completion_rate": 0.0,
            "mean_score": None,
            "missed_tips": [],
            "agreements": [],
            "paths_counted": 0,
            "decision_points": [],
            "endings": [],
        },
    ],
    "learners": [
        {
            "id": "anna",
            "name": "Anna",
            "beroepsgroep": "politie",
            "organisation": "Org A",
            "team": "Team Noord",
            "synthetic": False,
            "finished": 1,
            "mean_score": 84,
            "scenarios": {
                "alfa": {
                    "state": "afgerond",
                    "score": 84,
                    "date": "2025-03-05T12:00:00+00:00",
                    "mode": "team",
                    "attempts": 2,
                    "missed_tips": ["A-T3"],
                    "reflections": [],
                    "ending": None,
                },
                "beta": {
                    "state": "bezig",
                    "score": None,
                    "date": "2025-03-06T10:05:00+00:00",
                    "mode": "self",
                    "attempts": 1,
                    "missed_tips": [],
                    "reflections": [],
                    "ending": None,
                },
            },
        },
        {
            "id": "carla",
            "name": "Carla",
            "beroepsgroep": "onderwijs",
            "organisation": "Org B",
            "team": "Team Noord",
            "synthetic": False,
            "finished": 0,
            "mean_score": None,
            "scenarios": {
                "alfa": {
                    "state": "nieuw",
                    "score": None,
                    "date": None,
                    "mode": None,
                    "attempts": 0,
                    "missed_tips": [],
                    "reflections": [],
                    "ending": None,
                },
                "beta": {
                    "state": "nieuw",
                    "score": None,
                    "date": None,
                    "mode": None,
                    "attempts": 0,
                    "missed_tips": [],
                    "reflections": [],
                    "ending": None,
                },
            },
        },
    ],
    "frustratiescan": [],
    "agreements": [
        {
            "who": "Anna",
            "what": "Belt Veilig Thuis",
            "when": "vrijdag",
            "scenario_id": "alfa",
            "team": "Team Noord",
            "organisation": "Org A",
            "date": "2025-03-12",
            "session_id": "s1",
        }
    ],
}


def test_the_json_report_has_every_key_and_hand_checked_value() -> None:
    report = build_report(
        records(), SCENARIOS, ReportFilter(team="Team Noord"), agreements=[AGREEMENT]
    )
    report.generated = "2025-03-20T09:00:00+00:00"
    text = to_json(report)
    assert json.loads(text) == EXPECTED_TEAM_NOORD
    assert text.startswith('{\n  "format": "wijzer-rapport",\n  "version": 1,\n')
    assert text.endswith("\n}\n")


def test_json_shares_keep_four_decimals_and_names_stay_readable() -> None:
    anais = Profile("anais", "Anaïs", "politie", "", "", "2025-03-01")
    recs = [*records()[:3], (anais, [])]  # Anna, bram, Carla, Anaïs
    data = json.loads(to_json(build_report(recs[:3], SCENARIOS)))
    alfa = data["scenarios"][0]
    assert alfa["completion_rate"] == 0.6667  # 2 of 3
    assert [(m["tip_id"], m["share"]) for m in alfa["missed_tips"]] == [
        ("A-T1", 0.5),
        ("A-T3", 0.5),
    ]
    data = json.loads(to_json(build_report(records(), SCENARIOS)))
    shares = [(m["tip_id"], m["share"]) for m in data["scenarios"][0]["missed_tips"]]
    assert shares == [("A-T3", 0.6667), ("A-T1", 0.3333)]  # of 3 who finished
    assert '"name": "Anaïs"' in to_json(build_report(recs, SCENARIOS))  # not \\u00ef


def test_a_finished_cell_without_a_known_mode_shows_no_mark() -> None:
    cell = Cell("alfa", DONE, 84, "2025-03-05T12:00:00+00:00", None)
    assert cell_text(cell) == " 84 05-03"
