"""The group's choices: a numbered option list with tallies, and the reveal beside the tips."""

from __future__ import annotations

from rich.table import Table
from rich.text import Text
from textual import events, on
from textual.binding import Binding
from textual.message import Message
from textual.widget import Widget
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from wijzer_tui.domain.content.feedback import against_count_text
from wijzer_tui.domain.content.model import Scenario, Step
from wijzer_tui.domain.content.scoring import decide_outcome
from wijzer_tui.domain.team.group import GroupEntry, group_choice
from wijzer_tui.domain.team.outline import attendee_count
from wijzer_tui.domain.team.path import TEAM_PATH_RULE
from wijzer_tui.domain.team.prompts import group_question
from wijzer_tui.domain.team.summary import (
    TEAM_SCORE_RULE,
    VERDICT_LABELS,
    OptionRow,
    choose_rows,
    decide_rows,
    step_score,
    tally_text,
)
from wijzer_tui.widgets.sections import deepening, deepening_for, heading, move_note, text

MARKS = {True: ("☐", "☒"), False: ("○", "●")}  # multiple -> (off, on); single -> (off, on)


class TallyList(OptionList):
    """Numbered options with the group's tally (or consensus mark) in front of each."""

    BINDINGS = [Binding("space", "pick", "Samen kiezen", show=False)]

    class Picked(Message):
        """Enter, space or a click on an option: the facilitator marks a consensus choice."""

        def __init__(self, option_id: str) -> None:
            super().__init__()
            self.option_id = option_id

    def __init__(self, step: Step, entry: GroupEntry, *, id: str | None = None) -> None:
        self.option_ids = [o.id for o in step.shuffled_options()]
        self.texts = {o.id: o.text for o in step.options}
        self.multiple = step.kind != "decide"
        self.entry = entry
        self.spacious = False
        super().__init__(*self._build(), id=id)

    def _prompt(self, number: int, option_id: str) -> Table:
        # A grid gives wrapped lines a hanging indent under the text, not under the number.
        # The votes stay in sight when the group switches to choosing together.
        count = self.entry.count(option_id)
        tally = Text(f"{count}×", style="bold" if count else "dim")
        grid = Table.grid(padding=(0, 1))
        grid.add_column(width=2, justify="right", no_wrap=True)
        grid.add_column(width=3, justify="right", no_wrap=True)
        cells = [Text(str(number), style="bold reverse"), tally]
        if self.entry.mode == "consensus":
            chosen = option_id in self.entry.consensus
            grid.add_column(width=1, no_wrap=True)
            cells.append(Text(MARKS[self.multiple][chosen], style="bold"))
        grid.add_column(ratio=1)
        grid.add_row(*cells, Text(self.texts[option_id]))
        if self.spacious:
            grid.add_row()
        return grid

    def _build(self) -> list[Option]:
        return [Option(self._prompt(n, i), id=i) for n, i in enumerate(self.option_ids, 1)]

    def on_resize(self) -> None:
        # On a tall screen a blank line between options reads better from the back of a room.
        spacious = self.screen.has_class("-tall")
        if spacious != self.spacious:
            self.spacious = spacious
            self.show(self.entry)

    def show(self, entry: GroupEntry) -> None:
        """Redraw with the group's current entry, keeping the highlighted option."""
        self.entry = entry
        highlighted = self.highlighted
        self.clear_options()
        self.add_options(self._build())
        self.highlighted = highlighted

    def select_number(self, number: int) -> str | None:
        """Highlight option `number` (1-based); returns its id, or None when there is none."""
        if not 1 <= number <= len(self.option_ids):
            return None
        self.highlighted = number - 1
        return self.option_ids[number - 1]

    @property
    def current(self) -> str | None:
        """The id of the highlighted option."""
        return None if self.highlighted is None else self.option_ids[self.highlighted]

    async def _on_click(self, event: events.Click) -> None:
        # A click while counting votes only points at an option (then + or - counts); a click
        # while choosing together chooses, like Enter.
        event.prevent_default()
        clicked = event.style.meta.get("option")
        if clicked is None:
            return
        self.highlighted = clicked
        if self.entry.mode == "consensus":
            self.action_pick()

    def action_pick(self) -> None:
        if self.current is not None:
            self.post_message(self.Picked(self.current))

    @on(OptionList.OptionSelected)
    def _selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.post_message(self.Picked(str(event.option.id)))


def number_hint(options: int) -> str:
    """How to pick an option by number: one digit, or two quickly after each other from 10 on."""
    if options <= 9:
        return f"1-{options} kiest"
    return f"typ het nummer (1-{options}; 10 is 1 0)"


def status_line(step: Step, entry: GroupEntry, attendees: int) -> str:
    """Two lines under the list: how the group chose so far and by which rule; the keys."""
    pick = number_hint(len(step.options))
    if entry.mode == "consensus":
        chosen = len(group_choice(step, entry))
        return (
            f"Samen gekozen: {options_text(chosen)} (de stemmen blijven staan)\n"
            f"{pick} · Enter kiest of wist · + of - telt weer stemmen"
        )
    votes = sum(entry.tallies.values())
    majority = attendees // 2 + 1
    return (
        f"{attendee_count(attendees)} · {votes_text(votes)} · van de groep is een optie met "
        f"{votes_text(majority)} of meer (meer dan de helft)\n"
        f"{pick} · + - telt · Enter: samen kiezen"
    )


def tally_width(entry: GroupEntry, rows: list[OptionRow]) -> int:
    """Room for the tallies beside the options."""
    return max(len(tally_text(entry, r)) for r in rows)


