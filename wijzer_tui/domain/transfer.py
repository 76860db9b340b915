"""Learner export files and their checked import into a coordinator's progress store."""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from wijzer_tui import __version__
from wijzer_tui.domain.errors import ExportError
from wijzer_tui.domain.exports import write_file
from wijzer_tui.domain.import_check import (
    EXPORT_FORMAT,
    EXPORT_VERSION,
    Refused,
    check_export,
    load_checked,
    read_bytes,
    refused,
)
from wijzer_tui.domain.paths import deferred_dir_sync
from wijzer_tui.domain.records import Attempt, Profile, now_iso
from wijzer_tui.domain.store import ProgressStore


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


def choose_learner(store: ProgressStore, name_or_id: str | None) -> Profile:
    """The learner meant by a name or id, or the only one; ExportError (Dutch) otherwise."""
    profiles = store.profiles()
    if not profiles:
        raise ExportError(
            "Er zijn nog geen deelnemers op deze computer. Er is niets te exporteren."
        )
    names = ", ".join(p.name for p in profiles[:20])
    if len(profiles) > 20:
        names += f" en nog {len(profiles) - 20} anderen"
    if name_or_id is None:
        if len(profiles) == 1:
            return profiles[0]
        raise ExportError(f"Kies wie je exporteert met --learner NAAM. Deelnemers: {names}.")
    wanted = name_or_id.strip().casefold()
    by_id = [p for p in profiles if p.id == name_or_id.strip()]
    found = by_id or [p for p in profiles if p.name.casefold() == wanted]
    if len(found) == 1:
        return found[0]
    if found:
        ids = ", ".join(f"{p.name} ({p.id})" for p in found)
        raise ExportError(f"Er zijn meer deelnemers met deze naam. Kies met --learner ID: {ids}.")
    raise ExportError(f"Deelnemer {name_or_id!r} is niet gevonden. Deelnemers: {names}.")


def default_export_path(profile: Profile, folder: Path) -> Path:
    """wijzer-export-<name>-<date>.json in `folder`, with a file-name-safe name."""
    slug = re.sub(r"[^a-z0-9]+", "-", profile.name.casefold()).strip("-")[:40] or profile.id[:8]
    return folder / f"wijzer-export-{slug}-{date.today():%Y%m%d}.json"


def export_learner(store: ProgressStore, profile: Profile, path: Path) -> int:
    """Write the learner's export file to `path`; return the number of attempts in it."""
    attempts = store.attempts(profile.id)
    text = json.dumps(export_data(profile, attempts), ensure_ascii=False, indent=1)
    write_file(path, text + "\n")
    return len(attempts)


def _digest(raw: bytes) -> bytes:
    return hashlib.blake2b(raw, digest_size=16).digest()


def import_files(store: ProgressStore, paths: Sequence[Path]) -> list[ImportResult]:
    """Check every file first; only when all are fine, merge them into the store.

    Streams: the first pass checks one file at a time and keeps only a digest of its bytes; the
    second reads each file again, makes sure it holds the bytes that were checked, and merges
    it. Memory does not grow with the number of files (see bench/import.py). Importing a file
    again adds nothing. Raises ExportError listing every refused file; the store is then
    untouched. A file changed between the passes stops the import with a message saying how
    many files went in already (importing again is safe).
    """
    paths = [Path(p) for p in paths]
    problems, digests = [], []
    for path in paths:
        try:
            raw = read_bytes(path)
            check_export(raw)
            digests.append(_digest(raw))
        except Refused as reason:
            problems.append(refused(path, reason).message)
    if problems:
        lines = "\n".join(f"- {p}" for p in problems)
        raise ExportError(f"Er is niets geïmporteerd.\n{lines}")
    with deferred_dir_sync():  # one folder sync at the end: the import is confirmed then
        return _merge(store, paths, digests)


def _merge(store: ProgressStore, paths: list[Path], digests: list[bytes]) -> list[ImportResult]:
    """The second pass of import_files: read each checked file again and merge it."""
    results: list[ImportResult] = []
    for path, digest in zip(paths, digests, strict=True):
        try:
            raw = read_bytes(path)
            if _digest(raw) != digest:
                raise Refused("het is veranderd tijdens het importeren")
        except Refused as reason:
            done = "is al 1 bestand" if len(results) == 1 else f"zijn al {len(results)} bestanden"
            raise ExportError(
                f"{refused(path, reason).message} Er {done} geïmporteerd. "
                "Importeer opnieuw: dubbel importeren verandert niets."
            ) from None
        profile, attempts = load_checked(raw)  # the very bytes checked in the first pass
        added = store.import_learner(profile, attempts)
        results.append(ImportResult(path, profile, added, len(attempts)))
    return results
