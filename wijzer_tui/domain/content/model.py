"""Typed scenario content: what a scenario file turns into after validation."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from typing import Literal

FORMAT_VERSIONS = (1, 2)  # 1: one straight pass of steps; 2: a graph of scenes with endings
DEFAULT_RESOURCE_GROUP = "Meer handige informatie"

OptionKind = Literal["tip", "against", "neutral"]
StepKind = Literal["choose", "decide", "reflect"]
STEP_KINDS: tuple[str, ...] = ("choose", "decide", "reflect")


@dataclass(frozen=True)
class Tip:
    """One tip of "Wat kun je doen?", in the wijzer's own words."""

    id: str
    text: str
    title: str = ""


@dataclass(frozen=True)
class Resource:
    """A title from "Meer handige informatie"; the wijzer's links are unknown, so no address."""

    title: str
    organisation: str = ""
    group: str = DEFAULT_RESOURCE_GROUP


@dataclass(frozen=True)
class Deepening:
    """Material from another seed document that deepens the feedback, with its source."""

    title: str
    text: str
    source: str
    application: str = ""  # the training's own application, shown as "In deze casus: …"
    scene: str = ""  # format 2: the scene whose feedback shows this item


@dataclass(frozen=True)
class ChooseOption:
    """An action in a choose step: a tip, advised against (with reason), or neutral."""

    id: str
    text: str
    kind: OptionKind
    tip_id: str | None = None
    reason: str = ""  # why the wijzer advises against it, or why it is neutral
    source: str = ""  # where the wijzer says so (against options)


@dataclass(frozen=True)
class DecideOption:
    """One option of a decide step with what happens next."""

    id: str
    text: str
    consequence: str
    follows: tuple[str, ...] = ()
    ignores: tuple[str, ...] = ()
    next: str = ""  # the scene or ending this choice leads to ("" = the pass ends)
    credit: float | None = None  # 1, 0.5 or 0; None: follows ÷ (follows + ignores)
    feedback_text: str = ""  # why this move is (half) right or wrong
    feedback_source: str = ""  # where that is said


@dataclass(frozen=True)
class Step:
    """One step of a pass. Fields that do not apply to its kind stay empty."""

    id: str
    kind: StepKind
    title: str
    prompt: str = ""
    situation: str = ""
    choose_options: tuple[ChooseOption, ...] = ()
    decide_options: tuple[DecideOption, ...] = ()
    tip_ids: tuple[str, ...] = ()  # reflect: tips to check your own answer against
    next: str = ""  # choose and reflect: the scene or ending that follows ("" = the pass ends)

    @property
    def is_decision(self) -> bool:
        """A decision point: the learner chooses here (a reflection is not one)."""
        return self.kind in ("choose", "decide")

    @property
    def options(self) -> tuple[ChooseOption, ...] | tuple[DecideOption, ...]:
        """The options of a choose or decide step (empty for reflect)."""
        return self.choose_options if self.kind == "choose" else self.decide_options

    def shuffled_options(self) -> list[ChooseOption] | list[DecideOption]:
        """Options in a stable shuffled order, so tips are not always first."""

        def key(option: ChooseOption | DecideOption) -> str:
            return hashlib.sha256(f"{self.id}/{option.id}".encode()).hexdigest()

        return sorted(self.options, key=key)  # type: ignore[return-value]


@dataclass(frozen=True)
class Role:
    """Who the learner is in a case, and the scene where that role starts."""

    id: str
    title: str
    text: str
    start: str


@dataclass(frozen=True)
class Ending:
    """One way a case can end, told as story."""

    id: str
    title: str
    text: str


@dataclass(frozen=True)
class Scenario:
    """One frustration of the wijzer as a training scenario."""

    id: str
    number: int
    content_version: int
    title: str
    quotes: tuple[str, ...]
    case: str
    why: str
    tips: tuple[Tip, ...]
    resources: tuple[Resource, ...]
    sources: tuple[str, ...]
    steps: tuple[Step, ...]
    deepening: tuple[Deepening, ...] = ()
    path: str = field(default="", compare=False)
    format_version: int = 1
    roles: tuple[Role, ...] = ()  # format 1: one role without a title, starting at the first step
    endings: tuple[Ending, ...] = ()
    after_ending: tuple[str, ...] = ()  # step ids shown after every ending (format 2: reflection)

    def tip(self, tip_id: str) -> Tip | None:
        """The tip with this id, or None."""
        return next((t for t in self.tips if t.id == tip_id), None)

    def step(self, step_id: str) -> Step | None:
        """The step with this id, or None."""
        return next((s for s in self.steps if s.id == step_id), None)

    def ending(self, ending_id: str | None) -> Ending | None:
        """The ending with this id, or None."""
        return next((e for e in self.endings if e.id == ending_id), None)

    def role(self, role_id: str | None) -> Role:
        """The role with this id; the first role for an unknown or empty id."""
        default = Role("", "", "", self.steps[0].id if self.steps else "")
        return next((r for r in self.roles if r.id == role_id), (self.roles or (default,))[0])

    @property
    def branches(self) -> bool:
        """True for a case whose decisions lead to different scenes and endings (format 2)."""
        return self.format_version >= 2
