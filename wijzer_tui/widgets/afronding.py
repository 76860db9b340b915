"""The Afronding section: result, what to read next, which scenario next, and attribution."""

from __future__ import annotations

from textual.markup import escape
from textual.widget import Widget
from textual.widgets import Static

from wijzer_tui.domain.content.feedback import against_count_text
from wijzer_tui.domain.content.model import Scenario
from wijzer_tui.domain.content.scoring import SCENARIO_RULE, compare_choose, decide_outcome
from wijzer_tui.domain.progress.records import local_datetime
from wijzer_tui.domain.progress.session import Pass
from wijzer_tui.domain.progress.standing import previous_result
from wijzer_tui.widgets.sections import heading, text


def end(session: Pass, score: int, next_up: Scenario | None) -> list[Widget]:
    """Result per step, resources grouped by heading, the next scenario and the sources."""
    scenario = session.scenario
    attempts = session.store.attempts(session.learner_id, scenario.id)
    before = previous_result(attempts, session.attempt.id)
    result = f"Je eindscore: {score}%"
    if before is not None:  # a retry: the previous result beside the new one
        result += f" · vorige keer {before.score or 0}% ({local_datetime(before.finished)})"
    widgets: list[Widget] = [
        Static(result, classes="score", id="final-score"),
        text(SCENARIO_RULE, "muted"),
    ]
    for step in scenario.steps:
        answer = session.answer(step.id)
        if answer is None:
            continue
        if step.kind == "choose":
            result = compare_choose(scenario, step, answer.option_ids)
            against = against_count_text(len(result.against))
            widgets.append(
                text(
                    f"{step.title}: {len(result.in_line)} van de {result.tip_count} tips gekozen, "
                    f"{against} · {result.score}%"
                )
            )
        elif step.kind == "decide" and answer.option_ids:
            outcome = decide_outcome(scenario, step, answer.option_ids[0])
            if outcome is not None:
                widgets.append(text(f"{step.title}: {outcome.option.text} · {outcome.score}%"))
        elif step.kind == "reflect":
            ticked = len(answer.ticked_tips)
            widgets.append(
                text(f"{step.title}: je herkende {ticked} van de {len(step.tip_ids)} tips")
            )
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
    widgets.append(heading("Wat nu?"))
    if next_up is not None:
        widgets.append(text(f"Volgende casus: {next_up.number}. {next_up.title} (druk op n)"))
    else:
        widgets.append(text("Je hebt alle casussen afgerond. Goed gedaan!"))
    widgets.append(heading("Bronnen"))
    sources = "\n".join(f"• {source}" for source in scenario.sources)
    widgets.append(Static(escape(sources), classes="muted"))
    return widgets
