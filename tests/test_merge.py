"""`wijzer merge`: a coordinator merges duplicate learners; clear, repeatable and crash-safe."""

from __future__ import annotations

from pathlib import Path

import pytest
from team_fixtures import TRUST, played
from test_transfer import snapshot

from wijzer_tui import cli
from wijzer_tui.domain.errors import StoreError
from wijzer_tui.domain.progress.records import Answer
from wijzer_tui.domain.progress.store import ProgressStore
from wijzer_tui.domain.reports.grid import build_report
from wijzer_tui.domain.reports.merge import apply_merge, plan_merge
from wijzer_tui.domain.team.session import TeamSession
from wijzer_tui.domain.team.store import TeamStore, record_attendance


def two_rows(root: Path) -> tuple[ProgressStore, str, str]:
    """The walk-through's M4 as older versions left it: self-study Marloes, and the same Marloes
    as a team-only attendee profile with her team session."""
    store = ProgressStore(root)
    own = store.create_profile("Marloes Ëlsgén", "wijkteam", "Gemeente Zuid", "Team Noord")
    attempt = store.start_attempt(own.id, TRUST.id, TRUST.content_version)
    store.save_answer(own.id, attempt.id, Answer("x", [], reflection="privé"))
    session = TeamSession.new(TRUST, "Team Noord", "Gemeente Zuid", ["marloes elsgen", "Bo"])
    [(attendee, _), _] = record_attendance(store, played(session), TRUST)
    TeamStore(root).save(session)
    return store, own.id, attendee.id


def wijzer(root: Path, *args: str) -> int:
    return cli.main(["--progress-dir", str(root), "merge", *args])


