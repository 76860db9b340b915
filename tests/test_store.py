"""Tests for the progress store: API rules, crash safety, concurrency, damage and permissions."""

from __future__ import annotations

import errno
import json
import os
import random
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from tinydb import TinyDB, where

from wijzer_tui.domain.errors import StoreError
from wijzer_tui.domain.progress import paths, storage
from wijzer_tui.domain.progress.records import SCHEMA_VERSION, Answer, Attempt, Profile
from wijzer_tui.domain.progress.storage import locked, locked_db, read_data
from wijzer_tui.domain.progress.store import ProgressStore

WRITER = Path(__file__).with_name("store_writer.py")
REPO = Path(__file__).resolve().parents[1]


@pytest.fixture
def store(tmp_path: Path) -> ProgressStore:
    return ProgressStore(tmp_path / "progress")


def learner_file(store: ProgressStore, learner_id: str) -> Path:
    return store.root / "learners" / f"{learner_id}.json"


def writer(
    store: ProgressStore, learner_id: str, attempt_id: str, prefix: str, count: int, extra: int = 0
) -> subprocess.Popen[str]:
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    args = [str(store.root), learner_id, attempt_id, prefix, str(count), str(extra)]
    return subprocess.Popen(
        [sys.executable, str(WRITER), *args], stdout=subprocess.PIPE, text=True, env=env
    )


# -- the API ---------------------------------------------------------------------------------


def test_new_store_creates_nothing_until_data_is_saved(store: ProgressStore) -> None:
    assert store.profiles() == []
    assert store.all_records() == []
    assert not store.root.exists()
    assert store.warnings == []


def test_profiles_are_listed_by_name_and_survive_a_new_store(store: ProgressStore) -> None:
    store.create_profile("zoë", "politie")
    bram = store.create_profile("Bram", "GGZ", "Gemeente Utrecht", "Team Noord")
    again = ProgressStore(store.root)
    assert [p.name for p in again.profiles()] == ["Bram", "zoë"]
    assert again.profile(bram.id) == bram


def test_unknown_or_unsafe_learner_ids_raise_store_error(store: ProgressStore) -> None:
    with pytest.raises(StoreError):
        store.profile("0" * 32)
    with pytest.raises(StoreError):
        store.start_attempt("../../etc/passwd", "s", 1)
    with pytest.raises(StoreError, match="beroepsgroep"):
        store.create_profile("Anna", "astronaut")
    with pytest.raises(StoreError, match="naam"):
        store.create_profile("   ", "politie")


def test_update_profile_keeps_attempts(store: ProgressStore) -> None:
    anna = store.create_profile("Anna", "politie")
    store.start_attempt(anna.id, "regie", 1)
    anna.share_reflections = True
    anna.name = "Anna B."
    store.update_profile(anna)
    assert store.profile(anna.id).share_reflections is True
    assert store.profile(anna.id).name == "Anna B."
    assert len(store.attempts(anna.id)) == 1


def test_answers_position_finish_and_history(store: ProgressStore) -> None:
    anna = store.create_profile("Anna", "politie")
    first = store.start_attempt(anna.id, "regie", 2)
    store.save_answer(anna.id, first.id, Answer("wat-zie-je", ["a", "b"]), position="s1")
    saved = store.save_answer(anna.id, first.id, Answer("wat-doe-je", ["c"], reflection="Kort"))
    assert [a.step_id for a in saved.answers] == ["wat-zie-je", "wat-doe-je"]
    assert saved.position == "s1"
    store.set_position(anna.id, first.id, "compare:wat-doe-je")
    assert store.busy_attempt(anna.id, "regie").position == "compare:wat-doe-je"
    done = store.finish_attempt(anna.id, first.id, 7)
    assert (done.status, done.score) == ("finished", 7)
    assert done.finished is not None
    # Finishing again never overwrites the result; answering a finished attempt is refused.
    assert store.finish_attempt(anna.id, first.id, 1).score == 7
    with pytest.raises(StoreError):
        store.save_answer(anna.id, first.id, Answer("x"))
    retry = store.start_attempt(anna.id, "regie", 2)
    assert [a.id for a in store.attempts(anna.id)] == [first.id, retry.id]
    assert store.attempt(anna.id, first.id).answers[1].reflection == "Kort"
    assert store.busy_attempt(anna.id) == retry
    assert store.busy_attempt(anna.id, "partners") is None


