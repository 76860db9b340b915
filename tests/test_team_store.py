"""Team sessions on disk: private files, resume, undo of failed saves, damage, attendance."""

from __future__ import annotations

import errno
import json
import os
import stat
from pathlib import Path

import pytest
from team_fixtures import CHOOSE, TIPS, TRUST, new_session, played
from tinydb import TinyDB

from wijzer_tui.domain.content.scoring import scenario_score
from wijzer_tui.domain.errors import StoreError
from wijzer_tui.domain.progress.store import ProgressStore
from wijzer_tui.domain.reports.agreements import load_team_agreements
from wijzer_tui.domain.team.session import TeamError, TeamSession
from wijzer_tui.domain.team.store import TeamStore, TeamTraining, record_attendance

# -- storage and resume ----------------------------------------------------------------------


def test_a_saved_session_is_private_and_readable_for_the_coordinators(tmp_path: Path) -> None:
    store = TeamStore(tmp_path)
    session = played(new_session())
    session.add_agreement("Ann", "Kennismaking plannen", "april")
    store.save(session)
    path = tmp_path / "teams" / f"{session.id}.json"
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert stat.S_IMODE(path.parent.stat().st_mode) == 0o700
    doc = next(iter(json.loads(path.read_text("utf-8"))["session"].values()))
    assert doc["agreements"] == [{"who": "Ann", "what": "Kennismaking plannen", "when": "april"}]
    assert doc["attendees"] == ["Ann", "Bo"] and doc["status"] == "busy"
    assert (doc["scenario_id"], doc["team"], doc["organisation"]) == (
        "vertrouwen", "Wijkteam Noord", "Gemeente Zuid",
    )  # fmt: skip
    assert doc["date"] == session.date
    [agreement] = load_team_agreements(tmp_path)
    assert (agreement.what, agreement.team, agreement.scenario_id, agreement.date) == (
        "Kennismaking plannen", "Wijkteam Noord", "vertrouwen", session.date,
    )  # fmt: skip
    assert (agreement.organisation, agreement.session_id) == ("Gemeente Zuid", session.id)


def test_a_session_file_is_a_plain_tinydb_file(tmp_path: Path) -> None:
    store = TeamStore(tmp_path)
    session = new_session()
    store.save(session)
    with TinyDB(tmp_path / "teams" / f"{session.id}.json", access_mode="r") as db:
        (doc,) = db.table("session").all()
    assert (doc["id"], doc["attendees"]) == (session.id, session.attendees)


def test_saving_over_a_damaged_session_file_sets_it_aside_first(tmp_path: Path) -> None:
    store = TeamStore(tmp_path)
    session = new_session()
    store.save(session)
    path = tmp_path / "teams" / f"{session.id}.json"
    path.write_text('{"session": {"1": {"id": "ander", "schema_version": 1}}}')
    session.add_attendee("Cas")
    store.save(session)
    (kept,) = path.parent.glob("*.beschadigd-*.json")
    assert "ander" in kept.read_text()
    assert "beschadigd" in store.warnings[0]
    assert TeamStore(tmp_path).load(session.id).attendees == [*session.attendees]


def test_a_session_resumes_exactly_where_it_was(tmp_path: Path) -> None:
    store = TeamStore(tmp_path)
    training = TeamTraining(store, TRUST, new_session())
    training.go(+3)
    training.bump(TIPS[0], 2)
    training.set_mode("consensus")
    training.toggle_consensus(TIPS[2])
    resumed = TeamTraining(
        TeamStore(tmp_path), TRUST, TeamStore(tmp_path).load(training.session.id)
    )
    assert resumed.section == f"step:{CHOOSE.id}"
    entry = resumed.session.entry(CHOOSE.id)
    assert (entry.mode, entry.tallies, entry.consensus) == ("consensus", {TIPS[0]: 2}, [TIPS[2]])
    assert [s.id for s in TeamStore(tmp_path).unfinished()] == [training.session.id]


