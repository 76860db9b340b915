"""Damaged progress files: moved aside (never overwritten) with one Dutch warning each."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from wijzer_tui.domain.errors import StoreError
from wijzer_tui.domain.progress.paths import quarantine
from wijzer_tui.domain.progress.storage import DamagedFileError, WijzerDB, locked, open_db


@dataclass(frozen=True)
class FileKind:
    """How a warning names a kind of file, and what the user no longer sees in a list."""

    name: str
    lost: str


LEARNER_FILE = FileKind("Het voortgangsbestand", "Deze voortgang")
TEAM_FILE = FileKind("Het bestand van de teamsessie", "Deze teamsessie")


def damage_message(error: DamagedFileError, kept: Path, kind: FileKind = LEARNER_FILE) -> str:
    """The Dutch warning shown to the user after `error.path` was moved to `kept`."""
    kept = kept.absolute()  # the full path, so the user can find the file
    if error.kind == "nieuwere-versie":
        return (
            f"{kind.name} {error.path.name} is gemaakt met een nieuwere versie van "
            f"wijzer. Het is niet overschreven, maar apart gezet als {kept}. "
            "Open het met de nieuwere versie van wijzer."
        )
    return (
        f"{kind.name} {error.path.name} was beschadigd ({error.reason}). "
        f"Het is niet overschreven, maar apart gezet als {kept}. "
        f"{kind.lost} staat daarom niet meer in de lijst."
    )


def _add(warnings: list[str], message: str) -> str:
    if message not in warnings:
        warnings.append(message)
    return message


def set_aside(error: DamagedFileError, warnings: list[str], kind: FileKind = LEARNER_FILE) -> str:
    """Move a damaged file aside (its lock held by the caller) and add the Dutch warning once."""
    try:
        return _add(warnings, damage_message(error, quarantine(error.path, error.kind), kind))
    except StoreError as exc:
        return _add(warnings, exc.message)


def recheck_and_set_aside(
    error: DamagedFileError,
    check: Callable[[Path, WijzerDB], object],
    warnings: list[str],
    kind: FileKind = LEARNER_FILE,
) -> str | None:
    """Read a damaged file again under its lock and set it aside only if `check` still fails
    (another window may have replaced or moved it meanwhile). Returns the warning; never raises."""
    try:
        with locked(error.path):
            try:
                db = open_db(error.path)
                if db.exists():
                    check(error.path, db)
            except DamagedFileError as again:
                return set_aside(again, warnings, kind)
    except StoreError as exc:
        return _add(warnings, f"{error.message} Wijzer gebruikt het niet. ({exc.message})")
    return None
