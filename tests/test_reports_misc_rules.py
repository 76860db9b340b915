"""The cells of the report grid, whole: a case not started, a busy one (no path yet), a
self-study attempt that still carries a team session id, and summary rows without records."""

from __future__ import annotations

from report_fixtures import ALFA, SCENARIOS, at, done, records

from wijzer_tui.domain.progress.records import Profile
from wijzer_tui.domain.reports.grid import Cell, build_rows


def cells_of(name: str, **kw: bool) -> dict[str, Cell]:
    return next(r.cells for r in build_rows(records(), SCENARIOS, **kw) if r.profile.id == name)


def test_a_case_not_started_is_an_empty_cell_with_its_own_id() -> None:
    assert cells_of("carla") == {"alfa": Cell("alfa"), "beta": Cell("beta")}


def test_a_busy_case_has_its_last_answer_as_date_and_no_path_yet() -> None:
    busy = cells_of("anna")["beta"]
    assert busy == Cell(
        "beta", "bezig", None, at(6, "10:05:00"), "self", 1, frozenset(), busy.record,
        (), None, (), None,
    )  # fmt: skip
    assert busy.record is not None and busy.record.id == "anna-b1"


def test_only_a_team_attempt_counts_its_team_session() -> None:
    elsa = Profile("elsa", "Elsa", "politie", "Org A", "Team Noord", at(1))
    alone = done("elsa", "elsa-a1", ALFA, 3, ["o1", "o2", "o3"], 100, team_session_id="s9")
    [row] = build_rows([(elsa, [alone])], SCENARIOS)
    assert (row.cells["alfa"].mode, row.cells["alfa"].team_session) == ("self", None)
    alone.mode = "team"
    [row] = build_rows([(elsa, [alone])], SCENARIOS)
    assert (row.cells["alfa"].mode, row.cells["alfa"].team_session) == ("team", "s9")


def test_summary_rows_keep_the_figures_but_no_records() -> None:
    assert cells_of("carla", keep_attempts=False) == {"alfa": Cell("alfa"), "beta": Cell("beta")}
    cell = cells_of("anna", keep_attempts=False)["beta"]
    assert (cell.state, cell.date, cell.record) == ("bezig", at(6, "10:05:00"), None)
