"""Tests for the coordinator report: grid cells, filters, sorting, completion, gaps, detail, hook."""

from __future__ import annotations

import csv
import io
import json
from datetime import UTC, datetime
from pathlib import Path

from report_fixtures import ALFA, BETA, SCENARIOS, done, records

from wijzer_tui.domain.content.loader import load_scenarios
from wijzer_tui.domain.content.scoring import missed_tip_ids
from wijzer_tui.domain.progress.records import Profile
from wijzer_tui.domain.progress.store import ProgressStore
from wijzer_tui.domain.reports.agreements import load_team_agreements
from wijzer_tui.domain.reports.demo import demo_records
from wijzer_tui.domain.reports.detail import learner_detail
from wijzer_tui.domain.reports.exports import cell_text, grid_lines, to_csv, to_json, to_markdown
from wijzer_tui.domain.reports.grid import (
    BUSY,
    DONE,
    NEW,
    Cell,
    ReportFilter,
    Row,
    build_report,
    build_rows,
    filter_choices,
    report_from_rows,
    sort_rows,
)


def by_name(report) -> dict:
    return {row.profile.name: row for row in report.rows}


def test_cells_show_state_score_date_and_mode_of_the_attempt_that_counts() -> None:
    rows = by_name(build_report(records(), SCENARIOS))
    anna = rows["Anna"].cells
    assert (anna["alfa"].state, anna["alfa"].score, anna["alfa"].mode) == (DONE, 84, "team")
    assert anna["alfa"].date == "2025-03-05T12:00:00+00:00"
    assert anna["alfa"].attempts == 2
    assert anna["alfa"].missed == {"A-T3"}
    assert anna["beta"].state == BUSY
    assert anna["beta"].date == "2025-03-06T10:05:00+00:00"  # the last answer, not the start
    assert rows["Carla"].cells["alfa"].state == NEW
    assert rows["Carla"].cells["beta"].attempts == 0
    # A tie in score: the attempt finished last counts.
    assert rows["Dirk"].cells["alfa"].record.id == "dirk-a2"
    assert rows["Dirk"].cells["alfa"].missed == {"A-T3"}
    # A stopped attempt is started but not finished.
    assert rows["Dirk"].cells["beta"].state == BUSY


def test_the_best_attempt_counts_in_every_view_even_when_a_later_one_scores_lower(
    tmp_path: Path,
) -> None:
    # bram: alfa 84 on 2 March (missed A-T1), then 50 on 7 March (missed A-T1 and A-T2).
    store = ProgressStore(tmp_path)
    for profile, attempts in records():
        store.import_learner(profile, attempts)
    full = build_report(store.all_records(), SCENARIOS)
    summary = report_from_rows(
        build_rows(store.iter_records(), SCENARIOS, keep_attempts=False), SCENARIOS
    )
    for report in (full, summary):
        cell = by_name(report)["bram"].cells["alfa"]
        assert (cell.state, cell.score, cell.attempts, cell.missed) == (DONE, 84, 2, {"A-T1"})
        assert cell_text(cell) == " 84 02-03 Z"  # the grid
        alfa = report.summaries[0]
        assert alfa.mean_score == 84  # (84 + 84 + 84) / 3, not with bram's 50
        assert [(m.tip.id, m.count) for m in alfa.missed] == [("A-T3", 2), ("A-T1", 1)]
        csv_row = next(
            r
            for r in csv.DictReader(io.StringIO(to_csv(report)), delimiter=";")
            if r["naam"] == "bram" and r["casus"] == "alfa"
        )
        assert (csv_row["score"], csv_row["datum"], csv_row["gemiste_tips"]) == (
            "84",
            "2025-03-02",
            "A-T1",
        )
        data = json.loads(to_json(report))
        bram = next(row for row in data["learners"] if row["name"] == "bram")
        assert bram["scenarios"]["alfa"]["score"] == 84
        assert bram["scenarios"]["alfa"]["missed_tips"] == ["A-T1"]
        assert bram["mean_score"] == 92
        assert "| bram | Team Zuid | Org B | onderwijs | 84% (02-03-2025, Z) |" in to_markdown(
            report
        )
    detail = learner_detail(by_name(full)["bram"], SCENARIOS).scenarios[0]
    assert [(line.number, line.attempt.score, line.counts) for line in detail.attempts] == [
        (1, 84, True),
        (2, 50, False),
    ]


