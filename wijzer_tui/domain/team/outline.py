"""The outline of a team session and its words: its pages in order, their Dutch titles, dates
and how many people there are. No session state lives here (see session.py)."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date

from wijzer_tui.domain.content.graph import scenes_ahead, walk
from wijzer_tui.domain.content.model import Scenario


def today() -> str:
    """Today's local date as YYYY-MM-DD (a session is dated where it is held)."""
    return date.today().isoformat()


def dutch_date(iso_date: str) -> str:
    """YYYY-MM-DD as 12-03-2026; unreadable text is returned as it is."""
    try:
        return date.fromisoformat(iso_date).strftime("%d-%m-%Y")
    except ValueError:
        return iso_date


PAGE_TITLES = {
    "intro": "Herken je dit?",
    "case": "Het probleem",
    "why": "Waarom is dit belangrijk?",
    "ending": "Afloop",
    "agreements": "Afspraken (wie · wat · wanneer)",
    "summary": "Overzicht van de sessie",
}
STEP_TITLES = {
    "choose": "Wat doen jullie?",
    "decide": "De casus gaat verder",
    "reflect": "Reflectie",
}


def page_title(scenario: Scenario, section: str) -> str:
    """The Dutch title of a page of the session."""
    step = scenario.step(section.removeprefix("step:"))  # None for the other pages
    if step is not None:
        return STEP_TITLES[step.kind]
    return PAGE_TITLES.get(section, "")


def attendee_count(count: int) -> str:
    """'1 deelnemer' or '3 deelnemers'."""
    return "1 deelnemer" if count == 1 else f"{count} deelnemers"


def people_text(count: int) -> str:
    """'Er is 1 deelnemer' or 'Er zijn 3 deelnemers'."""
    return f"Er {'is' if count == 1 else 'zijn'} {attendee_count(count)}"


def sections(
    scenario: Scenario,
    answers: Mapping[str, list[str]] | None = None,
    role: str = "",  # pragma: no mutate (an unknown role id means the first role too)
) -> list[str]:
    """Every page of a session so far, in order: the case in three parts, one per step, the end.

    A straight case lists every step. A branching case lists the scenes on the group's path
    (`answers`: its revealed choices) up to the first one still open; once the path reaches an
    ending, the page "ending" (Afloop) follows, then the reflection, agreements and summary.
    Revealed choices are fixed, so the pages already listed never change: the list only grows.
    """
    pages = ["intro", "case", "why"]
    if not scenario.branches:
        return [*pages, *(f"step:{s.id}" for s in scenario.steps), "agreements", "summary"]
    route = walk(scenario, answers or {}, role)
    after = [f"step:{s.id}" for s in route.steps if s.id in scenario.after_ending]
    pages += [f"step:{s.id}" for s in route.steps if s.id not in scenario.after_ending]
    if route.ending is None:
        return pages  # the group has not decided the rest of its path yet
    return [*pages, "ending", *after, "agreements", "summary"]


def page_range(
    scenario: Scenario,
    answers: Mapping[str, list[str]] | None = None,
    role: str = "",  # pragma: no mutate (an unknown role id means the first role too)
) -> tuple[int, int]:
    """The fewest and the most pages the session can still have: the pages so far plus the
    shortest and the longest way on from the first open scene (a straight case: fixed)."""
    known = sections(scenario, answers, role)
    last = scenario.step(known[-1].removeprefix("step:"))  # None once the summary is known
    if not scenario.branches or last is None or last.id in (answers or {}):
        return len(known), len(known)  # fixed, or a broken file: what is known
    # The ending, the reflection, agreements and the summary.
    after = 1 + len(scenario.after_ending) + 2
    fewest, most = scenes_ahead(scenario, last.id)
    return len(known) - 1 + fewest + after, len(known) - 1 + most + after


def page_label(index: int, fewest: int, most: int) -> str:
    """'deel 4 van 12', or 'deel 4 van 11–13' while choices still to come decide the length."""
    return f"deel {index} van {fewest}" if fewest == most else f"deel {index} van {fewest}–{most}"
