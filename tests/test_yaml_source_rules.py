"""Every limit and refusal of the safe YAML reader, word for word as an author reads it: the size
(exactly at the limit still reads, one byte over is refused), the nesting depth of groups and of
lists, the number of parts, a file that cannot be read, a control character, a tag that does not
fit its value; each limit exactly at it and one over."""

from __future__ import annotations

from pathlib import Path

import pytest

from wijzer_tui.domain.content.yaml_source import (
    MAX_BYTES,
    MAX_DEPTH,
    MAX_NODES,
    Problem,
    YamlSource,
    parse_yaml,
    read_yaml,
)

TOO_DEEP = f"het bestand is te diep genest (hooguit {MAX_DEPTH} niveaus)"
TOO_MANY = "het bestand bevat te veel onderdelen (of te veel verwijzingen met *)"


def sized(tmp_path: Path, size: int) -> Path:
    """A valid file of exactly `size` bytes: one field, then a long comment."""
    head = b"titel: Ik mis de regie\n#"
    path = tmp_path / "groot.yaml"
    path.write_bytes(head + b"x" * (size - len(head) - 1) + b"\n")
    assert path.stat().st_size == size
    return path


def test_a_file_of_exactly_the_maximum_size_is_read(tmp_path: Path) -> None:
    source = read_yaml(sized(tmp_path, MAX_BYTES))
    assert isinstance(source, YamlSource) and source.data == {"titel": "Ik mis de regie"}


def test_a_file_one_byte_over_the_maximum_size_is_refused(tmp_path: Path) -> None:
    assert read_yaml(sized(tmp_path, MAX_BYTES + 1)) == Problem(
        "groot.yaml", f"het bestand is te groot ({MAX_BYTES + 1} bytes, hooguit {MAX_BYTES})"
    )


def test_a_file_that_cannot_be_read_says_why_in_a_few_words(tmp_path: Path) -> None:
    assert read_yaml(tmp_path / "weg.yaml") == Problem(
        "weg.yaml", "het bestand kan niet gelezen worden (het bestand of de map bestaat niet)"
    )


def test_a_control_character_is_no_valid_yaml() -> None:
    assert parse_yaml("casus.yaml", "titel: a\x07b\n") == Problem(
        "casus.yaml", "dit is geen geldige YAML"
    )


@pytest.mark.parametrize(
    "text", ["getal: !!int twee\n", "getal: !!float x\n", "op: !!timestamp gisteren\n"]
)
def test_a_tag_that_does_not_fit_its_value_is_named_not_a_crash(text: str) -> None:
    assert parse_yaml("casus.yaml", text) == Problem(
        "casus.yaml", "dit is geen geldige YAML: een tag (!!...) die niet bij de waarde past"
    )


def groups(levels: int) -> str:
    """Groups nested so the innermost value is `levels` deep (the file itself is level 0)."""
    return "{a: " * levels + "x" + "}" * levels


def lists(levels: int) -> str:
    """Lists nested so the innermost value is `levels` deep (the file itself is level 0)."""
    return "[" * levels + "x" + "]" * levels


@pytest.mark.parametrize("nest", [groups, lists])
def test_nesting_exactly_at_the_maximum_depth_is_read(nest) -> None:
    source = parse_yaml("diep.yaml", nest(MAX_DEPTH))
    assert isinstance(source, YamlSource)
    assert len(max(source.lines, key=len)) == MAX_DEPTH


@pytest.mark.parametrize("nest", [groups, lists])
def test_nesting_one_level_deeper_is_refused(nest) -> None:
    assert parse_yaml("diep.yaml", nest(MAX_DEPTH + 1)) == Problem("diep.yaml", TOO_DEEP)


def parts(count: int) -> str:
    """A file of exactly `count` parts, kept short with references: the file (1), a list of 99
    values (100), a list of references to it (1 + 100 each), and single values for the rest."""
    refs, rest = divmod(count - 102, 100)
    lines = ["a: &a [" + ",".join(["1"] * 99) + "]", "b: [" + ",".join(["*a"] * refs) + "]"]
    return "\n".join(lines + [f"c{i}: 1" for i in range(rest)]) + "\n"


def test_a_file_of_exactly_the_maximum_number_of_parts_is_read() -> None:
    source = parse_yaml("veel.yaml", parts(MAX_NODES))
    assert isinstance(source, YamlSource) and len(source.lines) == MAX_NODES


def test_a_file_of_one_part_too_many_is_refused() -> None:
    assert parse_yaml("veel.yaml", parts(MAX_NODES + 1)) == Problem("veel.yaml", TOO_MANY)


def test_the_limits_are_one_megabyte_twenty_levels_and_fifty_thousand_parts() -> None:
    assert (MAX_BYTES, MAX_DEPTH, MAX_NODES) == (1_000_000, 20, 50_000)


def test_a_field_without_a_line_of_its_own_gets_its_nearest_parents_line() -> None:
    source = YamlSource("s.yaml", {}, {(): 1, ("steps",): 2, ("steps", 0): 5})
    assert source.line(("steps", 0, "title")) == 5
    assert source.line(("steps", 1)) == 2
    assert source.line(("title",)) == 1
    assert source.line(()) == 1
    assert YamlSource("s.yaml", {}, {}).line(("steps", 0)) is None
