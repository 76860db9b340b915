"""Write a coordinator report as CSV (Dutch Excel), JSON (stable keys) or a Dutch Markdown report."""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Iterable
from datetime import datetime
from pathlib import Path
from typing import Any

from wijzer_tui.domain.errors import ExportError, os_reason
from wijzer_tui.domain.progress.safe_text import formula_safe, json_text, visible
from wijzer_tui.domain.reports.grid import BUSY, DONE, Cell, Report
from wijzer_tui.domain.reports.path_exports import md_text as _md
from wijzer_tui.domain.reports.path_exports import paths_data, paths_markdown
from wijzer_tui.domain.reports.scan_report import SCAN_NOTE, group_lines, groups_data

REPORT_FORMAT = "wijzer-rapport"
REPORT_VERSION = 1
OWN_PATH_NOTE = (
    "Bij een casus met vertakkingen telt een tip alleen als gemist als die op het eigen pad van "
    "de deelnemer lag."
)
# Keyed by an attempt's mode; None (no mode: a summary row) finds nothing.
MODE_LABELS: dict[str | None, str] = {"self": "zelfstudie", "team": "teamtraining"}
MODE_MARKS: dict[str | None, str] = {"self": "Z", "team": "T"}
CSV_COLUMNS = (
    "deelnemer_id", "naam", "beroepsgroep", "organisatie", "team", "demo", "casus",
    "casusnummer", "casustitel", "status", "score", "datum", "vorm", "pogingen",
    "gemiste_tips", "reflectie", "einde",
)  # fmt: skip


def _local(iso: str | None) -> datetime | None:
    """A stored time in the reader's time zone; None for no or an odd time."""
    try:
        moment = datetime.fromisoformat(iso)  # type: ignore[arg-type]  # None: TypeError
    except (TypeError, ValueError):
        return None
    # Stored times are UTC; people read dates in their own time zone. A time without a zone
    # is taken as local already (astimezone keeps its clock time).
    return moment.astimezone()


def dutch_date(iso: str | None) -> str:
    """`2025-03-12T…` as 12-03-2025 (local time); empty for no or an odd date."""
    moment = _local(iso)
    return moment.strftime("%d-%m-%Y") if moment else ""


def short_date(iso: str | None) -> str:
    """A date as day-month (12-03), for narrow grid cells."""
    return dutch_date(iso)[:5]


def mode_mark(mode: str | None) -> str:
    """Z (zelfstudie), T (teamtraining) or nothing."""
    return MODE_MARKS.get(mode, "")


def cell_text(cell: Cell, *, narrow: bool = True) -> str:
    """A grid cell: ' 80 12-03 T' (11 characters), 'bezig 12-03' or 'nieuw'.

    Not narrow (Markdown): '80% (12-03-2025, T)'.
    """
    mark = mode_mark(cell.mode)
    if cell.state == DONE:
        if not narrow:
            return f"{cell.score}% ({dutch_date(cell.date)}, {mark})"
        return f"{cell.score:>3} {short_date(cell.date)} {mark}".rstrip()
    if cell.state == BUSY:
        return f"bezig {short_date(cell.date)}".strip()
    return "nieuw"


def grid_lines(cell: Cell) -> tuple[str, str]:
    """A grid cell in two short lines: ('100 T', '12-03'), ('bezig', '12-03') or ('nieuw', '')."""
    if cell.state == DONE:
        return f"{cell.score:>3} {mode_mark(cell.mode)}".rstrip(), short_date(cell.date)
    if cell.state == BUSY:
        return "bezig", short_date(cell.date)
    return "nieuw", ""


def percent(share: float) -> str:
    """0.666 as '67%'."""
    return f"{round(100 * share)}%"


def safe_cell(value: str, *, newlines: bool = False) -> str:
    """Free text for a CSV cell: control characters escaped (see safe_text.visible), a formula
    neutralised by a leading single quote, also after blanks or Unicode folding."""
    return formula_safe(visible(value, newlines=newlines))


def _iso_date(iso: str | None) -> str:
    moment = _local(iso)
    return moment.date().isoformat() if moment else ""


def _field(value: str, delimiter: str) -> str:
    """One CSV field, quoted exactly when and as csv.writer (QUOTE_MINIMAL) quotes it."""
    if delimiter in value or '"' in value or "\n" in value or "\r" in value:
        return '"' + value.replace('"', '""') + '"'
    return value


