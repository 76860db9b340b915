"""Control characters (C0, DEL, C1): taken out where text comes in, made visible where it goes out.

A name like "Anna\\x1b[2J" must never reach a terminal, a spreadsheet or a log as raw bytes: it
could clear the screen, ring the bell or hide text. Ways in (typed text, reflections) remove
them (`clean_label`, `clean_reflection`); import refuses them (`has_control`). Ways out (CSV,
Markdown, the terminal grid, command messages) show each one as a visible escape (`visible`).
Only a reflection may hold newlines.

The CSV formula guard (`formula_safe`) lives here too: it is the other way text from a learner
can turn into something active when opened.
"""

from __future__ import annotations

import json
import re
import unicodedata

MAX_LABEL = 60

_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]")
_CONTROL_BUT_NEWLINE = re.compile(r"[\x00-\x09\x0b-\x1f\x7f-\x9f]")
_RAW_IN_JSON = re.compile(r"[\x7f-\x9f]")  # json.dumps escapes C0 only
# Spreadsheets run a cell starting with one of these as a formula (CSV injection), also after
# leading white space or line breaks, and after Unicode folding ("＝" becomes "=").
_FORMULA_STARTS = ("=", "+", "-", "@")
_LEADING_BLANKS = re.compile(r"[\s\x00-\x1f\x7f-\x9f\u200b-\u200f\u2060\ufeff]*")


def has_control(text: str, *, newlines: bool = False) -> bool:
    """True when `text` holds a control character (a newline counts only if not `newlines`)."""
    return (_CONTROL_BUT_NEWLINE if newlines else _CONTROL).search(text) is not None


def visible(text: str, *, newlines: bool = False) -> str:
    """`text` with every control character shown as an escape (ESC as \\x1b), for output.

    Newlines stay when `newlines` is True (a reflection in CSV or the detail view).
    """
    pattern = _CONTROL_BUT_NEWLINE if newlines else _CONTROL
    return pattern.sub(lambda m: f"\\x{ord(m.group()):02x}", text)


def json_text(data: object) -> str:
    """Indented UTF-8 JSON whose text holds no raw control character: json.dumps escapes C0
    itself, DEL and C1 are escaped here too (the same JSON value, safe to print)."""
    text = json.dumps(data, ensure_ascii=False, indent=2)  # pragma: no mutate (None is False)
    return _RAW_IN_JSON.sub(lambda m: f"\\u{ord(m.group()):04x}", text) + "\n"


def clean_label(text: str, limit: int = MAX_LABEL) -> str:
    """A name, team or organisation made safe to store and show: no control or other
    unprintable characters (they become spaces), white space collapsed, at most `limit`."""
    printable = "".join(ch if ch.isprintable() else " " for ch in text)
    return " ".join(printable.split())[:limit]


def clean_reflection(text: str) -> str:
    """A typed reflection made safe to store: line breaks kept (as \\n), tabs as spaces, other
    control characters removed."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\t", " ")
    return _CONTROL_BUT_NEWLINE.sub("", text)


def _formula_head(value: str) -> str:
    """The start a spreadsheet sees: Unicode folded (NFKC), leading blanks, line breaks,
    controls and invisible format characters (zero-width space, BOM) gone."""
    head = value[:64]
    if not head.isascii():
        head = unicodedata.normalize("NFKC", head)
    return head[_LEADING_BLANKS.match(head).end() :]  # type: ignore[union-attr]


def formula_safe(value: str) -> str:
    """Neutralise a spreadsheet formula by a leading single quote; other text stays as it is.

    Catches "=1+1", " =1+1", "\\n=1+1", "＝1+1" (fullwidth), "＋", "－" and "＠", and a cell
    starting with a tab or carriage return, as spreadsheets may trim those.
    """
    if value.startswith(("\t", "\r")) or _formula_head(value).startswith(_FORMULA_STARTS):
        return "'" + value
    return value
