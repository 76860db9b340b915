"""The frustratiescan's rules without a screen: checking a scan, reading it back, before and
after, where to start, and the dates shown."""

from __future__ import annotations

from pathlib import Path

import pytest

from wijzer_tui.domain.content.loader import load_scenarios
from wijzer_tui.domain.errors import StoreError
from wijzer_tui.domain.progress.records import local_date
from wijzer_tui.domain.progress.scan import (
    Scan,
    before_after,
    insert_scan,
    new_scan,
    scan_dates,
    scan_of,
    suggestion,
)
from wijzer_tui.domain.progress.store import ProgressStore

SCENARIOS = load_scenarios()
IDS = [s.id for s in SCENARIOS]
ALL_THREE = dict.fromkeys(IDS, 3)


def test_an_unknown_moment_or_an_open_frustration_is_named() -> None:
    with pytest.raises(StoreError) as error:
        new_scan("l", ALL_THREE, SCENARIOS, moment="later")
    assert error.value.message == "Onbekend moment voor de scan: 'later'."
    with pytest.raises(StoreError) as error:
        new_scan("l", {IDS[0]: 3, IDS[1]: 2, IDS[2]: 4}, SCENARIOS)
    open_ones = ", ".join(f"{s.number}. {s.title}" for s in SCENARIOS[3:])
    assert error.value.message == f"Geef elke frustratie een cijfer. Nog open: {open_ones}."


def test_a_scan_after_a_case_remembers_the_case_through_the_store(tmp_path: Path) -> None:
    store = ProgressStore(tmp_path)
    learner = store.create_profile("Noor", "politie")
    scan = new_scan(learner.id, ALL_THREE, SCENARIOS, moment="na-casus", after_scenario=IDS[1])
    assert scan.after_scenario == IDS[1]
    store.save_scan(scan)
    [kept] = store.scans(learner.id)
    assert kept == scan and kept.after_scenario == IDS[1]


def test_a_scan_for_a_learner_that_is_not_there_is_refused(tmp_path: Path) -> None:
    store = ProgressStore(tmp_path)
    learner = store.create_profile("Noor", "politie")
    path = store.learners_dir / f"{learner.id}.json"
    path.write_text('{"profile": {}}')
    with pytest.raises(StoreError) as error:
        insert_scan(path, new_scan(learner.id, ALL_THREE, SCENARIOS))
    assert error.value.message == "Deze leerling is niet gevonden."


GOOD = {"id": "s", "learner_id": "l", "ratings": {"a": 2}, "moment": "thuis", "at": "2026-01-01T10:00:00+00:00"}  # fmt: skip


@pytest.mark.parametrize(
    "doc",
    [
        {**GOOD, "ratings": [2]},
        {**GOOD, "id": 5},
        {**GOOD, "after_scenario": 3},
        {**GOOD, "ratings": {}},
        {**GOOD, "ratings": {"a": 6}},
    ],
)
def test_a_wrongly_shaped_scan_is_left_out(doc: dict) -> None:
    assert scan_of(doc) is None


def test_a_good_scan_is_read_with_its_case() -> None:
    scan = scan_of({**GOOD, "after_scenario": "01-regie"})
    assert scan == Scan("s", "l", {"a": 2}, "thuis", GOOD["at"], "01-regie")
    assert scan_of(GOOD).after_scenario is None  # type: ignore[union-attr]


def scan(at: str, **ratings: int) -> Scan:
    return Scan(at, "l", ratings, "thuis", f"2026-0{at}-01T10:00:00+00:00")


def test_before_and_after_compare_the_first_and_the_latest_scan() -> None:
    a, b = SCENARIOS[:2]
    assert [(c.scenario, c.before, c.after) for c in before_after([], [a])] == [(a, None, None)]
    one = [scan("1", **{a.id: 4})]
    assert [(c.before, c.after, c.delta) for c in before_after(one, [a, b])] == [
        (4, None, None), (None, None, None),
    ]  # fmt: skip
    three = [
        scan("1", **{a.id: 4, b.id: 2}),
        scan("2", **{a.id: 1}),
        scan("3", **{a.id: 2, b.id: 5}),
    ]
    assert [(c.before, c.after, c.delta) for c in before_after(three, [a, b])] == [
        (4, 2, -2),
        (2, 5, 3),
    ]
    assert scan_dates([]) == ("", "")
    assert scan_dates(one) == (local_date(one[0].at), "")
    assert scan_dates(three) == (local_date(three[0].at), local_date(three[2].at))
    two = three[::2]  # a first and one later scan
    assert [(c.before, c.after) for c in before_after(two, [a, b])] == [(4, 2), (2, 5)]
    assert scan_dates(two) == (local_date(two[0].at), local_date(two[1].at))


def test_the_suggestion_is_the_heaviest_case_not_yet_finished() -> None:
    ratings = {IDS[0]: 5, IDS[1]: 2, IDS[2]: 5, IDS[3]: 4}
    assert suggestion(ratings, SCENARIOS, []) == SCENARIOS[0]  # a tie: the lowest number
    assert suggestion(ratings, SCENARIOS, [IDS[0]]) == SCENARIOS[2]
    assert suggestion(ratings, SCENARIOS, [IDS[0], IDS[2]]) == SCENARIOS[3]
    assert suggestion(ratings, SCENARIOS, IDS[:4]) is None  # case 5 was not rated