def test_stop_attempt_and_busy_attempt_picks_newest(store: ProgressStore) -> None:
    anna = store.create_profile("Anna", "onderwijs")
    old = store.start_attempt(anna.id, "regie", 1)
    new = store.start_attempt(anna.id, "regie", 1)
    assert store.busy_attempt(anna.id, "regie").id == new.id
    store.stop_attempt(anna.id, new.id)
    assert store.attempt(anna.id, new.id).status == "stopped"
    assert store.busy_attempt(anna.id, "regie").id == old.id
    with pytest.raises(StoreError):
        store.finish_attempt(anna.id, new.id, 3)
    with pytest.raises(StoreError):
        store.attempt(anna.id, "nope")


def test_record_attempt_is_best_finished_score_latest_on_tie(store: ProgressStore) -> None:
    anna = store.create_profile("Anna", "wijkteam")
    assert store.record_attempt(anna.id, "regie") is None
    ids = []
    for score in (3, 5, 5, 2):
        attempt = store.start_attempt(anna.id, "regie", 1)
        store.finish_attempt(anna.id, attempt.id, score)
        ids.append(attempt.id)
    busy = store.start_attempt(anna.id, "regie", 1)
    store.save_answer(anna.id, busy.id, Answer("s"))
    stopped = store.start_attempt(anna.id, "regie", 1)
    store.stop_attempt(anna.id, stopped.id)
    other = store.start_attempt(anna.id, "partners", 1)
    store.finish_attempt(anna.id, other.id, 9)
    record = store.record_attempt(anna.id, "regie")
    assert record is not None
    assert (record.id, record.score) == (ids[2], 5)


def test_import_merges_and_is_idempotent(store: ProgressStore, tmp_path: Path) -> None:
    source = ProgressStore(tmp_path / "elders")
    anna = source.create_profile("Anna", "huisarts")
    for score in (4, 6):
        attempt = source.start_attempt(anna.id, "regie", 1)
        source.finish_attempt(anna.id, attempt.id, score)
    profile, attempts = source.all_records()[0]
    assert store.import_learner(profile, attempts) == 2
    assert store.import_learner(profile, attempts) == 0
    extra = Attempt(
        id="e" * 32, learner_id="someone-else", scenario_id="partners", content_version=1
    )
    renamed = Profile(**{**profile.to_dict(), "name": "Andere naam"})
    assert store.import_learner(renamed, [*attempts, extra]) == 1
    assert store.profile(anna.id).name == "Anna"  # the existing profile is kept
    merged = store.attempts(anna.id)
    assert [a.score for a in merged] == [4, 6, None]
    assert {a.learner_id for a in merged} == {anna.id}


def test_learner_files_are_tinydb_files(store: ProgressStore) -> None:
    anna = store.create_profile("Anna", "politie")
    attempt = store.start_attempt(anna.id, "regie", 1)
    store.save_answer(anna.id, attempt.id, Answer("s1"))
    # A plain TinyDB, as a maintainer would open it, reads the file wijzer wrote.
    with TinyDB(learner_file(store, anna.id), access_mode="r") as db:
        assert db.table("profile").all()[0]["name"] == "Anna"
        (doc,) = db.table("attempts").search(where("id") == attempt.id)
    assert doc["answers"][0]["step_id"] == "s1"
    assert doc["schema_version"] == SCHEMA_VERSION
    # And wijzer reads what a plain TinyDB writes (under the lock, as another window would).
    with locked(learner_file(store, anna.id)), TinyDB(learner_file(store, anna.id)) as db:
        db.table("attempts").update({"position": "elders"}, doc_ids=[doc.doc_id])
    assert store.attempt(anna.id, attempt.id).position == "elders"
    store.save_answer(anna.id, attempt.id, Answer("s2"))
    assert [a.step_id for a in store.attempt(anna.id, attempt.id).answers] == ["s1", "s2"]
    assert store.attempt(anna.id, attempt.id).position == "elders"


