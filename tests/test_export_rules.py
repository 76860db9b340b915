"""Export rules a coordinator notices, pinned without a screen: how an export file is written
(beside its target, whole or not at all, Dutch refusals), agreements and the Frustratiescan in
Markdown, the note on own paths, and line breaks inside a shared reflection in CSV."""

from __future__ import annotations

import csv
import dataclasses
import errno
import io
import os
import re
from pathlib import Path

import pytest
from path_fixtures import TAK, tak_records
from report_fixtures import ALFA, SCENARIOS, records
from test_scan_groups import SCENARIOS as SHIPPED
from test_scan_groups import noord

from wijzer_tui.domain.errors import ExportError
from wijzer_tui.domain.reports import exports
from wijzer_tui.domain.reports.agreements import Agreement
from wijzer_tui.domain.reports.exports import (
    OWN_PATH_NOTE,
    dutch_date,
    scan_markdown,
    to_csv,
    to_markdown,
    write_file,
)
from wijzer_tui.domain.reports.grid import build_report
from wijzer_tui.domain.reports.scan_report import SCAN_NOTE, TOO_SMALL, scan_groups

# -- write_file --------------------------------------------------------------------------------


def test_an_export_is_written_through_a_hidden_temp_file_beside_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A crash mid-export leaves the old file and at most a hidden temp file in the same
    folder (a rename within one folder is atomic; one across file systems is not)."""
    renames: list[tuple[str, str]] = []
    real_replace = os.replace

    def replace(source: str, target: Path) -> None:
        renames.append((source, str(target)))
        real_replace(source, target)

    monkeypatch.setattr(exports.os, "replace", replace)
    monkeypatch.chdir(tmp_path)
    (tmp_path / "uit").mkdir()
    target = tmp_path / "uit" / "overzicht.csv"
    write_file(target, "a;b\n")
    [(temp, final)] = renames
    assert final == str(target)
    assert Path(temp).parent == target.parent
    assert re.fullmatch(r"\.overzicht\.csv\.[a-z0-9_]{8}\.tmp", Path(temp).name)
    assert sorted(p.name for p in target.parent.iterdir()) == ["overzicht.csv"]
    assert target.read_bytes() == b"a;b\n"


def test_a_bom_is_written_only_when_asked(tmp_path: Path) -> None:
    write_file(tmp_path / "a.csv", "ë\n", bom=True)
    write_file(tmp_path / "b.csv", "ë\n")
    assert (tmp_path / "a.csv").read_bytes() == b"\xef\xbb\xbf\xc3\xab\n"
    assert (tmp_path / "b.csv").read_bytes() == b"\xc3\xab\n"


def test_a_full_disk_is_named_and_the_old_file_stays(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "overzicht.md"
    target.write_text("oud", "utf-8")

    def full(*_: object) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(exports.os, "replace", full)
    with pytest.raises(ExportError) as info:
        write_file(target, "nieuw")
    assert info.value.message == f"{target} kon niet worden geschreven (de schijf is vol)."
    assert target.read_text("utf-8") == "oud"
    assert [p.name for p in tmp_path.iterdir()] == ["overzicht.md"]  # no temp file left


def test_a_missing_folder_and_a_folder_as_target_are_refused_in_dutch(tmp_path: Path) -> None:
    with pytest.raises(ExportError) as missing:
        write_file(tmp_path / "nergens" / "x.csv", "x")
    assert (
        missing.value.message
        == f"De map {tmp_path / 'nergens'} bestaat niet. Kies een bestaande map."
    )
    (tmp_path / "map").mkdir()
    with pytest.raises(ExportError) as folder:
        write_file(tmp_path / "map", "x")
    assert folder.value.message == f"{tmp_path / 'map'} is een map. Geef een bestandsnaam op."
    assert sorted(p.name for p in tmp_path.iterdir()) == ["map"]


# -- dates -------------------------------------------------------------------------------------


def test_dates_are_shown_the_dutch_way_or_left_empty() -> None:
    assert dutch_date("2026-03-12T10:00:00+00:00") == "12-03-2026"
    assert dutch_date("2026-03-12T10:00:00") == "12-03-2026"  # no time zone: taken as it is
    assert dutch_date("2026-03-12") == "12-03-2026"
    assert [dutch_date(x) for x in (None, "", "gisteren", "2026-13-01")] == ["", "", "", ""]


# -- Markdown ----------------------------------------------------------------------------------


def test_agreements_say_who_what_when_and_where() -> None:
    agreements = [
        Agreement("Ann", "Bel de school", "vrijdag", ALFA.id, "Team Noord", date="2026-03-12"),
        Agreement("", "Plan een overleg", "", "verdwenen-casus", "", date=""),
    ]
    text = to_markdown(build_report(records(), SCENARIOS, agreements=agreements))
    block = text.split("## Afspraken uit teamtrainingen\n\n", 1)[1].split("\n\n", 1)[0]
    assert block.splitlines() == [
        "- **Ann** doet: Bel de school (wanneer: vrijdag). _1. Ik mis de regie, Team Noord, 12-03-2026_",
        "- **Iemand** doet: Plan een overleg (wanneer: nog open). __",
    ]


def test_the_frustratiescan_section_indents_the_figures_under_their_group() -> None:
    people, data = noord()
    groups = scan_groups(people, data, SHIPPED)
    report = dataclasses.replace(build_report([], SHIPPED), scan_groups=groups)
    first = SHIPPED[0]
    assert scan_markdown(report) == [
        "",
        "## Frustratiescan per team en organisatie",
        "",
        SCAN_NOTE,
        "",
        f"- Team achter: {TOO_SMALL}.",
        "- Team Noord: 7 deelnemers, scan vooraf: 7, voor én na: 6.",
        f"  - -0,8 (lichter) · {first.number}. {first.title}",
        f"- Team Oost: {TOO_SMALL}.",
        "- Organisatie Zuid: 7 deelnemers, scan vooraf: 7, voor én na: 6.",
        f"  - -0,8 (lichter) · {first.number}. {first.title}",
    ]


def test_the_note_on_own_paths_opens_the_knowledge_gaps_of_a_branching_case() -> None:
    text = to_markdown(build_report(tak_records(), [TAK]))
    assert text.startswith("# Overzicht wijzer: voortgang en kennishiaten\n\nGemaakt op ")
    heading = "## Kennishiaten: tips die het vaakst gemist worden"
    assert f"\n{heading}\n\n{OWN_PATH_NOTE}\n\n### {TAK.number}. {TAK.title}\n" in text


def test_the_learners_table_shows_percent_date_and_form() -> None:
    text = to_markdown(build_report(records(), SCENARIOS))
    table = text.split("## Deelnemers\n", 1)[1]
    anna = next(line for line in table.splitlines() if line.startswith("| Anna |"))
    assert "| 84% (05-03-2025, T) |" in anna


# -- CSV ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "value",
    ["gewoon", "a;b", 'zei "nee"', "regel\nregel", "eerst\rbellen", "", " spatie ", "a,b"],
)
def test_a_csv_field_is_quoted_exactly_as_the_csv_module_quotes_it(value: str) -> None:
    """Cells are joined by hand for speed; a spreadsheet must read them as csv.writer wrote them."""
    out = io.StringIO()
    csv.writer(out, delimiter=";").writerow([value, "x"])  # QUOTE_MINIMAL, lines end in CRLF
    assert exports._field(value, ";") + ";x\r\n" == out.getvalue()


def test_a_shared_reflection_keeps_its_line_breaks_in_one_quoted_cell() -> None:
    people = records()
    profile, attempts = people[0]
    profile = dataclasses.replace(profile, share_reflections=True)
    record = max(attempts, key=lambda a: a.score or 0)
    *before, last = record.answers
    answers = [*before, dataclasses.replace(last, reflection="eerst\nbellen\rdan")]
    attempts = [dataclasses.replace(record, answers=answers)]
    text = to_csv(build_report([(profile, attempts)], SCENARIOS))
    assert '"eerst\nbellen\\x0ddan"' in text  # a lone CR is shown, never a row break
    rows = list(csv.reader(io.StringIO(text, newline=""), delimiter=";"))
    assert rows[1][-2] == "eerst\nbellen\\x0ddan"
