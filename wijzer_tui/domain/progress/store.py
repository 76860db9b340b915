"""The local progress store: one crash-safe TinyDB file per learner under `<root>/learners/`."""

from __future__ import annotations

import gc
import json
import os
import re
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from itertools import pairwise
from pathlib import Path
from typing import Any

from wijzer_tui.domain.errors import StoreError
from wijzer_tui.domain.progress import scan as scan_table
from wijzer_tui.domain.progress.paths import _fsync_dir, ensure_private_dir, os_reason
from wijzer_tui.domain.progress.records import (
    BEROEPSGROEPEN,
    SCHEMA_VERSION,
    Answer,
    Attempt,
    Profile,
    clean_label,
    new_id,
    now_iso,
    record_of,
    stored_builder,
)
from wijzer_tui.domain.progress.storage import (
    DamagedFileError,
    Data,
    Edit,
    dumps,
    edit,
    locked,
    read_data,
    recheck_and_set_aside,
)

# Learner ids become file names: no dots, slashes or other surprises.
_ID = re.compile(r"[A-Za-z0-9_-]{1,64}\Z")
_FILE = re.compile(r"[A-Za-z0-9_-]{1,64}\.json\Z")
_STATUSES = ("busy", "finished", "stopped")
_OVER = ("finished", "stopped")
_NOT_FOUND = "Deze leerling is niet gevonden."
_NO_ATTEMPT = "Deze poging is niet gevonden."
_new_answer = stored_builder(Answer)
_new_attempt = stored_builder(Attempt)
_new_profile = stored_builder(Profile)


@contextmanager
def paused_gc() -> Iterator[None]:
    """Pause the cyclic garbage collector while building many long-lived objects at once.

    Each young-generation pass rescans everything built so far (for reports that cost 2x the
    reading). Records and report rows hold no reference cycles, so refcounting still frees them.
    Nests: the collector is switched back on only if it was on when the block started.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def _doc(record: Profile | Attempt) -> dict[str, Any]:
    """A stored document: the record's data plus its schema version."""
    return {**record.to_dict(), "schema_version": SCHEMA_VERSION}


def _profile_of(path: Path, data: Data) -> Profile:
    """The Profile of a learner file; DamagedFileError when it is not one."""
    table = data.get("profile", {})
    if len(table) != 1:
        raise DamagedFileError(path, "het profiel ontbreekt")
    try:
        fields = dict(next(iter(table.values())))  # a copy: `data` may be an edit's cache
        fields.pop("schema_version", None)
        profile: Profile = _new_profile(fields)
    except TypeError as exc:
        raise DamagedFileError(path, "het profiel is onvolledig") from exc
    if profile.id != path.stem or not isinstance(profile.name, str):
        raise DamagedFileError(path, "het profiel past niet bij de bestandsnaam")
    return profile


def _attempt_of(path: Path, doc: dict[str, Any]) -> Attempt:
    """An Attempt from a stored document; DamagedFileError when it has the wrong shape.

    Builds in place: `doc` becomes the Attempt's data, so pass a fresh parse or a private copy.
    """
    try:
        doc.pop("schema_version", None)
        doc["answers"] = [_new_answer(a) for a in doc.get("answers", [])]
        attempt: Attempt = _new_attempt(doc)
    except (TypeError, AttributeError) as exc:
        raise DamagedFileError(path, "een poging is onvolledig") from exc
    if not isinstance(attempt.id, str) or attempt.status not in _STATUSES:
        raise DamagedFileError(path, "een poging heeft een verkeerde vorm")
    return attempt


def _private(doc: dict[str, Any]) -> dict[str, Any]:
    """A deep copy of a document: an edit's data stays cached and must not be shared."""
    return json.loads(dumps(doc))


def _attempts_of(path: Path, data: Data) -> list[Attempt]:
    """All attempts of a learner file, oldest first (start time, then order of saving).

    Builds in place from `data` (see _attempt_of): pass a fresh parse.
    """
    table = data.get("attempts", {})
    docs = list(table.values())
    try:
        starts = [doc["started"] for doc in docs]
        # Attempts are saved in the order they start: only sort when the file says otherwise.
        if not all(a < b for a, b in pairwise(starts)):
            ordered = sorted(table.items(), key=lambda kv: (kv[1]["started"], int(kv[0])))
            docs = [doc for _, doc in ordered]
    except (KeyError, TypeError) as exc:  # no start time, or one that is not text
        raise DamagedFileError(path, "een poging heeft een verkeerde vorm") from exc
    return [_attempt_of(path, doc) for doc in docs]


