"""What a group chose, read back from storage: tallies, consensus, ties, agreements."""

from __future__ import annotations

import pytest
from team_fixtures import CHOOSE, DECIDE

from wijzer_tui.domain.progress.records import RecordError
from wijzer_tui.domain.team.group import GroupEntry, TeamAgreement, group_choice

OPTIONS = [o.id for o in CHOOSE.options]
DECISIONS = [o.id for o in DECIDE.options]


def test_an_agreement_reads_back_with_empty_who_and_when_when_missing() -> None:
    agreement = TeamAgreement.from_dict({"what": "Belt"})
    assert (agreement.who, agreement.what, agreement.when) == ("", "Belt", "")
    with pytest.raises(RecordError, match="'what'"):  # a wrongly typed field is damage
        TeamAgreement.from_dict({"what": 42})
    full = TeamAgreement("Ann", "Belt", "vrijdag")
    assert TeamAgreement.from_dict(full.to_dict()) == full
    assert full.to_dict() == {"who": "Ann", "what": "Belt", "when": "vrijdag"}


def test_an_entry_reads_back_or_is_refused() -> None:
    for wrong in ({"mode": "iets"}, {"tallies": {"a": "2"}}, {"consensus": [1]}, {"revealed": 1}):
        with pytest.raises(RecordError):  # wrongly typed: the file is set aside, not guessed at
            GroupEntry.from_dict(wrong)
    empty = GroupEntry.from_dict({})
    assert (empty.mode, empty.tallies, empty.consensus, empty.revealed) == ("tally", {}, [], False)
    chosen = GroupEntry("consensus", {"a": 1}, ["x"], True)
    assert GroupEntry.from_dict(chosen.to_dict()) == chosen
    assert chosen.to_dict() == {
        "mode": "consensus", "tallies": {"a": 1}, "consensus": ["x"], "revealed": True, "people": 0,
    }  # fmt: skip
    assert chosen.count("a") == 1 and chosen.count("b") == 0


def test_the_group_choice_per_kind_of_step() -> None:
    votes = GroupEntry(tallies={OPTIONS[2]: 1, OPTIONS[0]: 3, "weg": 5})
    assert group_choice(CHOOSE, votes) == [OPTIONS[0], OPTIONS[2]]  # in step order, known only
    assert group_choice(DECIDE, GroupEntry()) == []  # nobody voted
    tie = GroupEntry(tallies={DECISIONS[0]: 2, DECISIONS[1]: 2})
    assert group_choice(DECIDE, tie) == []  # a tie is no choice
    most = GroupEntry(tallies={DECISIONS[0]: 1, DECISIONS[1]: 2})
    assert group_choice(DECIDE, most) == [DECISIONS[1]]
    agreed = GroupEntry("consensus", {DECISIONS[0]: 3}, [DECISIONS[1], "weg"])
    assert group_choice(DECIDE, agreed) == [DECISIONS[1]]
