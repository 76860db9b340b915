"""The team store and a training driven without a screen, pinned whole.

TeamStore: a saved session comes back equal, private (file 0600, folder 0700) and stamped with
its last change; an odd or unknown id and an unreadable folder are said word for word; a
damaged file (no session, two, an incomplete one, one with another id) is set aside with its
Dutch warning word for word; sessions come most recently changed first, unfinished ones too.
TeamTraining: the pages and 'deel x van y', a page the case no longer has, moving at the first
and last page, the refusal to move on past an unrevealed step (not for a reflection), the
refusal to choose outside a step, tallies, consensus, mode and reveal saved at once, and
finishing (attendance recorded, the finish time kept). The agreement draft is pinned in
test_draft_rules.py.
"""

from __future__ import annotations

import json
import stat
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from team_fixtures import CHOOSE, DECIDE, REFLECT, TIPS, TRUST, new_session, played

from wijzer_tui.domain.errors import StoreError
from wijzer_tui.domain.progress.store import ProgressStore
from wijzer_tui.domain.team import store as team_store
from wijzer_tui.domain.team.session import TeamError, TeamSession
from wijzer_tui.domain.team.store import TeamStore, TeamTraining

PAGES = [
    "intro",
    "case",
    "why",
    f"step:{CHOOSE.id}",
    f"step:{DECIDE.id}",
    f"step:{REFLECT.id}",
    "agreements",
    "summary",
]
REVEAL_FIRST = "Onthul eerst de tips uit de wijzer met o. Daarna kun je verder."
NOTHING_TO_CHOOSE = "Hier valt niets te kiezen."


def clock(monkeypatch: pytest.MonkeyPatch, when: str) -> None:
    """Make the team store's 'now' the given moment."""
    monkeypatch.setattr(team_store, "now_iso", lambda: when)


def at(training: TeamTraining, page: str) -> TeamTraining:
    training.session.position = page
    return training


def damaged_warning(path: Path, reason: str) -> str:
    """The one warning after `path` was set aside; the kept copy is the only one beside it."""
    (kept,) = path.parent.glob(f"{path.stem}.beschadigd-*.json")
    return (
        f"Het bestand van de teamsessie {path.name} was beschadigd ({reason}). Het is niet "
        f"overschreven, maar apart gezet als {kept.absolute()}. Deze teamsessie staat daarom "
        "niet meer in de lijst."
    )


# -- TeamStore: save and load ----------------------------------------------------------------


