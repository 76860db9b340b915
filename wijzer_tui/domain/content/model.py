"""Typed scenario content: what a scenario file turns into after validation."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from typing import Literal

FORMAT_VERSION = 1
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

    def tip(self, tip_id: str) -> Tip | None:
        """The tip with this id, or None."""
        return next((t for t in self.tips if t.id == tip_id), None)

    def step(self, step_id: str) -> Step | None:
        """The step with this id, or None."""
        return next((s for s in self.steps if s.id == step_id), None)
