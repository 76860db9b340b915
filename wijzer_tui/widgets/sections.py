"""Widgets for each section of a pass: the case, the questions, and the feedback beside the tips."""

from __future__ import annotations

from typing import Any

from textual.markup import escape
from textual.widget import Widget
from textual.widgets import Static, TextArea

from wijzer_tui.domain.content.feedback import (
    GENERIC_LABEL,
    against_note,
    move_feedback,
)
from wijzer_tui.domain.content.model import DecideOption, Deepening, Ending, Role, Scenario, Step
from wijzer_tui.domain.content.scoring import (
    DECIDE_RULE,
    PATH_RULE,
    SCORE_RULE,
    compare_choose,
    decide_outcome,
)
from wijzer_tui.domain.progress import standing
from wijzer_tui.domain.progress.records import Answer
from wijzer_tui.widgets.choice_list import ChoiceList

PRIVACY = (
    "Let op je privacy en die van cliënten: schrijf nooit namen of details op "
    "waaraan iemand te herkennen is."
)
CHOICES_BACK = "Wat je hier eerder koos, staat er nog. Het telt pas als je bevestigt."
TEXT_BACK = "Je eerdere tekst staat er nog. Sla op met Ctrl+S als je klaar bent."
NO_DRAFT: dict[str, Any] = {}
SECTION_TITLES = standing.SECTION_TITLES  # one set of words for home and the pass
GOES_ON = SECTION_TITLES["decide"]  # "De casus gaat verder"
# The colour of a decision's feedback label: half right is not shown as wrong.
MOVE_CLASSES = {"good": "in-line", "half": "half", "against": "against"}
AFTER_ENDING = "Hierna volgt nog een reflectievraag. Daarna zie je je pad en je score."


def text(content: str, classes: str = "") -> Static:
    """Plain (escaped) text; paragraphs separated by blank lines."""
    paragraphs = [p.strip() for p in content.strip().splitlines() if p.strip()]
    return Static(escape("\n\n".join(paragraphs)), classes=classes)


def heading(content: str) -> Static:
    """A section heading."""
    return Static(escape(content), classes="page-title")


def title_of(section: str, step: Step | None, ending: Ending | None = None) -> str:
    """The heading of a section: a scene that tells how the case goes on says so, with the
    scene's own title when it adds something; an ending names itself."""
    if section == "ending":
        return f"Afloop: {ending.title}" if ending else SECTION_TITLES["ending"]
    title = SECTION_TITLES.get(section, "")
    goes_on = section in ("decide", "consequence") or (
        section == "choose" and step and step.situation
    )
    if not goes_on:
        return title
    own = step.title.strip() if step else ""
    return f"{GOES_ON} · {own}" if own and own not in (GOES_ON, title) else GOES_ON


def intro(scenario: Scenario, role: Role | None = None) -> list[Widget]:
    """Herken je dit?: the quotes, the case, who you are in it and why it matters."""
    widgets: list[Widget] = [heading(f"{scenario.number}. {scenario.title}")]
    widgets += [text(f"“{quote}”", "quote") for quote in scenario.quotes]
    widgets += [heading("Het probleem"), text(scenario.case)]
    if role is not None and role.text.strip():
        widgets += [heading(f"Jouw rol: {role.title}" if role.title else "Jouw rol")]
        widgets.append(text(role.text))
    widgets += [heading("Waarom is dit belangrijk?"), text(scenario.why)]
    return widgets


def _chosen(answer: Answer | None, draft: dict[str, Any]) -> list[str]:
    """The saved choice, or else the unconfirmed one kept as a draft."""
    return answer.option_ids if answer else draft.get("option_ids", [])


def choose(step: Step, answer: Answer | None, draft: dict[str, Any] = NO_DRAFT) -> list[Widget]:
    """Wat doe je?: pick any number of actions (ticks not yet confirmed come back from `draft`)."""
    options = [(o.id, o.text) for o in step.shuffled_options()]
    choices = ChoiceList(options, chosen=_chosen(answer, draft), id="choices")
    # A scene tells how the case goes on, above its question.
    widgets: list[Widget] = [text(step.situation)] if step.situation else []
    widgets += [text(step.prompt, "question"), choices]
    if answer is not None:
        choices.disabled = True
        widgets.append(text("Je keuze is opgeslagen. Ga verder met v.", "muted"))
    else:
        # One line at 80 columns: below the list it must not be cut off or need scrolling.
        hint = f"{len(options)} opties · kies met ↑ ↓ en spatie (of klik) · bevestig met v"
        widgets.append(text(hint, "muted"))
        if choices.chosen:
            widgets.append(text(CHOICES_BACK, "muted"))
    return widgets


def compare(
    scenario: Scenario, step: Step, answer: Answer, *, with_deepening: bool = True
) -> list[Widget]:
    """Vergelijk met de wijzer: your choices beside the tips, the score and its rule."""
    result = compare_choose(scenario, step, answer.option_ids)
    widgets: list[Widget] = [
        Static(f"Je score bij deze stap: {result.score}%", classes="score", id="step-score"),
        text(SCORE_RULE, "muted"),
    ]
    if result.in_line:
        widgets.append(heading(f"✓ Past bij de wijzer ({len(result.in_line)})"))
        for item in result.in_line:
            widgets.append(text(f"✓ {item.option.text}", "in-line"))
            widgets.append(text(f"Tip uit de wijzer: {item.tip.text}", "muted indent"))
    if result.against:
        widgets.append(heading(f"✗ {GENERIC_LABEL} ({len(result.against)})"))
        for option in result.against:
            widgets.append(text(f"✗ {option.text}", "against"))
            widgets.append(text(against_note(option), "muted indent"))
    if result.neutral:
        widgets.append(heading("· Neutraal"))
        for option in result.neutral:
            widgets.append(text(f"· {option.text}"))
            widgets.append(text(option.reason, "muted indent"))
    if result.missed:
        widgets.append(heading(f"○ Gemist ({len(result.missed)})"))
        for tip in result.missed:
            widgets.append(text(f"○ {tip.text}", "missed"))
    if not answer.option_ids:
        widgets.append(text("Je koos niets. Alle tips hierboven staan als gemist.", "muted"))
    if with_deepening:
        widgets += deepening(deepening_for(scenario, step))
    return widgets


