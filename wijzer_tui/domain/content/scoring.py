"""Compare a learner's choices with the wijzer's tips, and score steps and scenarios."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from wijzer_tui.domain.content.graph import walk
from wijzer_tui.domain.content.model import ChooseOption, DecideOption, Scenario, Step, Tip

# The one-sentence explanation the screens show next to a score.
SCORE_RULE = (
    "Elke gekozen tip uit de wijzer telt voor één punt, elke afgeraden keuze kost één punt; je "
    "score is dat saldo gedeeld door het aantal tips in de stap (nooit lager dan 0%)."
)
DECIDE_RULE = (
    "Je vervolgkeuze telt voor het deel van de tips dat je erin volgt, vergeleken met de tips die je "
    "erin negeert."
)
SCENARIO_RULE = (
    "Je eindscore is het gemiddelde van je scores bij alle keuzestappen, zoals 'Wat doe je?' en "
    "'De casus gaat verder'."
)
PATH_RULE = (
    "Elke beslissing op jouw pad is één punt waard (een half goede keuze een half punt); je "
    "eindscore is je punten gedeeld door het aantal beslissingen op jouw pad."
)


def scenario_rule(scenario: Scenario) -> str:
    """The sentence that explains how this case's score is made."""
    return PATH_RULE if scenario.branches else SCENARIO_RULE


@dataclass(frozen=True)
class InLine:
    """A chosen option that is a tip of the wijzer."""

    option: ChooseOption
    tip: Tip


@dataclass(frozen=True)
class ChooseComparison:
    """A choose step's choices beside the tips."""

    in_line: tuple[InLine, ...]
    against: tuple[ChooseOption, ...]  # chosen, advised against (option.reason / option.source)
    neutral: tuple[ChooseOption, ...]  # chosen, neither (option.reason)
    missed: tuple[Tip, ...]  # tips offered in this step and not chosen
    unknown_ids: tuple[str, ...]  # chosen ids this step does not know (e.g. content changed)
    score: int  # 0..100

    @property
    def tip_count(self) -> int:
        """How many tips the step offers."""
        return len({item.tip.id for item in self.in_line}) + len(self.missed)


@dataclass(frozen=True)
class DecideOutcome:
    """The consequence of a decide choice and the tips it follows or ignores."""

    option: DecideOption
    followed: tuple[Tip, ...]
    ignored: tuple[Tip, ...]
    score: int


def _percentage(part: float, whole: float) -> int:
    return round(100 * part / whole) if whole else 0


def _unique(ids: Iterable[str]) -> list[str]:
    return list(dict.fromkeys(ids))


def compare_choose(scenario: Scenario, step: Step, chosen_ids: Iterable[str]) -> ChooseComparison:
    """Split the chosen options of a choose step by verdict; list missed tips; score the step."""
    by_id = {o.id: o for o in step.choose_options}
    chosen = _unique(chosen_ids)
    picked = [by_id[i] for i in chosen if i in by_id]
    in_line = []
    for option in picked:
        tip = scenario.tip(option.tip_id or "") if option.kind == "tip" else None  # pragma: no mutate (equivalent: only tip options have a tip_id)  # fmt: skip
        if tip is not None:
            in_line.append(InLine(option, tip))
    against = tuple(o for o in picked if o.kind == "against")
    neutral = tuple(o for o in picked if o.kind == "neutral")
    chosen_tips = {item.tip.id for item in in_line}
    offered = _unique(o.tip_id for o in step.choose_options if o.kind == "tip" and o.tip_id)  # pragma: no mutate (equivalent: only tip options have a tip_id)  # fmt: skip
    missed = tuple(t for t in (scenario.tip(i) for i in offered) if t and t.id not in chosen_tips)
    balance = max(0, len(chosen_tips) - len(against))
    return ChooseComparison(
        in_line=tuple(in_line),
        against=against,
        neutral=neutral,
        missed=missed,
        unknown_ids=tuple(i for i in chosen if i not in by_id),
        score=_percentage(balance, len(offered)),
    )


def decide_outcome(scenario: Scenario, step: Step, option_id: str) -> DecideOutcome | None:
    """The outcome of one decide option, or None for an id the step does not know."""
    option = next((o for o in step.decide_options if o.id == option_id), None)
    if option is None:
        return None
    followed = tuple(t for t in (scenario.tip(i) for i in option.follows) if t)
    ignored = tuple(t for t in (scenario.tip(i) for i in option.ignores) if t)
    if option.credit is not None:
        score = round(100 * option.credit)
    else:
        score = _percentage(len(followed), len(followed) + len(ignored))
    return DecideOutcome(option, followed, ignored, score)


def step_score(scenario: Scenario, step: Step, chosen_ids: list[str]) -> int | None:
    """The score of one answered step, or None when the step is not scored (reflect)."""
    if step.kind == "choose":
        return compare_choose(scenario, step, chosen_ids).score
    if step.kind == "decide":
        outcome = decide_outcome(scenario, step, chosen_ids[0]) if chosen_ids else None
        return outcome.score if outcome else 0
    return None


def scored_steps(
    scenario: Scenario,
    answers: Mapping[str, list[str]],
    role: str | None = "",  # pragma: no mutate (any unknown id also means the first role)
) -> tuple[Step, ...]:
    """The steps a score is made of: those on the learner's path (every step of a straight case)."""
    return walk(scenario, answers, role).steps if scenario.branches else scenario.steps


def scenario_score(
    scenario: Scenario,
    answers: Mapping[str, list[str]],
    role: str | None = "",  # pragma: no mutate (any unknown id also means the first role)
) -> int:
    """Points earned ÷ decision points on the path, as a percentage: each choose or decide step
    gives its score as a fraction of one point; an unanswered one counts as 0."""
    scores = []
    for step in scored_steps(scenario, answers, role):
        score = step_score(scenario, step, list(answers.get(step.id, [])))
        if score is not None:
            scores.append(score)
    return round(sum(scores) / len(scores)) if scores else 0


def missed_tip_ids(
    scenario: Scenario,
    answers: Mapping[str, list[str]],
    role: str | None = "",  # pragma: no mutate (any unknown id also means the first role)
) -> set[str]:
    """Tips the learner missed on their own path (for knowledge-gap reports): tips offered in a
    choose step and not chosen; in a branching case also tips the chosen decision ignores.
    A tip that was not on the path is never counted as missed."""
    missed: set[str] = set()
    for step in scored_steps(scenario, answers, role):
        if step.kind == "choose":
            comparison = compare_choose(scenario, step, answers.get(step.id, []))
            missed.update(t.id for t in comparison.missed)
        elif step.kind == "decide" and scenario.branches:
            outcome = decide_outcome(scenario, step, (answers.get(step.id) or [""])[0])  # pragma: no mutate (option ids are non-empty slugs: neither "" nor "XXXX" is one)  # fmt: skip
            if outcome is not None:
                missed.update(t.id for t in outcome.ignored)
    return missed