def test_a_change_that_cannot_be_saved_is_undone(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    store = TeamStore(tmp_path)
    training = TeamTraining(store, TRUST, new_session())
    store.save(training.session)

    def disk_full(*_: object) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(os, "replace", disk_full)
    with pytest.raises(StoreError, match="de schijf is vol"):
        training.go(+1)
    monkeypatch.undo()
    assert training.section == "intro"
    assert TeamStore(tmp_path).load(training.session.id).position == "intro"
    assert list(store.folder.glob(".*.tmp")) == []


def test_a_damaged_session_file_is_set_aside_with_a_warning(tmp_path: Path) -> None:
    store = TeamStore(tmp_path)
    good = new_session()
    store.save(good)
    bad = store.folder / ("b" * 32 + ".json")
    bad.write_text("{niet json", "utf-8")
    assert [s.id for s in store.sessions()] == [good.id]
    assert not bad.exists()
    assert any("beschadigd" in w for w in store.warnings)
    assert list(store.folder.glob("b*.beschadigd-*.json"))


def test_finished_sessions_are_not_offered_to_resume(tmp_path: Path) -> None:
    teams = TeamStore(tmp_path)
    training = TeamTraining(teams, TRUST, played(new_session()))
    training.finish(ProgressStore(tmp_path))
    assert teams.unfinished() == []
    assert teams.load(training.session.id).status == "finished"
    with pytest.raises(TeamError, match="afgerond"):
        training.session.add_attendee("Te laat")


# -- attendance --------------------------------------------------------------------------------


def test_finishing_gives_every_attendee_a_team_attempt(tmp_path: Path) -> None:
    progress = ProgressStore(tmp_path)
    session = played(new_session("Ann", "Bo"))
    session.add_attendee("Cas")  # came in late
    TeamTraining(TeamStore(tmp_path), TRUST, session).finish(progress)
    records = {p.name: (p, attempts) for p, attempts in progress.all_records()}
    assert set(records) == {"Ann", "Bo", "Cas"}
    for profile, attempts in records.values():
        assert profile.attendee and (profile.team, profile.organisation) == (
            "Wijkteam Noord", "Gemeente Zuid",
        )  # fmt: skip
        [attempt] = attempts
        assert (attempt.mode, attempt.status, attempt.team_session_id) == (
            "team", "finished", session.id,
        )  # fmt: skip
        assert {a.step_id: a.option_ids for a in attempt.answers} == session.answers(TRUST)
        assert (
            attempt.score == session.score(TRUST) == scenario_score(TRUST, session.answers(TRUST))
        )
        assert progress.record_attempt(profile.id, TRUST.id) == attempt


def test_recording_twice_gives_nobody_a_second_attempt(tmp_path: Path) -> None:
    progress = ProgressStore(tmp_path)
    session = played(new_session("Ann", "Bo"))
    record_attendance(progress, session, TRUST)
    record_attendance(progress, session, TRUST)  # e.g. after a crash before the session was saved
    assert sorted(len(attempts) for _, attempts in progress.all_records()) == [1, 1]


def test_an_attendee_profile_is_reused_by_name_team_and_organisation(tmp_path: Path) -> None:
    progress = ProgressStore(tmp_path)
    own = progress.create_profile("Ann", "politie", "Gemeente Zuid", "Wijkteam Noord")
    record_attendance(progress, played(new_session("Ann")), TRUST)
    record_attendance(progress, played(new_session("ann")), TRUST)
    other_team = played(TeamSession.new(TRUST, "Team West", "Gemeente Zuid", ["Ann"]))
    record_attendance(progress, other_team, TRUST)
    profiles = progress.profiles()
    attendees = [p for p in profiles if p.attendee]
    assert len(attendees) == 2  # Noord (twice the same person) and West
    noord = next(p for p in attendees if p.team == "Wijkteam Noord")
    assert len(progress.attempts(noord.id)) == 2
    assert progress.attempts(own.id) == []  # a self-study profile is never used for attendance
