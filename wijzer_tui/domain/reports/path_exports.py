"""The paths of branching cases in the exports: JSON keys and a Markdown section."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from wijzer_tui.domain.progress.safe_text import visible
from wijzer_tui.domain.reports.paths import PathSpread, spread_lines

if TYPE_CHECKING:  # grid imports paths; the summaries only pass through here
    from wijzer_tui.domain.reports.grid import ScenarioSummary


def md_text(text: str) -> str:
    """Text safe inside a Markdown table cell: one line, control characters escaped."""
    return visible(" ".join(text.split())).replace("|", "\\|")


def paths_data(spread: PathSpread | None) -> dict[str, Any]:
    """The path keys of one case in the JSON export (0 and empty lists for a straight case):
    `paths_counted` (record attempts counted, a team session once), `decision_points` in graph
    order (`step`, `kind`, `title`, `answered`, `roles`: the only roles that play it, empty for
    every role, `options`: `id`, `text`, `count`) and `endings`
    in the case's order (`id`, `title`, `count`)."""
    if spread is None:
        return {"paths_counted": 0, "decision_points": [], "endings": []}
    points = [
        {
            "step": p.step.id,
            "kind": p.step.kind,
            "title": p.step.title,
            "answered": p.answered,
            "roles": [r.id for r in p.roles],
            "options": [{"id": o.id, "text": o.text, "count": o.count} for o in p.options],
        }
        for p in spread.points
    ]
    endings = [
        {"id": e.ending.id, "title": e.ending.title, "count": e.count} for e in spread.endings
    ]
    return {"paths_counted": spread.decisions, "decision_points": points, "endings": endings}


def paths_markdown(summaries: Sequence[ScenarioSummary]) -> list[str]:
    """Per branching case: what was chosen at each decision point and how the case ended."""
    branching = [s for s in summaries if s.paths is not None]
    if not branching:
        return []
    out = ["## Keuzes en afloop per casus", ""]
    for s in branching:
        out += [f"### {s.scenario.number}. {md_text(s.scenario.title)}", ""]
        if not s.paths.decisions:  # type: ignore[union-attr] (branching: paths is set)
            out += ["Nog niemand heeft deze casus afgerond.", ""]
            continue
        for kind, line in spread_lines(s.paths):
            if kind == "item":
                out.append(f"- {md_text(line)}")
                continue
            if out[-1]:
                out.append("")  # a list ends before the next heading line
            out += [md_text(line) if kind in ("intro", "none") else f"**{md_text(line)}**", ""]
        out.append("")
    return out
