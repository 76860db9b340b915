"""Who advises against an option: the wijzer itself, or another source that must be named."""

from __future__ import annotations

from dataclasses import dataclass

from wijzer_tui.domain.content.model import ChooseOption, DecideOption

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


HALF_LABEL = "Half goed"  # a decision worth half a point: no "fout" banner, but not full marks
NOTE_LABEL = "Toelichting"  # a full-credit decision's own feedback: an explanation, no verdict


@dataclass(frozen=True)
class MoveFeedback:
    """Why a decision was (half) right or wrong, attributed to its source."""

    verdict: str  # "good", "half" or "against"
    label: str  # e.g. "Half goed (bron: …)" or "De wijzer raadt dit af"
    why: str  # the option's feedback text (with the wijzer's place when the label omits it)


def move_feedback(option: DecideOption, score: int) -> MoveFeedback | None:
    """The feedback of a chosen decision, attributed like against options: 'De wijzer raadt dit
    af' only when the wijzer says so; otherwise the label names the source. None when the option
    carries no feedback text."""
    why, source = option.feedback_text.strip(), option.feedback_source.strip()
    if not why:
        return None
    by_wijzer = rests_on_the_wijzer(source)
    if score >= 100:
        verdict, label = "good", NOTE_LABEL
    elif score > 0:  # pragma: no mutate (a decision scores 0, 50 or 100; > 1 is the same)
        verdict, label = "half", HALF_LABEL
    else:
        verdict, label = "against", WIJZER_LABEL if by_wijzer else GENERIC_LABEL
    if by_wijzer:  # the label does not say where in the wijzer
        return MoveFeedback(verdict, label, f"{why} (Bron: {source})")
    return MoveFeedback(verdict, f"{label} (bron: {source})" if source else label, why)