def test_changes_by_another_writer_are_kept(store: ProgressStore) -> None:
    anna = store.create_profile("Anna", "politie")
    attempt = store.start_attempt(anna.id, "regie", 1)
    store.save_answer(anna.id, attempt.id, Answer("s1"))
    # Another window (here: plain TinyDB under the same lock) changes the file in between.
    with locked_db(learner_file(store, anna.id)) as db:
        db.table("attempts").insert({**_doc_of(anna.id), "schema_version": SCHEMA_VERSION})
    store.save_answer(anna.id, attempt.id, Answer("s2"))
    assert len(store.attempts(anna.id)) == 2
    assert [a.step_id for a in store.attempt(anna.id, attempt.id).answers] == ["s1", "s2"]


def test_returned_records_are_copies(store: ProgressStore) -> None:
    anna = store.create_profile("Anna", "politie")
    attempt = store.start_attempt(anna.id, "regie", 1)
    saved = store.save_answer(anna.id, attempt.id, Answer("s1", ["a"]))
    saved.answers[0].option_ids.append("niet-gekozen")
    saved.answers.append(Answer("niet-gegeven"))
    store.save_answer(anna.id, attempt.id, Answer("s2", ["b"]))
    answers = store.attempt(anna.id, attempt.id).answers
    assert [(a.step_id, a.option_ids) for a in answers] == [("s1", ["a"]), ("s2", ["b"])]


def _doc_of(learner_id: str) -> dict:
    return Attempt(id="f" * 32, learner_id=learner_id, scenario_id="x", content_version=1).to_dict()


# -- crash safety and concurrency ----------------------------------------------------------


def test_acknowledged_answers_survive_sigkill_at_random_moments(store: ProgressStore) -> None:
    rng = random.Random(20230301)
    anna = store.create_profile("Anna", "politie")
    attempt = store.start_attempt(anna.id, "regie", 1)
    acked: list[str] = []
    for round_number in range(30):
        proc = writer(store, anna.id, attempt.id, f"r{round_number}", 1000)
        assert proc.stdout is not None
        assert proc.stdout.readline().strip() == "ready"
        for _ in range(rng.randrange(0, 25)):
            acked.append(proc.stdout.readline().split()[1])
        # Kill somewhere inside a later save: before, during or after its write and fsync.
        time.sleep(rng.uniform(0, 0.01))
        proc.send_signal(signal.SIGKILL)
        rest = proc.stdout.read()
        proc.wait()
        acked += [line.split()[1] for line in rest.splitlines() if line.startswith("ack")]
        # The file parses and holds every acknowledged answer, in order.
        assert read_data(learner_file(store, anna.id)) is not None
        saved = [a.step_id for a in store.attempt(anna.id, attempt.id).answers]
        assert saved[: len(acked)] == acked
        assert len(saved) <= len(acked) + 1  # at most the save that was cut off
        acked = saved
    assert store.warnings == []
    visible = {p.name for p in store.learners_dir.iterdir() if not p.name.startswith(".")}
    assert visible == {f"{anna.id}.json"}  # the lock lives in the hidden .locks folder
    locks = store.learners_dir / ".locks"
    assert [p.name for p in locks.iterdir()] == [f"{anna.id}.json.lock"]
    assert locks.stat().st_mode & 0o777 == 0o700