def row_line(mark: str, tally: str, content: str, width: int = 3) -> Table:
    """Mark, tally and text in columns, so wrapped text keeps its indent (no tally: width 0)."""
    grid = Table.grid(padding=(0, 1))
    grid.add_column(width=1, no_wrap=True)
    if width:
        grid.add_column(width=width, justify="right", no_wrap=True)
    grid.add_column(ratio=1)
    grid.add_row(Text(mark), *([Text(tally)] if width else []), Text(content))
    return grid


def reveal(scenario: Scenario, step: Step, entry: GroupEntry) -> list[Widget]:
    """The comparison after the reveal, with the tally beside every option."""
    if step.kind == "choose":
        return _reveal_choose(scenario, step, entry)
    if step.kind == "decide":
        return _reveal_decide(scenario, step, entry)
    widgets: list[Widget] = [text(step.prompt, "muted"), heading("Tips uit de wijzer")]
    for tip in (scenario.tip(t) for t in step.tip_ids):
        if tip:
            widgets.append(Static(row_line("•", "", tip.text, 0), classes="team-tip"))
    widgets.append(text("Welke van deze tips kwamen in jullie gesprek terug?", "question"))
    return widgets


def _reveal_choose(scenario: Scenario, step: Step, entry: GroupEntry) -> list[Widget]:
    rows = choose_rows(scenario, step, entry)
    width = tally_width(entry, rows)
    score = step_score(scenario, step, entry)
    tips = sum(1 for r in rows if r.verdict in ("in_line", "missed"))
    in_line = sum(1 for r in rows if r.verdict == "in_line")
    against = sum(1 for r in rows if r.verdict == "against")
    result = (
        f"Jullie kozen {in_line} van de {tips} tips · {against_count_text(against)} · "
        f"score {score}%"
    )
    widgets: list[Widget] = [
        text(" ".join(group_question(step)).strip(), "muted team-text"),
        Static(result, classes="score", id="group-score"),
    ]
    css = {"in_line": "in-line", "against": "against", "neutral": "", "missed": "missed"}
    for verdict, label in VERDICT_LABELS.items():
        group = [r for r in rows if r.verdict == verdict]
        if not group:
            continue
        widgets.append(heading(f"{label} ({len(group)})"))
        for row in group:
            mark = label[0] if verdict != "not_chosen" else "·"
            line = row_line(mark, tally_text(entry, row), row.text, width)
            widgets.append(Static(line, classes=css.get(verdict, "muted") + " team-row"))
            if row.note:
                prefix = {"in_line": "Tip uit de wijzer: ", "missed": "Tip uit de wijzer: "}.get(
                    verdict, "Waarom: " if verdict == "neutral" else ""
                )
                note = row_line("", "", prefix + row.note, width)
                widgets.append(Static(note, classes="muted team-note"))
    widgets.append(text(TEAM_SCORE_RULE, "muted team-rule"))
    if scenario.branches:
        widgets += deepening(deepening_for(scenario, step))
    return widgets


def _reveal_decide(scenario: Scenario, step: Step, entry: GroupEntry) -> list[Widget]:
    chosen = group_choice(step, entry)
    outcome = decide_outcome(scenario, step, chosen[0]) if chosen else None
    if outcome is None:
        return [text("Deze keuze bestaat niet meer in de casus.")]
    votes = sum(entry.tallies.values())
    how = (
        "samen"
        if entry.mode == "consensus"
        else f"{entry.count(chosen[0])} van {votes_text(votes)}"
    )
    followed, ignored = len(outcome.followed), len(outcome.ignored)
    left = "geen" if ignored == 0 else str(ignored)
    result = f"Jullie volgen {tips_text(followed)}, laten er {left} liggen · score {outcome.score}%"
    widgets: list[Widget] = [
        Static(result, classes="score", id="group-score"),
        heading(f"De keuze van de groep ({how})"),
        text(outcome.option.text, "question"),
        heading("Wat er gebeurt"),
        text(outcome.option.consequence),
        *move_note(outcome.option, outcome.score),
    ]
    for mark, verb, tips, css in (
        ("✓", "Jullie volgen de tip", outcome.followed, "in-line"),
        ("✗", "Jullie laten deze tip liggen", outcome.ignored, "against"),
    ):
        for tip in tips:
            widgets.append(
                Static(row_line(mark, "", f"{verb}: {tip.text}", 0), classes=css + " team-row")
            )
    widgets.append(heading("Alle keuzes"))
    rows = decide_rows(step, entry)
    width = tally_width(entry, rows)
    for row in rows:
        mark = "●" if row.chosen else "○"
        line = row_line(mark, tally_text(entry, row), row.text, width)
        widgets.append(Static(line, classes="team-row" + ("" if row.chosen else " muted")))
    if scenario.branches:  # the case goes on along the group's choice: say how it is scored
        widgets.append(text(TEAM_PATH_RULE, "muted team-rule"))
        widgets += deepening(deepening_for(scenario, step))
    return widgets


def votes_text(count: int) -> str:
    """'1 stem' or '3 stemmen'."""
    return f"{count} stem" if count == 1 else f"{count} stemmen"


def options_text(count: int) -> str:
    """'1 optie' or '3 opties'."""
    return f"{count} optie" if count == 1 else f"{count} opties"


def tips_text(count: int) -> str:
    """'1 tip' or '3 tips'."""
    return f"{count} tip" if count == 1 else f"{count} tips"
