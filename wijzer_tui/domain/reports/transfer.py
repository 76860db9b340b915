"""Learner export files and their checked import into a coordinator's progress store."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from wijzer_tui import __version__
from wijzer_tui.domain.errors import ExportError
from wijzer_tui.domain.progress.paths import deferred_dir_sync
from wijzer_tui.domain.progress.people import by_name, counted, describe, slug
from wijzer_tui.domain.progress.records import Attempt, Profile, now_iso
from wijzer_tui.domain.progress.store import ProgressStore
from wijzer_tui.domain.reports.exports import write_file
from wijzer_tui.domain.reports.import_check import (
    EXPORT_FORMAT,
    EXPORT_VERSION,
    Refused,
    check_export,
    load_checked,
    read_bytes,
    refused,
)


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
    more = len(profiles) - 20
    return names + (f" en nog {counted(more, 'andere', 'anderen')}" if more > 0 else "")


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
    text = json.dumps(
        data,
        ensure_ascii=False,  # pragma: no mutate (ensure_ascii=None is as false as False)
        indent=1,
    )
    write_file(path, text + "\n")
    return len(attempts)


def _digest(raw: bytes) -> bytes:
    # Only ever compared with another _digest: the size just sets the memory kept per file.
    return hashlib.blake2b(raw, digest_size=16).digest()  # pragma: no mutate (any size works)


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


def _so_far(count: int) -> str:
    """How many files an interrupted import took in, in Dutch."""
    if count == 0:
        return "Er is nog niets geïmporteerd."
    if count == 1:
        return "Er is al 1 bestand geïmporteerd."
    return f"Er zijn al {count} bestanden geïmporteerd."


def _merge(store: ProgressStore, paths: list[Path], digests: list[bytes]) -> list[ImportResult]:
    """The second pass of import_files: read each checked file again and merge it."""
    results: list[ImportResult] = []
    for path, digest in zip(paths, digests, strict=True):  # pragma: no mutate (one digest per path)
        try:
            raw = read_bytes(path)
            if _digest(raw) != digest:
                raise Refused("het is veranderd tijdens het importeren")
        except Refused as reason:
            raise ExportError(
                f"{refused(path, reason).message} {_so_far(len(results))} "
                "Importeer opnieuw: dubbel importeren verandert niets."
            ) from None
        profile, attempts, scans = load_checked(raw)  # the very bytes checked in the first pass
        added = store.import_learner(profile, attempts)
        store.import_scans(profile.id, scans)
        results.append(ImportResult(path, profile, added, len(attempts)))
    return results
