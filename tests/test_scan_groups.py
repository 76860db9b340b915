"""Frustratiescan groups as a coordinator reads them, hand-counted: sizes, the mean change per
frustration only from five people with a before and an after, the words, the JSON."""

from __future__ import annotations

import json
from pathlib import Path

from wijzer_tui.domain.content.loader import load_scenarios
from wijzer_tui.domain.progress.records import Profile
from wijzer_tui.domain.progress.scan import Scan
from wijzer_tui.domain.reports.grid import ReportFilter
from wijzer_tui.domain.reports.scan_report import (
    TOO_SMALL,
    change_text,
    group_lines,
    groups_data,
    read_scans,
    scan_groups,
)

SCENARIOS = load_scenarios()
A, B = SCENARIOS[0].id, SCENARIOS[1].id


def person(n: int, team: str, organisation: str = "") -> Profile:
    return Profile(f"p{n}", f"Naam {n}", "politie", organisation, team)


def scans(n: int, *pairs: dict[str, int]) -> list[Scan]:
    return [
        Scan(f"s{n}-{i}", f"p{n}", ratings, "thuis", f"2026-0{i + 1}-01T10:00:00+00:00")
        for i, ratings in enumerate(pairs)
    ]


def noord() -> tuple[list[Profile], list[tuple[Profile, list[Scan]]]]:
    """Team Noord: seven people. Six scanned before and after (A: 4 -> 2, 3 -> 3, ...), one
    only before; B rated before and after by four of them only. Teams Oost and achter: one each."""
    people = [person(n, "Noord", "Zuid") for n in range(7)]
    people += [person(7, "Oost"), person(8, "achter")]
    befores = [4, 3, 2, 5, 5, 5]
    afters = [2, 3, 1, 5, 4, 4]  # changes -2, 0, -1, 0, -1, -1: -5/6 = -0.83, shown as -0.8
    data = []
    for n in range(6):
        before = {A: befores[n], B: 2}
        after = {A: afters[n], **({B: 3} if n < 4 else {})}
        data.append((people[n], scans(n, before, {B: 1}, after)))  # a middle scan is ignored
    data.append((people[6], scans(6, {A: 5, B: 5})))
    return people, data


def test_groups_are_counted_and_their_mean_change_comes_from_five_people() -> None:
    people, data = noord()
    groups = scan_groups(people, data, SCENARIOS)
    assert [(g.kind, g.name, g.learners, g.scanned, g.repeated) for g in groups] == [
        ("team", "achter", 1, 0, 0),  # names in alphabetical order, whatever their case
        ("team", "Noord", 7, 7, 6),
        ("team", "Oost", 1, 0, 0),
        ("organisatie", "Zuid", 7, 7, 6),
    ]
    assert groups[1].mean_change == {A: -0.8}  # B: only four with before and after


def test_a_filter_keeps_only_its_people() -> None:
    people, data = noord()
    groups = scan_groups(people, data, SCENARIOS, ReportFilter(team="Oost"))
    assert [(g.name, g.learners) for g in groups] == [("Oost", 1)]


def test_the_lines_say_it_in_dutch() -> None:
    people, data = noord()
    groups = scan_groups(people, data, SCENARIOS)
    first = SCENARIOS[0]
    assert group_lines(groups, SCENARIOS) == [
        f"Team achter: {TOO_SMALL}.",
        "Team Noord: 7 deelnemers, scan vooraf: 7, voor én na: 6.",
        f"  -0,8 (lichter) · {first.number}. {first.title}",
        f"Team Oost: {TOO_SMALL}.",
        "Organisatie Zuid: 7 deelnemers, scan vooraf: 7, voor én na: 6.",
        f"  -0,8 (lichter) · {first.number}. {first.title}",
    ]
    four = scan_groups([*people[:4], person(9, "Noord")], data[:4], SCENARIOS)
    assert group_lines(four, SCENARIOS) == [
        "Team Noord: 5 deelnemers, scan vooraf: 4, voor én na: 4.",
        "  Gemiddelde verandering: pas vanaf 5 deelnemers met voor én na.",
        f"Organisatie Zuid: {TOO_SMALL}.",
    ]


def test_the_json_has_the_figures_only_for_groups_shown() -> None:
    people, data = noord()
    figures = groups_data(scan_groups(people, data, SCENARIOS))
    assert figures[1:3] == [
        {"soort": "team", "naam": "Noord", "getoond": True, "deelnemers": 7, "scan_vooraf": 7,
         "scan_voor_en_na": 6, "gemiddelde_verandering": {A: -0.8}},
        {"soort": "team", "naam": "Oost", "getoond": False},
    ]  # fmt: skip
    assert json.loads(json.dumps(figures)) == figures


def test_changes_in_words() -> None:
    assert [change_text(v) for v in (-1.25, 0.4, 0.0, 2.0)] == [
        "-1,2 (lichter)", "+0,4 (zwaarder)", "0,0 (gelijk)", "+2,0 (zwaarder)",
    ]  # fmt: skip


def test_odd_files_are_skipped_and_the_rest_is_read(tmp_path: Path) -> None:
    from wijzer_tui.domain.progress.store import ProgressStore

    store = ProgressStore(tmp_path)
    folder = store.learners_dir
    folder.mkdir(parents=True)
    # Odd files first (names sort before any id): each is skipped, the reading goes on.
    (folder / "0.json").write_text("geen json")
    (folder / "00.json").write_text('{"scans": {}, "profile": {}}')
    (folder / "000.json").write_text('{"profile": {}}')
    last = store.create_profile("Zoë", "politie", team="Noord")
    wrong = {**last.to_dict(), "organisation": 5, "schema_version": 1}  # a number, not a name
    (folder / "0000.json").write_text(json.dumps({"profile": {"1": wrong}, "scans": {}}))
    (folder / f"{last.id}.json").write_text(
        json.dumps({
            "profile": {"1": {**last.to_dict(), "schema_version": 1}},
            "scans": {"1": {**scans(0, {A: 3})[0].to_dict(), "learner_id": last.id, "schema_version": 1}},
        })
    )  # fmt: skip
    found = read_scans(tmp_path)
    assert [(p.name, len(s)) for p, s in found] == [("Zoë", 1)]
