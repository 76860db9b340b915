"""Dutch wording for argparse's own messages, so `wijzer --help` and usage errors speak Dutch."""

from __future__ import annotations

import argparse

DUTCH = {
    "usage: ": "gebruik: ",
    "positional arguments": "argumenten",
    "options": "opties",
    "show this help message and exit": "toon deze hulp en stop",
    "show program's version number and exit": "toon het versienummer en stop",
    "the following arguments are required: %s": "deze argumenten ontbreken: %s",
    "unrecognized arguments: %s": "onbekende argumenten: %s",
    "invalid choice: %(value)r (choose from %(choices)s)": "ongeldige keuze: %(value)r (kies uit %(choices)s)",
    "%(prog)s: error: %(message)s\n": "%(prog)s: fout: %(message)s\n",
    "argument %(argument_name)s: %(message)s": "argument %(argument_name)s: %(message)s",
    "expected one argument": "verwacht één waarde",
    "expected at least one argument": "verwacht minstens één waarde",
    "expected at most one argument": "verwacht hooguit één waarde",
    "invalid %(type)s value: %(value)r": "ongeldige waarde: %(value)r",
    "ambiguous option: %(option)s could match %(matches)s": "optie %(option)s is niet eenduidig: %(matches)s",
    "not allowed with argument %s": "niet samen met %s",
    "one of the arguments %s is required": "geef een van deze argumenten: %s",
}


def install() -> None:
    """Route argparse's message lookup through the Dutch table (English stays as fallback)."""
    argparse._ = lambda text: DUTCH.get(text, text)  # type: ignore[attr-defined]
