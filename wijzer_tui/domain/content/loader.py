"""Load and validate scenario files; report every problem at once, in Dutch, with file, line and field."""

from __future__ import annotations

import re
from collections.abc import Iterable
from pathlib import Path

from wijzer_tui.domain.content.checker import Checker, items, texts
from wijzer_tui.domain.content.graph_checks import check_deepening, check_graph
from wijzer_tui.domain.content.model import (
    DEFAULT_RESOURCE_GROUP,
    FORMAT_VERSIONS,
    Deepening,
    Resource,
    Scenario,
    Tip,
)
from wijzer_tui.domain.content.scenario_dir import default_scenario_dir
from wijzer_tui.domain.content.scenes import read_scenes, read_steps
from wijzer_tui.domain.content.yaml_source import FieldPath, Problem, YamlSource, read_yaml
from wijzer_tui.domain.errors import ScenarioError

TIP_ID = re.compile(r"^F(\d+)-T(\d+)$")

COMMON_FIELDS = {
    "format_version", "id", "number", "content_version", "title", "quotes", "case", "why",
    "tips", "resources", "deepening", "sources",
}  # fmt: skip
PASS_FIELDS = {1: {"steps"}, 2: {"roles", "scenes", "endings", "reflection"}}


def scenario_files(paths: Iterable[Path]) -> list[Path]:
    """Expand folders to their *.yaml / *.yml files; keep files as given."""
    files: list[Path] = []
    for path in paths:
        if path.is_dir():
            files.extend(sorted([*path.glob("*.yaml"), *path.glob("*.yml")]))
        else:
            files.append(path)
    return files


def check_files(paths: Iterable[Path]) -> tuple[list[Scenario], list[Problem]]:
    """Load every file; return the valid scenarios (by number) and every problem found."""
    scenarios: list[Scenario] = []
    problems: list[Problem] = []
    sources: dict[str, YamlSource] = {}  # by scenario path, so cross-file problems get a line
    files = scenario_files(paths)
    for path in files:
        if not path.exists():
            problems.append(Problem(str(path), "dit bestand of deze map bestaat niet"))
            continue
        source = read_yaml(path)
        if isinstance(source, Problem):
            problems.append(source)
            continue
        scenario, found = validate(source, str(path))
        problems.extend(found)
        if scenario is not None:
            scenarios.append(scenario)
            sources[scenario.path] = source
    problems.extend(_cross_file_problems(scenarios, sources))
    if not files:
        problems.append(
            Problem("(geen bestanden)", "er zijn geen scenariobestanden (*.yaml) gevonden")
        )
    return sorted(scenarios, key=lambda s: s.number), problems


def load_scenarios(paths: Iterable[Path] | None = None) -> list[Scenario]:
    """Load scenarios or raise ScenarioError listing every problem."""
    scenarios, problems = check_files(list(paths) if paths else [default_scenario_dir()])
    if problems:
        raise ScenarioError(problems)
    return scenarios


def _cross_file_problems(
    scenarios: list[Scenario], sources: dict[str, YamlSource]
) -> list[Problem]:
    problems = []
    seen_ids: dict[str, str] = {}
    seen_numbers: dict[int, str] = {}
    for s in scenarios:
        name, source = Path(s.path).name, sources[s.path]
        if s.id in seen_ids:
            problems.append(source.problem(("id",), f"id '{s.id}' staat ook in {seen_ids[s.id]}"))
        if s.number in seen_numbers:
            other = seen_numbers[s.number]
            problems.append(source.problem(("number",), f"nummer {s.number} staat ook in {other}"))
        seen_ids.setdefault(s.id, name)
        seen_numbers.setdefault(s.number, name)
    return problems


