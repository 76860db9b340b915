"""A learner file's TinyDB documents and the records they hold: conversion and shape checks.

A learner file has the tables `profile` (one document) and `attempts` (one per attempt), each
document a record's fields plus `schema_version`. Reading turns documents into `Profile` and
`Attempt` records and raises DamagedFileError for a document wijzer cannot use.
"""

from __future__ import annotations

import json
import re
from itertools import pairwise
from pathlib import Path
from typing import Any

from tinydb.table import Document

from wijzer_tui.domain.errors import StoreError
from wijzer_tui.domain.progress.records import (
    BEROEPSGROEPEN,
    SCHEMA_VERSION,
    Answer,
    Attempt,
    Profile,
    RecordError,
    stored_builder,
)
from wijzer_tui.domain.progress.storage import DamagedFileError, WijzerDB, dumps

# Learner ids become file names: no dots, slashes or other surprises.
LEARNER_ID = re.compile(r"[A-Za-z0-9_-]{1,64}\Z")
PROFILE = "profile"  # table names
ATTEMPTS = "attempts"
STATUSES = ("busy", "finished", "stopped")
_CHECKED_KEYS = {*Attempt.__dataclass_fields__, "schema_version"}
_new = object.__new__
_new_answer = stored_builder(Answer)
_new_attempt = stored_builder(Attempt)
_new_profile = stored_builder(Profile)


def to_doc(record: Profile | Attempt) -> dict[str, Any]:
    """A stored document: the record's data plus its schema version."""
    return {**record.to_dict(), "schema_version": SCHEMA_VERSION}


def private(doc: dict[str, Any]) -> dict[str, Any]:
    """A deep copy of a document: what a locked database holds stays cached, never shared."""
    return json.loads(dumps(doc))


def profile_doc(path: Path, db: WijzerDB) -> Document:
    """The one profile document of a learner file; DamagedFileError when it is missing."""
    docs = db.table(PROFILE).all()
    if len(docs) != 1:
        raise DamagedFileError(path, "het profiel ontbreekt")
    return docs[0]


def profile_of(path: Path, db: WijzerDB) -> Profile:
    """The Profile of a learner file; DamagedFileError when it is not one."""
    try:
        fields = profile_doc(path, db)  # a fresh copy (TinyDB's Document): build in place
        fields.pop("schema_version", None)  # pragma: no mutate (only speed: built in place)
        profile: Profile = _new_profile(fields)
    except RecordError as exc:  # a field of the wrong type: the message names it
        raise DamagedFileError(path, str(exc)) from exc
    except TypeError as exc:
        raise DamagedFileError(path, "het profiel is onvolledig") from exc
    if profile.id != path.stem or not isinstance(profile.name, str):
        raise DamagedFileError(path, "het profiel past niet bij de bestandsnaam")
    return profile


def attempt_of(path: Path, doc: dict[str, Any]) -> Attempt:
    """An Attempt from a stored document; DamagedFileError when it has the wrong shape.

    Builds in place (`doc` becomes the Attempt's data, as a Document from Table.all() is a
    fresh copy): pass a plain read's document or a private copy, never a locked one's.
    """
    try:
        doc.pop("schema_version", None)  # pragma: no mutate (only speed: built in place)
        answers = doc.get("answers", [])
        if type(answers) is not list or not all(type(a) is dict for a in answers):
            raise RecordError.of(Attempt.LABEL, "answers")
        # stored_builder type-checks every answer (records.check_fields).
        doc["answers"] = [_new_answer(fields) for fields in answers]
        attempt: Attempt = _new_attempt(doc)
    except RecordError as exc:  # a field of the wrong type: the message names it
        raise DamagedFileError(path, str(exc)) from exc
    except (TypeError, AttributeError) as exc:
        raise DamagedFileError(path, "een poging is onvolledig") from exc
    return attempt  # its id, status and every other field are type-checked by the builder


def checked_attempt_of(doc: dict[str, Any]) -> Attempt:
    """The Attempt of a document typed_read checked and built, in place (a Document from
    Table.all() is a fresh copy). A document that leaves out a field with a default (saved
    before the field existed) is filled in."""
    if doc.keys() != _CHECKED_KEYS:
        return Attempt(**{k: doc[k] for k in Attempt.__dataclass_fields__ if k in doc})
    del doc["schema_version"]
    attempt: Attempt = _new(Attempt)
    attempt.__dict__ = doc
    return attempt


def attempts_of(path: Path, db: WijzerDB) -> list[Attempt]:
    """All attempts of a learner file, oldest first (start time, then order of saving).

    Shares the documents' answers (see attempt_of): pass a plain `open_db`, not a locked one.
    """
    docs = db.table(ATTEMPTS).all()
    try:
        starts = [doc["started"] for doc in docs]
        # Attempts are saved in the order they start: only sort when the file says otherwise.
        if not all(a < b for a, b in pairwise(starts)):
            docs.sort(key=lambda doc: (doc["started"], doc.doc_id))
    except (KeyError, TypeError) as exc:  # no start time, or one that is not text
        raise DamagedFileError(path, "een poging heeft een verkeerde vorm") from exc
    if db.storage.checked:  # read by typed_read: every field and answer is checked and built
        return [checked_attempt_of(doc) for doc in docs]
    return [attempt_of(path, doc) for doc in docs]


def check_learner(path: Path, db: WijzerDB) -> None:
    """Raise DamagedFileError unless the file is a complete learner file."""
    profile_of(path, db)
    attempts_of(path, db)


def check_profile(profile: Profile) -> None:
    """Refuse a profile the app could not show or store."""
    if not profile.name.strip():
        raise StoreError("Vul een naam in.")
    if profile.beroepsgroep not in BEROEPSGROEPEN:
        raise StoreError(f"Onbekende beroepsgroep: {profile.beroepsgroep!r}.")
    if not LEARNER_ID.match(profile.id):
        raise StoreError(f"Onbekende leerling: {profile.id!r}.")
