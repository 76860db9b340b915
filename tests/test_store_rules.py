"""The store's rules, pinned exactly: the defaults of a new learner and attempt, the Dutch
message of every refusal, what a stopped or finished attempt ignores, what an import counts,
how explorations are filtered, and that a damaged file is set aside by every table's reader."""

from __future__ import annotations

from pathlib import Path

import pytest

from wijzer_tui.domain.errors import StoreError
from wijzer_tui.domain.progress.explore import Exploration
from wijzer_tui.domain.progress.learner_files import NO_ATTEMPT, NOT_FOUND
from wijzer_tui.domain.progress.records import Answer, Attempt
from wijzer_tui.domain.progress.scan import Scan
from wijzer_tui.domain.progress.store import ProgressStore

AT = "2025-03-01T10:00:00+00:00"


def message(call: object, *args: object) -> str:
    with pytest.raises(StoreError) as info:
        call(*args)  # type: ignore[operator]
    return info.value.message


def damaged_learner(tmp_path: Path) -> tuple[ProgressStore, str]:
    store = ProgressStore(tmp_path)
    learner = store.create_profile("Noor", "wijkteam").id
    (store.learners_dir / f"{learner}.json").write_bytes(b"{")
    return store, learner


def set_aside_once(store: ProgressStore, learner: str) -> None:
    (warning,) = store.warnings
    assert warning.startswith(
        f"Het voortgangsbestand {learner}.json was beschadigd (geen geldige JSON). "
    )
    assert not (store.learners_dir / f"{learner}.json").exists()


def test_a_new_learner_and_attempt_have_empty_defaults(tmp_path: Path) -> None:
    store = ProgressStore(tmp_path)
    profile = store.create_profile("Noor", "wijkteam")
    stored = store.profile(profile.id)
    assert (stored.organisation, stored.team, stored.synthetic) == ("", "", False)
    attempt = store.start_attempt(profile.id, "01-regie", 2)
    assert attempt.role == ""
    assert store.attempt(profile.id, attempt.id).role == ""
    assert store.attempt(profile.id, attempt.id).mode == "self"


def test_an_unknown_way_of_practising_is_refused_in_dutch(tmp_path: Path) -> None:
    store = ProgressStore(tmp_path)
    learner = store.create_profile("Noor", "wijkteam").id
    said = message(store.start_attempt, learner, "01-regie", 2, "samen")
    assert said == "Onbekende manier van oefenen: 'samen'."
    assert store.attempts(learner) == []


def test_an_updated_profile_is_saved(tmp_path: Path) -> None:
    store = ProgressStore(tmp_path)
    profile = store.create_profile("Noor", "wijkteam")
    profile.name, profile.team = "Noor B.", "Noord"
    store.update_profile(profile)
    assert store.profile(profile.id) == profile


def test_removing_a_learner_says_whether_the_file_was_there(tmp_path: Path) -> None:
    store = ProgressStore(tmp_path)
    learner = store.create_profile("Noor", "wijkteam").id
    assert store.remove_learner(learner) is True
    assert store.remove_learner(learner) is False
    assert store.profiles() == []


def test_a_file_that_cannot_be_removed_is_named_with_the_reason(tmp_path: Path) -> None:
    store = ProgressStore(tmp_path)
    learner = store.create_profile("Noor", "wijkteam").id
    path = store.learners_dir / f"{learner}.json"
    path.unlink()
    path.mkdir()  # a folder where the file should be
    said = message(store.remove_learner, learner)
    assert said == f"{learner}.json kon niet worden verwijderd (dit is een map, geen bestand)."


def test_an_unknown_attempt_or_learner_is_named_in_dutch(tmp_path: Path) -> None:
    store = ProgressStore(tmp_path)
    learner = store.create_profile("Noor", "wijkteam").id
    assert NO_ATTEMPT == "Deze poging is niet gevonden."
    assert NOT_FOUND == "Deze leerling is niet gevonden."
    assert message(store.attempt, learner, "geen") == NO_ATTEMPT
    assert message(store.drafts, learner, "geen") == NO_ATTEMPT
    assert message(store.drafts, "onbekend", "geen") == NOT_FOUND