def test_completion_rate_mean_and_most_often_missed_tips() -> None:
    alfa, beta = build_report(records(), SCENARIOS).summaries
    assert (alfa.learners, alfa.finished, alfa.busy, alfa.new) == (4, 3, 0, 1)
    assert alfa.completion_rate == 0.75
    assert alfa.mean_score == 84
    assert [(m.tip.id, m.count) for m in alfa.missed] == [("A-T3", 2), ("A-T1", 1)]
    assert alfa.missed[0].tip.text == "Spreek af wie de regie heeft en wat die doet."
    assert round(alfa.missed[0].share, 3) == 0.667
    assert (beta.finished, beta.busy, beta.new, beta.missed) == (1, 2, 1, ())
    assert beta.mean_score == 100


def test_filters_by_team_organisation_and_beroepsgroep() -> None:
    noord = build_report(records(), SCENARIOS, ReportFilter(team="Team Noord"))
    assert [r.profile.name for r in noord.rows] == ["Anna", "Carla"]
    assert noord.summaries[0].completion_rate == 0.5
    both = ReportFilter(organisation="Org B", beroepsgroep="onderwijs")
    assert [r.profile.name for r in build_report(records(), SCENARIOS, both).rows] == [
        "bram",
        "Carla",
    ]
    nobody = build_report(records(), SCENARIOS, ReportFilter(team="Team West"))
    assert nobody.rows == [] and nobody.summaries[0].completion_rate == 0.0
    assert ReportFilter(team="Team Noord").describe() == "team Team Noord"
    assert ReportFilter().describe() == "alle deelnemers"


def test_filter_choices_are_sorted_and_skip_empty_values() -> None:
    choices = filter_choices(build_rows(records(), SCENARIOS))
    assert choices == {
        "team": ["Team Noord", "Team Zuid"],
        "organisation": ["Org A", "Org B"],
        "beroepsgroep": ["onderwijs", "politie"],
    }


def test_sorting_keeps_names_as_tiebreak_and_empty_values_last() -> None:
    rows = build_rows(records(), SCENARIOS)

    def names(key: str, reverse: bool = False) -> list[str]:
        return [r.profile.name for r in sort_rows(rows, key, reverse)]

    assert names("naam") == ["Anna", "bram", "Carla", "Dirk"]  # case does not matter
    assert names("team") == ["Anna", "Carla", "bram", "Dirk"]  # Dirk has no team
    assert names("voortgang", reverse=True) == ["bram", "Anna", "Dirk", "Carla"]
    assert names("score", reverse=True) == ["bram", "Anna", "Dirk", "Carla"]
    assert names("beta", reverse=True) == ["bram", "Anna", "Carla", "Dirk"]


def test_learner_detail_lists_attempts_and_hides_private_reflections() -> None:
    rows = by_name(build_report(records(), SCENARIOS))
    anna = learner_detail(rows["Anna"], SCENARIOS)
    assert anna.profile.name == "Anna" and not anna.shares_reflections
    alfa = anna.scenarios[0]
    assert (alfa.scenario, alfa.cell.state, alfa.cell.score) == (ALFA, DONE, 84)
    assert [(line.number, line.counts) for line in alfa.attempts] == [(1, False), (2, True)]
    assert [t.id for t in alfa.attempts[0].missed] == ["A-T2", "A-T3"]
    assert alfa.reflections == ()  # Anna does not share her reflections
    dirk = learner_detail(rows["Dirk"], SCENARIOS)
    assert dirk.scenarios[0].reflections == ("Eerst het gezin.",)
    assert dirk.scenarios[1].attempts[0].missed == ()  # a stopped attempt has no gaps


