"""Every rule of the field checker, word for word as an author reads it: a missing or empty field,
a wrong type (a yes/no is no number; an unnamed type is named), an empty text in a list, an item
that is no group of fields, an unknown tip reference; each with its file, line and field."""

from __future__ import annotations

from wijzer_tui.domain.content.checker import Checker, items, texts, tip_refs
from wijzer_tui.domain.content.yaml_source import YamlSource, parse_yaml

FILE = """\
title: Ik mis de regie
leeg: "   "
aantal: true
getal: 3
quotes:
  - "  Wie heeft de regie?  "
  - "   "
  - 5
tips:
  - id: F9-T1
  - gewoon tekst
follows: [F9-T1, F9-T7, [F9-T1]]
"""


def checker() -> tuple[Checker, dict]:
    source = parse_yaml("casus.yaml", FILE)
    assert isinstance(source, YamlSource)
    return Checker(source), source.data


def said(c: Checker) -> list[str]:
    return [str(p) for p in c.problems]


def test_a_field_is_required_unless_said_otherwise() -> None:
    c, data = checker()
    assert c.get(data, (), "why", str) is None
    assert c.get(data, (), "case", str, required=False) is None
    assert said(c) == ["casus.yaml, regel 1, veld why: dit veld ontbreekt"]


def test_yes_or_no_is_not_a_number_but_is_a_yes_or_no() -> None:
    c, data = checker()
    assert c.get(data, (), "aantal", int) is None
    assert c.get(data, (), "aantal", bool) is True
    assert c.get(data, (), "getal", int) == 3
    assert said(c) == ["casus.yaml, regel 3, veld aantal: moet een geheel getal zijn"]


def test_a_type_without_a_dutch_name_is_named_by_its_python_name() -> None:
    c, data = checker()
    assert c.get(data, (), "title", float) is None
    assert said(c) == ["casus.yaml, regel 1, veld title: moet float zijn"]


def test_a_text_of_only_spaces_is_empty() -> None:
    c, data = checker()
    assert c.get(data, (), "leeg", str) is None
    assert c.text(data, (), "leeg") == ""
    assert said(c) == ["casus.yaml, regel 2, veld leeg: mag niet leeg zijn"] * 2


def test_a_list_of_texts_skips_and_names_each_empty_or_non_text_item() -> None:
    c, data = checker()
    assert texts(c, data, "quotes") == ["Wie heeft de regie?"]
    assert said(c) == [
        "casus.yaml, regel 7, veld quotes[1]: moet een niet-lege tekst zijn",
        "casus.yaml, regel 8, veld quotes[2]: moet een niet-lege tekst zijn",
    ]


def test_a_missing_list_of_texts_is_named() -> None:
    c, data = checker()
    assert texts(c, data, "sources") == []
    assert said(c) == ["casus.yaml, regel 1, veld sources: dit veld ontbreekt"]


def test_only_items_that_are_groups_of_fields_are_given() -> None:
    c, data = checker()
    assert list(items(c, data, (), "tips")) == [(0, ("tips", 0), {"id": "F9-T1"})]
    assert said(c) == [
        "casus.yaml, regel 11, veld tips[1]: moet een groep velden zijn (sleutel: waarde)"
    ]


def test_tip_references_must_be_known_tip_ids_and_may_be_missing() -> None:
    c, data = checker()
    assert tip_refs(c, data, (), "ignores", {"F9-T1"}) == ()
    assert tip_refs(c, data, (), "follows", {"F9-T1"}) == ("F9-T1", "F9-T7", "['F9-T1']")
    assert said(c) == [
        "casus.yaml, regel 12, veld follows[1]: onbekende tip-id 'F9-T7'",
        "casus.yaml, regel 12, veld follows[2]: moet een tip-id zijn, bijv. F1-T2",
    ]
