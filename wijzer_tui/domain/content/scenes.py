"""Read the pass of a scenario file: format 1's `steps` in order, or format 2's roles, scenes,
endings and reflection. Every problem is recorded with its field path; links between scenes are
checked afterwards by `graph_checks`."""

from __future__ import annotations

from dataclasses import dataclass, field, replace

from wijzer_tui.domain.content.checker import Checker, items, tip_refs
from wijzer_tui.domain.content.model import (
    STEP_KINDS,
    ChooseOption,
    DecideOption,
    Ending,
    Role,
    Step,
)
from wijzer_tui.domain.content.yaml_source import FieldPath

STEP_FIELDS = {
    "choose": {"id", "kind", "title", "prompt", "options"},
    "decide": {"id", "kind", "title", "situation", "prompt", "options"},
    "reflect": {"id", "kind", "title", "question", "tips"},
}
SCENE_KINDS = ("choose", "decide")
CHOOSE_OPTION_FIELDS = {"id", "text", "tip", "against", "neutral"}
DECIDE_OPTION_FIELDS = {"id", "text", "consequence", "follows", "ignores"}
CREDITS = (0, 0.5, 1)


@dataclass
class Pass:
    """What the pass of one file turned into, with where each link was written."""

    steps: list[Step] = field(default_factory=list)
    roles: list[Role] = field(default_factory=list)
    endings: list[Ending] = field(default_factory=list)
    after_ending: list[str] = field(default_factory=list)
    where: dict[str, FieldPath] = field(default_factory=dict)  # scene/ending/role id -> field
    links: list[tuple[FieldPath, str]] = field(default_factory=list)  # (field, target id)


def read_steps(c: Checker, data: dict, tip_ids: set[str], ids: dict[str, FieldPath]) -> Pass:
    """Format 1: the steps in order, each leading to the next; one role starting at the first."""
    result = Pass()
    for _, path, item in items(c, data, (), "steps"):
        step = _step(c, path, item, tip_ids, ids, result.where, STEP_KINDS, version=1)  # pragma: no mutate (_step only asks whether version is 2, and None is not 2 either)  # fmt: skip
        if step is not None:
            result.steps.append(step)
    following = [s.id for s in result.steps[1:]] + [""]
    result.steps = list(map(_link, result.steps, following))
    if result.steps:
        result.roles.append(Role("", "", "", result.steps[0].id))
    return result


def _link(step: Step, following: str) -> Step:
    options = tuple(replace(o, next=following) for o in step.decide_options)
    return replace(step, next=following, decide_options=options)


def read_scenes(c: Checker, data: dict, tip_ids: set[str], ids: dict[str, FieldPath]) -> Pass:
    """Format 2: roles, scenes, endings and the reflection after every ending."""
    result = Pass()
    for _, path, item in items(c, data, (), "scenes"):
        step = _step(c, path, item, tip_ids, ids, result.where, SCENE_KINDS, version=2)
        if step is not None:
            result.steps.append(step)
            if step.kind == "choose":
                result.links.append(((*path, "next"), step.next))
            for i, option in enumerate(step.decide_options):
                result.links.append(((*path, "options", i, "next"), option.next))
    for _, path, item in items(c, data, (), "endings"):
        c.unknown_fields(item, path, {"id", "title", "text"})
        ending_id = c.slug(item, path, result.where)
        result.endings.append(
            Ending(ending_id, c.text(item, path, "title"), c.text(item, path, "text"))
        )
    if isinstance(data.get("endings"), list) and len(data["endings"]) == 1:
        c.add(("endings",), "geef minstens twee verschillende aflopen")
    for _, path, item in items(c, data, (), "roles"):
        c.unknown_fields(item, path, {"id", "title", "text", "start"})
        role_id = c.slug(item, path, {r.id: path for r in result.roles})
        start = c.text(item, path, "start")
        result.roles.append(
            Role(role_id, c.text(item, path, "title"), c.text(item, path, "text"), start)
        )
        result.links.append(((*path, "start"), start))
    reflection = _reflection(c, data, tip_ids, result.where)
    if reflection is not None:
        result.steps.append(reflection)
        result.after_ending.append(reflection.id)
    return result


def _reflection(
    c: Checker, data: dict, tip_ids: set[str], where: dict[str, FieldPath]
) -> Step | None:
    item = c.get(data, (), "reflection", dict)
    if item is None:
        return None
    path: FieldPath = ("reflection",)
    c.unknown_fields(item, path, {"id", "title", "question", "tips"})
    step_id = _optional_text(c, item, path, "id") or "reflectie"
    if step_id in where:
        c.add((*path, "id"), f"id '{step_id}' komt twee keer voor")
    where.setdefault(step_id, path)
    title = _optional_text(c, item, path, "title") or "Reflectie"
    return _reflect_step(c, path, item, tip_ids, step_id, title)


