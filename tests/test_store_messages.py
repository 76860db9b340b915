"""What the store tells a user, word for word, when a learner file or a request is not what it
should be; and the order in which attempts come back."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from wijzer_tui.domain.errors import StoreError
from wijzer_tui.domain.progress.learner_docs import attempt_of, attempts_of
from wijzer_tui.domain.progress.records import Answer, Profile
from wijzer_tui.domain.progress.storage import DamagedFileError, open_db
from wijzer_tui.domain.progress.store import ProgressStore

SET_ASIDE = "Het is niet overschreven, maar apart gezet als "


def learner(tmp_path: Path) -> tuple[ProgressStore, str, str, Path]:
    store = ProgressStore(tmp_path)
    profile = store.create_profile("Noor", "wijkteam")
    attempt = store.start_attempt(profile.id, "01-regie", 2)
    return store, profile.id, attempt.id, store.learners_dir / f"{profile.id}.json"


def edit(path: Path, change: Any) -> None:
    data = json.loads(path.read_bytes())
    change(data)
    path.write_text(json.dumps(data))


def warning_of(store: ProgressStore, path: Path, reason: str) -> None:
    """The store's one warning names the file and the reason and says where it was kept."""
    (warning,) = store.warnings
    assert warning.startswith(
        f"Het voortgangsbestand {path.name} was beschadigd ({reason}). {SET_ASIDE}"
    )
    assert warning.endswith("Deze voortgang staat daarom niet meer in de lijst.")
    assert not path.exists()


@pytest.mark.parametrize(
    ("change", "reason"),
    [
        (lambda d: d["profile"].clear(), "het profiel ontbreekt"),
        (lambda d: d["profile"]["1"].pop("name"), "het profiel is onvolledig"),
        (lambda d: d["profile"]["1"].update(id="iemand-anders"), "het profiel past niet bij de bestandsnaam"),
    ],
)  # fmt: skip
def test_a_broken_profile_is_named_and_set_aside(tmp_path: Path, change: Any, reason: str) -> None:
    store, _, _, path = learner(tmp_path)
    edit(path, change)
    assert store.profiles() == []
    warning_of(store, path, reason)


def test_an_unknown_learner_or_attempt_is_said_plainly(tmp_path: Path) -> None:
    store, learner_id, _, _ = learner(tmp_path)
    with pytest.raises(StoreError) as error:
        store.profile("onbekend")
    assert error.value.message == "Deze leerling is niet gevonden."
    with pytest.raises(StoreError) as error:
        store.save_answer(learner_id, "f" * 32, Answer("stap-1", ["a"]))
    assert error.value.message == "Deze poging is niet gevonden."


def test_a_finished_attempt_is_never_changed(tmp_path: Path) -> None:
    store, learner_id, attempt_id, _ = learner(tmp_path)
    store.finish_attempt(learner_id, attempt_id, 80)
    with pytest.raises(StoreError) as error:
        store.save_answer(learner_id, attempt_id, Answer("stap-1", ["a"]))
    assert error.value.message == "Deze poging is al afgerond of gestopt, ook in een ander venster."
    assert store.attempt(learner_id, attempt_id).answers == []


def test_an_attempt_with_an_unknown_status_sets_the_file_aside(tmp_path: Path) -> None:
    store, learner_id, attempt_id, path = learner(tmp_path)
    edit(path, lambda d: d["attempts"]["1"].update(status="klaar"))
    with pytest.raises(StoreError):
        store.save_answer(learner_id, attempt_id, Answer("stap-1", ["a"]))
    # Set aside after a second, locked read: that read names the field.
    warning_of(store, path, "in een poging heeft het veld 'status' een verkeerd type")


def test_a_broken_finished_attempt_is_found_when_its_place_is_kept(tmp_path: Path) -> None:
    store, learner_id, attempt_id, path = learner(tmp_path)
    store.finish_attempt(learner_id, attempt_id, 80)
    edit(path, lambda d: d["attempts"]["1"].update(score="80"))
    with pytest.raises(StoreError):
        store.set_position(learner_id, attempt_id, "end")
    warning_of(store, path, "in een poging heeft het veld 'score' een verkeerd type")


def test_a_file_another_window_repaired_is_left_alone(tmp_path: Path) -> None:
    store, _, _, path = learner(tmp_path)
    error = store._damaged(DamagedFileError(path, "geen geldige JSON"))
    assert error.message == "Je voortgang werd net door een ander venster veranderd."
    assert path.exists() and store.warnings == []


