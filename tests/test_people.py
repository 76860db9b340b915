"""One person, one learner: folding, linking attendees to profiles, and the finished session."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from team_fixtures import TRUST, marloes_in_a_session, new_session, played

from wijzer_tui.domain.progress.people import by_name, fold, matches, slug
from wijzer_tui.domain.progress.store import ProgressStore
from wijzer_tui.domain.reports.grid import build_report
from wijzer_tui.domain.team.session import TeamError, TeamSession
from wijzer_tui.domain.team.store import TeamStore, TeamTraining, record_attendance


def test_names_compare_without_case_accents_or_extra_spaces() -> None:
    assert fold("  Marloes   Ëlsgén ") == fold("marloes elsgen") == "marloes elsgen"
    assert fold("Øystein Groß") == "oystein gross"
    assert slug("Marloes Ëlsgén") == "marloes-elsgen"
    assert slug("Ëlsgén") == "elsgen"
    assert slug("!!!") == ""


def test_a_match_needs_name_team_and_organisation(tmp_path: Path) -> None:
    store = ProgressStore(tmp_path)
    marloes = store.create_profile("Marloes Ëlsgén", "wijkteam", "Gemeente Zuid", "Team Noord")
    store.create_profile("Marloes Ëlsgén", "wijkteam", "Gemeente Zuid", "Team West")
    store.create_profile("Demo", "anders", synthetic=True)
    found = matches(store.profiles(), "marloes elsgen", "team noord", "GEMEENTE ZUID")
    assert found == [marloes]
    assert matches(store.profiles(), "Marloes", "Team Noord", "Gemeente Zuid") == []
    assert matches(store.profiles(), "Demo", "", "") == []  # demo learners are never linked
    assert sorted(p.team for p in by_name(store.profiles(), "MARLOES ELSGEN")) == [
        "Team Noord",
        "Team West",
    ]
    assert by_name(store.profiles(), marloes.id) == [marloes]


def test_a_linked_attendee_gets_the_team_attempt_on_their_own_profile(tmp_path: Path) -> None:
    progress = ProgressStore(tmp_path)
    marloes = progress.create_profile("Marloes Ëlsgén", "wijkteam", "Gemeente Zuid", "Team Noord")
    session = TeamSession.new(
        TRUST,
        "Team Noord",
        "Gemeente Zuid",
        ["Marloes Ëlsgén", "Bo"],
        links={"Marloes Ëlsgén": marloes.id},
    )
    TeamTraining(TeamStore(tmp_path), TRUST, played(session)).finish(progress)
    profiles = progress.profiles()
    assert sorted(p.name for p in profiles) == ["Bo", "Marloes Ëlsgén"]  # one row each
    [attempt] = progress.attempts(marloes.id)
    assert (attempt.mode, attempt.status, attempt.team_session_id) == (
        "team",
        "finished",
        session.id,
    )
    kept = progress.profile(marloes.id)
    assert (kept.beroepsgroep, kept.attendee) == ("wijkteam", False)  # still her own profile


def test_two_sessions_of_one_linked_person_are_one_learner(tmp_path: Path) -> None:
    progress = ProgressStore(tmp_path)
    ann = progress.create_profile("Ann", "politie", "Gemeente Zuid", "Wijkteam Noord")
    for team in ("Wijkteam Noord", "Team West"):
        session = TeamSession.new(TRUST, team, "Gemeente Zuid", ["Ann"], links={"Ann": ann.id})
        record_attendance(progress, played(session), TRUST)
    assert [p.id for p in progress.profiles()] == [ann.id]
    assert len(progress.attempts(ann.id)) == 2
    report = build_report(progress.all_records(), [TRUST])
    assert len(report.rows) == 1


def test_someone_new_is_never_merged_with_a_namesake(tmp_path: Path) -> None:
    progress = ProgressStore(tmp_path)
    first = played(new_session("Ann"))
    record_attendance(progress, first, TRUST)
    # The trainer said "Nee, iemand anders" to the Ann of the first session.
    second = TeamSession.new(TRUST, "Wijkteam Noord", "Gemeente Zuid", ["Ann"], links={"Ann": ""})
    record_attendance(progress, played(second), TRUST)
    record_attendance(progress, second, TRUST)  # run again after a crash: still two people
    assert sorted(len(a) for _, a in progress.all_records()) == [1, 1]


def test_a_removed_linked_learner_is_recorded_as_someone_new(tmp_path: Path) -> None:
    progress = ProgressStore(tmp_path)
    session = TeamSession.new(TRUST, "T", "O", ["Ann"], links={"Ann": "weg" * 5})
    [(profile, attempt)] = record_attendance(progress, played(session), TRUST)
    assert profile.attendee and attempt.learner_id == profile.id


def test_the_same_person_cannot_be_added_twice(tmp_path: Path) -> None:
    session = new_session("Marloes Ëlsgén")
    with pytest.raises(TeamError, match="staat al bij de deelnemers"):
        session.add_attendee("marloes elsgen")
    session.add_attendee("Bo", "abc")
    with pytest.raises(TeamError, match="al bij de deelnemers, als Bo"):
        session.add_attendee("Bob", "abc")
    session.remove_attendee("Bo")
    assert session.linked("Bo") is None
    session.add_attendee("Bob", "abc")
    assert session.linked("Bob") == "abc"


def test_links_survive_saving_and_a_wrong_shape_is_damage(tmp_path: Path) -> None:
    teams = TeamStore(tmp_path)
    session = TeamSession.new(TRUST, "T", "O", ["Ann", "Bo"], links={"Ann": "a1", "Bo": ""})
    teams.save(session)
    loaded = teams.load(session.id)
    assert loaded.links == {"Ann": "a1", "Bo": ""}
    assert (loaded.linked("Ann"), loaded.linked("Bo")) == ("a1", None)
    from wijzer_tui.domain.progress.records import RecordError

    with pytest.raises(RecordError, match="links"):
        TeamSession.from_dict({**session.to_dict(), "links": {"Ann": 5}})


def test_every_export_shows_the_linked_person_once_with_her_team(tmp_path: Path) -> None:
    from wijzer_tui.domain.reports.exports import to_csv, to_json, to_markdown
    from wijzer_tui.domain.reports.xapi import to_xapi
    from wijzer_tui.domain.reports.xapi_config import DEFAULT_IRI_BASE as BASE

    progress, marloes, _ = marloes_in_a_session(tmp_path)
    report = build_report(progress.all_records(), [TRUST])
    learners = json.loads(to_json(report))["learners"]
    assert [(x["name"], x["team"]) for x in learners] == [
        ("Bo", "Team Noord"),
        ("Marloes Ëlsgén", "Team Noord"),
    ]
    assert json.loads(to_json(report))["learner_count"] == 2
    lines = [line for line in to_csv(report).splitlines() if "Marloes" in line]
    assert len(lines) == 1 and ";Team Noord;" in lines[0]
    md = [line for line in to_markdown(report).splitlines() if "Marloes" in line]
    assert md == [md[0]] and md[0].startswith("| Marloes Ëlsgén | Team Noord | Gemeente Zuid |")
    statements = json.loads(to_xapi(report))
    mine = [s for s in statements if s["actor"]["account"]["name"] == marloes.id]
    completed = [s for s in mine if s["verb"]["id"].endswith("/completed")]
    assert len(completed) == 1
    assert {s["context"]["extensions"][f"{BASE}/extensies/team"] for s in mine} == {"Team Noord"}
    assert {s["context"]["extensions"][f"{BASE}/extensies/vorm"] for s in mine} == {"team"}


def test_the_team_summary_file_name_keeps_accented_teams_readable(tmp_path: Path) -> None:
    from wijzer_tui.domain.team.summary import default_export_path

    session = TeamSession.new(TRUST, "Team Ëlsgén-Zuid", "", ["Ann"])
    path = default_export_path(tmp_path, TRUST, session)
    assert path.name == f"teamtraining-{session.date}-team-elsgen-zuid-{TRUST.id}.md"
