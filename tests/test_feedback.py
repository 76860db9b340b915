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
from wijzer_tui.domain.progress.records import Answer
from wijzer_tui.widgets import sections

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


def shown(widgets) -> str:
    return "\n".join(str(w.content) for w in widgets)


def test_compare_screen_names_who_advises_against_and_keeps_applications_apart() -> None:
    kennis = next(s for s in load_scenarios() if s.id == "kennis")
    now, knowledge = (s for s in kennis.steps if s.kind == "choose")
    picked = ["overleggen", "meisje-afwachten", "zelf-beslissen"]
    text = shown(sections.compare(kennis, now, Answer(now.id, picked)))
    assert "✗ Afgeraden (2)" in text
    assert "Afgeraden (bron: Collectieven tegen Kindermishandeling" in text  # a mixed source
    assert "De wijzer raadt dit af. Waarom niet: De wijzer noemt" in text
    # The application stands on its own line, after the source it applies.
    assert "\n(Bron: Collectieven tegen Kindermishandeling" in text
    assert "In deze casus: Kijk niet alleen naar wat het meisje vertelt" in text
    # The deepening is shown once per case: not again after the second choice step.
    later = shown(sections.compare(kennis, knowledge, Answer(knowledge.id, ["training"])))
    assert "Verdieping" not in later and "Verdieping" in text