def test_a_learners_folder_that_cannot_be_read_is_named(tmp_path: Path) -> None:
    store = ProgressStore(tmp_path)
    store.learners_dir.write_text("geen map")
    with pytest.raises(StoreError) as error:
        store.profiles()
    assert error.value.message == (
        f"De map {store.learners_dir} kon niet worden gelezen (een deel van het pad is geen map)."
    )


def test_an_attempt_saved_without_answers_has_none(tmp_path: Path) -> None:
    doc = {"id": "a" * 32, "learner_id": "l", "scenario_id": "s", "content_version": 1}
    assert attempt_of(tmp_path / "l.json", doc).answers == []


def test_attempts_come_oldest_first_then_in_order_of_saving(tmp_path: Path) -> None:
    store, learner_id, first, path = learner(tmp_path)
    second = store.start_attempt(learner_id, "02-partners", 2).id
    third = store.start_attempt(learner_id, "03-vertrouwen", 2).id

    def shuffle(data: dict[str, Any]) -> None:
        docs = data["attempts"]
        docs["1"]["started"] = "2026-11-02T10:00:00+00:00"  # first saved, started later
        docs["2"]["started"] = docs["3"]["started"] = "2026-11-01T10:00:00+00:00"
        data["attempts"] = {"3": docs["3"], "1": docs["1"], "2": docs["2"]}

    edit(path, shuffle)
    expected = [second, third, first]
    assert [a.id for a in store.attempts(learner_id)] == expected
    db = open_db(path, snapshot=True)
    assert [a.id for a in attempts_of(path, db)] == expected  # the plain read too


def test_attempts_started_in_the_same_second_come_in_order_of_saving(tmp_path: Path) -> None:
    store, learner_id, first, path = learner(tmp_path)
    second = store.start_attempt(learner_id, "02-partners", 2).id

    def same_second(data: dict[str, Any]) -> None:
        docs = data["attempts"]
        docs["1"]["started"] = docs["2"]["started"] = "2026-11-01T10:00:00+00:00"
        data["attempts"] = {"2": docs["2"], "1": docs["1"]}

    edit(path, same_second)
    assert [a.id for a in store.attempts(learner_id)] == [first, second]


def test_a_profile_without_a_name_or_with_an_odd_id_is_refused(tmp_path: Path) -> None:
    store = ProgressStore(tmp_path)
    with pytest.raises(StoreError) as error:
        store.create_profile("  ", "politie")
    assert error.value.message == "Vul een naam in."
    odd = Profile(id="../noor", name="Noor", beroepsgroep="politie")
    with pytest.raises(StoreError) as error:
        store.import_learner(odd, [])
    assert error.value.message == "Onbekende leerling: '../noor'."


@pytest.mark.parametrize(("learner_id", "shown"), [("../noor", "'../noor'"), (5, "5")])
def test_an_odd_learner_id_is_never_a_path(tmp_path: Path, learner_id: Any, shown: str) -> None:
    store, _, _, _ = learner(tmp_path)
    with pytest.raises(StoreError) as error:
        store.profile(learner_id)
    assert error.value.message == f"Onbekende leerling: {shown}."


def test_an_attempt_without_a_start_time_sets_the_file_aside(tmp_path: Path) -> None:
    store, _, _, path = learner(tmp_path)
    edit(path, lambda d: d["attempts"]["1"].pop("started"))
    assert store.profiles() == []
    warning_of(store, path, "een poging heeft een verkeerde vorm")


def test_reading_a_learner_that_is_not_there_writes_nothing(tmp_path: Path) -> None:
    store, _, _, _ = learner(tmp_path)
    before = sorted(p.name for p in store.learners_dir.rglob("*"))
    with pytest.raises(StoreError):
        store.profile("f" * 32)
    assert sorted(p.name for p in store.learners_dir.rglob("*")) == before
    assert store.warnings == []


def test_a_busy_attempt_with_a_wrongly_typed_field_sets_the_file_aside(tmp_path: Path) -> None:
    store, learner_id, attempt_id, path = learner(tmp_path)
    edit(path, lambda d: d["attempts"]["1"].update(role=5))
    with pytest.raises(StoreError):
        store.save_answer(learner_id, attempt_id, Answer("stap-1", ["a"]))
    warning_of(store, path, "in een poging heeft het veld 'role' een verkeerd type")
