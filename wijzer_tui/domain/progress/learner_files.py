"""A learner's file and the folder of them: the paths, locked edits, checked reads of one file
and bulk reads of all, and damaged files set aside. The base of `store.ProgressStore`, which
adds the records' own operations (profiles, attempts, drafts, scans, explorations)."""

from __future__ import annotations

import gc
import re
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from tinydb import where

from wijzer_tui.domain.errors import StoreError
from wijzer_tui.domain.progress.damage import recheck_and_set_aside
from wijzer_tui.domain.progress.drafts import REMOVE
from wijzer_tui.domain.progress.learner_docs import (
    ATTEMPTS,
    LEARNER_ID,
    STATUSES,
    attempt_of,
    attempts_of,
    check_learner,
    private,
    profile_doc,
    profile_of,
)
from wijzer_tui.domain.progress.paths import ensure_private_dir, folder_names
from wijzer_tui.domain.progress.records import Attempt, Profile
from wijzer_tui.domain.progress.storage import DamagedFileError, WijzerDB, locked_db

_FILE = re.compile(r"[A-Za-z0-9_-]{1,64}\.json\Z")
NOT_FOUND = "Deze leerling is niet gevonden."
NO_ATTEMPT = "Deze poging is niet gevonden."


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


class LearnerFiles:
    """One crash-safe TinyDB file per learner under `<root>/learners/` (see ProgressStore)."""

    def __init__(self, root: Path) -> None:
        self.root = Path(root)
        self.warnings: list[str] = []

    @property
    def learners_dir(self) -> Path:
        """The folder with one file per learner."""
        return self.root / "learners"

    def _path(self, learner_id: str) -> Path:
        if not isinstance(learner_id, str) or not LEARNER_ID.match(learner_id):
            raise StoreError(f"Onbekende leerling: {learner_id!r}.")
        return self.learners_dir / f"{learner_id}.json"

    def _damaged(self, error: DamagedFileError) -> StoreError:
        """Set a damaged file aside (after checking again under its lock); the error to raise."""
        message = recheck_and_set_aside(error, check_learner, self.warnings)
        return StoreError(message or "Je voortgang werd net door een ander venster veranderd.")

    def _read(self, path: Path) -> tuple[Profile, list[Attempt]] | None:
        """One learner file, checked whole so a listed learner can be opened. No lock needed:
        files are only ever replaced whole."""
        from wijzer_tui.domain.progress.typed_read import open_learner  # msgspec: not at start-up

        try:
            db = open_learner(path)
            return (profile_of(path, db), attempts_of(path, db)) if db.exists() else None
        except DamagedFileError as error:
            self._damaged(error)
            return None

    def _load(self, learner_id: str) -> tuple[Profile, list[Attempt]]:
        record = self._read(self._path(learner_id))
        if record is None:
            raise StoreError(NOT_FOUND)
        return record

    def _dirs(self) -> None:
        ensure_private_dir(self.root)
        ensure_private_dir(self.learners_dir)

    @contextmanager
    def _edit(self, learner_id: str, *, new: bool = False) -> Iterator[WijzerDB]:
        """A locked edit of a learner's file; StoreError when it does not exist, unless `new`."""
        path = self._path(learner_id)
        self._dirs()
        try:
            with locked_db(path) as db:
                if db.exists():
                    profile_doc(path, db)
                elif not new:
                    raise StoreError(NOT_FOUND)
                yield db
        except DamagedFileError as error:
            raise self._damaged(error) from error

    def _change_attempt(
        self,
        learner_id: str,
        attempt_id: str,
        change: Callable[[dict[str, Any]], dict[str, Any]],
        keep: tuple[str, ...] = (),
    ) -> Attempt:
        """Apply `change(doc)` (new field values; `drafts.REMOVE` removes a key) to a busy
        attempt; return the new Attempt.

        An attempt whose status is in `keep` is returned unchanged; any other attempt that is no
        longer busy raises StoreError, so history is never overwritten.
        """
        path = self._path(learner_id)
        with self._edit(learner_id) as db:
            attempts = db.table(ATTEMPTS)
            doc = attempts.get(where("id") == attempt_id)
            if doc is None:
                raise StoreError(NO_ATTEMPT)
            status = doc.get("status")
            if status in keep:
                return attempt_of(path, private(doc))
            if status not in STATUSES:
                # pragma: no mutate start (set aside after a locked recheck, which names it)
                raise DamagedFileError(path, "een poging heeft een verkeerde vorm")
                # pragma: no mutate end
            if status != "busy":
                raise StoreError("Deze poging is al afgerond of gestopt, ook in een ander venster.")
            fields = change(doc)
            merged = {**doc, **fields}
            new_doc = {key: value for key, value in merged.items() if value is not REMOVE}

            def apply(stored: dict[str, Any]) -> None:  # TinyDB's update by callable
                stored.clear()
                stored.update(new_doc)

            attempts.update(apply, doc_ids=[doc.doc_id])
            return attempt_of(path, private(new_doc))

    def iter_records(self) -> Iterator[tuple[Profile, list[Attempt]]]:
        """Every learner with all attempts (oldest first), one file at a time, by file name.

        For reports that keep only a summary per learner: each learner's records can be freed
        as soon as its row is made. Damaged files are set aside as by every other read.
        """
        folder = self.learners_dir
        for name in filter(_FILE.match, folder_names(folder)):
            record = self._read(folder / name)
            if record is not None:
                yield record

    def all_records(self) -> list[tuple[Profile, list[Attempt]]]:
        """Every learner with all attempts (oldest first), sorted by name. Parses each file once."""
        with paused_gc():
            records = list(self.iter_records())
            records.sort(key=lambda r: (r[0].name.casefold(), r[0].id))
        return records
