"""The local progress store: one crash-safe TinyDB file per learner under `<root>/learners/`.

The file mechanics (paths, locked edits, checked reads, bulk reads) are in learner_files.py."""

from __future__ import annotations

from typing import Any

from tinydb import where

from wijzer_tui.domain.errors import StoreError, os_reason
from wijzer_tui.domain.progress import explore
from wijzer_tui.domain.progress import scan as scan_table
from wijzer_tui.domain.progress.drafts import DRAFTS, REMOVE, clean_draft, drafts_of, without_draft
from wijzer_tui.domain.progress.learner_docs import (
    ATTEMPTS,
    PROFILE,
    check_profile,
    to_doc,
)
from wijzer_tui.domain.progress.learner_files import (
    NO_ATTEMPT,
    NOT_FOUND,
    LearnerFiles,
)
from wijzer_tui.domain.progress.paths import _fsync_dir
from wijzer_tui.domain.progress.records import (
    Answer,
    Attempt,
    Profile,
    clean_label,
    new_id,
    now_iso,
    record_of,
)
from wijzer_tui.domain.progress.storage import (
    DamagedFileError,
    locked,
    open_db,
)

_OVER = ("finished", "stopped")


class ProgressStore(LearnerFiles):
    """Profiles and attempts of every learner on this machine.

    Each learner has one file `<root>/learners/<id>.json` with the TinyDB tables `profile` (one
    document) and `attempts` (one per attempt). Every change runs under a file lock, re-reads
    the file and replaces it atomically: it is durable when the method returns, and two windows
    on one learner lose nothing. Damaged files are set aside, never overwritten, and `warnings`
    gets a Dutch message for the user. Folders are created (0700) on the first write.

    Every read and write goes through TinyDB's Table API on `storage.WijzerStorage`: reads on
    `open_db`, changes in `locked_db` (one atomic write per change, see storage).
    """

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
        check_profile(profile)
        with self._edit(profile.id, new=True) as db:
            db.table(PROFILE).insert(to_doc(profile))
        return profile

    def update_profile(self, profile: Profile) -> None:
        """Save changed fields (name, beroepsgroep, sharing, ...) of an existing learner."""
        check_profile(profile)
        with self._edit(profile.id) as db:  # _edit checked: exactly one profile document
            db.table(PROFILE).update(to_doc(profile))

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
        role: str = "",
    ) -> Attempt:
        """Start a new attempt (also for a retry: history is never overwritten)."""
        if mode not in ("self", "team"):
            raise StoreError(f"Onbekende manier van oefenen: {mode!r}.")
        attempt = Attempt(new_id(), learner_id, scenario_id, content_version, mode)  # type: ignore[arg-type]
        attempt.team_session_id = team_session_id
        attempt.role = role
        with self._edit(learner_id) as db:
            db.table(ATTEMPTS).insert(to_doc(attempt))
        return attempt

    def save_answer(
        self, learner_id: str, attempt_id: str, answer: Answer, position: str | None = None
    ) -> Attempt:
        """Add an answer to a busy attempt (durable before this returns); return the attempt.
        The answer replaces the step's draft, in the same write."""
        fields: dict[str, Any] = {} if position is None else {"position": position}
        return self._change_attempt(
            learner_id,
            attempt_id,
            lambda doc: {
                **fields,
                **without_draft(doc, answer.step_id),
                "answers": [*doc.get("answers", []), answer.to_dict()],
            },
        )

    def set_position(self, learner_id: str, attempt_id: str, position: str) -> None:
        """Remember where a busy attempt is, to resume there; ignored once it is over."""
        self._change_attempt(learner_id, attempt_id, lambda _: {"position": position}, _OVER)

    def finish_attempt(
        self, learner_id: str, attempt_id: str, score: int, ending: str | None = None
    ) -> Attempt:
        """Mark a busy attempt finished with its score (and the ending reached). An already
        finished attempt is returned unchanged (never overwritten); a stopped one raises StoreError."""
        change = {"status": "finished", "finished": now_iso(), "score": int(score), DRAFTS: REMOVE}
        if ending:
            change["ending"] = ending
        return self._change_attempt(learner_id, attempt_id, lambda _: change, ("finished",))

    def stop_attempt(self, learner_id: str, attempt_id: str) -> None:
        """Mark a busy attempt stopped (the learner gave it up); a finished one stays finished."""
        change = {"status": "stopped", DRAFTS: REMOVE}  # its unconfirmed input goes with it
        self._change_attempt(learner_id, attempt_id, lambda _: change, _OVER)

    def attempts(self, learner_id: str, scenario_id: str | None = None) -> list[Attempt]:
        """A learner's attempts, oldest first; only those of `scenario_id` when given."""
        attempts = self._load(learner_id)[1]
        return [a for a in attempts if scenario_id is None or a.scenario_id == scenario_id]

    def attempt(self, learner_id: str, attempt_id: str) -> Attempt:
        """One attempt; StoreError when unknown."""
        for attempt in self._load(learner_id)[1]:
            if attempt.id == attempt_id:
                return attempt
        raise StoreError(NO_ATTEMPT)

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

    # -- drafts: typed but not yet confirmed (personal; never in reports or exports) ---------

    def save_draft(
        self, learner_id: str, attempt_id: str, step_id: str, draft: dict[str, Any] | None
    ) -> None:
        """Keep the unconfirmed input of a step of a busy attempt (`option_ids`, `reflection`,
        `ticked_tips`); None or an empty draft removes it. Ignored once the attempt is over."""
        kept = clean_draft(draft)

        def change(doc: dict[str, Any]) -> dict[str, Any]:
            if not kept:
                return without_draft(doc, step_id)
            return {DRAFTS: {**drafts_of(doc), step_id: kept}}

        self._change_attempt(learner_id, attempt_id, change, _OVER)

    def drafts(self, learner_id: str, attempt_id: str) -> dict[str, dict[str, Any]]:
        """The drafts of an attempt by step id; empty when there are none."""
        path = self._path(learner_id)
        try:
            db = open_db(path)
            if not db.exists():
                raise StoreError(NOT_FOUND)
            doc = db.table(ATTEMPTS).get(where("id") == attempt_id)
        except DamagedFileError as error:
            raise self._damaged(error) from error
        if doc is None:
            raise StoreError(NO_ATTEMPT)
        return drafts_of(doc)

    # -- reports and import ------------------------------------------------------------------

    def import_learner(self, profile: Profile, attempts: list[Attempt]) -> int:
        """Merge a learner from an export in one atomic write: add attempts whose id is new, keep
        existing ones (and an existing profile). Returns the number added; importing again adds
        nothing. A damaged file for this learner is set aside first and a fresh one started."""
        check_profile(profile)
        self._read(self._path(profile.id))  # sets a damaged file aside, like any read
        with self._edit(profile.id, new=True) as db:
            if not db.table(PROFILE):
                db.table(PROFILE).insert(to_doc(profile))
            table = db.table(ATTEMPTS)
            seen = {doc.get("id") for doc in table}
            new = []
            for attempt in attempts:
                if attempt.id not in seen:
                    seen.add(attempt.id)
                    new.append({**to_doc(attempt), "learner_id": profile.id})
            table.insert_multiple(new)
            return len(new)

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
            return scan_table.scans_in(open_db(path))
        except DamagedFileError as error:
            self._damaged(error)
            return []

    # -- Wat als…? (the separate table `explorations`, see explore.py) -----------------------

    def save_exploration(self, exploration: explore.Exploration) -> None:
        """Save an explored branch (practice) beside its attempt; the attempt never changes."""
        path = self._path(exploration.learner_id)
        try:
            explore.save_in(path, exploration)
        except DamagedFileError as error:
            raise self._damaged(error) from error

    def explorations(
        self, learner_id: str, attempt_id: str | None = None
    ) -> list[explore.Exploration]:
        """A learner's explored branches, oldest first (of one attempt when given)."""
        try:
            return explore.explorations_in(open_db(self._path(learner_id)), attempt_id)
        except DamagedFileError as error:
            self._damaged(error)
            return []
