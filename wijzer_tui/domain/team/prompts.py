"""Discussion prompts for team training, drawn from the seeds where they fit, with attribution."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from wijzer_tui.domain.content.model import Scenario, Step

HET_GESPREK_SOURCE = (
    "Het Gesprek, uit: Huiselijk geweld en de samenwerking tussen veiligheid en zorg "
    "(dossier van het CCV)"
)
HET_GESPREK = (
    "Wat heb jij nodig?",
    "Wat kun je en mag je van elkaar verwachten?",
    "Hoe help je elkaar verder?",
)
WIJZER = "Frustratiewijzer (CCV, Movisie, NJi, maart 2023)"
REFLECTION_NUMBER = 5  # the wijzer's frustration about reflecting with colleagues and partners


@dataclass(frozen=True)
class PromptGroup:
    """A few questions or tips to talk about, and where they come from."""

    title: str
    items: tuple[str, ...]
    source: str


def discussion_prompts(scenario: Scenario, all_scenarios: Sequence[Scenario]) -> list[PromptGroup]:
    """Het Gesprek's questions, this scenario's reflection question, and the wijzer's own tips
    on reflecting together (frustration 5)."""
    groups = [PromptGroup("Vragen uit Het Gesprek", HET_GESPREK, HET_GESPREK_SOURCE)]
    questions = tuple(" ".join(s.prompt.split()) for s in scenario.steps if s.kind == "reflect")
    if questions:
        source = f"wijzer, casus {scenario.number}: {scenario.title}"
        groups.append(PromptGroup("Reflectievraag bij deze casus", questions, source))
    reflection = next((s for s in all_scenarios if s.number == REFLECTION_NUMBER), None)
    if reflection is not None:
        tips = tuple(" ".join(t.text.split()) for t in reflection.tips)
        source = f"{WIJZER}, frustratie {reflection.number}: {reflection.title}"
        groups.append(PromptGroup("Tips uit de wijzer om samen te reflecteren", tips, source))
    return groups


# The self-study instructions in choose prompts; on a shared screen the group question replaces them.
SELF_STUDY_INSTRUCTIONS = ("Welke acties zou jij nemen?", "Kies er zoveel als je wilt.")
GROUP_QUESTIONS = {
    "choose": "Wat doen jullie? Welke acties zouden jullie nemen? Kies er zoveel als jullie willen.",
    "decide": "Wat doen jullie? Kies samen één vervolgstap.",
}


def group_question(step: Step) -> tuple[str, str]:
    """What a shared screen shows above the options: the case's context, then a question to the
    group ("Wat doen jullie?"); the case's own prompt is written for one self-study learner."""
    question = GROUP_QUESTIONS.get(step.kind)
    if question is None:
        return "", step.prompt
    prompt = " ".join(step.prompt.split())
    if step.kind == "decide":
        return f"Uit de casus: {prompt}", question
    for sentence in SELF_STUDY_INSTRUCTIONS:
        prompt = prompt.replace(sentence, "")
    return " ".join(prompt.split()), question
