"""Load and validate scenario files; report every problem at once, in Dutch, with file, line and field."""

from __future__ import annotations

import re
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from wijzer_tui.domain.content.model import (
    DEFAULT_RESOURCE_GROUP,
    FORMAT_VERSION,
    STEP_KINDS,
    ChooseOption,
    DecideOption,
    Deepening,
    Resource,
    Scenario,
    Step,
    Tip,
)
from wijzer_tui.domain.content.scenario_dir import default_scenario_dir
from wijzer_tui.domain.content.yaml_source import FieldPath, Problem, YamlSource, read_yaml
from wijzer_tui.domain.errors import ScenarioError

SLUG = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")
TIP_ID = re.compile(r"^F(\d+)-T(\d+)$")

TOP_FIELDS = {
    "format_version", "id", "number", "content_version", "title", "quotes", "case", "why",
    "tips", "resources", "deepening", "sources", "steps",
}  # fmt: skip
STEP_FIELDS = {
    "choose": {"id", "kind", "title", "prompt", "options"},
    "decide": {"id", "kind", "title", "situation", "prompt", "options"},
    "reflect": {"id", "kind", "title", "question", "tips"},
}
TYPE_NAMES = {str: "tekst", int: "een geheel getal", list: "een lijst", dict: "een groep velden"}


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


class _Checker:
    """Collects problems while reading fields of one file."""

    def __init__(self, source: YamlSource) -> None:
        self.source = source
        self.problems: list[Problem] = []

    def add(self, path: FieldPath, message: str) -> None:
        self.problems.append(self.source.problem(path, message))

    def get(
        self, data: dict, path: FieldPath, key: str, kind: type, *, required: bool = True
    ) -> Any:
        """Read data[key] of type `kind`; record a problem and return None when it is wrong."""
        where = (*path, key)
        if key not in data or data[key] is None:
            if required:
                self.add(where, "dit veld ontbreekt")
            return None
        value = data[key]
        wrong_bool = isinstance(value, bool) and kind is not bool
        if not isinstance(value, kind) or wrong_bool:
            self.add(where, f"moet {TYPE_NAMES.get(kind, kind.__name__)} zijn")
            return None
        if kind is str and not value.strip():
            self.add(where, "mag niet leeg zijn")
            return None
        if kind is list and required and not value:
            self.add(where, "de lijst is leeg")
        return value

    def text(self, data: dict, path: FieldPath, key: str, *, required: bool = True) -> str:
        value = self.get(data, path, key, str, required=required)
        return value.strip() if isinstance(value, str) else ""

    def mapping(self, value: Any, path: FieldPath) -> dict | None:
        if not isinstance(value, dict):
            self.add(path, "moet een groep velden zijn (sleutel: waarde)")
            return None
        return value

    def unknown_fields(self, data: dict, path: FieldPath, allowed: set[str]) -> None:
        for key in data:
            if key not in allowed:
                self.add((*path, str(key)), f"onbekend veld '{key}' (tikfout?)")

    def slug(self, data: dict, path: FieldPath, seen: dict[str, FieldPath]) -> str:
        value = self.text(data, path, "id")
        if value and not SLUG.match(value):
            self.add((*path, "id"), f"'{value}' mag alleen kleine letters, cijfers en - bevatten")
        if value and value in seen:
            self.add((*path, "id"), f"id '{value}' komt twee keer voor")
        seen.setdefault(value, path)
        return value


def validate(source: YamlSource, file_label: str) -> tuple[Scenario | None, list[Problem]]:
    """Validate parsed data; return the Scenario (None if any problem) and all problems."""
    c = _Checker(source)
    data = c.mapping(source.data, ())
    if data is None:
        return None, c.problems
    c.unknown_fields(data, (), TOP_FIELDS)
    version = c.get(data, (), "format_version", int)
    if version is not None and version != FORMAT_VERSION:
        c.add(("format_version",), f"versie {version} ken ik niet (verwacht {FORMAT_VERSION})")
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
    steps = _steps(c, data, tip_ids, ids)
    scenario = Scenario(
        id=scenario_id,
        number=number or 0,
        content_version=content_version or 0,
        title=c.text(data, (), "title"),
        quotes=tuple(_texts(c, data, "quotes")),
        case=c.text(data, (), "case"),
        why=c.text(data, (), "why"),
        tips=tuple(tips),
        resources=tuple(_resources(c, data)),
        sources=tuple(_texts(c, data, "sources")),
        steps=tuple(steps),
        deepening=tuple(_deepening(c, data)),
        path=file_label,
    )
    return (None if c.problems else scenario), c.problems


def _texts(c: _Checker, data: dict, key: str) -> list[str]:
    items = c.get(data, (), key, list) or []
    out = []
    for i, item in enumerate(items):
        if not isinstance(item, str) or not item.strip():
            c.add((key, i), "moet een niet-lege tekst zijn")
        else:
            out.append(item.strip())
    return out


def _items(c: _Checker, data: dict, path: FieldPath, key: str, *, required: bool = True):
    """Yield (index, path, mapping) for each well-formed item of a list field."""
    for i, item in enumerate(c.get(data, path, key, list, required=required) or []):
        item_path = (*path, key, i)
        mapping = c.mapping(item, item_path)
        if mapping is not None:
            yield i, item_path, mapping


def _tips(c: _Checker, data: dict, number: int | None) -> list[Tip]:
    tips, seen = [], set()
    for _, path, item in _items(c, data, (), "tips"):
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
        tips.append(
            Tip(tip_id, c.text(item, path, "text"), c.text(item, path, "title", required=False))
        )
    return tips