def test_two_processes_writing_one_learner_lose_nothing(store: ProgressStore) -> None:
    anna = store.create_profile("Anna", "politie")
    attempt = store.start_attempt(anna.id, "regie", 1)
    # Both also start an attempt every 10 answers: new documents from two writers at once.
    procs = [writer(store, anna.id, attempt.id, prefix, 100, 10) for prefix in ("a", "b")]
    outputs = [proc.communicate()[0] for proc in procs]
    assert [proc.returncode for proc in procs] == [0, 0]
    assert sum(out.count("ack ") for out in outputs) == 200
    steps = [a.step_id for a in store.attempt(anna.id, attempt.id).answers]
    assert sorted(steps) == sorted([f"a-{i}" for i in range(100)] + [f"b-{i}" for i in range(100)])
    # Each writer's own answers stay in the order it saved them.
    assert [s for s in steps if s.startswith("a-")] == [f"a-{i}" for i in range(100)]
    attempts = store.attempts(anna.id)
    assert len({a.id for a in attempts}) == len(attempts) == 21
    assert sorted(a.scenario_id for a in attempts) == ["a"] * 10 + ["b"] * 10 + ["regie"]


def test_two_threads_writing_one_learner_lose_nothing(store: ProgressStore) -> None:
    anna = store.create_profile("Anna", "politie")
    attempt = store.start_attempt(anna.id, "regie", 1)

    def save(prefix: str) -> None:
        for number in range(40):
            store.save_answer(anna.id, attempt.id, Answer(f"{prefix}-{number}"))

    threads = [threading.Thread(target=save, args=(prefix,)) for prefix in "ab"]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(store.attempt(anna.id, attempt.id).answers) == 80


# -- damaged files ---------------------------------------------------------------------------


def damage(store: ProgressStore, content: str | bytes) -> tuple[Path, bytes]:
    """A learner file with `content`, next to a healthy learner."""
    store.create_profile("Gezond", "politie")
    path = learner_file(store, "a" * 32)
    raw = content.encode() if isinstance(content, str) else content
    path.write_bytes(raw)
    return path, raw


def healthy_learner_doc(**changes: object) -> dict:
    # A fixed creation time: the test ids below must not change between runs (pytest-xdist).
    profile = Profile(
        id="a" * 32, name="Anna", beroepsgroep="politie", created="2026-03-01T10:00:00+00:00"
    ).to_dict()
    return {"profile": {"1": {**profile, "schema_version": SCHEMA_VERSION, **changes}}}


@pytest.mark.parametrize(
    "content",
    [
        '{"profile": {"1": {"id": "aaa',  # cut off mid-write by a non-atomic writer
        "",
        b"\xff\xfe not utf-8",
        "[]",
        '{"profile": {}}',
        '{"profile": {"1": {"schema_version": 1, "name": "zonder id"}}}',
        json.dumps(healthy_learner_doc(id="b" * 32)),
        json.dumps(
            {
                **healthy_learner_doc(),
                "attempts": {"1": {"id": "x", "status": "weird", "schema_version": 1}},
            }
        ),
    ],
    ids=[
        "cut-off",
        "empty",
        "not-utf8",
        "list",
        "no-profile",
        "profile-without-id",
        "profile-of-another-learner",
        "attempt-with-unknown-status",
    ],
)
def test_damaged_file_is_set_aside_with_a_warning(store: ProgressStore, content: str) -> None:
    path, raw = damage(store, content)
    assert [p.name for p in store.profiles()] == ["Gezond"]
    assert not path.exists()
    kept = list(path.parent.glob("a*.beschadigd-*.json"))
    assert len(kept) == 1
    assert kept[0].read_bytes() == raw  # untouched, never overwritten
    assert len(store.warnings) == 1
    assert str(kept[0]) in store.warnings[0]
    assert "beschadigd" in store.warnings[0]
    store.profiles()
    assert len(store.warnings) == 1


def test_newer_schema_version_is_set_aside_as_newer(store: ProgressStore) -> None:
    path, raw = damage(store, json.dumps(healthy_learner_doc(schema_version=SCHEMA_VERSION + 1)))
    assert len(store.all_records()) == 1
    (kept,) = path.parent.glob("a*.nieuwere-versie-*.json")
    assert kept.read_bytes() == raw
    assert "nieuwere versie" in store.warnings[0]
    assert str(kept) in store.warnings[0]