def to_csv(report: Report, delimiter: str = ";") -> str:
    """One line per learner and scenario; `;` by default because Dutch Excel expects it.

    Built as text in one go (csv.writer per line took as long as reading every learner file).
    Learner and scenario columns are formatted once, not once per cell.
    """

    def line(values: Iterable[str]) -> str:
        return delimiter.join(_field(value, delimiter) for value in values)

    # Free text is guarded against formulas; generated columns (states, digits, ISO dates, tip
    # ids) can never start one.
    topics = [
        (s.id, line([safe_cell(s.id), str(s.number), safe_cell(s.title)])) for s in report.scenarios
    ]
    missed_texts: dict[frozenset[str], str] = {}  # few distinct combinations of missed tips
    lines = [line(CSV_COLUMNS)]
    for row in report.rows:
        p = row.profile
        texts = (p.id, p.name, p.beroepsgroep, p.organisation, p.team)
        who = line([*map(safe_cell, texts), "ja" if p.synthetic else "nee"])
        for sid, topic in topics:
            cell = row.cells[sid]
            # pragma: no mutate start (a cache: a miss makes the same text)
            missed = missed_texts.get(cell.missed)
            # pragma: no mutate end
            if missed is None:
                missed = missed_texts[cell.missed] = line([" ".join(sorted(cell.missed))])
            reflection = ""
            if p.share_reflections:
                reflection = line([safe_cell("\n\n".join(cell.reflections), newlines=True)])
            score = "" if cell.score is None else _field(str(cell.score), delimiter)
            when = _iso_date(cell.date)
            mode = MODE_LABELS.get(cell.mode, "")
            values = (who, topic, cell.state, score, when, mode, str(cell.attempts), missed)
            lines.append(delimiter.join((*values, reflection, cell.ending or "")))
    lines.append("")  # csv.writer ends every line, the last one too
    return "\r\n".join(lines)


def report_data(report: Report) -> dict[str, Any]:
    """The report as plain data with stable keys (the JSON export)."""

    def agreement(a: Any) -> dict[str, str]:
        return {"who": a.who, "what": a.what, "when": a.when, "scenario_id": a.scenario_id,
                "team": a.team, "organisation": a.organisation, "date": a.date,
                "session_id": a.session_id}  # fmt: skip

    scenarios = [
        {
            "id": s.scenario.id,
            "number": s.scenario.number,
            "title": s.scenario.title,
            "content_version": s.scenario.content_version,
            "learners": s.learners,
            "finished": s.finished,
            "busy": s.busy,
            "new": s.new,
            "completion_rate": round(s.completion_rate, 4),
            "mean_score": s.mean_score,
            "missed_tips": [
                {
                    "tip_id": m.tip.id,
                    "title": m.tip.title,
                    "text": m.tip.text,
                    "count": m.count,
                    "share": round(m.share, 4),
                }
                for m in s.missed
            ],
            "agreements": [agreement(a) for a in s.agreements],
            **paths_data(s.paths),
        }
        for s in report.summaries
    ]
    learners = []
    for row in report.rows:
        p = row.profile
        cells = {
            sid: {
                "state": c.state,
                "score": c.score,
                "date": c.date,
                "mode": c.mode,
                "attempts": c.attempts,
                "missed_tips": sorted(c.missed),
                "reflections": list(c.reflections),
                "ending": c.ending,
            }
            for sid, c in row.cells.items()
        }
        learners.append(
            {"id": p.id, "name": p.name, "beroepsgroep": p.beroepsgroep,
             "organisation": p.organisation, "team": p.team, "synthetic": p.synthetic,
             "finished": row.finished_count, "mean_score": row.mean_score, "scenarios": cells}
        )  # fmt: skip
    f = report.filter
    return {
        "format": REPORT_FORMAT,
        "version": REPORT_VERSION,
        "generated": report.generated,
        "filter": {"team": f.team, "organisation": f.organisation, "beroepsgroep": f.beroepsgroep},
        "learner_count": len(report.rows),
        "scenarios": scenarios,
        "learners": learners,
        "agreements": [agreement(a) for a in report.agreements],
        "frustratiescan": groups_data(report.scan_groups),
    }


def to_json(report: Report) -> str:
    """The report as indented UTF-8 JSON."""
    return json_text(report_data(report))