def test_without_names_the_likely_duplicates_are_listed(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _, own, attendee = two_rows(tmp_path)
    assert wijzer(tmp_path) == 0
    out = capsys.readouterr().out
    assert "Mogelijk dubbel: 1 naam bij meer deelnemers." in out
    assert f"{own}  Marloes Ëlsgén · Team Noord · Gemeente Zuid · wijkteam · 1 poging" in out
    assert f"Samenvoegen: wijzer merge {attendee} {own} --dry-run" in out  # into her own profile
    assert "Bo" not in out


def test_a_dry_run_lists_the_changes_and_changes_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _, own, attendee = two_rows(tmp_path)
    before = snapshot(tmp_path)
    assert wijzer(tmp_path, attendee, own, "--dry-run") == 0
    out = capsys.readouterr().out
    assert (
        f"Bron: marloes elsgen · Team Noord · Gemeente Zuid · alleen teamtraining ({attendee})"
        in out
    )
    assert "- 1 poging gaat naar het doel." in out
    assert "Het doel wordt" not in out  # her own profile stays as it is
    assert "- De bron wordt daarna verwijderd." in out
    assert "Proefrun: er is niets veranderd." in out
    assert snapshot(tmp_path) == before


def test_merging_leaves_one_learner_and_running_it_again_changes_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    store, own, attendee = two_rows(tmp_path)
    assert len(build_report(store.all_records(), [TRUST]).rows) == 3
    assert wijzer(tmp_path, attendee, own) == 0
    assert f"Samengevoegd: Marloes Ëlsgén is nu één deelnemer ({own})." in capsys.readouterr().out
    rows = build_report(store.all_records(), [TRUST]).rows
    assert sorted(r.profile.name for r in rows) == ["Bo", "Marloes Ëlsgén"]
    assert sorted(a.mode for a in store.attempts(own)) == ["self", "team"]
    assert all(a.learner_id == own for a in store.attempts(own))
    assert not (tmp_path / "learners" / f"{attendee}.json").exists()
    after = snapshot(tmp_path)
    assert wijzer(tmp_path, attendee, own) == 1  # the source is gone: nothing to do
    assert "is niet gevonden. Al samengevoegd?" in capsys.readouterr().err
    assert snapshot(tmp_path) == after


def test_a_merge_cut_off_halfway_is_finished_by_running_it_again(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    store, own, attendee = two_rows(tmp_path)
    session = TeamStore(tmp_path).sessions()[0]
    session.links = {"marloes elsgen": attendee}  # a busy session that still points at her
    TeamStore(tmp_path).save(session)

    def power_cut(self: ProgressStore, learner_id: str) -> bool:
        raise StoreError("stroom weg")

    with monkeypatch.context() as patch:
        patch.setattr(ProgressStore, "remove_learner", power_cut)
        with pytest.raises(StoreError):
            apply_merge(store, TeamStore(tmp_path), plan_merge(
                store, TeamStore(tmp_path), attendee, own, force=False))  # fmt: skip
    assert len(store.attempts(own)) == 2 and len(store.attempts(attendee)) == 1
    plan = plan_merge(store, TeamStore(tmp_path), attendee, own, force=False)
    assert plan.moved == ()  # her team attempt is already on her own profile
    apply_merge(store, TeamStore(tmp_path), plan)
    assert len(store.attempts(own)) == 2
    assert attendee not in {p.id for p in store.profiles()}
    assert TeamStore(tmp_path).load(session.id).links == {"marloes elsgen": own}


def test_unclear_merges_are_refused(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    store, own, attendee = two_rows(tmp_path)
    before = snapshot(tmp_path)
    assert wijzer(tmp_path, "Marloes Elsgen", own) == 1
    err = capsys.readouterr().err
    assert "Bron 'Marloes Elsgen' past bij 2 deelnemers. Noem het id:" in err
    assert f"alleen teamtraining: {attendee}" in err
    assert wijzer(tmp_path, own, own) == 1
    assert "dezelfde deelnemer" in capsys.readouterr().err
    assert wijzer(tmp_path, "Bo", own) == 1
    assert "De namen verschillen: Bo en Marloes Ëlsgén" in capsys.readouterr().err
    demo = store.create_profile("Marloes Ëlsgén", "anders", synthetic=True)
    assert wijzer(tmp_path, demo.id, own) == 1
    assert "demodeelnemer" in capsys.readouterr().err
    assert wijzer(tmp_path, "Bo") == 1
    assert "Noem twee deelnemers" in capsys.readouterr().err
    store.remove_learner(demo.id)
    assert snapshot(tmp_path) == before


def test_the_merged_profile_keeps_her_own_details_and_privacy(tmp_path: Path) -> None:
    store, own, attendee = two_rows(tmp_path)
    team_only = store.profile(attendee)
    team_only.share_reflections = True
    store.update_profile(team_only)
    # The wrong way round: her own profile into the team-only one.
    teams = TeamStore(tmp_path)
    apply_merge(store, teams, plan_merge(store, teams, own, attendee, force=False))
    merged = store.profile(attendee)
    assert (merged.name, merged.beroepsgroep, merged.attendee) == (
        "Marloes Ëlsgén", "wijkteam", False,
    )  # fmt: skip
    assert merged.share_reflections is False  # she never chose to share her own reflections
    assert len(store.attempts(attendee)) == 2


def test_scans_and_explorations_go_along_and_only_once(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """A duplicate's frustratiescan and Wat als… practice are not lost with its file, and a
    merge cut off before the source was removed adds nothing twice when run again."""
    from explore_fixtures import load_tak, play_tak

    from wijzer_tui.domain.progress import explore
    from wijzer_tui.domain.progress.scan import Scan

    store, duplicate, attempt = play_tak(tmp_path)
    own = store.create_profile("Sanne", "wijkteam", "Gemeente Voorbeeld", "Team Noord")
    store.save_exploration(explore.start(load_tak(), attempt, "overleg"))
    store.save_scan(Scan("scan-1", duplicate.id, {"regie": 4}))
    assert wijzer(tmp_path, duplicate.id, own.id, "--dry-run") == 0
    assert "- 2 frustratiescans en verkenningen gaan mee." in capsys.readouterr().out

    def power_cut(self: ProgressStore, learner_id: str) -> bool:
        raise StoreError("stroom weg")

    with monkeypatch.context() as patch:
        patch.setattr(ProgressStore, "remove_learner", power_cut)
        assert wijzer(tmp_path, duplicate.id, own.id) != 0
    assert wijzer(tmp_path, duplicate.id, own.id) == 0
    [scan] = store.scans(own.id)
    assert (scan.id, scan.learner_id, scan.ratings) == ("scan-1", own.id, {"regie": 4})
    [moved] = store.explorations(own.id)
    assert (moved.learner_id, moved.attempt_id, moved.from_step) == (own.id, attempt.id, "overleg")
    assert duplicate.id not in {p.id for p in store.profiles()}
