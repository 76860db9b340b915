"""The typed read of learner files (typed_read): the same records and the same Dutch messages as
the plain read, for good files and for every kind of damage; never written back."""

from __future__ import annotations

import gc
import json
from pathlib import Path
from typing import Any

import pytest

from wijzer_tui.domain.progress.learner_docs import attempts_of, profile_of
from wijzer_tui.domain.progress.records import Answer, Attempt, Profile
from wijzer_tui.domain.progress.storage import DamagedFileError, dumps, open_db
from wijzer_tui.domain.progress.store import ProgressStore
from wijzer_tui.domain.progress.typed_read import decode, open_learner


def make_learner(tmp_path: Path) -> Path:
    """A learner with two attempts (one finished with a reflection, one busy) and a scan table."""
    store = ProgressStore(tmp_path)
    profile = store.create_profile("Ilse", "politie", team="Noord")
    first = Attempt(
        id="a" * 32,
        learner_id=profile.id,
        scenario_id="01-regie",
        content_version=2,
        started="2026-11-01T10:00:00+00:00",
        finished="2026-11-01T10:20:00+00:00",
        status="finished",
        score=75,
        role="wijkagent",
        ending="afspraken",
        answers=[
            Answer("stap-1", ["a", "c"], at="2026-11-01T10:05:00+00:00"),
            Answer("reflectie", reflection="Eerder bellen.", ticked_tips=["tip-2"]),
        ],
    )
    busy = Attempt(
        id="b" * 32,
        learner_id=profile.id,
        scenario_id="02-partners",
        content_version=2,
        started="2026-11-02T09:00:00+00:00",
        answers=[Answer("stap-1", ["b"])],
        position="compare:stap-1",
    )
    store.import_learner(profile, [first, busy])
    path = store.learners_dir / f"{profile.id}.json"
    data = json.loads(path.read_bytes())
    data["scans"] = {"1": {"id": "s1", "schema_version": 1}}
    path.write_bytes(dumps(data))
    return path


def plain(path: Path) -> tuple[Profile, list[Attempt]]:
    db = open_db(path, snapshot=True)
    return profile_of(path, db), attempts_of(path, db)


def typed(path: Path) -> tuple[Profile, list[Attempt]]:
    db = open_learner(path)
    return profile_of(path, db), attempts_of(path, db)


def read_typed(path: Path) -> bool:
    """Whether the file was read by the typed decode (not by its fallback)."""
    db = open_learner(path)
    assert db.exists()
    return db.storage.checked


def edit(path: Path, change: Any) -> None:
    data = json.loads(path.read_bytes())
    change(data)
    path.write_bytes(json.dumps(data).encode())


def test_a_good_file_gives_the_same_records_with_answers_built(tmp_path: Path) -> None:
    path = make_learner(tmp_path)
    profile, attempts = typed(path)
    assert (profile, attempts) == plain(path)
    assert [a.id for a in attempts] == ["a" * 32, "b" * 32]
    assert attempts[0].answers[1] == Answer(
        "reflectie",
        reflection="Eerder bellen.",
        ticked_tips=["tip-2"],
        at=attempts[0].answers[1].at,
    )
    assert all(type(a) is Answer for t in attempts for a in t.answers)
    assert read_typed(path)
    assert "schema_version" not in attempts[0].__dict__


def test_other_tables_are_read_too(tmp_path: Path) -> None:
    path = make_learner(tmp_path)
    assert open_learner(path).table("scans").all() == [{"id": "s1", "schema_version": 1}]


def test_an_attempt_saved_before_a_field_existed_gets_its_default(tmp_path: Path) -> None:
    path = make_learner(tmp_path)

    def drop(data: dict[str, Any]) -> None:
        for doc in data["attempts"].values():
            del doc["role"], doc["ending"], doc["position"]

    edit(path, drop)
    _, attempts = typed(path)
    assert read_typed(path)  # still the typed read
    assert [(a.role, a.ending, a.position) for a in attempts] == [("", None, None)] * 2
    assert attempts == plain(path)[1]


def _answer_step(data: dict[str, Any]) -> None:
    data["attempts"]["1"]["answers"][0]["step_id"] = 7


