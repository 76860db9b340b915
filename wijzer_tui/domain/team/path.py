"""The path a group took through a branching case: its role, each decision point with the
group's choice, and the ending it reached (for the summary and its Markdown)."""

from __future__ import annotations

from dataclasses import dataclass

from wijzer_tui.domain.content.model import Ending, Role, Scenario, Step
from wijzer_tui.domain.progress.attempt_view import chosen_text
from wijzer_tui.domain.team.group import MAJORITY_RULE
from wijzer_tui.domain.team.session import TeamSession

PATH_TITLE = "Het pad van de groep"
NOT_YET = "nog niet onthuld"
NO_ENDING = "Afloop: nog niet bereikt"
TEAM_PATH_RULE = (
    f"{MAJORITY_RULE} Elke beslissing op het pad van de groep is één punt waard (een half goede "
    "keuze een half punt). De score is het aantal punten gedeeld door het aantal beslissingen "
    "op dat pad."
)


@dataclass(frozen=True)
class PathPoint:
    """One decision point on the group's path and what the group chose there."""

    step: Step
    choice: str  # the chosen options' texts (see attempt_view.chosen_text), or NOT_YET

    @property
    def line(self) -> str:
        """'Het overleg: Ik neem het meteen zelf.'"""
        return f"{' '.join(self.step.title.split())}: {self.choice}"


@dataclass(frozen=True)
class GroupPath:
    """The group's role, its decision points in order, and the ending once reached."""

    role: Role | None  # None when the case has only one role (nothing to say about it)
    points: tuple[PathPoint, ...]
    ending: Ending | None

    @property
    def ending_line(self) -> str:
        """'Afloop: Eén plan', or that the path has not reached an ending yet."""
        return f"Afloop: {self.ending.title}" if self.ending else NO_ENDING


def group_path(scenario: Scenario, session: TeamSession) -> GroupPath:
    """Where the group's revealed choices led, from its role's start."""
    answers = session.answers(scenario)
    route = session.walk(scenario)
    points = []
    for step in route.decisions:
        # The same words as Mijn resultaten, where attendees see this path again.
        choice = chosen_text(step, answers[step.id]) if step.id in answers else NOT_YET
        points.append(PathPoint(step, " ".join(choice.split())))
    role = scenario.role(session.role) if len(scenario.roles) > 1 else None
    return GroupPath(role, tuple(points), route.ending)


def path_markdown(scenario: Scenario, session: TeamSession) -> list[str]:
    """The path as Markdown lines: the role, the decision points numbered, then the Afloop."""
    path = group_path(scenario, session)
    lines = [f"## {PATH_TITLE}", ""]
    if path.role is not None:
        lines += [f"Rol: {path.role.title}", ""]
    lines += [f"{n}. {point.line}" for n, point in enumerate(path.points, 1)]
    lines += ["", f"**{path.ending_line}**", ""]
    if path.ending is not None:
        lines += [" ".join(path.ending.text.split()), ""]
    return lines