def deepening_for(scenario: Scenario, step: Step) -> list[Deepening]:
    """The deepening a step's feedback shows. A branching case names the scene of each item
    (at most two per scene); a straight case shows all of it once, after its first choice step."""
    if scenario.branches:
        return [item for item in scenario.deepening if item.scene == step.id][:2]
    first_choose = next((s for s in scenario.steps if s.kind == "choose"), None)
    return list(scenario.deepening) if step is first_choose else []


def deepening(items: list[Deepening]) -> list[Widget]:
    """Each item with its source; the training's own application on its own line, never
    inside the quoted source text."""
    widgets: list[Widget] = []
    for item in items:
        widgets.append(heading(f"Verdieping: {item.title}"))
        widgets.append(text(f"{item.text}\n(Bron: {item.source})", "muted"))
        if item.application:
            widgets.append(text(f"In deze casus: {item.application}", "indent"))
    return widgets


def decide(step: Step, answer: Answer | None, draft: dict[str, Any] = NO_DRAFT) -> list[Widget]:
    """De casus gaat verder: one further decision (an unconfirmed one comes back from `draft`)."""
    options = [(o.id, o.text) for o in step.shuffled_options()]
    radio = ChoiceList(options, multiple=False, chosen=_chosen(answer, draft), id="decision")
    radio.disabled = answer is not None
    note = "Je keuze is opgeslagen. Ga verder met v." if answer else "Kies één optie en bevestig."
    if answer is None and radio.chosen:
        note = f"{note} {CHOICES_BACK}"
    return [text(step.situation), text(step.prompt, "question"), radio, text(note, "muted")]


def consequence(
    scenario: Scenario, step: Step, answer: Answer, *, with_deepening: bool = True
) -> list[Widget]:
    """What your decision leads to, why it was (half) right or wrong, and the tips it follows
    or ignores."""
    outcome = decide_outcome(scenario, step, answer.option_ids[0]) if answer.option_ids else None
    if outcome is None:
        return [text("Deze keuze bestaat niet meer in de casus. Kies opnieuw met t (Terug).")]
    widgets: list[Widget] = [
        text(f"Jouw keuze: {outcome.option.text}", "question"),
        heading("Wat er gebeurt"),
        text(outcome.option.consequence),
    ]
    widgets += move_note(outcome.option, outcome.score)
    for tip in outcome.followed:
        widgets.append(text(f"✓ Je volgt de tip: {tip.text}", "in-line"))
    for tip in outcome.ignored:
        widgets.append(text(f"✗ Je laat deze tip liggen: {tip.text}", "against"))
    widgets.append(Static(f"Je score bij deze stap: {outcome.score}%", classes="score"))
    widgets.append(text(PATH_RULE if scenario.branches else DECIDE_RULE, "muted"))
    if with_deepening and scenario.branches:
        widgets += deepening(deepening_for(scenario, step))
    return widgets


def move_note(option: DecideOption, score: int) -> list[Widget]:
    """Why a decision was (half) right or wrong, attributed (see feedback.move_feedback); nothing
    when the option carries no feedback."""
    feedback = move_feedback(option, score)
    if feedback is None:
        return []
    return [text(feedback.label, MOVE_CLASSES[feedback.verdict]), text(feedback.why, "indent")]


def ending(reached: Ending | None, after: str = AFTER_ENDING, classes: str = "") -> list[Widget]:
    """Afloop: how the case ended on the learner's (or group's) path, told as story, no
    verdict; `after` says what comes next."""
    if reached is None:
        return [text("Deze afloop bestaat niet meer in de casus. Ga verder met v.")]
    return [text(reached.text, classes), text(after, "muted spaced")]


def reflect(step: Step, answer: Answer | None, draft: dict[str, Any] = NO_DRAFT) -> list[Widget]:
    """Reflectie: an open question and room to write (text not yet saved comes back)."""
    written = (answer.reflection or "") if answer else draft.get("reflection", "")
    hint = "Schrijf je antwoord en sla op met Ctrl+S of de knop. Je antwoord blijft privé."
    if answer is None and written:
        hint = f"{TEXT_BACK} Je antwoord blijft privé."
    return [
        text(step.prompt, "question"),
        text(PRIVACY, "privacy"),
        TextArea(written, id="reflection", soft_wrap=True),
        text(hint, "muted"),
    ]


def check(
    scenario: Scenario, step: Step, answer: Answer, draft: dict[str, Any] = NO_DRAFT
) -> list[Widget]:
    """Check your own reflection against the tips by ticking the ones it covers (ticks not
    yet saved come back from `draft`)."""
    tips = [scenario.tip(t) for t in step.tip_ids]
    options = [(t.id, t.text) for t in tips if t]
    own = answer.reflection.strip() if answer.reflection else "(je schreef niets)"
    return [
        heading("Jouw antwoord"),
        text(own, "quote"),
        text("Welke tips uit de wijzer komen in jouw antwoord terug? Vink ze aan.", "question"),
        ChoiceList(options, chosen=draft.get("ticked_tips", answer.ticked_tips), id="ticks"),
        text("Dit is voor jezelf: het telt niet mee in je score.", "muted"),
    ]