def _optional_text(c: Checker, item: dict, path: FieldPath, key: str) -> str:
    return c.text(item, path, key, required=False)  # pragma: no mutate (None: optional too)


def _reflect_step(
    c: Checker, path: FieldPath, item: dict, tip_ids: set[str], step_id: str, title: str
) -> Step:
    refs = tip_refs(c, item, path, "tips", tip_ids)
    if not refs:
        c.add((*path, "tips"), "noem minstens één tip om je antwoord aan te toetsen")
    return Step(step_id, "reflect", title, prompt=c.text(item, path, "question"), tip_ids=refs)


def _step(
    c: Checker,
    path: FieldPath,
    item: dict,
    tip_ids: set[str],
    ids: dict[str, FieldPath],
    where: dict[str, FieldPath],
    kinds: tuple[str, ...],
    version: int,
) -> Step | None:
    kind = c.text(item, path, "kind")
    if kind and kind not in kinds:
        c.add((*path, "kind"), f"soort '{kind}' bestaat niet (kies uit {', '.join(kinds)})")
        return None
    if not kind:
        return None
    allowed = STEP_FIELDS[kind] | ({"situation", "next"} if version == 2 else set())
    c.unknown_fields(item, path, allowed - ({"next"} if kind == "decide" else set()))
    step_id, title = c.slug(item, path, where), c.text(item, path, "title")
    if kind == "reflect":
        return _reflect_step(c, path, item, tip_ids, step_id, title)
    prompt = c.text(item, path, "prompt")
    options = list(items(c, item, path, "options"))  # reports missing, wrong type, empty
    if isinstance(item.get("options"), list) and len(item["options"]) == 1:
        c.add((*path, "options"), "geef minstens twee opties")
    situation = c.text(item, path, "situation", required=kind == "decide")
    if kind == "choose":
        choose = tuple(_choose_option(c, p, o, tip_ids, ids) for _, p, o in options)
        following = c.text(item, path, "next") if version == 2 else ""  # pragma: no mutate (format 1: read_steps then links each step to the following one anyway)  # fmt: skip
        return Step(step_id, kind, title, prompt, situation, choose_options=choose, next=following)
    decide = tuple(_decide_option(c, p, o, tip_ids, ids, version) for _, p, o in options)
    return Step(step_id, kind, title, prompt, situation, decide_options=decide)


def _choose_option(c: Checker, path: FieldPath, item: dict, tip_ids: set[str], ids) -> ChooseOption:
    c.unknown_fields(item, path, CHOOSE_OPTION_FIELDS)
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
    reason, source = _reason(c, item, path, "against")
    return ChooseOption(option_id, text, "against", reason=reason, source=source)


def _reason(c: Checker, item: dict, path: FieldPath, key: str) -> tuple[str, str]:
    """A `{reason|text, source}` group: why, and where that is said."""
    group = c.mapping(item[key], (*path, key)) or {}
    where, text_key = (*path, key), "reason" if key == "against" else "text"
    if group:
        c.unknown_fields(group, where, {text_key, "source"})
    return c.text(group, where, text_key), c.text(group, where, "source")


def _decide_option(
    c: Checker, path: FieldPath, item: dict, tip_ids: set[str], ids, version: int
) -> DecideOption:
    extra = {"next", "credit", "feedback"} if version == 2 else set()
    c.unknown_fields(item, path, DECIDE_OPTION_FIELDS | extra)
    feedback = _reason(c, item, path, "feedback") if "feedback" in item and extra else ("", "")
    return DecideOption(
        id=c.slug(item, path, ids),
        text=c.text(item, path, "text"),
        consequence=c.text(item, path, "consequence"),
        follows=tip_refs(c, item, path, "follows", tip_ids),
        ignores=tip_refs(c, item, path, "ignores", tip_ids),
        next=c.text(item, path, "next") if extra else "",  # pragma: no mutate (_link sets it)
        credit=_credit(c, item, path) if extra else None,
        feedback_text=feedback[0],
        feedback_source=feedback[1],
    )


def _credit(c: Checker, item: dict, path: FieldPath) -> float | None:
    value = item.get("credit")
    if value is None:
        return None
    if isinstance(value, bool) or value not in CREDITS:
        c.add((*path, "credit"), "moet 1, 0.5 of 0 zijn (hele, halve of geen punt)")
        return None
    return float(value)
