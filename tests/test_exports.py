"""Tests for report exports: CSV for Dutch Excel (read back), injection guard, JSON, Markdown, xAPI."""

from __future__ import annotations

import csv
import io
import json
import os
import stat
from pathlib import Path

import pytest
from report_fixtures import ALFA, SCENARIOS, done, records

from wijzer_tui import cli
from wijzer_tui.domain.errors import ExportError
from wijzer_tui.domain.progress.records import Profile
from wijzer_tui.domain.progress.store import ProgressStore
from wijzer_tui.domain.reports.exports import (
    CSV_COLUMNS,
    cell_text,
    safe_cell,
    to_csv,
    to_json,
    to_markdown,
    write_file,
)
from wijzer_tui.domain.reports.grid import ReportFilter, build_report
from wijzer_tui.domain.reports.xapi import to_xapi


def report(flt: ReportFilter | None = None, recs=None):
    return build_report(records() if recs is None else recs, SCENARIOS, flt)


def read_csv(text: str, delimiter: str = ";") -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(text, newline=""), delimiter=delimiter))


def test_csv_reads_back_with_one_line_per_learner_and_scenario() -> None:
    rows = read_csv(to_csv(report()))
    assert len(rows) == 4 * 2
    assert list(rows[0]) == list(CSV_COLUMNS)
    anna_alfa = rows[0]
    assert anna_alfa["naam"] == "Anna"
    assert anna_alfa["casus"] == "alfa"
    assert anna_alfa["status"] == "afgerond"
    assert anna_alfa["score"] == "84"
    assert anna_alfa["datum"] == "2025-03-05"
    assert anna_alfa["vorm"] == "teamtraining"
    assert anna_alfa["pogingen"] == "2"
    assert anna_alfa["gemiste_tips"] == "A-T3"
    carla_beta = next(r for r in rows if r["naam"] == "Carla" and r["casus"] == "beta")
    assert (carla_beta["status"], carla_beta["score"], carla_beta["datum"]) == ("nieuw", "", "")


def test_csv_keeps_private_reflections_out_and_shared_ones_in() -> None:
    text = to_csv(report())
    assert "Geheim" not in text  # Anna does not share
    dirk = next(r for r in read_csv(text) if r["naam"] == "Dirk" and r["casus"] == "alfa")
    assert dirk["reflectie"] == "Eerst het gezin."


def test_csv_checks_the_learners_choice_itself_before_writing_reflections() -> None:
    # Defence in depth: even a cell that carries texts stays empty for a learner who does not share.
    shown = report()
    dirk = next(r for r in shown.rows if r.profile.name == "Dirk")
    assert dirk.cells["alfa"].reflections == ("Eerst het gezin.",)
    dirk.profile.share_reflections = False  # the learner withdrew consent
    row = next(r for r in read_csv(to_csv(shown)) if r["naam"] == "Dirk" and r["casus"] == "alfa")
    assert row["reflectie"] == ""


def test_csv_neutralises_formulas() -> None:
    hostile = Profile(
        "x1", '=HYPERLINK("http://evil")', "politie", "+31 20 1234", "-Team", "2025-03-01"
    )
    others = [
        Profile("x2", "@SUM(A1)", "politie", "\tOrg", "\rTeam", "2025-03-01"),
        Profile("x3", "Gewone naam", "politie", "Org = goed", "Team", "2025-03-01"),
    ]
    rows = read_csv(to_csv(report(recs=[(p, []) for p in [hostile, *others]])))
    first = {r["naam"] for r in rows}
    assert first == {'\'=HYPERLINK("http://evil")', "'@SUM(A1)", "Gewone naam"}
    orgs = {r["organisatie"] for r in rows}
    # A tab or carriage return is a control character: it is shown as an escape, never raw.
    assert orgs == {"'+31 20 1234", "\\x09Org", "Org = goed"}
    assert {r["team"] for r in rows} == {"'-Team", "\\x0dTeam", "Team"}
    for row in rows:
        for value in row.values():
            assert not value.startswith(("=", "+", "-", "@", "\t", "\r"))
    assert safe_cell("80") == "80"


def test_csv_written_by_the_command_has_a_bom_and_semicolons(tmp_path: Path) -> None:
    store = ProgressStore(tmp_path / "voortgang")
    for profile, attempts in records():
        store.import_learner(profile, attempts)
    out = tmp_path / "rapport.csv"
    argv = ["--progress-dir", str(store.root), "report", "--format", "csv", "--output", str(out)]
    assert cli.main(argv) == 0
    raw = out.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    header = raw[3:].split(b"\r\n", 1)[0].decode("utf-8")
    assert header.split(";")[:3] == ["deelnemer_id", "naam", "beroepsgroep"]
    comma = tmp_path / "komma.csv"
    argv = [*argv[:-1], str(comma), "--delimiter", ",", "--team", "Team Noord"]
    assert cli.main(argv) == 0
    names = {r["naam"] for r in read_csv(comma.read_text("utf-8-sig"), ",")}
    assert names == {"Anna", "Carla"}


