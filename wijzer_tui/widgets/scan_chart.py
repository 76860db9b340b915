"""The Frustratiescan as a bar chart in the terminal: per frustration 'voor' and 'na'.

Three lines per frustration and three lines of legend: 18 lines, 76 columns at most, so the
chart fits an 80×24 terminal with a header, a title and a footer.
"""

from __future__ import annotations

from collections.abc import Sequence

from rich.text import Text

from wijzer_tui.domain.progress.scan import HIGHEST, Change

UNIT = 8  # columns per point: 5 points make a 40-column bar
WIDTH = 74


def _bar(label: str, value: int | None, style: str) -> Text:
    line = Text(f"   {label:<5}")
    if value is None:
        return line.append("–", style="dim")
    line.append("█" * (value * UNIT), style=style)
    line.append(" " * ((HIGHEST - value) * UNIT))
    return line.append(f" {value}", style="bold")


def _difference(delta: int) -> Text:
    if delta == 0:
        return Text("  even zwaar", style="dim")
    points = "1 punt" if abs(delta) == 1 else f"{abs(delta)} punten"
    if delta < 0:
        return Text(f"  {points} lichter", style="bold green")
    return Text(f"  {points} zwaarder", style="bold yellow")


def chart_text(changes: Sequence[Change], first: str, last: str) -> Text:
    """The chart; `first` and `last` are the Dutch dates of the first and the latest scan."""
    text = Text("Hoe zwaar weegt elke frustratie op je werk? 1 = niet, 5 = heel zwaar.\n")
    legend = f"voor = je eerste scan ({first})"
    legend += f" · na = je laatste scan ({last})" if last else " · na: nog niet ingevuld"
    text.append(legend + "\n\n", style="dim")
    for change in changes:
        s = change.scenario
        title = f"{s.number}. {s.title}"
        if len(title) > WIDTH:
            title = title[: WIDTH - 1] + "…"
        text.append(title + "\n", style="bold")
        text.append_text(_bar("voor", change.before, "cyan"))
        text.append("\n")
        text.append_text(_bar("na", change.after, "magenta"))
        if change.delta is not None:
            text.append_text(_difference(change.delta))
        text.append("\n")
    return text