def validate(source: YamlSource, file_label: str) -> tuple[Scenario | None, list[Problem]]:
    """Validate parsed data; return the Scenario (None if any problem) and all problems."""
    c = Checker(source)
    data = c.mapping(source.data, ())
    if data is None:
        return None, c.problems
    version = c.get(data, (), "format_version", int)
    if version is not None and version not in FORMAT_VERSIONS:
        known = " of ".join(str(v) for v in FORMAT_VERSIONS)
        c.add(("format_version",), f"versie {version} ken ik niet (verwacht {known})")
    version = version if version in FORMAT_VERSIONS else 1
    c.unknown_fields(data, (), COMMON_FIELDS | PASS_FIELDS[version])
    ids: dict[str, FieldPath] = {}
    scenario_id = c.slug(data, (), {})
    number = c.get(data, (), "number", int)
    if number is not None and not 1 <= number <= 99:
        c.add(("number",), "moet tussen 1 en 99 liggen")
    content_version = c.get(data, (), "content_version", int)
    if content_version is not None and content_version < 1:
        c.add(("content_version",), "moet 1 of hoger zijn")
    tips = _tips(c, data, number)
    tip_ids = {t.id for t in tips}
    read = (read_scenes if version == 2 else read_steps)(c, data, tip_ids, ids)
    scenario = Scenario(
        id=scenario_id,
        number=number or 0,  # pragma: no mutate (0 is refused: the scenario is dropped)
        content_version=content_version or 0,  # pragma: no mutate (as number)
        title=c.text(data, (), "title"),
        quotes=tuple(texts(c, data, "quotes")),
        case=c.text(data, (), "case"),
        why=c.text(data, (), "why"),
        tips=tuple(tips),
        resources=tuple(_resources(c, data)),
        sources=tuple(texts(c, data, "sources")),
        steps=tuple(read.steps),
        deepening=tuple(_deepening(c, data, version)),
        path=file_label,
        format_version=version,
        roles=tuple(read.roles),
        endings=tuple(read.endings),
        after_ending=tuple(read.after_ending),
    )
    if version == 2:
        check_graph(c, scenario, read)
        check_deepening(c, scenario)
    return (None if c.problems else scenario), c.problems


def _tips(c: Checker, data: dict, number: int | None) -> list[Tip]:
    tips, seen = [], set()
    for _, path, item in items(c, data, (), "tips"):
        c.unknown_fields(item, path, {"id", "title", "text"})
        tip_id = c.text(item, path, "id")
        match = TIP_ID.match(tip_id)
        if tip_id and not match:
            c.add((*path, "id"), f"'{tip_id}' moet de vorm F<scenario>-T<tip> hebben, bijv. F1-T2")
        elif match and number is not None and int(match.group(1)) != number:
            c.add((*path, "id"), f"'{tip_id}' hoort bij scenario {number}: begin met F{number}-")
        if tip_id in seen:
            c.add((*path, "id"), f"tip-id '{tip_id}' komt twee keer voor")
        seen.add(tip_id)
        text = c.text(item, path, "text")
        title = c.text(item, path, "title", required=False)  # pragma: no mutate (required=None is as falsy as False)  # fmt: skip
        tips.append(Tip(tip_id, text, title))
    return tips


def _resources(c: Checker, data: dict) -> list[Resource]:
    out = []
    for _, path, item in items(c, data, (), "resources"):
        c.unknown_fields(item, path, {"title", "organisation", "group"})
        group = c.text(item, path, "group", required=False) or DEFAULT_RESOURCE_GROUP  # pragma: no mutate (required=None is as falsy as False)  # fmt: skip
        org = c.text(item, path, "organisation", required=False)  # pragma: no mutate (required=None is as falsy as False)  # fmt: skip
        out.append(Resource(c.text(item, path, "title"), org, group))
    return out


APPLICATION_LEAD = "in deze casus"


def _deepening(c: Checker, data: dict, version: int) -> list[Deepening]:
    out = []
    allowed = {"title", "text", "source", "application"} | ({"scene"} if version == 2 else set())
    for _, path, item in items(c, data, (), "deepening", required=False):  # pragma: no mutate (required=None is as falsy as False)  # fmt: skip
        c.unknown_fields(item, path, allowed)
        title, text, source = (c.text(item, path, key) for key in ("title", "text", "source"))
        application = c.text(item, path, "application", required=False)  # pragma: no mutate (required=None is as falsy as False)  # fmt: skip
        # The training's own application stays outside the attributed source text.
        if APPLICATION_LEAD in text.lower():
            c.add((*path, "text"), "zet de toepassing op deze casus in het veld application")
        if application.lower().startswith(APPLICATION_LEAD):
            c.add((*path, "application"), "laat 'In deze casus:' weg; de app zet het ervoor")
        scene = c.text(item, path, "scene", required=False)  # pragma: no mutate (required=None is as falsy as False)  # fmt: skip
        out.append(Deepening(title, text, source, application, scene))
    return out