def test_learner_detail_of_a_scenario_missing_from_the_row_is_new() -> None:
    profile, attempts = records()[0]
    [row] = build_rows([(profile, attempts)], [BETA])  # the row knows beta only
    alfa, beta = learner_detail(row, SCENARIOS).scenarios
    assert (alfa.scenario, alfa.cell.state, alfa.cell.scenario_id) == (ALFA, NEW, "alfa")
    assert [line.number for line in alfa.attempts] == [1, 2]
    assert not any(line.counts for line in alfa.attempts)
    assert beta.cell.state == BUSY


def test_missed_tips_agree_with_scoring_on_demo_data() -> None:
    scenarios = load_scenarios()
    by_id = {s.id: s for s in scenarios}
    for row in build_rows(demo_records(scenarios, 40, seed=7), scenarios):
        for sid, cell in row.cells.items():
            if cell.state == DONE:
                answers = {a.step_id: a.option_ids for a in cell.record.answers}
                assert cell.missed == missed_tip_ids(by_id[sid], answers)


def test_attempts_of_unknown_scenarios_are_left_out() -> None:
    profile, attempts = records()[0]
    rows = build_rows([(profile, attempts)], [BETA])
    assert list(rows[0].cells) == ["beta"]
    assert rows[0].cells["beta"].state == BUSY
    assert ALFA.id not in rows[0].cells


def test_team_agreements_hook_reads_teams_folder_and_sets_odd_files_aside(tmp_path: Path) -> None:
    assert load_team_agreements(tmp_path) == []
    teams = tmp_path / "teams"
    teams.mkdir()
    # The shape TeamStore writes: one TinyDB table "session" with one document.
    session = {
        "id": "s1",
        "scenario_id": "alfa",
        "content_version": 1,
        "team": "Team Noord",
        "organisation": "Org A",
        "date": "2025-03-12",
        "attendees": ["Anna", "Carla"],
        "entries": {},
        "agreements": [
            {"who": "Anna", "what": "Belt Veilig Thuis voor advies", "when": "vrijdag"},
        ],
        "status": "finished",
        "schema_version": 1,
    }
    (teams / "s1.json").write_text(json.dumps({"session": {"1": session}}), encoding="utf-8")
    (teams / "kapot.json").write_text("{niet af", encoding="utf-8")
    (teams / "lijst.json").write_text("[1, 2]", encoding="utf-8")
    odd = {**session, "id": "s2", "agreements": [{"who": "Bram", "what": 42}]}  # no text
    (teams / "s2.json").write_text(json.dumps({"session": {"1": odd}}), encoding="utf-8")
    warnings: list[str] = []
    found = load_team_agreements(tmp_path, warnings)
    assert len(warnings) == 3 and "s2.json was beschadigd" in warnings[2]
    assert sorted(p.name.split(".")[0] for p in teams.glob("*.beschadigd-*.json")) == [
        "kapot", "lijst", "s2"
    ]  # fmt: skip
    assert [(a.who, a.what, a.when, a.team, a.scenario_id, a.date) for a in found] == [
        ("Anna", "Belt Veilig Thuis voor advies", "vrijdag", "Team Noord", "alfa", "2025-03-12")
    ]
    report = build_report(records(), SCENARIOS, agreements=found)
    assert report.summaries[0].agreements == tuple(found)
    zuid = build_report(records(), SCENARIOS, ReportFilter(team="Team Zuid"), agreements=found)
    assert zuid.agreements == []
    org_a = build_report(records(), SCENARIOS, ReportFilter(organisation="Org A"), agreements=found)
    assert org_a.agreements == found
    markdown = to_markdown(report)
    assert "- **Anna** doet: Belt Veilig Thuis voor advies (wanneer: vrijdag)." in markdown
    assert "_1. Ik mis de regie, Team Noord, 12-03-2025_" in markdown


