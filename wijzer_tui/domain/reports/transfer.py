"""Learner export files and their checked import into a coordinator's progress store."""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Any

from wijzer_tui import __version__
from wijzer_tui.domain.errors import ExportError
from wijzer_tui.domain.progress.paths import os_reason
from wijzer_tui.domain.progress.people import by_name, describe, slug
from wijzer_tui.domain.progress.records import BEROEPSGROEPEN, Attempt, Profile, now_iso
from wijzer_tui.domain.progress.scan import Scan, scan_of
from wijzer_tui.domain.progress.store import ProgressStore
from wijzer_tui.domain.reports.exports import write_file

EXPORT_FORMAT = "wijzer-export"
EXPORT_VERSION = 1
MAX_BYTES = 10 * 1024 * 1024
MAX_DEPTH = 10  # a real export nests 5 levels deep
MAX_ATTEMPTS = 10_000
_ID = re.compile(r"[A-Za-z0-9_-]{1,64}\Z")


class _Invalid(Exception):
    """A reason (Dutch) why an export file is refused."""


@dataclass(frozen=True)
class ImportResult:
    """What one imported file added."""

    path: Path
    profile: Profile
    added: int
    total: int


def export_data(profile: Profile, attempts: Sequence[Attempt]) -> dict[str, Any]:
    """The export of one learner; reflections are left out unless the learner shares them."""
    items = []
    for attempt in attempts:
        data = attempt.to_dict()
        if not profile.share_reflections:
            for answer in data["answers"]:
                answer["reflection"] = None
        items.append(data)
    return {
        "format": EXPORT_FORMAT,
        "version": EXPORT_VERSION,
        "exported": now_iso(),
        "app_version": __version__,
        "profile": profile.to_dict(),
        "attempts": items,
    }


class ChoiceNeeded(ExportError):
    """Several learners could be meant and nobody can be asked (no terminal): exit code 2."""

    exit_code = 2


def _names(profiles: Sequence[Profile]) -> str:
    names = ", ".join(p.name for p in profiles[:20])
    return names + (f" en nog {len(profiles) - 20} anderen" if len(profiles) > 20 else "")


def choose_learner(
    store: ProgressStore,
    name_or_id: str | None,
    ask: Callable[[list[Profile]], Profile | None] | None = None,
) -> Profile:
    """The learner to export; ExportError (Dutch) when that is not clear.

    With `name_or_id`: the learner with that id, else with that name (case and accents do not
    count); namesakes must be told apart by id. Without: the learner on this machine (the one
    self-study profile; team-only attendee and demo profiles do not count). With several,
    `ask(profiles)` chooses when given (a terminal), else ChoiceNeeded names them.
    """
    profiles = store.profiles()
    if not profiles:
        raise ExportError(
            "Er zijn nog geen deelnemers op deze computer. Er is niets te exporteren."
        )
    if name_or_id is not None:
        found = by_name(profiles, name_or_id)
        if len(found) == 1:
            return found[0]
        if found:
            ids = "\n".join(f"- {describe(p)}: --learner {p.id}" for p in found)
            raise ExportError(f"Er zijn {len(found)} deelnemers met deze naam. Kies er één:\n{ids}")
        raise ExportError(
            f"Deelnemer {name_or_id!r} is niet gevonden. Deelnemers: {_names(profiles)}."
        )
    own = [p for p in profiles if not (p.attendee or p.synthetic)]
    if len(own) == 1:
        return own[0]
    if not own:
        raise ChoiceNeeded(
            "Er is geen eigen profiel op deze computer. Kies wie je exporteert met "
            f"--learner NAAM. Deelnemers: {_names(profiles)}."
        )
    chosen = ask(own) if ask is not None else None
    if chosen is not None:
        return chosen
    if ask is not None:
        raise ExportError("Er is niets geëxporteerd.")
    raise ChoiceNeeded(
        f"Er staan {len(own)} profielen op deze computer: {_names(own)}. Kies wie je "
        "exporteert met --learner NAAM."
    )


def default_export_path(profile: Profile, folder: Path, others: Sequence[Profile] = ()) -> Path:
    """wijzer-export-<name>-<date>.json in `folder`, with a readable, file-name-safe name
    ("Marloes Ëlsgén" -> marloes-elsgen); namesakes among `others` get a bit of their id."""
    name = slug(profile.name) or profile.id[:8]
    if any(o.id != profile.id and slug(o.name) == slug(profile.name) for o in others):
        name += f"-{profile.id[:6]}"
    return folder / f"wijzer-export-{name}-{date.today():%Y%m%d}.json"


