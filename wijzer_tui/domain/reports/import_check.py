"""Reading and checking one learner export file before `wijzer import` trusts it.

Everything in an export comes from another machine, so nothing is assumed: only regular files
are opened (a FIFO or device would block), duplicate keys and NUL are refused, every field has
its type and size, ids are safe file names (also on Windows), timestamps carry a time and a
time zone, and no text holds control characters (a reflection may hold newlines).
"""

from __future__ import annotations

import json
import os
import re
import stat
from datetime import datetime
from pathlib import Path
from typing import Any

from wijzer_tui.domain.errors import ExportError, os_reason
from wijzer_tui.domain.progress.records import BEROEPSGROEPEN, Attempt, Profile
from wijzer_tui.domain.progress.safe_text import has_control
from wijzer_tui.domain.progress.scan import Scan, scan_of

EXPORT_FORMAT = "wijzer-export"
EXPORT_VERSION = 1
MAX_BYTES = 10 * 1024 * 1024
MAX_DEPTH = 10  # a real export nests 5 levels deep
MAX_ATTEMPTS = 10_000
_ID = re.compile(r"[A-Za-z0-9_-]{1,64}\Z")
# Names Windows reserves for devices, whatever the case: a learner file "con.json" cannot exist.
_WINDOWS_DEVICE = re.compile(r"(?i)(con|prn|aux|nul|com[1-9]|lpt[1-9])\Z")
# A full ISO 8601 moment: date, time and a time zone (Z or an offset), as wijzer writes them.
_MOMENT = re.compile(r"\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})\Z")


class Refused(Exception):
    """A reason (Dutch) why an export file is refused."""


def _depth_ok(data: Any) -> None:
    """Refuse nesting deeper than MAX_DEPTH (only containers are visited: fast)."""
    stack = [(data, 1)]
    while stack:
        value, depth = stack.pop()
        if depth > MAX_DEPTH:
            raise Refused("het is te diep genest")
        for item in value.values() if type(value) is dict else value:
            if type(item) is dict or type(item) is list:
                stack.append((item, depth + 1))


def _reject_constant(name: str) -> Any:
    raise ValueError(name)  # pragma: no mutate (NaN and Infinity are not JSON; text unused)


