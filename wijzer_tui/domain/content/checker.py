"""Reading fields of a parsed scenario file while collecting every problem, with its field path."""

from __future__ import annotations

import re
from typing import Any

from wijzer_tui.domain.content.yaml_source import FieldPath, Problem, YamlSource

SLUG = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")
TYPE_NAMES = {str: "tekst", int: "een geheel getal", list: "een lijst", dict: "een groep velden"}


class Checker:
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


def texts(c: Checker, data: dict, key: str) -> list[str]:
    items = c.get(data, (), key, list) or []
    out = []
    for i, item in enumerate(items):
        if not isinstance(item, str) or not item.strip():
            c.add((key, i), "moet een niet-lege tekst zijn")
        else:
            out.append(item.strip())
    return out


def items(c: Checker, data: dict, path: FieldPath, key: str, *, required: bool = True):
    """Yield (index, path, mapping) for each well-formed item of a list field."""
    for i, item in enumerate(c.get(data, path, key, list, required=required) or []):
        item_path = (*path, key, i)
        mapping = c.mapping(item, item_path)
        if mapping is not None:
            yield i, item_path, mapping


def tip_refs(c: Checker, item: dict, path: FieldPath, key: str, tip_ids: set[str]) -> tuple:
    refs = c.get(item, path, key, list, required=False) or []  # pragma: no mutate (required=None is as falsy as False)  # fmt: skip
    for i, ref in enumerate(refs):
        if not isinstance(ref, str):  # a nested list or mapping is unhashable: check type first
            c.add((*path, key, i), "moet een tip-id zijn, bijv. F1-T2")
        elif ref not in tip_ids:
            c.add((*path, key, i), f"onbekende tip-id '{ref}'")
    return tuple(str(r) for r in refs)
