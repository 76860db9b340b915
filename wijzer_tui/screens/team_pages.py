"""The pages of a team session: what the room sees on each, built from the session."""

from __future__ import annotations

from textual.markup import escape
from textual.widget import Widget
from textual.widgets import Markdown, Static

from wijzer_tui.domain.team.prompts import group_question
from wijzer_tui.domain.team.store import TeamTraining
from wijzer_tui.domain.team.summary import summary_markdown
from wijzer_tui.screens.team_agreements import AgreementsPanel
from wijzer_tui.widgets import sections
from wijzer_tui.widgets.sections import text
from wijzer_tui.widgets.tally import TallyList, reveal, status_line

REFLECT_HINT = "Bespreek de vraag samen. Onthul daarna de tips uit de wijzer met o."
AFTER_ENDING = "Hierna volgt de reflectievraag. Daarna schrijven jullie afspraken op."


def page_widgets(training: TeamTraining) -> list[Widget]:
    """The widgets of the current page: one thing at a time."""
    scenario, step, section = training.scenario, training.step, training.section
    session = training.session
    if section == "intro":
        quotes = [text(f"“{q}”", "quote team-quote") for q in scenario.quotes]
        return [text(f"{scenario.number}. {scenario.title}", "team-big"), *quotes]
    if section == "case":
        return [text(scenario.case, "team-text"), *role_widgets(training)]
    if section == "ending":
        reached = session.walk(scenario).ending
        title = f"Afloop: {reached.title}" if reached else "Afloop"
        return [text(title, "team-big"), *sections.ending(reached, AFTER_ENDING, "team-text")]
    if section == "why":
        return [text(scenario.why, "team-text")]
    if section == "agreements":
        return [AgreementsPanel(training)]
    if section == "summary":
        return summary_widgets(training)
    assert step is not None
    entry = session.entry(step.id)
    if session.is_revealed(step.id):
        return reveal(scenario, step, entry)
    if step.kind == "reflect":
        return [text(step.prompt, "team-big"), text(REFLECT_HINT, "muted")]
    widgets: list[Widget] = []
    if step.situation:
        widgets.append(text(step.situation, "team-text"))
    status = escape(status_line(step, entry, len(session.attendees)))
    context, question = group_question(step)
    widgets += [
        *([text(context, "team-text")] if context else []),
        text(question, "question"),
        TallyList(step, entry, id="tally"),
        Static(status, id="tally-status"),
    ]
    return widgets


def role_widgets(training: TeamTraining) -> list[Widget]:
    """Who the group is in a case with roles to choose from (the role's own words)."""
    scenario = training.scenario
    if len(scenario.roles) < 2:
        return []
    role = scenario.role(training.session.role)
    return [sections.heading(f"Jullie rol: {role.title}"), text(role.text, "team-text")]


def summary_widgets(training: TeamTraining) -> list[Widget]:
    """Whether attendance is recorded yet, and the summary as the team will get it."""
    session = training.session
    if session.status == "finished":
        state = "Afgerond: de deelname is vastgelegd."
    else:
        state = "Nog niet afgerond. Met a (Afronden) leg je vast dat iedereen deze casus deed."
    return [
        text(state, "question"),
        Markdown(summary_markdown(training.scenario, session), id="summary"),
    ]


def active_keys(training: TeamTraining) -> dict[str, bool]:
    """Which actions work (and show in the footer) on the current page."""
    step, section = training.step, training.section
    entering = training.must_reveal_first()
    revealed = step is not None and training.session.is_revealed(step.id)
    busy = training.session.status == "busy"
    return {
        "number": entering,
        "more": entering,
        "less": entering,
        "reveal": step is not None and not revealed,
        "next": not entering and section != "summary",
        "reveal_first": entering,
        "back": training.index > 0,
        "timer": step is not None,
        "timer_reset": step is not None,
        # Room in the footer at 80 columns: no prompts while votes are entered, and no
        # attendees while a reflection question waits to be revealed or agreements are typed.
        "questions": not entering,
        "attendees": busy
        and section != "agreements"
        and not (step is not None and step.kind == "reflect" and not revealed),
        "finish": section == "summary" and busy,
        "markdown": section == "summary",
    }