def test_an_answer_is_added_to_an_attempt_stored_without_answers(tmp_path: Path) -> None:
    store = ProgressStore(tmp_path)
    learner = store.create_profile("Noor", "wijkteam").id
    attempt = store.start_attempt(learner, "01-regie", 2)
    path = store.learners_dir / f"{learner}.json"
    path.write_bytes(path.read_bytes().replace(b'"answers":[],', b""))
    assert b'"answers"' not in path.read_bytes()
    saved = store.save_answer(learner, attempt.id, Answer("start", ["a"], AT))
    assert saved.answers == [Answer("start", ["a"], AT)]


def test_stopping_a_finished_or_stopped_attempt_changes_nothing(tmp_path: Path) -> None:
    store = ProgressStore(tmp_path)
    learner = store.create_profile("Noor", "wijkteam").id
    finished = store.start_attempt(learner, "01-regie", 2)
    store.finish_attempt(learner, finished.id, 80)
    store.stop_attempt(learner, finished.id)
    assert store.attempt(learner, finished.id).status == "finished"
    stopped = store.start_attempt(learner, "01-regie", 2)
    store.stop_attempt(learner, stopped.id)
    store.stop_attempt(learner, stopped.id)
    assert store.attempt(learner, stopped.id).status == "stopped"


def test_an_import_counts_an_attempt_listed_twice_once(tmp_path: Path) -> None:
    store = ProgressStore(tmp_path)
    profile = store.create_profile("Noor", "wijkteam")
    twice = Attempt("a-1", profile.id, "01-regie", 2, "self")
    assert store.import_learner(profile, [twice, twice]) == 1
    assert [a.id for a in store.attempts(profile.id)] == ["a-1"]
    assert store.import_learner(profile, [twice]) == 0


def test_explorations_of_one_attempt_leave_out_the_others(tmp_path: Path) -> None:
    store = ProgressStore(tmp_path)
    learner = store.create_profile("Noor", "wijkteam").id
    first = Exploration("e-1", learner, "a-1", "01-regie", 2, "start", started=AT)
    second = Exploration("e-2", learner, "a-2", "01-regie", 2, "start", started=AT)
    store.save_exploration(first)
    store.save_exploration(second)
    assert [e.id for e in store.explorations(learner)] == ["e-1", "e-2"]
    assert [e.id for e in store.explorations(learner, "a-2")] == ["e-2"]


def test_reading_drafts_of_a_damaged_file_sets_it_aside(tmp_path: Path) -> None:
    store, learner = damaged_learner(tmp_path)
    said = message(store.drafts, learner, "a-1")
    set_aside_once(store, learner)
    assert said == store.warnings[0]


def test_saving_a_scan_to_a_damaged_file_sets_it_aside(tmp_path: Path) -> None:
    store, learner = damaged_learner(tmp_path)
    said = message(store.save_scan, Scan("s-1", learner, {"regie": 4}, "thuis", AT))
    set_aside_once(store, learner)
    assert said == store.warnings[0]


def test_reading_scans_of_a_damaged_file_sets_it_aside(tmp_path: Path) -> None:
    store, learner = damaged_learner(tmp_path)
    assert store.scans(learner) == []
    set_aside_once(store, learner)


def test_saving_an_exploration_to_a_damaged_file_sets_it_aside(tmp_path: Path) -> None:
    store, learner = damaged_learner(tmp_path)
    exploration = Exploration("e-1", learner, "a-1", "01-regie", 2, "start", started=AT)
    said = message(store.save_exploration, exploration)
    set_aside_once(store, learner)
    assert said == store.warnings[0]


def test_reading_explorations_of_a_damaged_file_sets_it_aside(tmp_path: Path) -> None:
    store, learner = damaged_learner(tmp_path)
    assert store.explorations(learner) == []
    set_aside_once(store, learner)
