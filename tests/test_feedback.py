"""Who advises against an option: the wijzer only when the wijzer says so, otherwise the source."""

from __future__ import annotations

from wijzer_tui.domain.content.feedback import (
    against_count_text,
    against_label,
    against_note,
    rests_on_the_wijzer,
)
from wijzer_tui.domain.content.loader import load_scenarios
from wijzer_tui.domain.content.model import ChooseOption

PORTRAITS = "De procesregisseurs aan het woord (portret van het CCV en Movisie)"
WIJZER = "Frustratiewijzer, frustratie 1 (Wat kun je doen?)"


def option(source: str) -> ChooseOption:
    return ChooseOption(
        "x", "Ik wacht af.", "against", reason="Dan gebeurt er niets.", source=source
    )


def test_the_wijzer_says_so_only_when_it_is_the_source() -> None:
    assert against_label(option(WIJZER)) == "De wijzer raadt dit af"
    assert against_note(option(WIJZER)) == (
        f"De wijzer raadt dit af. Waarom niet: Dan gebeurt er niets. (Bron: {WIJZER})"
    )


def test_another_source_is_named() -> None:
    assert against_label(option(PORTRAITS)) == f"Afgeraden (bron: {PORTRAITS})"
    assert against_note(option(PORTRAITS)) == (
        f"Afgeraden (bron: {PORTRAITS}). Waarom niet: Dan gebeurt er niets."
    )


def test_a_mixed_source_is_named_in_full() -> None:
    mixed = f"{PORTRAITS}; {WIJZER}"
    assert not rests_on_the_wijzer(mixed)
    assert against_label(option(mixed)) == f"Afgeraden (bron: {mixed})"
    assert rests_on_the_wijzer(f"{WIJZER}; Frustratiewijzer, frustratie 3")
    assert not rests_on_the_wijzer("")


def test_shipped_cases_have_both_kinds() -> None:
    labels = {
        against_label(o).startswith("De wijzer")
        for s in load_scenarios()
        for step in s.steps
        for o in step.choose_options
        if o.kind == "against"
    }
    assert labels == {True, False}


def test_counts_in_dutch() -> None:
    assert against_count_text(1) == "1 afgeraden keuze"
    assert against_count_text(3) == "3 afgeraden keuzes"
