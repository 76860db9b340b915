"""One person, one learner: matching names across self-study and team training, readable slugs.

Names, teams and organisations are compared folded: case, accents and spacing do not count
("Marloes Ëlsgén" is "marloes  elsgen"). Folding transliterates with anyascii, so letters that
Unicode does not decompose (Ø, ß, Ł) fold too.
"""

from __future__ import annotations

import re
import uuid
from collections.abc import Iterable

from anyascii import anyascii

from wijzer_tui.domain.progress.records import Profile

# Namespace for the ids of attendee profiles made when a team session is finished.
_ATTENDEE_NS = uuid.UUID("6f2b9c1e-3d4a-5b6c-8d7e-9f0a1b2c3d4e")


def fold(text: str) -> str:
    """`text` for comparing: ASCII, case-folded, single spaces."""
    return " ".join(anyascii(text).casefold().split())


def slug(text: str, limit: int = 40) -> str:
    """A readable file-name part: "Marloes Ëlsgén" -> "marloes-elsgen"; may be empty."""
    return "-".join(re.findall(r"[a-z0-9]+", fold(text)))[:limit].removesuffix("-")


def same_person(profile: Profile, name: str, team: str, organisation: str) -> bool:
    """True when the profile has this name, team and organisation (folded)."""
    return (
        fold(profile.name) == fold(name)
        and fold(profile.team) == fold(team)
        and fold(profile.organisation) == fold(organisation)
    )


def linkable(profiles: Iterable[Profile]) -> list[Profile]:
    """Learners a trainer may link an attendee to: everyone but demo learners, by name."""
    real = [p for p in profiles if not p.synthetic]
    return sorted(real, key=lambda p: (fold(p.name), fold(p.team), p.id))


def matches(profiles: Iterable[Profile], name: str, team: str, organisation: str) -> list[Profile]:
    """The linkable learners with this name, team and organisation (usually none or one)."""
    return [p for p in linkable(profiles) if same_person(p, name, team, organisation)]


def by_name(profiles: Iterable[Profile], wanted: str) -> list[Profile]:
    """Learners whose id is `wanted`, else those whose folded name is `wanted` folded."""
    profiles = list(profiles)
    exact = [p for p in profiles if p.id == wanted.strip()]
    return exact or [p for p in profiles if fold(p.name) == fold(wanted)]


def describe(profile: Profile) -> str:
    """A learner in one line, to tell namesakes apart: name · team · organisation · kind."""
    kind = "alleen teamtraining" if profile.attendee else profile.beroepsgroep
    parts = [profile.name, profile.team, profile.organisation, kind]
    return " · ".join(part for part in parts if part)


def attendee_profile_id(session_id: str, name: str) -> str:
    """The id of the attendee profile a session makes for `name`: the same on every run, so a
    finish that is run again after a crash finds the profile it made before."""
    return uuid.uuid5(_ATTENDEE_NS, f"{session_id}/{fold(name)}").hex


def counted(number: int, one: str, many: str) -> str:
    """'1 poging', '3 pogingen': Dutch singular or plural with the number."""
    return f"{number} {one if number == 1 else many}"
