"""The fast summary path of reports shows the same as the full path, and handles damage the same."""

from __future__ import annotations

import dataclasses
from pathlib import Path

from report_fixtures import SCENARIOS, records

from wijzer_tui.domain.progress.store import ProgressStore
from wijzer_tui.domain.reports.grid import build_rows


def _store_with_fixtures(root: Path) -> ProgressStore:
    store = ProgressStore(root)
    for profile, attempts in records():
        store.import_learner(profile, attempts)
    return store


def _visible(rows) -> list:
    """What a coordinator sees per cell: everything but the attempt objects."""
    return [
        (r.profile.id, [dataclasses.replace(c, record=None) for c in r.cells.values()])
        for r in rows
    ]


def test_summary_rows_match_full_rows(tmp_path: Path) -> None:
    store = _store_with_fixtures(tmp_path)
    full = build_rows(store.all_records(), SCENARIOS)
    summary = build_rows(store.iter_records(), SCENARIOS, keep_attempts=False)
    assert _visible(summary) == _visible(full)
    assert all(r.attempts == () for r in summary)
    assert any(c.state != "nieuw" for r in summary for c in r.cells.values())


def test_iter_records_sets_damaged_files_aside_like_all_records(tmp_path: Path) -> None:
    _store_with_fixtures(tmp_path)
    victim = next((tmp_path / "learners").glob("*.json"))
    victim.write_text("[niet, goed", encoding="utf-8")
    fresh = ProgressStore(tmp_path)
    names = sorted(p.name for p, _ in fresh.iter_records())
    assert len(names) == len(records()) - 1
    assert len(fresh.warnings) == 1 and "beschadigd" in fresh.warnings[0]
    assert not victim.exists()
    assert any("beschadigd" in p.name for p in (tmp_path / "learners").iterdir())