def test_json_has_stable_keys_and_hand_checked_values() -> None:
    data = json.loads(to_json(report(ReportFilter(team="Team Noord"))))
    assert list(data) == [
        "format", "version", "generated", "filter", "learner_count", "scenarios", "learners",
        "agreements", "frustratiescan",
    ]  # fmt: skip
    assert (data["format"], data["version"], data["learner_count"]) == ("wijzer-rapport", 1, 2)
    assert data["filter"] == {"team": "Team Noord", "organisation": None, "beroepsgroep": None}
    alfa = data["scenarios"][0]
    assert (alfa["finished"], alfa["completion_rate"], alfa["mean_score"]) == (1, 0.5, 84)
    assert alfa["missed_tips"][0]["tip_id"] == "A-T3"
    anna = data["learners"][0]
    assert anna["scenarios"]["alfa"]["state"] == "afgerond"
    assert anna["scenarios"]["beta"]["state"] == "bezig"
    assert anna["scenarios"]["alfa"]["reflections"] == []
    assert "Geheim" not in json.dumps(data)


def test_markdown_is_a_readable_dutch_report() -> None:
    text = to_markdown(report())
    assert text.startswith("# Overzicht wijzer")
    assert "| 1. Ik mis de regie | 3 van 4 (75%) | 0 | 1 | 84% |" in text
    assert "**Spreek de regie af** (A-T3), gemist door 2 van 3 (67%)." in text
    assert "> Spreek af wie de regie heeft en wat die doet." in text
    assert "Er zijn nog geen afspraken uit teamtrainingen vastgelegd." in text
    assert "| Anna | Team Noord | Org A | politie | 84% (05-03-2025, T) | bezig 06-03 |" in text
    assert "Eerst het gezin." in text and "Geheim" not in text


def test_markdown_escapes_table_breaking_names() -> None:
    odd = Profile("odd", "Piet | Paal\nnieuw", "politie", "", "", "2025-03-01")
    text = to_markdown(report(recs=[(odd, [])]))
    assert "| Piet \\| Paal nieuw |" in text


def test_xapi_has_one_completed_statement_per_finished_attempt_with_stable_ids() -> None:
    first = json.loads(to_xapi(report()))
    completed = [s for s in first if s["verb"]["id"].endswith("/completed")]
    assert len(completed) == 7  # finished attempts: Anna 2, bram 3, Dirk 2
    again = json.loads(to_xapi(report()))
    assert [s["id"] for s in first] == [s["id"] for s in again]
    statement = completed[0]
    assert statement["verb"]["id"] == "http://adlnet.gov/expapi/verbs/completed"
    assert statement["result"]["score"]["scaled"] == 0.5
    assert statement["object"]["definition"]["name"]["nl-NL"] == "Ik mis de regie"


def test_grid_cells_fit_eleven_characters() -> None:
    rows = report().rows
    texts = [cell_text(c) for r in rows for c in r.cells.values()]
    assert " 84 05-03 T" in texts and "bezig 06-03" in texts and "nieuw" in texts
    assert all(len(t) <= 11 for t in texts)


def test_writing_to_a_missing_folder_gives_a_dutch_error(tmp_path: Path) -> None:
    with pytest.raises(ExportError, match="bestaat niet"):
        write_file(tmp_path / "nergens" / "rapport.csv", "x")
    with pytest.raises(ExportError, match="is een map"):
        write_file(tmp_path, "x")


def test_report_command_prints_markdown_and_refuses_unknown_sort(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert cli.main(["--progress-dir", str(tmp_path), "report", "--format", "md"]) == 0
    assert "Aantal deelnemers: 0." in capsys.readouterr().out
    argv = ["--progress-dir", str(tmp_path), "report", "--format", "md", "--sort", "x"]
    assert cli.main(argv) == 1
    assert "Onbekende sortering" in capsys.readouterr().err


def test_a_shared_reflection_cannot_run_as_a_formula() -> None:
    sharer = Profile("eva", "Eva", "politie", "Org A", "", "2025-03-01", share_reflections=True)
    attempt = done("eva", "eva-a1", ALFA, 4, ["o1"], 50, reflection='=HYPERLINK("http://x")')
    [row] = [
        r for r in read_csv(to_csv(report(recs=[(sharer, [attempt])]))) if r["casus"] == "alfa"
    ]
    assert row["reflectie"] == '\'=HYPERLINK("http://x")'


@pytest.mark.parametrize("command", ["report", "export"])
def test_report_and_export_files_are_private_whatever_the_umask(
    tmp_path: Path, command: str
) -> None:
    store = ProgressStore(tmp_path / "voortgang")
    for profile, attempts in records():
        store.import_learner(profile, attempts)
    out = tmp_path / "uit.txt"
    out.write_text("oud")
    out.chmod(0o644)  # an older file readable by everyone is replaced by a private one
    extra = ["--format", "csv"] if command == "report" else ["--learner", "Dirk"]
    argv = ["--progress-dir", str(store.root), command, *extra, "--output", str(out)]
    old_umask = os.umask(0)
    try:
        assert cli.main(argv) == 0
    finally:
        os.umask(old_umask)
    assert out.read_text("utf-8-sig") != "oud"
    assert stat.S_IMODE(out.stat().st_mode) == 0o600
