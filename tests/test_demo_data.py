"""Demo data a trainer sees: pinned for one seed, dated in the past, with realistic shares."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from wijzer_tui.domain.content.loader import load_scenarios
from wijzer_tui.domain.errors import StoreError
from wijzer_tui.domain.progress.records import Profile
from wijzer_tui.domain.reports import demo
from wijzer_tui.domain.reports.demo import demo_records, fill_demo

TODAY = datetime(2025, 6, 1, 12, tzinfo=UTC)


@pytest.fixture(scope="module")
def scenarios(data_dir_module: Path):
    return load_scenarios(
        [data_dir_module / "valid" / f"{n}.yaml" for n in ("rekenen", "voorbeeld")]
    )


@pytest.fixture(scope="module")
def data_dir_module() -> Path:
    return Path(__file__).resolve().parent / "data"


def test_seed_one_on_a_fixed_day_gives_this_learner(scenarios) -> None:
    # Pinned so a trainer's demo (and its screenshots) can be made again with the same command.
    [(profile, attempts)] = demo_records(scenarios, 1, seed=1, today=TODAY)
    assert profile.id == "703f98c3b8166da34097d003fdb4d748"
    assert (profile.name, profile.beroepsgroep, profile.organisation, profile.team) == (
        "Demo 0001", "kinderopvang", "Kinderopvang Het Demohuis", "Team Centrum",
    )  # fmt: skip
    assert (profile.share_reflections, profile.created) == (False, "2025-02-19T05:00:00+00:00")
    seen = [
        (a.scenario_id, a.status, a.mode, a.score, a.started, a.finished,
         [(x.step_id, x.option_ids) for x in a.answers])
        for a in attempts
    ]  # fmt: skip
    assert seen == [
        ("voorbeeld", "finished", "team", 50, "2025-02-20T05:00:00+00:00",
         "2025-02-20T05:21:00+00:00", [("wat-doe-je", []), ("verder", ["zelf"]), ("reflectie", [])]),
        ("voorbeeld", "finished", "team", 50, "2025-02-22T05:00:00+00:00",
         "2025-02-22T05:12:00+00:00",
         [("wat-doe-je", ["dossier"]), ("verder", ["zelf"]), ("reflectie", [])]),
        ("voorbeeld", "finished", "self", 75, "2025-02-25T05:00:00+00:00",
         "2025-02-25T05:19:00+00:00",
         [("wat-doe-je", ["vraag-gezin"]), ("verder", ["zelf"]), ("reflectie", [])]),
        ("voorbeeld", "busy", "self", None, "2025-02-26T05:00:00+00:00", None,
         [("wat-doe-je", ["vraag-gezin"])]),
        ("rekenen", "busy", "team", None, "2025-04-05T06:00:00+00:00", None, [("kies", [])]),
    ]  # fmt: skip


def test_demo_attempts_lie_in_the_past_after_the_profile_was_made(scenarios) -> None:
    for profile, attempts in demo_records(scenarios, 150, seed=4, today=TODAY):
        starts = [datetime.fromisoformat(a.started) for a in attempts]
        assert starts == sorted(starts)
        assert datetime.fromisoformat(profile.created) == starts[0] - timedelta(days=1)
        for attempt, start in zip(attempts, starts, strict=True):
            assert TODAY - timedelta(days=170) < start < TODAY
            if attempt.finished:
                assert start < datetime.fromisoformat(attempt.finished) < TODAY


def test_about_a_quarter_shares_reflections_and_some_work_in_teams(scenarios) -> None:
    records = demo_records(scenarios, 400, seed=6, today=TODAY)
    sharing = sum(p.share_reflections for p, _ in records) / len(records)
    assert 0.18 < sharing < 0.32
    attempts = [a for _, learner in records for a in learner]
    team = sum(a.mode == "team" for a in attempts) / len(attempts)
    assert 0.1 < team < 0.35
    busy = sum(a.status == "busy" for a in attempts) / len(attempts)
    assert 0.05 < busy < 0.3


class _CountingStore:
    """Just what fill_demo uses of a store, without writing files."""

    root = Path("demo-map")

    def __init__(self, profiles: list[Profile] | None = None) -> None:
        self.existing = profiles or []
        self.added: list[Profile] = []

    def profiles(self) -> list[Profile]:
        return self.existing

    def import_learner(self, profile: Profile, attempts: list) -> int:
        self.added.append(profile)
        return len(attempts)


def test_fill_demo_reports_progress_per_hundred_and_at_the_end(scenarios) -> None:
    store = _CountingStore()
    calls: list[tuple[int, int]] = []
    result = fill_demo(
        store, scenarios, 201, progress=lambda done, total: calls.append((done, total))
    )
    assert calls == [(100, 201), (200, 201), (201, 201)]
    assert (result.learners, result.attempts) == (201, 201 * 5)
    assert (result.first_name, result.last_name) == ("Demo 0001", "Demo 0201")
    # The default seed is 1: the same command in an empty folder gives the same learners.
    assert [p.id for p in store.added[:3]] == [p.id for p, _ in demo_records(scenarios, 3, seed=1)]


def test_fill_demo_limits_and_refusals_in_dutch(scenarios, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(demo, "MAX_LEARNERS", 3)
    assert fill_demo(_CountingStore(), scenarios, 3).learners == 3  # the maximum itself is fine
    with pytest.raises(StoreError) as info:
        fill_demo(_CountingStore(), scenarios, 4)
    assert info.value.message == "Kies een aantal demodeelnemers van 1 tot en met 3."
    real = _CountingStore([Profile("els", "Els", "politie")])
    with pytest.raises(StoreError) as info:
        fill_demo(real, scenarios, 1)
    assert info.value.message == (
        "In demo-map staan al 1 echte deelnemers. Demodata zou hun overzicht vervuilen. "
        "Kies een lege map met --progress-dir, of voeg --force toe."
    )