def test_the_warnings_say_in_full_what_happened_and_what_to_do(store: ProgressStore) -> None:
    path, _ = damage(store, "{kapot")
    store.profiles()
    (kept,) = path.parent.glob("a*.beschadigd-*.json")
    assert store.warnings == [
        f"Het voortgangsbestand {path.name} was beschadigd (geen geldige JSON). Het is niet "
        f"overschreven, maar apart gezet als {kept}. Deze voortgang staat daarom niet meer in "
        "de lijst."
    ]
    newer = json.dumps(healthy_learner_doc(schema_version=SCHEMA_VERSION + 1))
    path, _ = damage(ProgressStore(store.root), newer)
    later = ProgressStore(store.root)
    later.profiles()
    (kept,) = path.parent.glob("a*.nieuwere-versie-*.json")
    assert later.warnings == [
        f"Het voortgangsbestand {path.name} is gemaakt met een nieuwere versie van wijzer. Het "
        f"is niet overschreven, maar apart gezet als {kept}. Open het met de nieuwere versie "
        "van wijzer."
    ]


def test_a_damaged_file_that_cannot_be_moved_is_named_once_and_skipped(
    store: ProgressStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    path, raw = damage(store, "{kapot")

    def full(src, dst) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(paths.os, "rename", full)
    assert [p.name for p in store.profiles()] == ["Gezond"]
    store.profiles()  # read again: still one warning
    assert store.warnings == [
        f"Het bestand {path} is niet te gebruiken en kon niet apart worden gezet (de schijf is "
        "vol). Wijzer laat het staan en gebruikt het niet."
    ]
    assert path.read_bytes() == raw  # left where it was, untouched


def test_damage_found_while_saving_is_not_overwritten(store: ProgressStore) -> None:
    anna = store.create_profile("Anna", "politie")
    attempt = store.start_attempt(anna.id, "regie", 1)
    path = learner_file(store, anna.id)
    path.write_text("{kapot")
    with pytest.raises(StoreError, match="beschadigd"):
        store.save_answer(anna.id, attempt.id, Answer("s"))
    (kept,) = path.parent.glob("*.beschadigd-*.json")
    assert kept.read_text() == "{kapot"
    assert not path.exists()
    # Data is only started again when the user creates it again.
    assert store.import_learner(anna, []) == 0
    assert store.profile(anna.id).name == "Anna"


@pytest.mark.parametrize("code", [errno.ENOSPC, errno.EROFS, errno.EACCES])
def test_full_or_read_only_disk_raises_and_keeps_the_old_file(
    store: ProgressStore, monkeypatch: pytest.MonkeyPatch, code: int
) -> None:
    anna = store.create_profile("Anna", "politie")
    attempt = store.start_attempt(anna.id, "regie", 1)
    store.save_answer(anna.id, attempt.id, Answer("eerste"))
    before = learner_file(store, anna.id).read_bytes()

    def fail(*args: object) -> None:
        raise OSError(code, os.strerror(code))

    monkeypatch.setattr(paths.os, "replace", fail)
    with pytest.raises(StoreError, match="niet worden opgeslagen") as info:
        store.save_answer(anna.id, attempt.id, Answer("tweede"))
    reason = {errno.ENOSPC: "vol", errno.EROFS: "alleen-lezen", errno.EACCES: "toestemming"}
    assert reason[code] in info.value.message
    monkeypatch.undo()
    assert learner_file(store, anna.id).read_bytes() == before
    assert [p.name for p in store.learners_dir.iterdir() if p.name.endswith(".tmp")] == []
    assert [a.step_id for a in store.attempt(anna.id, attempt.id).answers] == ["eerste"]
    # The failed answer does not come back with the next save.
    store.save_answer(anna.id, attempt.id, Answer("derde"))
    assert [a.step_id for a in store.attempt(anna.id, attempt.id).answers] == ["eerste", "derde"]


def test_migration_hook_upgrades_older_documents(
    store: ProgressStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    calls: list[str] = []

    def rename_naam(table: str, doc: dict) -> dict:
        calls.append(table)
        if "naam" in doc:
            doc["name"] = doc.pop("naam")
        return doc

    monkeypatch.setattr(storage, "MIGRATIONS", {SCHEMA_VERSION - 1: rename_naam})
    old = healthy_learner_doc(schema_version=SCHEMA_VERSION - 1)
    old["profile"]["1"]["naam"] = old["profile"]["1"].pop("name")
    path = learner_file(store, "a" * 32)
    path.parent.mkdir(parents=True)
    path.write_text(json.dumps(old))
    assert store.profile("a" * 32).name == "Anna"
    assert calls == ["profile"]
    store.start_attempt("a" * 32, "regie", 1)  # the next write stores the upgraded documents
    stored = json.loads(path.read_text())
    assert stored["profile"]["1"]["schema_version"] == SCHEMA_VERSION
    assert stored["profile"]["1"]["name"] == "Anna"


def test_files_are_private_whatever_the_umask(store: ProgressStore) -> None:
    old_umask = os.umask(0)
    try:
        anna = store.create_profile("Anna", "politie")
    finally:
        os.umask(old_umask)
    assert store.root.stat().st_mode & 0o777 == 0o700
    assert store.learners_dir.stat().st_mode & 0o777 == 0o700
    for path in store.learners_dir.rglob("*"):
        assert path.stat().st_mode & 0o777 == (0o700 if path.is_dir() else 0o600), path
    assert learner_file(store, anna.id).exists()


def test_a_damaged_file_whose_lock_cannot_be_taken_is_reported_not_raised(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from contextlib import contextmanager

    from wijzer_tui.domain.progress import damage as damage_module

    path = tmp_path / "anna.json"
    path.write_text("{kapot", encoding="utf-8")

    @contextmanager
    def no_lock(_path):
        raise StoreError("De map .locks kon niet worden gemaakt.")
        yield

    monkeypatch.setattr(damage_module, "locked", no_lock)
    error = storage.DamagedFileError(path, "geen geldige JSON")
    warnings: list[str] = []
    message = damage_module.recheck_and_set_aside(error, lambda p, db: None, warnings)
    assert warnings == [message]
    assert message.endswith("Wijzer gebruikt het niet. (De map .locks kon niet worden gemaakt.)")
    assert path.read_text(encoding="utf-8") == "{kapot"  # nothing moved without the lock


ATTEMPT = Attempt("x", "a" * 32, "regie", 1).to_dict()


@pytest.mark.parametrize(
    ("attempt", "reason"),
    [
        (
            {**ATTEMPT, "answers": "geen"},
            "in een poging heeft het veld 'answers' een verkeerd type",
        ),
        (
            {**ATTEMPT, "answers": ["geen"]},
            "in een poging heeft het veld 'answers' een verkeerd type",
        ),
        ({k: v for k, v in ATTEMPT.items() if k != "id"}, "een poging is onvolledig"),
        ({**ATTEMPT, "status": "weird"}, "in een poging heeft het veld 'status' een verkeerd type"),
        ({**ATTEMPT, "id": 5}, "in een poging heeft het veld 'id' een verkeerd type"),
    ],
    ids=["answers-text", "answer-text", "no-id", "unknown-status", "number-id"],
)
def test_a_wrong_attempt_names_what_is_wrong(
    store: ProgressStore, attempt: dict, reason: str
) -> None:
    doc = {**healthy_learner_doc(), "attempts": {"1": {**attempt, "schema_version": 1}}}
    path, _ = damage(store, json.dumps(doc))
    assert len(store.all_records()) == 1  # the healthy learner only
    assert f"{path.name} was beschadigd ({reason})." in store.warnings[0]


def test_an_attempt_saved_without_answers_has_none(store: ProgressStore) -> None:
    attempt = {k: v for k, v in ATTEMPT.items() if k != "answers"}
    damage(
        store,
        json.dumps({**healthy_learner_doc(), "attempts": {"1": {**attempt, "schema_version": 1}}}),
    )
    anna = next(a for p, a in store.all_records() if p.id == "a" * 32)
    assert [a.answers for a in anna] == [[]] and store.warnings == []