def _unique_keys(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    data = dict(pairs)
    if len(data) != len(pairs):
        seen: set[str] = set()
        twice = next(k for k, _ in pairs if k in seen or seen.add(k))  # type: ignore[func-returns-value]
        raise Refused(f"de sleutel {twice!r} staat er twee keer in")
    return data


def _field(data: dict[str, Any], key: str, kind: type | tuple[type, ...], where: str, *,
           optional: bool = False, limit: int = 200) -> Any:  # fmt: skip
    """A field of the right type (bool is not a number here), a sane size, no control characters."""
    value = data.get(key)
    if value is None and optional:
        return None
    if isinstance(value, bool) and kind is not bool:
        raise Refused(f"{where}: veld {key!r} heeft een verkeerd type")
    if not isinstance(value, kind):
        raise Refused(f"{where}: veld {key!r} ontbreekt of heeft een verkeerd type")
    if isinstance(value, str | list) and len(value) > limit:
        raise Refused(f"{where}: veld {key!r} is te lang")
    if isinstance(value, str) and has_control(value, newlines=key == "reflection"):
        raise Refused(f"{where}: veld {key!r} bevat stuurtekens (zoals ESC of NUL)")
    return value


def _ident(data: dict[str, Any], key: str, where: str, optional: bool = False) -> str | None:
    value = _field(data, key, str, where, optional=optional)
    if value is not None and not _ID.match(value):
        raise Refused(f"{where}: veld {key!r} bevat tekens die niet mogen")
    return value


def _moment(data: dict[str, Any], key: str, where: str, optional: bool = False) -> None:
    value = _field(data, key, str, where, optional=optional, limit=40)
    if value is None:
        return
    try:
        datetime.fromisoformat(value)
    except ValueError as exc:
        raise Refused(f"{where}: veld {key!r} is geen geldige datum") from exc
    if not _MOMENT.match(value):
        raise Refused(f"{where}: veld {key!r} mist een tijd of een tijdzone")


def _strings(data: dict[str, Any], key: str, where: str) -> None:
    items = _field(data, key, list, where, limit=100)
    if not all(isinstance(i, str) and len(i) <= 64 and not has_control(i) for i in items):
        raise Refused(f"{where}: veld {key!r} moet een lijst met korte teksten zijn")


def _check_profile(data: Any) -> Profile:
    if not isinstance(data, dict):
        raise Refused("het profiel ontbreekt")
    where = "profiel"
    if _WINDOWS_DEVICE.match(_ident(data, "id", where) or ""):  # pragma: no mutate (never None)
        raise Refused("profiel: de id is een naam die Windows voor apparaten gebruikt")
    if not _field(data, "name", str, where).strip():
        raise Refused("profiel: de naam is leeg")
    if _field(data, "beroepsgroep", str, where) not in BEROEPSGROEPEN:
        raise Refused("profiel: onbekende beroepsgroep")
    _moment(data, "created", where)
    # Every other text or yes/no field of Profile, also ones added later, must have its type.
    for name, spec in Profile.__dataclass_fields__.items():
        kind = {"str": str, "bool": bool}.get(str(spec.type))
        # pragma: no mutate start (skipping the three checked above only saves time)
        if kind is not None and name in data and name not in ("id", "name", "created"):
            # pragma: no mutate end
            _field(data, name, kind, where)
    return Profile.from_dict(data)


def _check_attempt(data: Any, number: int, learner_id: str) -> Attempt:
    where = f"poging {number}"
    if not isinstance(data, dict):
        raise Refused(f"{where} heeft een verkeerde vorm")
    _ident(data, "id", where)
    if _ident(data, "learner_id", where) != learner_id:
        raise Refused(f"{where} hoort bij een andere deelnemer")
    _ident(data, "scenario_id", where)
    if _field(data, "content_version", int, where) < 0:
        raise Refused(f"{where}: veld 'content_version' is negatief")
    if data.get("mode") not in ("self", "team") or data.get("status") not in (
        "busy", "finished", "stopped",
    ):  # fmt: skip
        raise Refused(f"{where}: onbekende manier van oefenen of status")
    _moment(data, "started", where)
    _moment(data, "finished", where, optional=True)
    if data["status"] == "finished" and data.get("finished") is None:
        raise Refused(f"{where} is afgerond, maar de eindtijd ontbreekt")
    score = _field(data, "score", int, where, optional=True)
    if score is not None and not 0 <= score <= 100:
        raise Refused(f"{where}: de score ligt niet tussen 0 en 100")
    _field(data, "position", str, where, optional=True)
    _ident(data, "team_session_id", where, optional=True)
    for i, answer in enumerate(_field(data, "answers", list, where), start=1):  # at most 200
        here = f"{where}, antwoord {i}"
        if not isinstance(answer, dict):
            raise Refused(f"{here} heeft een verkeerde vorm")
        _field(answer, "step_id", str, here, limit=64)
        _strings(answer, "option_ids", here)
        _strings(answer, "ticked_tips", here)
        _moment(answer, "at", here)
        _field(answer, "reflection", str, here, optional=True, limit=20_000)
    return Attempt.from_dict(data)


def read_bytes(path: Path) -> bytes:
    """The bytes of an export file: a regular file only, at most MAX_BYTES + 1 of them.

    Opened without blocking and checked on the open file, so a FIFO or a device (which would
    wait forever for a writer) or a folder is refused, also when swapped in after a check.
    """
    try:
        binary = getattr(os, "O_BINARY", 0)  # pragma: no mutate (0 except on Windows)
        nonblock = getattr(os, "O_NONBLOCK", 0)  # pragma: no mutate (0 only where none exists)
        fd = os.open(path, os.O_RDONLY | nonblock | binary)
    except FileNotFoundError:
        raise Refused("dit bestand bestaat niet") from None
    except IsADirectoryError:  # where a folder cannot be opened (Linux opens it: see below)
        # pragma: no mutate start (not reachable on Linux, where the tests run)
        raise Refused("dit is een map, geen bestand") from None
        # pragma: no mutate end
    except OSError as exc:
        raise Refused(f"het kon niet worden gelezen ({os_reason(exc)})") from None
    try:
        mode = os.fstat(fd).st_mode
        if stat.S_ISDIR(mode):
            raise Refused("dit is een map, geen bestand")
        if not stat.S_ISREG(mode):
            raise Refused("dit is geen gewoon bestand (maar bijvoorbeeld een pipe of apparaat)")
        chunks, left = [], MAX_BYTES + 1
        while left > 0 and (chunk := os.read(fd, min(left, 1 << 20))):  # pragma: no mutate (size)
            chunks.append(chunk)
            left -= len(chunk)
        return b"".join(chunks)
    except OSError as exc:
        raise Refused(f"het kon niet worden gelezen ({os_reason(exc)})") from None
    finally:
        os.close(fd)


def check_export(raw: bytes) -> tuple[Profile, list[Attempt]]:
    """Check the bytes of an export file; Refused (Dutch reason) when refused."""
    if len(raw) > MAX_BYTES:
        raise Refused("het bestand is groter dan 10 MB; zo groot is een export van wijzer nooit")
    # NUL anywhere: raw, or escaped in a key or text (JSON can only carry it as \u0000; a
    # literal backslash-u-0000 in a text is refused too, which no real export holds).
    if b"\x00" in raw or b"\\u0000" in raw:
        raise Refused("het bevat een NUL-teken")
    try:
        data = json.loads(
            raw.decode("utf-8-sig"),  # pragma: no mutate (any spelling)
            parse_constant=_reject_constant,
            object_pairs_hook=_unique_keys,
        )
    except (UnicodeDecodeError, ValueError):
        raise Refused("het is geen geldig JSON-bestand") from None
    except RecursionError:
        raise Refused("het is te diep genest") from None
    if not isinstance(data, dict | list):
        raise Refused("het is geen exportbestand van wijzer")
    _depth_ok(data)
    if not isinstance(data, dict) or data.get("format") != EXPORT_FORMAT:
        raise Refused("het is geen exportbestand van wijzer")
    version = data.get("version")
    if type(version) is not int or version < 1:
        raise Refused("het versienummer ontbreekt of klopt niet")
    if version > EXPORT_VERSION:
        raise Refused(
            f"het is gemaakt met een nieuwere versie van wijzer (exportversie {version}). "
            "Werk wijzer bij en probeer het opnieuw"
        )
    profile = _check_profile(data.get("profile"))
    attempts = data.get("attempts")
    if not isinstance(attempts, list) or len(attempts) > MAX_ATTEMPTS:
        raise Refused("de lijst met pogingen ontbreekt of is te lang")
    checked = [_check_attempt(a, i, profile.id) for i, a in enumerate(attempts, start=1)]
    _check_scans(data.get("scans", []), profile.id)
    return profile, checked


def _check_scans(items: Any, learner_id: str) -> list[Scan]:
    """The Frustratiescan entries of an export (absent unless the learner included them)."""
    if not isinstance(items, list) or len(items) > MAX_ATTEMPTS:
        raise Refused("de lijst met scans heeft een verkeerde vorm")
    scans = [scan_of(item) for item in items]
    for number, scan in enumerate(scans, start=1):
        if (
            scan is None
            or scan.learner_id != learner_id
            or not _ID.match(scan.id)
            or not _MOMENT.match(scan.at)
            or has_control(scan.moment)
        ):
            raise Refused(f"scan {number} heeft een verkeerde vorm")
    return scans  # type: ignore[return-value]


def load_checked(raw: bytes) -> tuple[Profile, list[Attempt], list[Scan]]:
    """The records in bytes that check_export accepted before (the caller compares digests):
    parsed again without repeating every check, for the second pass of an import."""
    data = json.loads(raw.decode("utf-8-sig"))  # pragma: no mutate (any spelling)
    profile = Profile.from_dict(data["profile"])
    attempts = [Attempt.from_dict(a) for a in data["attempts"]]
    return profile, attempts, _check_scans(data.get("scans", []), profile.id)


def refused(path: Path, reason: Exception) -> ExportError:
    """The Dutch error for a refused file, naming it."""
    return ExportError(f"{Path(path).name} is geweigerd: {reason}.")


def read_export(path: Path) -> tuple[Profile, list[Attempt]]:
    """Read and check one export file; ExportError (Dutch) naming the file and the reason."""
    try:
        return check_export(read_bytes(Path(path)))
    except Refused as reason:
        raise refused(path, reason) from None
