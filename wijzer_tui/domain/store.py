"""The local progress store: one crash-safe TinyDB file per learner under `<root>/learners/`."""

from __future__ import annotations

import os
import re
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from tinydb import TinyDB, where

from wijzer_tui.domain.errors import StoreError
from wijzer_tui.domain.paths import ensure_private_dir
from wijzer_tui.domain.records import (
    BEROEPSGROEPEN,
    SCHEMA_VERSION,
    Answer,
    Attempt,
    Profile,
    new_id,
    now_iso,
)
from wijzer_tui.domain.storage import (
    DamagedFileError,
    Data,
    locked_db,
    read_data,
    recheck_and_set_aside,
    set_aside,
)

# Learner ids become file names: no dots, slashes or other surprises.
_ID = re.compile(r"[A-Za-z0-9_-]{1,64}\Z")
_FILE = re.compile(r"([A-Za-z0-9_-]{1,64})\.json\Z")
_STATUSES = ("busy", "finished", "stopped")
_MODES = ("self", "team")


def _doc(record: Profile | Attempt) -> dict[str, Any]:
    """A stored document: the record's data plus its schema version."""
    return {**record.to_dict(), "schema_version": SCHEMA_VERSION}


def _profile_of(path: Path, data: Data) -> Profile:
    """The Profile of a learner file; DamagedFileError when it is not one."""
    table = data.get("profile", {})
    if len(table) != 1:
        raise DamagedFileError(path, "het profiel ontbreekt")
    doc = next(iter(table.values()))
    try:
        profile = Profile.from_dict(doc)
    except TypeError as exc:
        raise DamagedFileError(path, "het profiel is onvolledig") from exc
    if profile.id != path.stem or not isinstance(profile.name, str):
        raise DamagedFileError(path, "het profiel past niet bij de bestandsnaam")
    return profile


def _attempt_of(path: Path, doc: dict[str, Any]) -> Attempt:
    """An Attempt from a stored document; DamagedFileError when it has the wrong shape."""
    try:
        attempt = Attempt.from_dict(doc)
        ok = (
            isinstance(attempt.id, str)
            and attempt.status in _STATUSES
            and all(isinstance(a.step_id, str) for a in attempt.answers)
        )
    except (TypeError, AttributeError, KeyError) as exc:
        raise DamagedFileError(path, "een poging is onvolledig") from exc
    if not ok:
        raise DamagedFileError(path, "een poging heeft een verkeerde vorm")
    return attempt


def _attempts_of(path: Path, data: Data) -> list[Attempt]:
    """All attempts of a learner file, oldest first (start time, then order of saving)."""
    try:
        rows = sorted(
            data.get("attempts", {}).items(), key=lambda kv: (kv[1]["started"], int(kv[0]))
        )
        return [_attempt_of(path, doc) for _, doc in rows]
    except (KeyError, TypeError) as exc:  # no start time, or one that is not text
        raise DamagedFileError(path, "een poging heeft een verkeerde vorm") from exc


def _check_learner(path: Path, data: Data) -> None:
    """Raise DamagedFileError unless `data` is a complete learner file."""
    _profile_of(path, data)
    _attempts_of(path, data)