def _check_learner(path: Path, data: Data) -> None:
    """Raise DamagedFileError unless `data` is a complete learner file."""
    _profile_of(path, data)
    _attempts_of(path, data)


def _check_profile(profile: Profile) -> None:
    """Refuse a profile the app could not show or store."""
    if not profile.name.strip():
        raise StoreError("Vul een naam in.")
    if profile.beroepsgroep not in BEROEPSGROEPEN:
        raise StoreError(f"Onbekende beroepsgroep: {profile.beroepsgroep!r}.")
    if not _ID.match(profile.id):
        raise StoreError(f"Onbekende leerling: {profile.id!r}.")


class ProgressStore:
    """Profiles and attempts of every learner on this machine.

    Each learner has one file `<root>/learners/<id>.json` with the TinyDB tables `profile` (one
    document) and `attempts` (one per attempt). Every change runs under a file lock, re-reads
    the file and replaces it atomically: it is durable when the method returns, and two windows
    on one learner lose nothing. Damaged files are set aside, never overwritten, and `warnings`
    gets a Dutch message for the user. Folders are created (0700) on the first write.

    Changes go through `storage.edit`, not TinyDB's Table API: TinyDB parses and serialises the
    whole file for each change (a save took 8x a bare atomic write at 200 attempts, see
    bench/store.py); `edit` reuses this process's last parse while the file is unchanged and
    serialises only the changed document. The files stay plain TinyDB files (`open_db` reads them).
    """

    def __init__(self, root: Path) -> None:
        self.root = Path(root)
        self.warnings: list[str] = []

    @property
    def learners_dir(self) -> Path:
        """The folder with one file per learner."""
        return self.root / "learners"

    def _path(self, learner_id: str) -> Path:
        if not isinstance(learner_id, str) or not _ID.match(learner_id):
            raise StoreError(f"Onbekende leerling: {learner_id!r}.")
        return self.learners_dir / f"{learner_id}.json"

    def _damaged(self, error: DamagedFileError) -> StoreError:
        """Set a damaged file aside (after checking again under its lock); the error to raise."""
        message = recheck_and_set_aside(error, _check_learner, self.warnings)
        return StoreError(message or "Je voortgang werd net door een ander venster veranderd.")

    def _read(self, path: Path) -> tuple[Profile, list[Attempt]] | None:
        """One learner file, checked whole so a listed learner can be opened. No lock needed:
        files are only ever replaced whole."""
        try:
            data = read_data(path)
            return None if data is None else (_profile_of(path, data), _attempts_of(path, data))
        except DamagedFileError as error:
            self._damaged(error)
            return None

    def _load(self, learner_id: str) -> tuple[Profile, list[Attempt]]:
        record = self._read(self._path(learner_id))
        if record is None:
            raise StoreError(_NOT_FOUND)
        return record

    def _dirs(self) -> None:
        ensure_private_dir(self.root)
        ensure_private_dir(self.learners_dir)

    @contextmanager
    def _edit(self, learner_id: str, *, new: bool = False) -> Iterator[Edit]:
        """A locked edit of a learner's file; StoreError when it does not exist, unless `new`."""
        path = self._path(learner_id)
        self._dirs()
        try:
            with edit(path) as current:
                if current.data is None and not new:
                    raise StoreError(_NOT_FOUND)
                if current.data is not None:
                    _profile_of(path, current.data)
                yield current
        except DamagedFileError as error:
            raise self._damaged(error) from error

    def _change_attempt(
        self,
        learner_id: str,
        attempt_id: str,
        change: Callable[[dict[str, Any]], dict[str, Any]],
        keep: tuple[str, ...] = (),
    ) -> Attempt:
        """Apply `change(doc)` (new field values) to a busy attempt; return the new Attempt.

        An attempt whose status is in `keep` is returned unchanged; any other attempt that is no
        longer busy raises StoreError, so history is never overwritten.
        """
        path = self._path(learner_id)
        with self._edit(learner_id) as current:
            table = (current.data or {}).get("attempts", {})
            doc_id = next((k for k, d in table.items() if d.get("id") == attempt_id), None)
            if doc_id is None:
                raise StoreError(_NO_ATTEMPT)
            doc = table[doc_id]
            status = doc.get("status")
            if status in keep:
                return _attempt_of(path, _private(doc))
            if status not in _STATUSES:
                raise DamagedFileError(path, "een poging heeft een verkeerde vorm")
            if status != "busy":
                raise StoreError("Deze poging is al afgerond of gestopt, ook in een ander venster.")
            new_doc = {**doc, **change(doc)}
            updated = _attempt_of(path, _private(new_doc))
            current.put("attempts", doc_id, new_doc)
            return updated

    # -- profiles ----------------------------------------------------------------------------

    def profiles(self) -> list[Profile]:
        """All learners on this machine, sorted by name."""
        return [profile for profile, _ in self.all_records()]

    def profile(self, learner_id: str) -> Profile:
        """One learner; StoreError when unknown."""
        return self._load(learner_id)[0]

    def create_profile(
        self,
        name: str,
        beroepsgroep: str,
        organisation: str = "",
        team: str = "",
        *,
        synthetic: bool = False,
    ) -> Profile:
        """Create and save a new learner."""
        profile = Profile(new_id(), clean_label(name), beroepsgroep, clean_label(organisation))
        profile.team, profile.synthetic = clean_label(team), synthetic
        _check_profile(profile)
        with self._edit(profile.id, new=True) as current:
            current.insert("profile", _doc(profile))
        return profile

    def update_profile(self, profile: Profile) -> None:
        """Save changed fields (name, beroepsgroep, sharing, ...) of an existing learner."""
        _check_profile(profile)
        with self._edit(profile.id) as current:
            doc_id = next(iter((current.data or {})["profile"]))
            current.put("profile", doc_id, _doc(profile))

    def remove_learner(self, learner_id: str) -> bool:
        """Delete a learner's file (a duplicate merged into another learner), durably.

        False when it was already gone, so a merge run again after a crash simply goes on.
        """
        path = self._path(learner_id)
        with locked(path):
            try:
                path.unlink()
            except FileNotFoundError:
                return False
            except OSError as exc:
                raise StoreError(
                    f"{path.name} kon niet worden verwijderd ({os_reason(exc)})."
                ) from exc
            _fsync_dir(path.parent)  # the removal survives a power cut
        return True

    # -- attempts ----------------------------------------------------------------------------

    def start_attempt(
        self,
        learner_id: str,
        scenario_id: str,
        content_version: int,
        mode: str = "self",
        team_session_id: str | None = None,
    ) -> Attempt:
        """Start a new attempt (also for a retry: history is never overwritten)."""
        if mode not in ("self", "team"):
            raise StoreError(f"Onbekende manier van oefenen: {mode!r}.")
        attempt = Attempt(new_id(), learner_id, scenario_id, content_version, mode)  # type: ignore[arg-type]
        attempt.team_session_id = team_session_id
        with self._edit(learner_id) as current:
            current.insert("attempts", _doc(attempt))
        return attempt

    def save_answer(
        self, learner_id: str, attempt_id: str, answer: Answer, position: str | None = None
    ) -> Attempt:
        """Add an answer to a busy attempt (durable before this returns); return the attempt."""
        fields: dict[str, Any] = {} if position is None else {"position": position}
        return self._change_attempt(
            learner_id,
            attempt_id,
            lambda doc: {**fields, "answers": [*doc.get("answers", []), answer.to_dict()]},
        )

    def set_position(self, learner_id: str, attempt_id: str, position: str) -> None:
        """Remember where a busy attempt is, to resume there; ignored once it is over."""
        self._change_attempt(learner_id, attempt_id, lambda _: {"position": position}, _OVER)

    def finish_attempt(self, learner_id: str, attempt_id: str, score: int) -> Attempt:
        """Mark a busy attempt finished with its score. An already finished attempt is returned
        unchanged (never overwritten); a stopped one raises StoreError."""
        change = {"status": "finished", "finished": now_iso(), "score": int(score)}
        return self._change_attempt(learner_id, attempt_id, lambda _: change, ("finished",))

    def stop_attempt(self, learner_id: str, attempt_id: str) -> None:
        """Mark a busy attempt stopped (the learner gave it up); a finished one stays finished."""
        self._change_attempt(learner_id, attempt_id, lambda _: {"status": "stopped"}, _OVER)

    def attempts(self, learner_id: str, scenario_id: str | None = None) -> list[Attempt]:
        """A learner's attempts, oldest first; only those of `scenario_id` when given."""
        attempts = self._load(learner_id)[1]
        return [a for a in attempts if scenario_id is None or a.scenario_id == scenario_id]

    def attempt(self, learner_id: str, attempt_id: str) -> Attempt:
        """One attempt; StoreError when unknown."""
        for attempt in self._load(learner_id)[1]:
            if attempt.id == attempt_id:
                return attempt
        raise StoreError(_NO_ATTEMPT)

    def busy_attempt(self, learner_id: str, scenario_id: str | None = None) -> Attempt | None:
        """The newest attempt still busy (to resume), optionally for one scenario."""
        busy = [a for a in self.attempts(learner_id, scenario_id) if a.status == "busy"]
        return busy[-1] if busy else None

    def record_attempt(self, learner_id: str, scenario_id: str) -> Attempt | None:
        """The attempt that counts for the learner's record of a scenario.

        Rule: among the *finished* attempts, the one with the highest score; on a tie the one
        finished last (then the one started last). Busy and stopped attempts never count.
        None when no attempt of this scenario is finished.
        """
        return record_of(self.attempts(learner_id, scenario_id))

    # -- reports and import ------------------------------------------------------------------

    def iter_records(self) -> Iterator[tuple[Profile, list[Attempt]]]:
        """Every learner with all attempts (oldest first), one file at a time, by file name.

        For reports that keep only a summary per learner: each learner's records can be freed
        as soon as its row is made. Damaged files are set aside as by every other read.
        """
        folder = self.learners_dir
        try:
            names = sorted(entry.name for entry in os.scandir(folder))
        except FileNotFoundError:
            return
        except OSError as exc:
            raise StoreError(f"De map {folder} kon niet worden gelezen.") from exc
        for name in filter(_FILE.match, names):
            record = self._read(folder / name)
            if record is not None:
                yield record

    def all_records(self) -> list[tuple[Profile, list[Attempt]]]:
        """Every learner with all attempts (oldest first), sorted by name. Parses each file once."""
        with paused_gc():
            records = list(self.iter_records())
            records.sort(key=lambda r: (r[0].name.casefold(), r[0].id))
        return records

    def import_learner(self, profile: Profile, attempts: list[Attempt]) -> int:
        """Merge a learner from an export in one atomic write: add attempts whose id is new, keep
        existing ones (and an existing profile). Returns the number added; importing again adds
        nothing. A damaged file for this learner is set aside first and a fresh one started."""
        _check_profile(profile)
        self._read(self._path(profile.id))  # sets a damaged file aside, like any read
        with self._edit(profile.id, new=True) as current:
            if not (current.data or {}).get("profile"):
                current.insert("profile", _doc(profile))
            seen = {doc.get("id") for doc in (current.data or {}).get("attempts", {}).values()}
            added = 0
            for attempt in attempts:
                if attempt.id not in seen:
                    seen.add(attempt.id)
                    current.insert("attempts", {**_doc(attempt), "learner_id": profile.id})
                    added += 1
            return added

    # -- frustratiescan (the separate table `scans`, see scan.py) ----------------------------

    def save_scan(self, scan: scan_table.Scan) -> None:
        """Add a frustratiescan to its learner's file; StoreError when the learner is unknown."""
        path = self._path(scan.learner_id)
        try:
            scan_table.insert_scan(path, scan)
        except DamagedFileError as error:
            raise self._damaged(error) from error

    def import_scans(self, learner_id: str, scans: list[scan_table.Scan]) -> int:
        """Add the scans whose id is new (importing twice adds nothing); the number added."""
        known = {scan.id for scan in self.scans(learner_id)}
        new = [scan for scan in scans if scan.id not in known and scan.learner_id == learner_id]
        for scan in new:
            self.save_scan(scan)
        return len(new)

    def scans(self, learner_id: str) -> list[scan_table.Scan]:
        """A learner's well-formed scans, oldest first (none when the file does not exist)."""
        path = self._path(learner_id)
        try:
            return scan_table.scans_in(read_data(path))
        except DamagedFileError as error:
            self._damaged(error)
            return []