def export_learner(
    store: ProgressStore, profile: Profile, path: Path, *, with_scans: bool = False
) -> int:
    """Write the learner's export file to `path`; return the number of attempts in it.

    The learner's Frustratiescan goes along only when asked (`with_scans`): reports show it
    only per group of at least 5, but the file itself holds the learner's own ratings.
    """
    attempts = store.attempts(profile.id)
    data = export_data(profile, attempts)
    if with_scans:
        data["scans"] = [scan.to_dict() for scan in store.scans(profile.id)]
    text = json.dumps(data, ensure_ascii=False, indent=1)
    write_file(path, text + "\n")
    return len(attempts)


# -- reading and checking ----------------------------------------------------------------------


def _depth_ok(data: Any) -> bool:
    stack = [(data, 1)]
    while stack:
        value, depth = stack.pop()
        if depth > MAX_DEPTH:
            return False
        if isinstance(value, dict):
            stack.extend((v, depth + 1) for v in value.values())
        elif isinstance(value, list):
            stack.extend((v, depth + 1) for v in value)
    return True


def _reject_constant(name: str) -> Any:
    raise ValueError(name)  # NaN and Infinity are not JSON


def _field(data: dict[str, Any], key: str, kind: type | tuple[type, ...], where: str, *,
           optional: bool = False, limit: int = 200) -> Any:  # fmt: skip
    """A field of the right type (bool is not a number here) and a sane size."""
    value = data.get(key)
    if value is None and optional:
        return None
    if isinstance(value, bool) and kind is not bool:
        raise _Invalid(f"{where}: veld {key!r} heeft een verkeerd type")
    if not isinstance(value, kind):
        raise _Invalid(f"{where}: veld {key!r} ontbreekt of heeft een verkeerd type")
    if isinstance(value, str | list) and len(value) > limit:
        raise _Invalid(f"{where}: veld {key!r} is te lang")
    return value


def _ident(data: dict[str, Any], key: str, where: str, optional: bool = False) -> str | None:
    value = _field(data, key, str, where, optional=optional)
    if value is not None and not _ID.match(value):
        raise _Invalid(f"{where}: veld {key!r} bevat tekens die niet mogen")
    return value


def _moment(data: dict[str, Any], key: str, where: str, optional: bool = False) -> None:
    value = _field(data, key, str, where, optional=optional, limit=40)
    if value is not None:
        try:
            datetime.fromisoformat(value)
        except ValueError as exc:
            raise _Invalid(f"{where}: veld {key!r} is geen geldige datum") from exc


def _strings(data: dict[str, Any], key: str, where: str) -> None:
    items = _field(data, key, list, where, limit=100)
    if not all(isinstance(i, str) and len(i) <= 64 for i in items):
        raise _Invalid(f"{where}: veld {key!r} moet een lijst met korte teksten zijn")


def _check_profile(data: Any) -> Profile:
    if not isinstance(data, dict):
        raise _Invalid("het profiel ontbreekt")
    where = "profiel"
    _ident(data, "id", where)
    if not _field(data, "name", str, where).strip():
        raise _Invalid("profiel: de naam is leeg")
    if _field(data, "beroepsgroep", str, where) not in BEROEPSGROEPEN:
        raise _Invalid("profiel: onbekende beroepsgroep")
    _moment(data, "created", where)
    # Every other text or yes/no field of Profile, also ones added later, must have its type.
    for name, spec in Profile.__dataclass_fields__.items():
        kind = {"str": str, "bool": bool}.get(str(spec.type))
        if kind is not None and name in data and name not in ("id", "name", "created"):
            _field(data, name, kind, where)
    return Profile.from_dict(data)


def _check_attempt(data: Any, number: int, learner_id: str) -> Attempt:
    where = f"poging {number}"
    if not isinstance(data, dict):
        raise _Invalid(f"{where} heeft een verkeerde vorm")
    _ident(data, "id", where)
    if _ident(data, "learner_id", where) != learner_id:
        raise _Invalid(f"{where} hoort bij een andere deelnemer")
    _ident(data, "scenario_id", where)
    if _field(data, "content_version", int, where) < 0:
        raise _Invalid(f"{where}: veld 'content_version' is negatief")
    if data.get("mode") not in ("self", "team") or data.get("status") not in (
        "busy", "finished", "stopped",
    ):  # fmt: skip
        raise _Invalid(f"{where}: onbekende manier van oefenen of status")
    _moment(data, "started", where)
    _moment(data, "finished", where, optional=True)
    score = _field(data, "score", int, where, optional=True)
    if score is not None and not 0 <= score <= 100:
        raise _Invalid(f"{where}: de score ligt niet tussen 0 en 100")
    _field(data, "position", str, where, optional=True)
    _ident(data, "team_session_id", where, optional=True)
    for i, answer in enumerate(_field(data, "answers", list, where, limit=200), start=1):
        here = f"{where}, antwoord {i}"
        if not isinstance(answer, dict):
            raise _Invalid(f"{here} heeft een verkeerde vorm")
        _field(answer, "step_id", str, here, limit=64)
        _strings(answer, "option_ids", here)
        _strings(answer, "ticked_tips", here)
        _moment(answer, "at", here)
        _field(answer, "reflection", str, here, optional=True, limit=20_000)
    return Attempt.from_dict(data)