def _answer_option(data: dict[str, Any]) -> None:
    data["attempts"]["1"]["answers"][0]["option_ids"] = ["a", None]


def _score_text(data: dict[str, Any]) -> None:
    data["attempts"]["1"]["score"] = "75"


def _score_bool(data: dict[str, Any]) -> None:
    data["attempts"]["1"]["score"] = True


def _status(data: dict[str, Any]) -> None:
    data["attempts"]["2"]["status"] = "klaar"


def _no_id(data: dict[str, Any]) -> None:
    del data["attempts"]["1"]["id"]


def _answers_text(data: dict[str, Any]) -> None:
    data["attempts"]["1"]["answers"] = "stap-1"


def _doc_id(data: dict[str, Any]) -> None:
    data["attempts"]["een"] = data["attempts"].pop("1")


def _newer(data: dict[str, Any]) -> None:
    data["attempts"]["1"]["schema_version"] = 9


def _older(data: dict[str, Any]) -> None:
    data["scans"]["1"]["schema_version"] = 0


def _scan_table(data: dict[str, Any]) -> None:
    data["scans"] = ["s1"]


@pytest.mark.parametrize(
    ("change", "reason"),
    [
        (_answer_step, "in een antwoord heeft het veld 'step_id' een verkeerd type"),
        (_answer_option, "in een antwoord heeft het veld 'option_ids' een verkeerd type"),
        (_score_text, "in een poging heeft het veld 'score' een verkeerd type"),
        (_score_bool, "in een poging heeft het veld 'score' een verkeerd type"),
        (_status, "in een poging heeft het veld 'status' een verkeerd type"),
        (_no_id, "een poging is onvolledig"),
        (_answers_text, "in een poging heeft het veld 'answers' een verkeerd type"),
        (_doc_id, "tabel 'attempts' heeft een verkeerde vorm"),
        (_newer, "gemaakt met een nieuwere versie van wijzer (versie 9)"),
        (_older, "onbekende oude versie 0"),
        (_scan_table, "tabel 'scans' heeft een verkeerde vorm"),
    ],
)
def test_damage_is_named_as_the_plain_read_names_it(
    tmp_path: Path, change: Any, reason: str
) -> None:
    path = make_learner(tmp_path)
    edit(path, change)
    assert decode(path.read_bytes()) is None
    with pytest.raises(DamagedFileError) as from_plain:
        plain(path)
    with pytest.raises(DamagedFileError) as from_typed:
        typed(path)
    assert from_typed.value.reason == from_plain.value.reason == reason
    assert from_typed.value.kind == from_plain.value.kind


@pytest.mark.parametrize(
    ("raw", "reason"), [(b" \n", "het bestand is leeg"), (b"{", "geen geldige JSON")]
)
def test_a_file_that_is_no_json_is_named(tmp_path: Path, raw: bytes, reason: str) -> None:
    path = make_learner(tmp_path)
    path.write_bytes(raw)
    with pytest.raises(DamagedFileError, match=reason):
        typed(path)


def test_a_typed_read_is_never_written(tmp_path: Path) -> None:
    path = make_learner(tmp_path)
    before = path.read_bytes()
    db = open_learner(path)
    with pytest.raises(TypeError, match=r"^a typed learner read is never written back$"):
        db.table("attempts").insert({"id": "c"})
    assert path.read_bytes() == before


def test_reading_leaves_nothing_for_the_cycle_collector(tmp_path: Path) -> None:
    """A cycle (a storage holding a bound method of itself) kept every learner's records alive
    until a full collection and made a report twice as slow: reading must free by refcount."""
    path = make_learner(tmp_path)
    store = ProgressStore(tmp_path)
    gc.collect()
    gc.disable()
    try:
        for _ in range(3):
            assert store.all_records()[0][0].name == "Ilse"
        assert gc.collect() == 0
    finally:
        gc.enable()
    assert path.exists()


def test_one_read_is_one_version_of_the_file(tmp_path: Path) -> None:
    """Profile and attempts come from the same read, even when another window replaces the
    file between the two."""
    path = make_learner(tmp_path)
    db = open_learner(path)
    assert db.exists()
    edit(path, lambda data: data["attempts"].clear())
    assert len(attempts_of(path, db)) == 2
