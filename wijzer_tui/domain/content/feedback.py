"""Who advises against an option: the wijzer itself, or another source that must be named."""

from __future__ import annotations

from wijzer_tui.domain.content.model import ChooseOption

WIJZER_LABEL = "De wijzer raadt dit af"
GENERIC_LABEL = "Afgeraden"  # headings and counts: the options under it may rest on other sources


def rests_on_the_wijzer(source: str) -> bool:
    """True when every part of the source (separated by ';') is the Frustratiewijzer."""
    parts = [p.strip() for p in source.split(";") if p.strip()]
    return bool(parts) and all("Frustratiewijzer" in p for p in parts)


def against_label(option: ChooseOption) -> str:
    """'De wijzer raadt dit af' only when the wijzer says so; otherwise name the source."""
    if rests_on_the_wijzer(option.source):
        return WIJZER_LABEL
    return f"{GENERIC_LABEL} (bron: {option.source})" if option.source.strip() else GENERIC_LABEL


def against_note(option: ChooseOption) -> str:
    """The label, why, and (for the wijzer) where in the wijzer: one line for every screen."""
    label = against_label(option)
    if rests_on_the_wijzer(option.source):
        return f"{label}. Waarom niet: {option.reason} (Bron: {option.source})"
    return f"{label}. Waarom niet: {option.reason}"


def against_count_text(count: int) -> str:
    """'1 afgeraden keuze' or '2 afgeraden keuzes'."""
    return f"{count} afgeraden {'keuze' if count == 1 else 'keuzes'}"