class ProgressStore:
    """Profiles and attempts of every learner on this machine.

    Each learner has one file `<root>/learners/<id>.json` with the TinyDB tables `profile` (one
    document) and `attempts` (one document per attempt). Every change runs under a file lock,
    re-reads the file and replaces it atomically, so it is durable when the method returns and
    two windows on one learner lose nothing. Damaged files are set aside, never overwritten;
    `warnings` then holds a Dutch message for the user. Folders are created on the first write.
    """

    def __init__(self, root: Path) -> None:
        self.root = Path(root)
        self.warnings: list[str] = []

    # -- files -------------------------------------------------------------------------------

    @property
    def learners_dir(self) -> Path:
        """The folder with one file per learner."""
        return self.root / "learners"

    def _path(self, learner_id: str) -> Path:
        if not isinstance(learner_id, str) or not _ID.match(learner_id):
            raise StoreError(f"Onbekende leerling: {learner_id!r}.")
        return self.learners_dir / f"{learner_id}.json"

    def _read(self, path: Path) -> tuple[Profile, list[Attempt]] | None:
        """One learner file without locking (files are only ever replaced whole).

        The whole file is checked, so a learner that is listed can also be opened.
        """
        try:
            data = read_data(path)
            if data is None:
                return None
            profile = _profile_of(path, data)
            return profile, _attempts_of(path, data)
        except DamagedFileError as error:
            recheck_and_set_aside(error, _check_learner, self.warnings)
            return None

    def _read_all(self) -> list[tuple[Profile, list[Attempt]]]:
        try:
            names = sorted(entry.name for entry in os.scandir(self.learners_dir))
        except FileNotFoundError:
            return []
        except OSError as exc:
            raise StoreError(f"De map {self.learners_dir} kon niet worden gelezen.") from exc
        records = []
        for name in names:
            if _FILE.match(name):
                record = self._read(self.learners_dir / name)
                if record is not None:
                    records.append(record)
        records.sort(key=lambda r: (r[0].name.casefold(), r[0].id))
        return records

    def _load(self, learner_id: str) -> tuple[Profile, list[Attempt]]:
        record = self._read(self._path(learner_id))
        if record is None:
            raise StoreError("Deze leerling is niet gevonden.")
        return record

    @contextmanager
    def _write(self, learner_id: str, *, new: bool = False) -> Iterator[TinyDB]:
        """A locked, freshly read TinyDB for one learner; a damaged file is set aside first.

        Raises StoreError when the learner does not exist, unless `new`.
        """
        path = self._path(learner_id)
        ensure_private_dir(self.root)
        ensure_private_dir(self.learners_dir)
        with locked_db(path) as db:
            try:
                data = db.storage.read()
                if data is not None:
                    _profile_of(path, data)
            except DamagedFileError as error:
                message = set_aside(error, self.warnings)
                if not new:
                    raise StoreError(message) from error
                db.storage.forget()  # start a fresh file
                data = None
            if data is None and not new:
                raise StoreError("Deze leerling is niet gevonden.")
            try:
                yield db
            except DamagedFileError as error:
                raise StoreError(set_aside(error, self.warnings)) from error

    def _change_attempt(
        self,
        learner_id: str,
        attempt_id: str,
        change: Callable[[dict[str, Any]], dict[str, Any]],
        keep: tuple[str, ...] = (),
    ) -> Attempt:
        """Apply `change(doc)` (new field values) to a busy attempt and return the new Attempt.

        An attempt whose status is in `keep` is returned unchanged; any other non-busy one
        raises StoreError, so history is never overwritten.
        """
        path = self._path(learner_id)
        with self._write(learner_id) as db:
            table = db.table("attempts")
            doc = table.get(where("id") == attempt_id)
            if doc is None:
                raise StoreError("Deze poging is niet gevonden.")
            current = _attempt_of(path, doc)
            if current.status in keep:
                return current
            if current.status != "busy":
                raise StoreError("Deze poging is al afgerond of gestopt, ook in een ander venster.")
            fields = change(doc)
            updated = _attempt_of(path, {**doc, **fields})
            table.update(fields, doc_ids=[doc.doc_id])
            return updated

    # -- profiles ------------------------------------------------------------------------------

    def profiles(self) -> list[Profile]:
        """All learners on this machine, sorted by name."""
        return [profile for profile, _ in self._read_all()]

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
        profile = Profile(
            id=new_id(),
            name=name.strip(),
            beroepsgroep=beroepsgroep,
            organisation=organisation.strip(),
            team=team.strip(),
            synthetic=synthetic,
        )
        _check_profile(profile)
        with self._write(profile.id, new=True) as db:
            db.table("profile").insert(_doc(profile))
        return profile

    def update_profile(self, profile: Profile) -> None:
        """Save changed profile fields (name, beroepsgroep, sharing, ...) of an existing learner."""
        _check_profile(profile)
        with self._write(profile.id) as db:
            table = db.table("profile")
            table.update(_doc(profile), doc_ids=[table.all()[0].doc_id])

    # -- attempts ------------------------------------------------------------------------------

    def start_attempt(
        self,
        learner_id: str,
        scenario_id: str,
        content_version: int,
        mode: str = "self",
        team_session_id: str | None = None,
    ) -> Attempt:
        """Start a new attempt (also for a retry: history is never overwritten)."""
        if mode not in _MODES:
            raise StoreError(f"Onbekende manier van oefenen: {mode!r}.")
        attempt = Attempt(
            id=new_id(),
            learner_id=learner_id,
            scenario_id=scenario_id,
            content_version=content_version,
            mode=mode,  # type: ignore[arg-type]  # checked above
            team_session_id=team_session_id,
        )
        with self._write(learner_id) as db:
            db.table("attempts").insert(_doc(attempt))
        return attempt

    def save_answer(
        self, learner_id: str, attempt_id: str, answer: Answer, position: str | None = None
    ) -> Attempt:
        """Add an answer to a busy attempt (durable before this returns); return the attempt."""

        def change(doc: dict[str, Any]) -> dict[str, Any]:
            fields: dict[str, Any] = {"answers": [*doc["answers"], answer.to_dict()]}
            if position is not None:
                fields["position"] = position
            return fields

        return self._change_attempt(learner_id, attempt_id, change)

    def set_position(self, learner_id: str, attempt_id: str, position: str) -> None:
        """Remember where a busy attempt is, to resume there; ignored once it is over."""
        over = ("finished", "stopped")
        self._change_attempt(learner_id, attempt_id, lambda _: {"position": position}, over)

    def finish_attempt(self, learner_id: str, attempt_id: str, score: int) -> Attempt:
        """Mark a busy attempt finished with its score. An already finished attempt is returned
        unchanged (never overwritten); a stopped one raises StoreError."""
        change = {"status": "finished", "finished": now_iso(), "score": int(score)}
        return self._change_attempt(learner_id, attempt_id, lambda _: change, ("finished",))

    def stop_attempt(self, learner_id: str, attempt_id: str) -> None:
        """Mark a busy attempt stopped (the learner gave it up); a finished one stays finished."""
        over = ("finished", "stopped")
        self._change_attempt(learner_id, attempt_id, lambda _: {"status": "stopped"}, over)

    def attempts(self, learner_id: str, scenario_id: str | None = None) -> list[Attempt]:
        """A learner's attempts, oldest first; only those of `scenario_id` when given."""
        attempts = self._load(learner_id)[1]
        if scenario_id is None:
            return attempts
        return [a for a in attempts if a.scenario_id == scenario_id]

    def attempt(self, learner_id: str, attempt_id: str) -> Attempt:
        """One attempt; StoreError when unknown."""
        for attempt in self._load(learner_id)[1]:
            if attempt.id == attempt_id:
                return attempt
        raise StoreError("Deze poging is niet gevonden.")

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
        finished = [a for a in self.attempts(learner_id, scenario_id) if a.status == "finished"]
        if not finished:
            return None
        ranked = enumerate(finished)
        return max(ranked, key=lambda ia: (ia[1].score or 0, ia[1].finished or "", ia[0]))[1]

    # -- reports and import ----------------------------------------------------------------

    def all_records(self) -> list[tuple[Profile, list[Attempt]]]:
        """Every learner with all attempts (oldest first), sorted by name. Parses each file once."""
        return self._read_all()

    def import_learner(self, profile: Profile, attempts: list[Attempt]) -> int:
        """Merge a learner from an export: add attempts whose id is new, keep existing ones
        (and an existing profile). Returns the number added; importing again adds nothing."""
        _check_profile(profile)
        with self._write(profile.id, new=True) as db:
            if not db.table("profile"):
                db.table("profile").insert(_doc(profile))
            table = db.table("attempts")
            seen = {doc.get("id") for doc in table.all()}
            added = []
            for attempt in attempts:
                if attempt.id not in seen:
                    seen.add(attempt.id)
                    attempt = Attempt.from_dict({**attempt.to_dict(), "learner_id": profile.id})
                    added.append(_doc(attempt))
            if added:
                table.insert_multiple(added)
            return len(added)


def _check_profile(profile: Profile) -> None:
    """Refuse a profile the app could not show or store."""
    if not profile.name.strip():
        raise StoreError("Vul een naam in.")
    if profile.beroepsgroep not in BEROEPSGROEPEN:
        raise StoreError(f"Onbekende beroepsgroep: {profile.beroepsgroep!r}.")
    if not _ID.match(profile.id):
        raise StoreError(f"Onbekende leerling: {profile.id!r}.")