def test_a_saved_session_comes_back_equal_private_and_stamped(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    store = TeamStore(tmp_path)
    session = played(new_session("Ann", "Bo", "Cas"))
    session.add_agreement("Bo", "Wijkagent bellen", "vrijdag")
    clock(monkeypatch, "2026-03-12T10:00:00+00:00")
    store.save(session)
    assert session.updated == "2026-03-12T10:00:00+00:00"
    path = tmp_path / "teams" / f"{session.id}.json"
    assert store.path(session.id) == path
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert stat.S_IMODE(path.parent.stat().st_mode) == 0o700
    assert json.loads(path.read_text("utf-8")) == {
        "session": {"1": {**session.to_dict(), "schema_version": 1}}
    }
    assert TeamStore(tmp_path).load(session.id) == session
    assert store.warnings == []


def test_saving_again_replaces_the_one_session_document(tmp_path: Path) -> None:
    store = TeamStore(tmp_path)
    session = new_session()
    store.save(session)
    session.add_attendee("Dirk")
    store.save(session)
    data = json.loads(store.path(session.id).read_text("utf-8"))
    assert list(data["session"]) == ["1"]
    assert TeamStore(tmp_path).load(session.id).attendees == ["Ann", "Bo", "Dirk"]


@pytest.mark.parametrize("session_id", ["a" * 64, "A-z_09", "x"])
def test_a_session_id_of_up_to_64_plain_characters_is_a_file(
    tmp_path: Path, session_id: str
) -> None:
    assert TeamStore(tmp_path).path(session_id) == tmp_path / "teams" / f"{session_id}.json"


@pytest.mark.parametrize(
    ("session_id", "shown"),
    [("a" * 65, repr("a" * 65)), ("../ann", "'../ann'"), ("", "''"), ("a.b", "'a.b'")],
)
def test_an_odd_session_id_is_refused_plainly(tmp_path: Path, session_id: str, shown: str) -> None:
    store = TeamStore(tmp_path)
    for attempt in (lambda: store.path(session_id), lambda: store.load(session_id)):
        with pytest.raises(StoreError) as error:
            attempt()
        assert error.value.message == f"Onbekende teamsessie: {shown}."
    assert not (tmp_path / "teams").exists()


def test_an_unknown_session_is_said_plainly_and_nothing_is_written(tmp_path: Path) -> None:
    store = TeamStore(tmp_path)
    store.save(new_session())
    before = sorted(p.name for p in store.folder.rglob("*"))
    with pytest.raises(StoreError) as error:
        store.load("f" * 32)
    assert error.value.message == "Deze teamsessie is niet gevonden."
    assert store.warnings == []
    assert sorted(p.name for p in store.folder.rglob("*")) == before


# -- TeamStore: damaged files ----------------------------------------------------------------


def _empty(doc: dict[str, Any]) -> dict[str, Any]:
    return {}


def _twice(doc: dict[str, Any]) -> dict[str, Any]:
    return {"1": doc, "2": doc}


def _without_attendees(doc: dict[str, Any]) -> dict[str, Any]:
    return {"1": {k: v for k, v in doc.items() if k != "attendees"}}


def _other_id(doc: dict[str, Any]) -> dict[str, Any]:
    return {"1": {**doc, "id": "ander"}}


DAMAGE = [
    (_empty, "de sessie ontbreekt"),
    (_twice, "de sessie ontbreekt"),
    (_without_attendees, "de sessie is onvolledig"),
    (_other_id, "de sessie past niet bij de bestandsnaam"),
]


def damage(store: TeamStore, session: TeamSession, change: Callable[..., Any]) -> Path:
    path = store.path(session.id)
    doc = json.loads(path.read_text("utf-8"))["session"]["1"]
    path.write_text(json.dumps({"session": change(doc)}), "utf-8")
    return path


@pytest.mark.parametrize(("change", "reason"), DAMAGE)
def test_loading_a_damaged_session_sets_it_aside_with_its_reason(
    tmp_path: Path, change: Callable[..., Any], reason: str
) -> None:
    store = TeamStore(tmp_path)
    session = new_session()
    store.save(session)
    path = damage(store, session, change)
    text = path.read_text("utf-8")
    with pytest.raises(StoreError) as error:
        store.load(session.id)
    assert error.value.message == f"Het bestand {path} is niet te gebruiken: {reason}."
    assert store.warnings == [damaged_warning(path, reason)]
    assert not path.exists()
    (kept,) = path.parent.glob("*.beschadigd-*.json")
    assert kept.read_text("utf-8") == text  # kept as it was, never written over


def test_a_session_from_a_newer_wijzer_is_set_aside_for_that_version(tmp_path: Path) -> None:
    store = TeamStore(tmp_path)
    session = new_session()
    store.save(session)
    path = damage(store, session, lambda doc: {"1": {**doc, "schema_version": 999}})
    with pytest.raises(StoreError):
        store.load(session.id)
    (kept,) = path.parent.glob(f"{path.stem}.nieuwere-versie-*.json")
    assert store.warnings == [
        f"Het bestand van de teamsessie {path.name} is gemaakt met een nieuwere versie van "
        f"wijzer. Het is niet overschreven, maar apart gezet als {kept.absolute()}. Open het "
        "met de nieuwere versie van wijzer."
    ]


@pytest.mark.parametrize(("change", "reason"), DAMAGE)
def test_a_damaged_session_is_left_out_of_the_list_with_its_warning(
    tmp_path: Path, change: Callable[..., Any], reason: str
) -> None:
    store = TeamStore(tmp_path)
    good, bad = new_session("Ann"), new_session("Bo")
    store.save(good)
    store.save(bad)
    path = damage(store, bad, change)
    assert [s.id for s in store.sessions()] == [good.id]
    assert store.warnings == [damaged_warning(path, reason)]


@pytest.mark.parametrize(("change", "reason"), DAMAGE)
def test_saving_over_a_damaged_session_keeps_the_old_file_and_warns(
    tmp_path: Path, change: Callable[..., Any], reason: str
) -> None:
    store = TeamStore(tmp_path)
    session = new_session()
    store.save(session)
    path = damage(store, session, change)
    session.add_attendee("Cas")
    store.save(session)
    assert store.warnings == [damaged_warning(path, reason)]
    assert TeamStore(tmp_path).load(session.id) == session


# -- TeamStore: the list of sessions ---------------------------------------------------------


def test_without_a_teams_folder_there_are_no_sessions(tmp_path: Path) -> None:
    store = TeamStore(tmp_path)
    assert (store.sessions(), store.unfinished(), store.warnings) == ([], [], [])


def test_a_teams_folder_that_cannot_be_read_is_named(tmp_path: Path) -> None:
    store = TeamStore(tmp_path)
    store.folder.write_text("geen map", "utf-8")
    with pytest.raises(StoreError) as error:
        store.sessions()
    assert error.value.message == (
        f"De map {tmp_path / 'teams'} kon niet worden gelezen (een deel van het pad is geen map)."
    )


def test_sessions_come_most_recently_changed_first(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    store = TeamStore(tmp_path)
    made = {}
    for session_id, when, status in [
        ("aa", "2026-03-12T10:00:00+00:00", "finished"),
        ("bb", "2026-03-12T10:03:00+00:00", "busy"),
        ("cc", "2026-03-12T10:01:00+00:00", "busy"),
        ("dd", "2026-03-12T09:59:00+00:00", "busy"),
    ]:
        session = new_session()
        session.id, session.status = session_id, status
        clock(monkeypatch, when)
        store.save(session)
        made[session_id] = session
    (store.folder / "notities.txt").write_text("geen sessie", "utf-8")
    (store.folder / "ee.beschadigd-20260312-100000.json").write_text("{", "utf-8")
    assert [s.id for s in store.sessions()] == ["bb", "cc", "aa", "dd"]
    assert [s.id for s in store.unfinished()] == ["bb", "cc", "dd"]
    assert store.sessions() == [made["bb"], made["cc"], made["aa"], made["dd"]]
    assert store.warnings == []


# -- TeamTraining: pages and moving ------------------------------------------------------------


def test_the_pages_of_a_straight_case_and_their_labels(tmp_path: Path) -> None:
    training = TeamTraining(TeamStore(tmp_path), TRUST, new_session())
    assert training.sections == PAGES
    labels = []
    for number, page in enumerate(PAGES):
        at(training, page)
        labels.append((training.index, training.section, training.page_label))
        assert training.step == (
            TRUST.step(page.removeprefix("step:")) if number in (3, 4, 5) else None
        )
    assert labels == [(i, page, f"deel {i + 1} van 8") for i, page in enumerate(PAGES)]


def test_a_session_on_a_page_the_case_no_longer_has_starts_at_the_intro(tmp_path: Path) -> None:
    session = new_session()
    session.position = "step:bestaat-niet-meer"
    training = TeamTraining(TeamStore(tmp_path), TRUST, session)
    assert (training.section, session.position, training.index) == ("intro", "intro", 0)
    assert training.page_label == "deel 1 van 8"


def test_a_page_the_case_has_is_kept_on_resume(tmp_path: Path) -> None:
    session = new_session()
    session.position = "why"
    assert TeamTraining(TeamStore(tmp_path), TRUST, session).section == "why"


def test_moving_is_saved_and_stops_at_the_first_and_last_page(tmp_path: Path) -> None:
    store = TeamStore(tmp_path)
    training = TeamTraining(store, TRUST, played(new_session()))
    assert training.go(-1) == "intro"
    assert training.go(+1) == "case"
    assert training.go(-5) == "intro"
    assert training.go(+6) == "agreements"
    assert TeamStore(tmp_path).load(training.session.id).position == "agreements"
    assert training.go(+2) == "summary"
    assert training.go(+1) == "summary"
    assert training.go(0) == "summary"
    assert training.go(-7) == "intro"
    assert TeamStore(tmp_path).load(training.session.id).position == "intro"


def test_moving_on_past_an_unrevealed_step_is_refused(tmp_path: Path) -> None:
    store = TeamStore(tmp_path)
    training = at(TeamTraining(store, TRUST, new_session()), f"step:{CHOOSE.id}")
    store.save(training.session)
    assert training.must_reveal_first() is True
    with pytest.raises(TeamError) as error:
        training.go(+1)
    assert error.value.message == REVEAL_FIRST
    assert training.go(0) == f"step:{CHOOSE.id}"  # staying is no moving on
    assert training.go(-1) == "why"  # going back is always allowed
    assert TeamStore(tmp_path).load(training.session.id).position == "why"


def test_a_revealed_step_lets_the_group_move_on(tmp_path: Path) -> None:
    training = at(TeamTraining(TeamStore(tmp_path), TRUST, new_session()), f"step:{CHOOSE.id}")
    training.bump(TIPS[0], 2)
    training.reveal()
    assert training.must_reveal_first() is False
    assert training.go(+1) == f"step:{DECIDE.id}"
    assert training.must_reveal_first() is True


def test_a_reflection_needs_no_reveal_to_move_on(tmp_path: Path) -> None:
    session = new_session()
    session.bump(CHOOSE, TIPS[0], 2)
    session.reveal(CHOOSE)
    session.bump(DECIDE, DECIDE.decide_options[0].id, 2)
    session.reveal(DECIDE)
    training = at(TeamTraining(TeamStore(tmp_path), TRUST, session), f"step:{REFLECT.id}")
    assert training.session.is_revealed(REFLECT.id) is False
    assert training.must_reveal_first() is False
    assert training.go(+1) == "agreements"


@pytest.mark.parametrize("page", ["intro", "case", "why", "agreements", "summary"])
def test_a_page_without_a_step_needs_no_reveal(tmp_path: Path, page: str) -> None:
    training = at(TeamTraining(TeamStore(tmp_path), TRUST, new_session()), page)
    assert training.must_reveal_first() is False


# -- TeamTraining: the group's input -----------------------------------------------------------


@pytest.mark.parametrize("page", ["intro", "why", "agreements", "summary"])
def test_choosing_outside_a_step_is_refused_and_nothing_is_saved(tmp_path: Path, page: str) -> None:
    store = TeamStore(tmp_path)
    training = at(TeamTraining(store, TRUST, new_session()), page)
    actions = [
        lambda: training.bump(TIPS[0], 1),
        lambda: training.toggle_consensus(TIPS[0]),
        lambda: training.set_mode("consensus"),
        lambda: training.reveal(),
    ]
    for action in actions:
        with pytest.raises(TeamError) as error:
            action()
        assert error.value.message == NOTHING_TO_CHOOSE
    assert training.session.entries == {}
    assert not store.path(training.session.id).exists()


def test_tallies_consensus_mode_and_reveal_are_saved_at_once(tmp_path: Path) -> None:
    store = TeamStore(tmp_path)
    training = at(TeamTraining(store, TRUST, new_session("Ann", "Bo", "Cas")), f"step:{CHOOSE.id}")

    def saved() -> dict[str, Any]:
        return TeamStore(tmp_path).load(training.session.id).entry(CHOOSE.id).to_dict()

    assert training.bump(TIPS[0], 2) == 2
    assert training.bump(TIPS[1], 1) == 1
    assert training.bump(TIPS[1], -4) == 0
    assert saved() == {
        "mode": "tally", "tallies": {TIPS[0]: 2}, "consensus": [], "revealed": False, "people": 3,
    }  # fmt: skip
    training.set_mode("consensus")
    training.toggle_consensus(TIPS[2])
    training.toggle_consensus(TIPS[3])
    training.toggle_consensus(TIPS[2])
    assert saved() == {
        "mode": "consensus", "tallies": {TIPS[0]: 2}, "consensus": [TIPS[3]], "revealed": False,
        "people": 3,
    }  # fmt: skip
    training.reveal()
    assert saved()["revealed"] is True
    assert training.session.answers(TRUST) == {CHOOSE.id: [TIPS[3]]}


def test_a_refused_change_is_undone_and_not_saved(tmp_path: Path) -> None:
    store = TeamStore(tmp_path)
    training = at(TeamTraining(store, TRUST, new_session()), f"step:{CHOOSE.id}")
    training.bump(TIPS[0], 2)
    with pytest.raises(TeamError) as error:
        training.bump(TIPS[0], 1)
    assert error.value.message == "Er zijn 2 deelnemers: meer stemmen kan niet."
    assert training.session.entry(CHOOSE.id).tallies == {TIPS[0]: 2}
    assert training.bump(TIPS[0], -2) == 0
    with pytest.raises(TeamError) as error:
        training.reveal()
    assert error.value.message == (
        "Vul eerst de keuze van de groep in: stemmen of één gezamenlijke keuze."
    )
    assert TeamStore(tmp_path).load(training.session.id).entry(CHOOSE.id).to_dict() == {
        "mode": "tally", "tallies": {}, "consensus": [], "revealed": False, "people": 2,
    }  # fmt: skip


# -- TeamTraining: finishing -------------------------------------------------------------------


def test_finishing_records_every_attendee_and_stamps_the_session(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    store = TeamStore(tmp_path)
    progress = ProgressStore(tmp_path)
    training = TeamTraining(store, TRUST, played(new_session("Ann", "Bo")))
    clock(monkeypatch, "2026-03-12T11:30:00+00:00")
    recorded = training.finish(progress)
    assert [(p.name, a.mode, a.status) for p, a in recorded] == [
        ("Ann", "team", "finished"),
        ("Bo", "team", "finished"),
    ]
    assert [a.team_session_id for _, a in recorded] == [training.session.id] * 2
    expected = ("finished", "2026-03-12T11:30:00+00:00", "2026-03-12T11:30:00+00:00")
    session = training.session
    assert (session.status, session.finished, session.updated) == expected
    loaded = TeamStore(tmp_path).load(session.id)
    assert (loaded.status, loaded.finished, loaded.updated) == expected
    assert store.unfinished() == []


def test_finishing_again_keeps_the_first_finish_time(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    store = TeamStore(tmp_path)
    progress = ProgressStore(tmp_path)
    session = played(new_session("Ann", "Bo"))
    session.finished = "2026-03-12T11:30:00+00:00"  # e.g. a crash before the status was saved
    clock(monkeypatch, "2026-03-12T12:00:00+00:00")
    TeamTraining(store, TRUST, session).finish(progress)
    loaded = TeamStore(tmp_path).load(session.id)
    assert (loaded.status, loaded.finished, loaded.updated) == (
        "finished", "2026-03-12T11:30:00+00:00", "2026-03-12T12:00:00+00:00",
    )  # fmt: skip
    assert sorted(len(attempts) for _, attempts in progress.all_records()) == [1, 1]
