"""Read one YAML file safely, keeping the line number of every field for error messages."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from wijzer_tui.domain.errors import os_reason

MAX_BYTES = 1_000_000  # a scenario is ~20 kB; anything this big is a mistake or an attack
MAX_DEPTH = 20
MAX_NODES = 50_000  # guards against alias expansion ("billion laughs")

FieldPath = tuple[str | int, ...]

# libyaml's safe loader when PyYAML was built with it (about 10x faster); same safety, same marks.
SAFE_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


@dataclass(frozen=True)
class Problem:
    """One problem in a content file, with where it is. `str()` gives a Dutch line."""

    file: str
    message: str
    field: str = ""
    line: int | None = None

    def __str__(self) -> str:
        where = self.file
        if self.line is not None:
            where += f", regel {self.line}"
        if self.field:
            where += f", veld {self.field}"
        return f"{where}: {self.message}"


def format_path(path: FieldPath) -> str:
    """Render ('steps', 0, 'options') as 'steps[0].options'."""
    text = ""
    for part in path:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else part)
    return text


@dataclass
class YamlSource:
    """Parsed data plus a map from field path to the (1-based) line it starts on."""

    name: str
    data: Any
    lines: dict[FieldPath, int]

    def line(self, path: FieldPath) -> int | None:
        """The line of a field, or of its nearest parent that has one."""
        # The field itself, then each parent up to the file: a bounded loop, never endless.
        for end in range(len(path), -1, -1):
            if path[:end] in self.lines:
                return self.lines[path[:end]]
        return None

    def problem(self, path: FieldPath, message: str) -> Problem:
        """A problem at a field of this file."""
        return Problem(self.name, message, format_path(path), self.line(path))


def read_yaml(path: Path) -> YamlSource | Problem:
    """Read a YAML file with safe loading and limits; return a Problem instead of raising."""
    name = path.name
    try:
        size = path.stat().st_size
        if size > MAX_BYTES:
            return Problem(name, f"het bestand is te groot ({size} bytes, hooguit {MAX_BYTES})")
        raw = path.read_bytes()
    except OSError as exc:
        return Problem(name, f"het bestand kan niet gelezen worden ({os_reason(exc)})")
    try:
        text = raw.decode("utf-8-sig")  # pragma: no mutate (codec names ignore case)
    except UnicodeDecodeError as exc:
        return Problem(name, f"het bestand is geen UTF-8 (byte {exc.start}); sla het op als UTF-8")
    if not text.strip():
        return Problem(name, "het bestand is leeg")
    return parse_yaml(name, text)


def parse_yaml(name: str, text: str, loader_class: type = SAFE_LOADER) -> YamlSource | Problem:
    """Parse YAML text into data and a line map, or a Problem."""
    loader = loader_class(text)
    try:
        node = loader.get_single_node()
        if node is None:
            return Problem(name, "het bestand is leeg")
        lines: dict[FieldPath, int] = {}
        _map_lines(node, (), lines, depth=0, budget=iter(range(MAX_NODES)))
        data = loader.construct_document(node)
    except _TooComplex as exc:
        return Problem(name, str(exc))
    except _DuplicateKey as exc:
        return Problem(name, "dit veld staat twee keer in hetzelfde blok", exc.field, exc.line)
    except RecursionError:
        return Problem(name, f"het bestand is te diep genest (hooguit {MAX_DEPTH} niveaus)")
    except yaml.MarkedYAMLError as exc:
        if loader_class is not yaml.SafeLoader:
            # Explain syntax errors from the pure-Python parser: its messages are the ones we translate.
            return parse_yaml(name, text, yaml.SafeLoader)
        line = exc.problem_mark.line + 1 if exc.problem_mark else None  # pragma: no mutate (every error the pure-Python SafeLoader raises has a problem mark)  # fmt: skip
        return Problem(name, f"dit is geen geldige YAML: {_dutch_yaml_problem(exc)}", line=line)
    except yaml.YAMLError:
        return Problem(name, "dit is geen geldige YAML")
    except (ValueError, AttributeError):  # a tagged value PyYAML cannot convert: !!int abc
        return Problem(
            name, "dit is geen geldige YAML: een tag (!!...) die niet bij de waarde past"
        )
    finally:
        loader.dispose()
    return YamlSource(name, data, lines)


YAML_PROBLEMS = {
    "mapping values are not allowed": "hier mag geen 'sleutel: waarde' staan (klopt de inspringing? "
    "zet tekst met een dubbele punt tussen aanhalingstekens)",
    "cannot start any token": "een tab of vreemd teken; gebruik spaties om in te springen",
    "could not find expected ':'": "er ontbreekt een dubbele punt na de sleutel",
    "expected <block end>": "de inspringing klopt niet",
    "found undefined alias": "een verwijzing (*) naar iets dat niet bestaat",
    "unexpected end of stream": "het bestand houdt onverwacht op (een aanhalingsteken niet gesloten?)",
    "could not determine a constructor": "een tag (!!...) die niet is toegestaan",
    "found duplicate anchor": "een anker (&) komt twee keer voor",
    "expected ',' or ']'": "een lijst tussen [ ] is niet goed gesloten",
    "expected ',' or '}'": "een groep tussen { } is niet goed gesloten",
}


def _dutch_yaml_problem(exc: yaml.MarkedYAMLError) -> str:
    text = f"{exc.context or ''} {exc.problem or ''}"  # pragma: no mutate (no key matches filler)
    for english, dutch in YAML_PROBLEMS.items():
        if english in text:
            return dutch
    return "de opmaak klopt hier niet"


class _TooComplex(Exception):
    """Raised while mapping lines when a file is too deep or too large."""


class _DuplicateKey(Exception):
    """Raised while mapping lines when a mapping repeats a key (PyYAML would keep the last)."""

    def __init__(self, path: FieldPath, line: int) -> None:
        super().__init__(format_path(path))  # pragma: no mutate (str() is never shown)
        self.field, self.line = format_path(path), line


def _map_lines(
    node: yaml.Node,
    path: FieldPath,
    lines: dict[FieldPath, int],
    depth: int,
    budget: Iterator[int],
) -> None:
    if depth > MAX_DEPTH:
        raise _TooComplex(f"het bestand is te diep genest (hooguit {MAX_DEPTH} niveaus)")
    if next(budget, None) is None:  # an iterator, so no mutation can make the count endless
        raise _TooComplex("het bestand bevat te veel onderdelen (of te veel verwijzingen met *)")
    lines.setdefault(path, node.start_mark.line + 1)
    if isinstance(node, yaml.MappingNode):
        seen: set[str] = set()
        for key_node, value_node in node.value:
            key = str(key_node.value)
            if key in seen:
                raise _DuplicateKey((*path, key), key_node.start_mark.line + 1)
            seen.add(key)
            lines[(*path, key)] = key_node.start_mark.line + 1
            _map_lines(value_node, (*path, key), lines, depth + 1, budget)
    elif isinstance(node, yaml.SequenceNode):
        for index, item in enumerate(node.value):
            _map_lines(item, (*path, index), lines, depth + 1, budget)
