"""Which role a case plays, pinned: Scenario.role for known, unknown, empty and missing ids.

A format-1 case has no roles: wijzer then plays one role without id, title or text that
starts at the first step (or nowhere when the case has no steps). A case with two roles gives
the role asked for, and its first role for "", None or an id it does not know.
"""

from __future__ import annotations

import pytest

from wijzer_tui.domain.content.model import Role, Scenario, Step


def _scenario(steps: tuple[Step, ...], roles: tuple[Role, ...] = ()) -> Scenario:
    return Scenario(
        id="f01",
        number=1,
        content_version=1,
        title="Casus",
        quotes=(),
        case="",
        why="",
        tips=(),
        resources=(),
        sources=(),
        steps=steps,
        roles=roles,
    )


STEPS = (Step("begin", "choose", "Begin"), Step("verder", "choose", "Verder"))
MANAGER = Role("manager", "Manager", "Jij leidt het team.", "verder")
COLLEGA = Role("collega", "Collega", "Jij werkt in het team.", "begin")


@pytest.mark.parametrize("role_id", ["", None, "onbekend", "manager"])
def test_a_case_without_roles_plays_one_blank_role_from_the_first_step(
    role_id: str | None,
) -> None:
    assert _scenario(STEPS).role(role_id) == Role("", "", "", "begin")


def test_a_case_without_roles_or_steps_plays_a_blank_role_that_starts_nowhere() -> None:
    assert _scenario(()).role(None) == Role("", "", "", "")


@pytest.mark.parametrize("role_id", ["", None, "onbekend"])
def test_a_case_with_two_roles_falls_back_to_its_first_role(role_id: str | None) -> None:
    assert _scenario(STEPS, (COLLEGA, MANAGER)).role(role_id) is COLLEGA


def test_a_case_with_two_roles_gives_the_role_asked_for() -> None:
    scenario = _scenario(STEPS, (COLLEGA, MANAGER))
    assert scenario.role("manager") is MANAGER
    assert scenario.role("collega") is COLLEGA