def _resources(c: _Checker, data: dict) -> list[Resource]:
    out = []
    for _, path, item in _items(c, data, (), "resources"):
        c.unknown_fields(item, path, {"title", "organisation", "group"})
        group = c.text(item, path, "group", required=False) or DEFAULT_RESOURCE_GROUP
        org = c.text(item, path, "organisation", required=False)
        out.append(Resource(c.text(item, path, "title"), org, group))
    return out


APPLICATION_LEAD = "in deze casus"


def _deepening(c: _Checker, data: dict) -> list[Deepening]:
    out = []
    for _, path, item in _items(c, data, (), "deepening", required=False):
        c.unknown_fields(item, path, {"title", "text", "source", "application"})
        title, text, source = (c.text(item, path, key) for key in ("title", "text", "source"))
        application = c.text(item, path, "application", required=False)
        # The training's own application stays outside the attributed source text.
        if APPLICATION_LEAD in text.lower():
            c.add((*path, "text"), "zet de toepassing op deze casus in het veld application")
        if application.lower().startswith(APPLICATION_LEAD):
            c.add((*path, "application"), "laat 'In deze casus:' weg; de app zet het ervoor")
        out.append(Deepening(title, text, source, application))
    return out


def _tip_refs(c: _Checker, item: dict, path: FieldPath, key: str, tip_ids: set[str]) -> tuple:
    refs = c.get(item, path, key, list, required=False) or []
    for i, ref in enumerate(refs):
        if not isinstance(ref, str):  # a nested list or mapping is unhashable: check type first
            c.add((*path, key, i), "moet een tip-id zijn, bijv. F1-T2")
        elif ref not in tip_ids:
            c.add((*path, key, i), f"onbekende tip-id '{ref}'")
    return tuple(str(r) for r in refs)


def _steps(c: _Checker, data: dict, tip_ids: set[str], ids: dict[str, FieldPath]) -> list[Step]:
    steps = []
    step_ids: dict[str, FieldPath] = {}
    for _, path, item in _items(c, data, (), "steps"):
        kind = c.text(item, path, "kind")
        if kind and kind not in STEP_KINDS:
            c.add(
                (*path, "kind"), f"soort '{kind}' bestaat niet (kies uit {', '.join(STEP_KINDS)})"
            )
            continue
        if not kind:
            continue
        c.unknown_fields(item, path, STEP_FIELDS[kind])
        step_id, title = c.slug(item, path, step_ids), c.text(item, path, "title")
        if kind == "reflect":
            refs = _tip_refs(c, item, path, "tips", tip_ids)
            if not refs:
                c.add((*path, "tips"), "noem minstens één tip om je antwoord aan te toetsen")
            steps.append(
                Step(step_id, kind, title, prompt=c.text(item, path, "question"), tip_ids=refs)
            )
            continue
        prompt = c.text(item, path, "prompt")
        options = list(_items(c, item, path, "options"))  # reports missing, wrong type, empty
        if isinstance(item.get("options"), list) and len(item["options"]) == 1:
            c.add((*path, "options"), "geef minstens twee opties")
        if kind == "choose":
            choose = tuple(_choose_option(c, p, o, tip_ids, ids) for _, p, o in options)
            steps.append(Step(step_id, kind, title, prompt, choose_options=choose))
        else:
            situation = c.text(item, path, "situation")
            decide = tuple(_decide_option(c, p, o, tip_ids, ids) for _, p, o in options)
            steps.append(Step(step_id, kind, title, prompt, situation, decide_options=decide))
    return steps


def _choose_option(
    c: _Checker, path: FieldPath, item: dict, tip_ids: set[str], ids
) -> ChooseOption:
    c.unknown_fields(item, path, {"id", "text", "tip", "against", "neutral"})
    option_id, text = c.slug(item, path, ids), c.text(item, path, "text")
    present = [k for k in ("tip", "against", "neutral") if k in item]
    if len(present) != 1:
        found = ", ".join(present) or "geen"
        c.add(path, f"geef precies één van tip, against of neutral (nu: {found})")
        return ChooseOption(option_id, text, "neutral")
    if present[0] == "tip":
        tip_id = c.text(item, path, "tip")
        if tip_id and tip_id not in tip_ids:
            c.add((*path, "tip"), f"onbekende tip-id '{tip_id}'")
        return ChooseOption(option_id, text, "tip", tip_id=tip_id)
    if present[0] == "neutral":
        return ChooseOption(option_id, text, "neutral", reason=c.text(item, path, "neutral"))
    against = c.mapping(item["against"], (*path, "against")) or {}
    apath = (*path, "against")
    if against:
        c.unknown_fields(against, apath, {"reason", "source"})
    reason, source = c.text(against, apath, "reason"), c.text(against, apath, "source")
    return ChooseOption(option_id, text, "against", reason=reason, source=source)


def _decide_option(
    c: _Checker, path: FieldPath, item: dict, tip_ids: set[str], ids
) -> DecideOption:
    c.unknown_fields(item, path, {"id", "text", "consequence", "follows", "ignores"})
    return DecideOption(
        id=c.slug(item, path, ids),
        text=c.text(item, path, "text"),
        consequence=c.text(item, path, "consequence"),
        follows=_tip_refs(c, item, path, "follows", tip_ids),
        ignores=_tip_refs(c, item, path, "ignores", tip_ids),
    )
