"""The cases the content tests read: every shipped scenario file, one by one, and a small
format-2 case that follows every rule (tests/data/content-rules/), which the tests also break
on purpose to show each rule can fail."""

from __future__ import annotations

import functools
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml

from wijzer_tui.domain.content.loader import default_scenario_dir, load_scenarios, scenario_files
from wijzer_tui.domain.content.model import DecideOption, Scenario, Step
from wijzer_tui.domain.content.scenario_dir import SCENARIO_DIR_VARIABLE
from wijzer_tui.domain.content.scoring import decide_outcome

RULES_CASE = Path(__file__).resolve().parent / "data" / "content-rules" / "vertakking.yaml"


def shipped_dir() -> Path:
    """The shipped scenarios/ folder, whatever WIJZER_SCENARIO_DIR says at collection time."""
    with pytest.MonkeyPatch.context() as patch:
        patch.delenv(SCENARIO_DIR_VARIABLE, raising=False)
        return default_scenario_dir()


SHIPPED = scenario_files([shipped_dir()])


def shipped_params() -> list[Any]:
    """One pytest parameter per shipped scenario file, named after the file."""
    return [pytest.param(path, id=path.stem) for path in SHIPPED]


def all_params() -> list[Any]:
    """The shipped files and the rules case."""
    return [*shipped_params(), pytest.param(RULES_CASE, id="rules-case")]


@functools.cache
def load(path: Path) -> Scenario:
    """The one scenario in a file (raises the loader's error for a file with problems)."""
    (scenario,) = load_scenarios([path])
    return scenario


def edited_rules_case(tmp_path: Path, edit: Callable[[dict], None]) -> Scenario:
    """The rules case after `edit` changed its YAML data: how an author would break it."""
    data = yaml.safe_load(RULES_CASE.read_text(encoding="utf-8"))
    edit(data)
    path = tmp_path / RULES_CASE.name
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return load(path)


def scene_data(data: dict, scene_id: str) -> dict:
    """The YAML mapping of one scene of a format-2 file."""
    return next(scene for scene in data["scenes"] if scene["id"] == scene_id)


def option_data(data: dict, scene_id: str, option_id: str) -> dict:
    """The YAML mapping of one option of a scene."""
    return next(o for o in scene_data(data, scene_id)["options"] if o["id"] == option_id)


def decide_scenes(scenario: Scenario) -> list[Step]:
    """The scenes (format 1: steps) where the learner takes one decision."""
    return [step for step in scenario.steps if step.kind == "decide"]


def credit(scenario: Scenario, step: Step, option: DecideOption) -> float:
    """What the option earns, as the app scores it: 1 full, 0.5 half, 0 none."""
    outcome = decide_outcome(scenario, step, option.id)
    assert outcome is not None
    return outcome.score / 100
