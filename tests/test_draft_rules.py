"""Drafts without a screen: what a pass and a team training keep of unconfirmed input.

The screens save a draft as the user types (test_drafts.py, test_team_drafts.py drive them).
These tests pin the domain side on its own: which draft is kept, that an unchanged draft is not
written again, and that an empty one removes what was kept.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from team_fixtures import TRUST, new_session

from wijzer_tui.domain.content.loader import load_scenarios
from wijzer_tui.domain.progress.session import Pass
from wijzer_tui.domain.progress.store import ProgressStore
from wijzer_tui.domain.team.store import TeamStore, TeamTraining

SCENARIO = load_scenarios()[3]


def pass_at_first_step(root: Path) -> Pass:
    """A fresh pass of case 4, moved on to its first question."""
    store = ProgressStore(root)
    learner = store.create_profile("Sanne", "wijkteam", "Gemeente Voorbeeld", "Team Noord")
    session = Pass.start(store, SCENARIO, learner.id)
    while session.step is None:
        session.go(+1)
    return session


def saved_drafts(session: Pass) -> dict:
    """The drafts as a new pass of the same attempt finds them on disk."""
    store = ProgressStore(session.store.root)
    return store.drafts(session.learner_id, session.attempt.id)


def count_writes(monkeypatch: pytest.MonkeyPatch, store: object, method: str) -> list[tuple]:
    """Record every call of `store.method` (and still make it)."""
    calls: list[tuple] = []
    original = getattr(store, method)

    def recording(*args: object) -> object:
        calls.append(args)
        return original(*args)

    monkeypatch.setattr(store, method, recording)
    return calls


# -- self-study: Pass.draft and Pass.keep_draft ------------------------------------------------


def test_a_step_without_a_draft_has_an_empty_one(tmp_path: Path) -> None:
    session = pass_at_first_step(tmp_path)
    assert session.draft() == {}


def test_the_intro_has_no_draft_and_keeps_none(tmp_path: Path) -> None:
    store = ProgressStore(tmp_path)
    learner = store.create_profile("Sanne", "wijkteam", "", "")
    session = Pass.start(store, SCENARIO, learner.id)
    assert session.step is None
    session.keep_draft({"reflection": "nog niets"})
    assert session.draft() == {} and session.drafts == {}
    assert saved_drafts(session) == {}


def test_a_kept_draft_is_cleaned_saved_and_found_again(tmp_path: Path) -> None:
    session = pass_at_first_step(tmp_path)
    step_id = session.step.id
    session.keep_draft({"option_ids": ["a", "b"], "reflection": "Eerst bellen", "x": 1})
    kept = {"option_ids": ["a", "b"], "reflection": "Eerst bellen"}
    assert session.draft() == kept
    assert saved_drafts(session) == {step_id: kept}
    store = ProgressStore(tmp_path)
    resumed = Pass(store, SCENARIO, store.attempt(session.learner_id, session.attempt.id))
    assert resumed.step.id == step_id and resumed.draft() == kept


def test_an_unchanged_draft_is_not_written_again(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    session = pass_at_first_step(tmp_path)
    writes = count_writes(monkeypatch, session.store, "save_draft")
    session.keep_draft(None)  # nothing typed and nothing kept: nothing to write
    session.keep_draft({"reflection": "  "})
    assert writes == []
    session.keep_draft({"reflection": "Eerst bellen"})
    session.keep_draft({"reflection": "Eerst bellen", "onbekend": True})  # the same once cleaned
    assert len(writes) == 1
    session.keep_draft(None)  # removes the kept draft: one write
    session.keep_draft({"reflection": "anders"})
    assert len(writes) == 3


def test_an_empty_draft_removes_the_kept_one(tmp_path: Path) -> None:
    session = pass_at_first_step(tmp_path)
    session.keep_draft({"reflection": "Eerst bellen"})
    session.keep_draft({"reflection": "   "})  # only spaces: nothing worth keeping
    assert session.draft() == {} and session.drafts == {}
    assert saved_drafts(session) == {}


def test_none_removes_the_draft_of_this_step_only(tmp_path: Path) -> None:
    session = pass_at_first_step(tmp_path)
    here = session.step.id
    session.store.save_draft(session.learner_id, session.attempt.id, "elders", {"reflection": "b"})
    session.drafts = saved_drafts(session)
    session.keep_draft({"reflection": "hier"})
    session.keep_draft(None)
    assert saved_drafts(session) == {"elders": {"reflection": "b"}}
    assert session.drafts == {"elders": {"reflection": "b"}} and here not in session.drafts


def test_a_confirmed_answer_takes_the_place_of_its_draft(tmp_path: Path) -> None:
    session = pass_at_first_step(tmp_path)
    session.keep_draft({"option_ids": [session.step.options[0].id]})
    session.submit([session.step.options[0].id])
    assert saved_drafts(session) == {}


# -- team training: TeamTraining.save_agreement_draft ------------------------------------------


def training(root: Path) -> TeamTraining:
    session = new_session("Ann", "Bo")
    store = TeamStore(root)
    store.save(session)
    return TeamTraining(store, TRUST, session)


def test_an_agreement_being_typed_is_saved_as_typed(tmp_path: Path) -> None:
    trainer = training(tmp_path)
    trainer.save_agreement_draft("Ann", "Bel de school", "vrijdag", None)
    draft = {"who": "Ann", "what": "Bel de school", "when": "vrijdag", "editing": None}
    assert trainer.session.agreement_draft == draft
    assert TeamStore(tmp_path).load(trainer.session.id).agreement_draft == draft


def test_the_draft_remembers_which_agreement_is_being_changed(tmp_path: Path) -> None:
    trainer = training(tmp_path)
    trainer.save_agreement_draft("", "Overleg plannen", "", 2)
    assert TeamStore(tmp_path).load(trainer.session.id).agreement_draft == {
        "who": "",
        "what": "Overleg plannen",
        "when": "",
        "editing": 2,
    }


def test_three_empty_fields_clear_the_draft(tmp_path: Path) -> None:
    trainer = training(tmp_path)
    trainer.save_agreement_draft("Ann", "", "", None)
    trainer.save_agreement_draft("", "", "", None)
    assert trainer.session.agreement_draft == {}
    assert TeamStore(tmp_path).load(trainer.session.id).agreement_draft == {}


def test_an_unchanged_agreement_draft_is_not_saved_again(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    trainer = training(tmp_path)
    writes = count_writes(monkeypatch, trainer.store, "save")
    trainer.save_agreement_draft("", "", "", None)  # empty and nothing kept: no write
    assert writes == []
    trainer.save_agreement_draft("Bo", "Verslag", "", None)
    trainer.save_agreement_draft("Bo", "Verslag", "", None)
    assert len(writes) == 1
    trainer.save_agreement_draft("Bo", "Verslag", "", 0)  # now changing agreement 1
    assert len(writes) == 2