def read_export(path: Path) -> tuple[Profile, list[Attempt]]:
    """Read and check one export file; ExportError (Dutch) naming the file and the reason."""
    profile, attempts, _ = read_export_with_scans(path)
    return profile, attempts


def read_export_with_scans(path: Path) -> tuple[Profile, list[Attempt], list[Scan]]:
    """As read_export, with the Frustratiescan entries the file holds (often none)."""
    try:
        return _read_export(Path(path))
    except _Invalid as reason:
        raise ExportError(f"{Path(path).name} is geweigerd: {reason}.") from None


def _read_export(path: Path) -> tuple[Profile, list[Attempt], list[Scan]]:
    try:
        with path.open("rb") as handle:
            raw = handle.read(MAX_BYTES + 1)
    except FileNotFoundError:
        raise _Invalid("dit bestand bestaat niet") from None
    except IsADirectoryError:
        raise _Invalid("dit is een map, geen bestand") from None
    except OSError as exc:
        raise _Invalid(f"het kon niet worden gelezen ({os_reason(exc)})") from None
    if len(raw) > MAX_BYTES:
        raise _Invalid("het bestand is groter dan 10 MB; zo groot is een export van wijzer nooit")
    try:
        data = json.loads(raw.decode("utf-8-sig"), parse_constant=_reject_constant)
    except (UnicodeDecodeError, ValueError):
        raise _Invalid("het is geen geldig JSON-bestand") from None
    except RecursionError:
        raise _Invalid("het is te diep genest") from None
    if not _depth_ok(data):
        raise _Invalid("het is te diep genest")
    if not isinstance(data, dict) or data.get("format") != EXPORT_FORMAT:
        raise _Invalid("het is geen exportbestand van wijzer")
    version = data.get("version")
    if type(version) is not int or version < 1:
        raise _Invalid("het versienummer ontbreekt of klopt niet")
    if version > EXPORT_VERSION:
        raise _Invalid(
            f"het is gemaakt met een nieuwere versie van wijzer (exportversie {version}). "
            "Werk wijzer bij en probeer het opnieuw"
        )
    profile = _check_profile(data.get("profile"))
    attempts = data.get("attempts")
    if not isinstance(attempts, list) or len(attempts) > MAX_ATTEMPTS:
        raise _Invalid("de lijst met pogingen ontbreekt of is te lang")
    checked = [_check_attempt(a, i, profile.id) for i, a in enumerate(attempts, start=1)]
    return profile, checked, _check_scans(data.get("scans", []), profile.id)


def _check_scans(items: Any, learner_id: str) -> list[Scan]:
    """The Frustratiescan entries of an export (absent unless the learner included them)."""
    if not isinstance(items, list) or len(items) > MAX_ATTEMPTS:
        raise _Invalid("de lijst met scans heeft een verkeerde vorm")
    scans = [scan_of(item) for item in items]
    for number, scan in enumerate(scans, start=1):
        if scan is None or scan.learner_id != learner_id or not _ID.match(scan.id):
            raise _Invalid(f"scan {number} heeft een verkeerde vorm")
    return scans  # type: ignore[return-value]


def import_files(store: ProgressStore, paths: Sequence[Path]) -> list[ImportResult]:
    """Check every file first; only when all are fine, merge them into the store.

    Importing a file again adds nothing. Raises ExportError listing every refused file; the
    store is then untouched.
    """
    problems, checked = [], []
    for path in paths:
        try:
            checked.append((Path(path), *read_export_with_scans(Path(path))))
        except ExportError as exc:
            problems.append(exc.message)
    if problems:
        lines = "\n".join(f"- {p}" for p in problems)
        raise ExportError(f"Er is niets geïmporteerd.\n{lines}")
    results = []
    for path, profile, attempts, scans in checked:
        added = store.import_learner(profile, attempts)
        store.import_scans(profile.id, scans)
        results.append(ImportResult(path, profile, added, len(attempts)))
    return results
