"""The Afronding section: result, what to read next, which scenario next, and attribution."""

from __future__ import annotations

from rich.table import Table
from rich.text import Text
from textual.markup import escape
from textual.widget import Widget
from textual.widgets import Static

from wijzer_tui.domain.content.feedback import against_count_text
from wijzer_tui.domain.content.model import Scenario, Step
from wijzer_tui.domain.content.scoring import compare_choose, decide_outcome, scenario_rule
from wijzer_tui.domain.progress.records import Answer, local_datetime
from wijzer_tui.domain.progress.session import Pass
from wijzer_tui.domain.progress.standing import previous_result
from wijzer_tui.widgets.sections import heading, text


def end(session: Pass, score: int, next_up: Scenario | None) -> list[Widget]:
    """Result per step (in a branching case: the path taken and its ending), resources grouped
    by heading, the next scenario and the sources."""
    scenario = session.scenario
    attempts = session.store.attempts(session.learner_id, scenario.id)
    before = previous_result(attempts, session.attempt.id)
    result = f"Je eindscore: {score}%"
    if before is not None:  # a retry: the previous result beside the new one
        result += f" · vorige keer {before.score or 0}% ({local_datetime(before.finished)})"
    widgets: list[Widget] = [
        Static(result, classes="score", id="final-score"),
        text(scenario_rule(scenario), "muted"),
    ]
    widgets += _path(session) if scenario.branches else _steps(session, scenario.steps)
    widgets += _reading(scenario)
    widgets.append(heading("Wat nu?"))
    if next_up is not None:
        widgets.append(text(f"Volgende casus: {next_up.number}. {next_up.title} (druk op n)"))
    else:
        widgets.append(text("Je hebt alle casussen afgerond. Goed gedaan!"))
    widgets.append(heading("Bronnen"))
    sources = "\n".join(f"• {source}" for source in scenario.sources)
    widgets.append(Static(escape(sources), classes="muted"))
    return widgets


def _summary(scenario: Scenario, step: Step, answer: Answer) -> str | None:
    """One answered step in a line: what was chosen and its score (a reflection: the ticks)."""
    if step.kind == "choose":
        result = compare_choose(scenario, step, answer.option_ids)
        against = against_count_text(len(result.against))
        return (
            f"{step.title}: {len(result.in_line)} van de {result.tip_count} tips gekozen, "
            f"{against} · {result.score}%"
        )
    if step.kind == "decide" and answer.option_ids:
        outcome = decide_outcome(scenario, step, answer.option_ids[0])
        return f"{step.title}: {outcome.option.text} · {outcome.score}%" if outcome else None
    if step.kind == "reflect":
        return (
            f"{step.title}: je herkende {len(answer.ticked_tips)} van de {len(step.tip_ids)} tips"
        )
    return None


def _lines(session: Pass, steps: tuple[Step, ...]) -> list[str]:
    """The summary lines of the answered steps among `steps`, in order."""
    answered = ((step, session.answer(step.id)) for step in steps)
    lines = (_summary(session.scenario, step, answer) for step, answer in answered if answer)
    return [line for line in lines if line]


def _steps(session: Pass, steps: tuple[Step, ...]) -> list[Widget]:
    """A straight case: one line per answered step."""
    return [text(line) for line in _lines(session, steps)]


def _path(session: Pass) -> list[Widget]:
    """Jouw pad: each decision point in the order taken, with the choice, then the ending."""
    scenario, route = session.scenario, session.walk
    role = scenario.role(session.attempt.role)
    title = f"Jouw pad als {_lower(role.title)}" if role.title else "Jouw pad"
    # A grid, so a wrapped line stays under its text and not under its number.
    grid = Table.grid(padding=(0, 1))
    grid.add_column(width=3, no_wrap=True, justify="right")
    grid.add_column(ratio=1)
    for number, line in enumerate(_lines(session, route.decisions), start=1):
        grid.add_row(f"{number}.", Text(line))
    widgets: list[Widget] = [heading(title), Static(grid)]
    if route.ending is not None:
        widgets.append(text(f"Afloop: {route.ending.title}", "question"))
    after = tuple(s for s in route.steps if s.id in scenario.after_ending)
    return widgets + _steps(session, after)


def _lower(title: str) -> str:
    """'Intern begeleider' → 'intern begeleider' inside a sentence; 'GGZ-medewerker' stays."""
    return title[:1].lower() + title[1:] if title[1:2].islower() else title


def _reading(scenario: Scenario) -> list[Widget]:
    """Lees verder: the wijzer's resources, grouped by heading."""
    widgets: list[Widget] = []
    groups: dict[str, list[str]] = {}
    for resource in scenario.resources:
        line = f"• {resource.title}"
        if resource.organisation:
            line += f" ({resource.organisation})"
        groups.setdefault(resource.group, []).append(line)
    for group, lines in groups.items():
        widgets.append(heading(f"Lees verder: {group}"))
        widgets.append(Static(escape("\n".join(lines))))
    widgets.append(text("Zoek deze titels op de websites van de genoemde organisaties.", "muted"))
    return widgets
