"""The team agreements the coordinators' report reads: whole, and in the order of the session
files' names (not the order TeamStore lists sessions in, the most recently changed first).

How damaged files are set aside: test_report.py; what a saved session holds: test_team_store.py.
"""

from __future__ import annotations

import json
from pathlib import Path

from wijzer_tui.domain.reports.agreements import Agreement, load_team_agreements
from wijzer_tui.domain.team.store import TeamStore


def write_session(root: Path, session_id: str, updated: str, agreements: list[dict]) -> None:
    """A finished team session file as TeamStore writes it, changed last at `updated`."""
    session = {
        "id": session_id,
        "scenario_id": "tak",
        "content_version": 1,
        "team": f"Team {session_id}",
        "organisation": "Gemeente Voorbeeld",
        "date": "2025-03-12",
        "attendees": ["Anna", "Bram"],
        "entries": {},
        "agreements": agreements,
        "status": "finished",
        "updated": updated,
        "schema_version": 1,
    }
    teams = root / "teams"
    teams.mkdir(exist_ok=True)
    doc = {"session": {"1": session}}
    (teams / f"{session_id}.json").write_text(json.dumps(doc), encoding="utf-8")


def test_agreements_come_whole_in_the_order_of_the_session_file_names(tmp_path: Path) -> None:
    # "noord" changed last, so TeamStore lists it first; the report reads "alfa" first.
    write_session(
        tmp_path,
        "alfa",
        "2025-03-12T10:00:00+00:00",
        [
            {"who": "Anna", "what": "Belt Veilig Thuis voor advies", "when": "vrijdag"},
            {"who": "", "what": "Overleg plannen", "when": ""},
        ],
    )
    write_session(
        tmp_path,
        "noord",
        "2025-03-14T10:00:00+00:00",
        [{"who": "Bram", "what": "Vraagt het gezin", "when": "maandag"}],
    )
    write_session(tmp_path, "midden", "2025-03-13T10:00:00+00:00", [])
    assert [s.id for s in TeamStore(tmp_path).sessions()] == ["noord", "midden", "alfa"]
    warnings = ["al gemeld"]
    assert load_team_agreements(tmp_path, warnings) == [
        Agreement(
            "Anna",
            "Belt Veilig Thuis voor advies",
            "vrijdag",
            "tak",
            "Team alfa",
            "alfa",
            "Gemeente Voorbeeld",
            "2025-03-12",
        ),
        Agreement(
            "",
            "Overleg plannen",
            "",
            "tak",
            "Team alfa",
            "alfa",
            "Gemeente Voorbeeld",
            "2025-03-12",
        ),
        Agreement(
            "Bram",
            "Vraagt het gezin",
            "maandag",
            "tak",
            "Team noord",
            "noord",
            "Gemeente Voorbeeld",
            "2025-03-12",
        ),
    ]
    assert warnings == ["al gemeld"]  # nothing damaged: nothing added


def test_one_session_without_agreements_gives_none(tmp_path: Path) -> None:
    write_session(tmp_path, "alfa", "2025-03-12T10:00:00+00:00", [])
    assert load_team_agreements(tmp_path) == []