def to_markdown(report: Report) -> str:
    """A readable Dutch report for a meeting: completion, knowledge gaps, agreements, learners."""
    n = len(report.rows)
    out = [
        "# Overzicht wijzer: voortgang en kennishiaten",
        "",
        f"Gemaakt op {dutch_date(report.generated)}. Deelnemers: {report.filter.describe()}.",
        f"Aantal deelnemers: {n}.",
    ]
    if report.synthetic_count:
        out.append(f"Let op: {report.synthetic_count} van hen zijn demodeelnemers (verzonnen).")
    out += ["", "## Per casus", "", "| Casus | Afgerond | Bezig | Nieuw | Gemiddelde score |"]
    out.append("| --- | --- | --- | --- | --- |")
    for s in report.summaries:
        mean = f"{s.mean_score}%" if s.mean_score is not None else "–"
        done = f"{s.finished} van {s.learners} ({percent(s.completion_rate)})"
        out.append(
            f"| {s.scenario.number}. {_md(s.scenario.title)} | {done} | {s.busy} | {s.new} | {mean} |"
        )
    out += ["", "## Kennishiaten: tips die het vaakst gemist worden", ""]
    if any(s.paths for s in report.summaries):
        out += [OWN_PATH_NOTE, ""]
    for s in report.summaries:
        out.append(f"### {s.scenario.number}. {s.scenario.title}")
        out.append("")
        if not s.missed:
            out += ["Nog geen gemiste tips: niemand heeft deze casus afgerond, of niemand miste een tip.", ""]  # fmt: skip
        for i, m in enumerate(s.missed, start=1):
            share = f"{m.count} van {s.finished} ({percent(m.share)})"
            out.append(
                f"{i}. **{_md(m.tip.title or m.tip.id)}** ({m.tip.id}), gemist door {share}."
            )
            out.append(f"   > {_md(m.tip.text)}")
        out.append("")
    out += paths_markdown(report.summaries)
    out += ["## Afspraken uit teamtrainingen", ""]
    if not report.agreements:
        out.append("Er zijn nog geen afspraken uit teamtrainingen vastgelegd.")
    titles = {s.id: f"{s.number}. {s.title}" for s in report.scenarios}
    for a in report.agreements:
        where = ", ".join(x for x in (titles.get(a.scenario_id), a.team, dutch_date(a.date)) if x)
        out.append(f"- **{_md(a.who) or 'Iemand'}** doet: {_md(a.what)} (wanneer: {_md(a.when) or 'nog open'}). _{_md(where)}_")  # fmt: skip
    out += scan_markdown(report)
    numbers = " | ".join(str(s.number) for s in report.scenarios)
    out += ["", "## Deelnemers", ""]
    out.append("Per casus: score en datum van afronden (Z = zelfstudie, T = teamtraining).")
    out += ["", f"| Naam | Team | Organisatie | Beroepsgroep | {numbers} |"]
    out.append("| --- " * (4 + len(report.scenarios)) + "|")
    for row in report.rows:
        p = row.profile
        # pragma: no mutate start (None is narrow=False too)
        cells = " | ".join(cell_text(row.cells[s.id], narrow=False) for s in report.scenarios)
        # pragma: no mutate end
        name = _md(p.name) + (" (demo)" if p.synthetic else "")
        out.append(f"| {name} | {_md(p.team)} | {_md(p.organisation)} | {_md(p.beroepsgroep)} | {cells} |")  # fmt: skip
    shared = [
        (row.profile.name, s.title, text)
        for row in report.rows
        for s in report.scenarios
        for text in row.cells[s.id].reflections
    ]
    if shared:
        out += ["", "## Gedeelde reflecties", "", "Alleen van deelnemers die hun reflecties delen.", ""]  # fmt: skip
        out += [f"- **{_md(name)}**, {_md(title)}: {_md(text)}" for name, title, text in shared]
    return "\n".join(out) + "\n"


def scan_markdown(report: Report) -> list[str]:
    """The Frustratiescan section: per team and organisation, never for groups below 5."""
    out = ["", "## Frustratiescan per team en organisatie", "", SCAN_NOTE, ""]
    lines = group_lines(report.scan_groups, report.scenarios)
    if not lines:
        return [*out, "Nog geen teams of organisaties in dit overzicht."]
    for line in lines:
        nested = line.startswith("  ")
        out.append(f"{'  ' if nested else ''}- {_md(line)}")
    return out


def write_file(path: Path, text: str, *, bom: bool = False) -> None:
    """Write `text` as UTF-8 (with BOM for Excel when asked), whole or not at all (file 0600).

    Raises ExportError with a Dutch message when the file cannot be written.
    """
    path = Path(path)
    # pragma: no mutate start (codec names are case-blind)
    payload = text.encode("utf-8-sig" if bom else "utf-8")
    # pragma: no mutate end
    tmp: str | None = None  # pragma: no mutate ("" too is unlinked in vain, quietly)
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
        with os.fdopen(fd, "wb") as handle:
            handle.write(payload)
        os.replace(tmp, path)
        tmp = None  # pragma: no mutate ("" too is unlinked in vain, quietly)
    except FileNotFoundError as exc:
        raise ExportError(f"De map {path.parent} bestaat niet. Kies een bestaande map.") from exc
    except IsADirectoryError as exc:
        raise ExportError(f"{path} is een map. Geef een bestandsnaam op.") from exc
    except OSError as exc:
        raise ExportError(f"{path} kon niet worden geschreven ({os_reason(exc)}).") from exc
    finally:
        if tmp is not None:
            # pragma: no mutate start (unlinking our own temp file fails only when it is gone)
            with contextlib.suppress(OSError):
                os.unlink(tmp)
            # pragma: no mutate end
