"""The graph rules of a format-2 case (scenarios/README.md, "Graph rules"): links that exist,
scenes that can be reached, no loops, every path long enough, every tip reachable."""

from __future__ import annotations

from wijzer_tui.domain.content.checker import Checker
from wijzer_tui.domain.content.graph import MIN_PATH_DECISIONS, offered_tips, paths
from wijzer_tui.domain.content.model import Scenario
from wijzer_tui.domain.content.scenes import Pass
from wijzer_tui.domain.content.yaml_source import FieldPath

MAX_DEEPENING_PER_SCENE = 2


def check_graph(c: Checker, scenario: Scenario, read: Pass) -> None:
    """Record every broken rule of the case's graph with the field where it shows."""
    known = {s.id for s in scenario.steps if s.is_decision} | {e.id for e in scenario.endings}
    missing = [(where, target) for where, target in read.links if target and target not in known]
    for where, target in missing:
        c.add(where, f"'{target}' is geen scène of afloop in dit bestand")
    if missing or not read.roles:
        return  # the checks below follow the links, so they need them whole
    all_paths = list(paths(scenario))
    on_path = {step_id for path in all_paths for step_id, _ in path.choices}
    _loops(c, scenario, read, all_paths)
    for step in scenario.steps:
        if step.is_decision and step.id not in on_path:
            c.add(
                (*read.where[step.id], "id"),
                f"scène '{step.id}' is vanaf geen enkele start te bereiken",
            )
    reached = {p.ending for p in all_paths}
    for ending in scenario.endings:
        if ending.id not in reached:
            c.add((*read.where[ending.id], "id"), f"afloop '{ending.id}' wordt nooit bereikt")
    short: dict[
        tuple[str, str], int
    ] = {}  # one message per route, however many options lead along it
    for path in all_paths:
        if path.ending and path.decisions < MIN_PATH_DECISIONS:
            route = " → ".join((*(step_id for step_id, _ in path.choices), path.ending))
            short[(path.role, route)] = path.decisions
    for (role, route), decisions in short.items():
        c.add(
            _role_start(read, role),
            f"het pad {route} heeft {decisions} beslissingen; geef elk pad er minstens "
            f"{MIN_PATH_DECISIONS}",
        )
    _tips_reachable(c, scenario, on_path)


def _role_start(read: Pass, role_id: str) -> FieldPath:
    index = next(i for i, role in enumerate(read.roles) if role.id == role_id)
    return ("roles", index, "start")


def _loops(c: Checker, scenario: Scenario, read: Pass, all_paths) -> None:
    seen: set[tuple[str, str]] = set()
    for path in all_paths:
        if path.ending or not path.choices:
            continue
        step_id, option_id = path.choices[-1]
        if (step_id, option_id) in seen:
            continue
        seen.add((step_id, option_id))
        step = scenario.step(step_id)
        field = (
            ("next",) if step is None or step.kind != "decide" else _option_next(step, option_id)
        )
        c.add(
            (*read.where[step_id], *field),
            "deze keuze leidt terug naar een eerdere scène (een lus)",
        )


def _option_next(step, option_id: str) -> FieldPath:
    index = next(i for i, o in enumerate(step.decide_options) if o.id == option_id)
    return ("options", index, "next")


def _tips_reachable(c: Checker, scenario: Scenario, on_path: set[str]) -> None:
    reachable: set[str] = set()
    for step in scenario.steps:
        if step.id in on_path:
            reachable |= offered_tips(step)
    for index, tip in enumerate(scenario.tips):
        if tip.id not in reachable:
            c.add(("tips", index, "id"), f"tip {tip.id} komt op geen enkel pad aan bod")


def check_deepening(c: Checker, scenario: Scenario) -> None:
    """Format 2: each deepening item belongs to a scene; at most two per scene; no title twice."""
    scenes = {s.id for s in scenario.steps if s.is_decision}
    per_scene: dict[str, int] = {}
    titles: set[str] = set()
    for index, item in enumerate(scenario.deepening):
        where = ("deepening", index)
        if not item.scene:
            c.add((*where, "scene"), "dit veld ontbreekt: bij welke scène hoort dit?")
        elif item.scene not in scenes:
            c.add((*where, "scene"), f"'{item.scene}' is geen scène in dit bestand")
        per_scene[item.scene] = per_scene.get(item.scene, 0) + 1
        if item.scene and per_scene[item.scene] == MAX_DEEPENING_PER_SCENE + 1:
            c.add(
                (*where, "scene"),
                f"scène '{item.scene}' heeft al {MAX_DEEPENING_PER_SCENE} verdiepingen",
            )
        if item.title in titles:
            c.add((*where, "title"), f"'{item.title}' staat al eerder in deze casus")
        titles.add(item.title)