def test_filters_are_described_in_dutch_words() -> None:
    every = ReportFilter(team="Team Noord", organisation="Org A", beroepsgroep="politie")
    assert every.describe() == "team Team Noord, organisatie Org A, beroepsgroep politie"


def test_sorting_by_organisation_and_beroepsgroep_puts_empty_values_last() -> None:
    rows = build_rows(records(), SCENARIOS)
    rows[0].profile.organisation = ""  # Anna without organisation
    assert [r.profile.name for r in sort_rows(rows, "organisatie")] == [
        "Dirk", "bram", "Carla", "Anna",
    ]  # fmt: skip
    assert [r.profile.name for r in sort_rows(rows, "beroepsgroep")] == [
        "bram", "Carla", "Anna", "Dirk",
    ]  # fmt: skip


def summary_rows(tmp_path: Path) -> list[Row]:
    """The fixture learners stored, and read back as summary rows (as the CLI report does)."""
    store = ProgressStore(tmp_path)
    for profile, attempts in records():
        store.import_learner(profile, attempts)
    return build_rows(store.iter_records(), SCENARIOS, keep_attempts=False)


def test_a_report_is_dated_now_and_sorted_by_name_unless_asked(tmp_path: Path) -> None:
    report = report_from_rows(summary_rows(tmp_path), SCENARIOS)
    assert [r.profile.name for r in report.rows] == ["Anna", "bram", "Carla", "Dirk"]
    assert report.generated[:10] == datetime.now(UTC).date().isoformat()


def test_a_csv_report_needs_no_summaries_and_is_the_same_without(tmp_path: Path) -> None:
    rows = summary_rows(tmp_path)
    full = report_from_rows(rows, SCENARIOS)
    lean = report_from_rows(rows, SCENARIOS, with_summaries=False)
    assert lean.summaries == [] and len(full.summaries) == len(SCENARIOS)
    assert to_csv(lean) == to_csv(full)


def test_a_report_is_sorted_as_asked(tmp_path: Path) -> None:
    rows = summary_rows(tmp_path)
    by_team = report_from_rows(rows, SCENARIOS, sort="team", reverse=True)
    assert [r.profile.name for r in by_team.rows] == [
        r.profile.name for r in sort_rows(rows, "team", reverse=True)
    ]
    assert [r.profile.name for r in by_team.rows] != [
        r.profile.name for r in sort_rows(rows, "team")
    ]


def test_gaps_count_every_choose_step_also_an_unanswered_one(data_dir: Path) -> None:
    (rekenen,) = load_scenarios([data_dir / "valid" / "rekenen.yaml"])
    profile = Profile("eva", "Eva", "politie", "", "", "2025-03-01")
    only_first = done("eva", "eva-1", rekenen, 2, ["t1", "t2", "t3"], 0)  # kies-meer unanswered
    [row] = build_rows([(profile, [only_first])], [rekenen])
    cell = row.cells["rekenen"]
    assert (
        cell.missed == {"F8-T4", "F8-T1"} == missed_tip_ids(rekenen, {"kies": ["t1", "t2", "t3"]})
    )
    assert (cell.scenario_id, cell.state, cell.score) == ("rekenen", DONE, 0)  # a 0 stays 0


def test_grid_lines_give_score_and_form_over_the_date() -> None:
    """The coordinator's grid shows each cell in two lines: what, and when (day-month)."""
    when = "2026-03-12T10:00:00+00:00"
    assert grid_lines(Cell("alfa", DONE, 100, when, "team")) == ("100 T", "12-03")
    assert grid_lines(Cell("alfa", DONE, 7, when, "self")) == ("  7 Z", "12-03")
    assert grid_lines(Cell("alfa", DONE, 84, when, None)) == (" 84", "12-03")
    assert grid_lines(Cell("alfa", BUSY, None, when, "self")) == ("bezig", "12-03")
    assert grid_lines(Cell("alfa", NEW)) == ("nieuw", "")
