"""Team sessions on disk (one crash-safe file each) and the attendance records they lead to."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

from tinydb.table import Document

from wijzer_tui.domain.content.model import Scenario, Step
from wijzer_tui.domain.errors import StoreError
from wijzer_tui.domain.progress.damage import TEAM_FILE, recheck_and_set_aside
from wijzer_tui.domain.progress.paths import ensure_private_dir, folder_names
from wijzer_tui.domain.progress.records import (
    SCHEMA_VERSION,
    Attempt,
    Profile,
    RecordError,
    now_iso,
)
from wijzer_tui.domain.progress.storage import DamagedFileError, WijzerDB, locked_db, open_db
from wijzer_tui.domain.progress.store import ProgressStore
from wijzer_tui.domain.team.attendance import record_attendance  # also imported from here
from wijzer_tui.domain.team.group import InputMode
from wijzer_tui.domain.team.outline import page_label, page_range, sections
from wijzer_tui.domain.team.session import TeamError, TeamSession, agreement_draft_of

_FILE = re.compile(r"([A-Za-z0-9_-]{1,64})\.json\Z")
TABLE = "session"  # TinyDB table name: the file reads like every other wijzer file


def _session_of(path: Path, db: WijzerDB) -> TeamSession:
    """The session in a team file; DamagedFileError when it is not one."""
    docs = db.table(TABLE).all()
    if len(docs) != 1:
        raise DamagedFileError(path, "de sessie ontbreekt")
    try:
        session = TeamSession.from_dict(docs[0])
    except RecordError as exc:
        raise DamagedFileError(path, str(exc)) from exc
    except (KeyError, TypeError, ValueError, AttributeError) as exc:
        raise DamagedFileError(path, "de sessie is onvolledig") from exc
    if session.id != path.stem:
        raise DamagedFileError(path, "de sessie past niet bij de bestandsnaam")
    return session


class TeamStore:
    """Team sessions under `<root>/teams/<id>.json` (0600, folder 0700).

    Each save replaces the session's document in one atomic write under the file's lock
    (`storage.locked_db`), so a crash leaves the last saved state. Damaged files are set aside
    and reported in `warnings`, never overwritten.
    """

    def __init__(self, root: Path) -> None:
        self.root = Path(root)
        self.warnings: list[str] = []

    @property
    def folder(self) -> Path:
        """The folder with one file per session."""
        return self.root / "teams"

    def path(self, session_id: str) -> Path:
        """The file of one session."""
        if not _FILE.match(f"{session_id}.json"):
            raise StoreError(f"Onbekende teamsessie: {session_id!r}.")
        return self.folder / f"{session_id}.json"

    def save(self, session: TeamSession) -> None:
        """Write the session durably; StoreError (Dutch) when the disk refuses."""
        path = self.path(session.id)
        ensure_private_dir(self.root)
        ensure_private_dir(self.folder)
        session.updated = now_iso()
        doc = {**session.to_dict(), "schema_version": SCHEMA_VERSION}
        try:
            self._replace(path, doc)
        except DamagedFileError as error:  # set aside, then saved as a fresh file
            recheck_and_set_aside(error, _session_of, self.warnings, TEAM_FILE)
            self._replace(path, doc)

    @staticmethod
    def _replace(path: Path, doc: dict[str, object]) -> None:
        """Make `doc` the file's one session document (one atomic write); DamagedFileError when
        the file holds something else, so it is never written over."""
        with locked_db(path) as db:
            if db.exists():
                _session_of(path, db)
            table = db.table(TABLE)
            table.truncate()
            table.insert(Document(doc, doc_id=1))

    def load(self, session_id: str) -> TeamSession:
        """One session; StoreError when it is gone or damaged (then it is set aside)."""
        path = self.path(session_id)
        try:
            db = open_db(path)
            if not db.exists():
                raise StoreError("Deze teamsessie is niet gevonden.")
            return _session_of(path, db)
        except DamagedFileError as error:
            recheck_and_set_aside(error, _session_of, self.warnings, TEAM_FILE)
            raise StoreError(error.message) from error

    def sessions(self) -> list[TeamSession]:
        """Every readable session, the most recently changed first."""
        found = []
        for name in folder_names(self.folder):
            match = _FILE.match(name)
            if match:
                try:
                    found.append(self.load(match.group(1)))
                except StoreError:
                    continue  # set aside with a warning, or removed meanwhile
        return sorted(found, key=lambda s: s.updated, reverse=True)

    def unfinished(self) -> list[TeamSession]:
        """Sessions still busy, to resume."""
        return [s for s in self.sessions() if s.status == "busy"]


class TeamTraining:
    """Drives one session on screen: every change is saved at once; a failed save is undone."""

    def __init__(self, store: TeamStore, scenario: Scenario, session: TeamSession) -> None:
        self.store = store
        self.scenario = scenario
        self.session = session
        if session.position not in self.sections:
            session.position = "intro"  # content changed since the session began

    @property
    def sections(self) -> list[str]:
        """The pages so far: a branching case grows as the group's choices are revealed."""
        scenario, session = self.scenario, self.session
        return sections(scenario, session.answers(scenario), session.role)

    @property
    def page_label(self) -> str:
        """'deel 4 van 12', or 'deel 4 van 11–13' while choices to come decide the length."""
        scenario, session = self.scenario, self.session
        fewest, most = page_range(scenario, session.answers(scenario), session.role)
        return page_label(self.index + 1, fewest, most)

    @property
    def index(self) -> int:
        """The number of the current page (0-based)."""
        return self.sections.index(self.session.position)

    @property
    def section(self) -> str:
        """The current page: intro, case, why, step:<id>, agreements or summary."""
        return self.session.position

    @property
    def step(self) -> Step | None:
        """The step of the current page, if it is a step page."""
        kind, _, step_id = self.section.partition(":")
        return self.scenario.step(step_id) if kind == "step" else None

    def change(self, apply: Callable[[TeamSession], object]) -> object:
        """Apply a change and save it; when the save fails, the change is undone and re-raised."""
        before = self.session.to_dict()
        try:
            result = apply(self.session)
            self.store.save(self.session)
        except (TeamError, StoreError):
            self.session = TeamSession.from_dict(before)
            raise
        return result

    def save_agreement_draft(self, who: str, what: str, when: str, editing: int | None) -> None:
        """Save the agreement being typed (nothing is written when it did not change)."""
        draft = agreement_draft_of({"who": who, "what": what, "when": when, "editing": editing})
        if draft != self.session.agreement_draft:
            self.change(lambda s: setattr(s, "agreement_draft", draft))

    def must_reveal_first(self) -> bool:
        """True on a choose or decide page the facilitator has not revealed yet."""
        step = self.step
        return step is not None and step.kind != "reflect" and not self.session.is_revealed(step.id)

    def go(self, delta: int) -> str:
        """Move by `delta` pages and save; moving on past an unrevealed step is refused."""
        if delta > 0 and self.must_reveal_first():
            raise TeamError("Onthul eerst de tips uit de wijzer met o. Daarna kun je verder.")
        target = max(0, min(len(self.sections) - 1, self.index + delta))
        self.change(lambda s: setattr(s, "position", self.sections[target]))
        return self.section

    def bump(self, option_id: str, delta: int) -> int:
        """Change a tally at the current step."""
        step = self._step()
        return int(self.change(lambda s: s.bump(step, option_id, delta)))  # type: ignore[arg-type]

    def toggle_consensus(self, option_id: str) -> None:
        """Choose or unchoose a consensus option at the current step."""
        step = self._step()
        self.change(lambda s: s.toggle_consensus(step, option_id))

    def set_mode(self, mode: InputMode) -> None:
        """Tallies or consensus at the current step."""
        step = self._step()
        self.change(lambda s: s.set_mode(step, mode))

    def reveal(self) -> None:
        """Reveal the current step's comparison with the wijzer."""
        step = self._step()
        self.change(lambda s: s.reveal(step))

    def _step(self) -> Step:
        if self.step is None:
            raise TeamError("Hier valt niets te kiezen.")
        return self.step

    def finish(self, progress: ProgressStore) -> list[tuple[Profile, Attempt]]:
        """Record every attendee's completion, then mark the session finished."""
        recorded = record_attendance(progress, self.session, self.scenario)

        def done(session: TeamSession) -> None:
            session.status = "finished"
            session.finished = session.finished or now_iso()

        self.change(done)
        return recorded
