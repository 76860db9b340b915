"""The rules of a merge, word for word: the plan a coordinator reads, each refusal, whose
details the merged profile keeps, which team links move, and the order of likely duplicates."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from team_fixtures import TRUST

from wijzer_tui.domain.progress.people import describe
from wijzer_tui.domain.progress.records import Attempt, Profile
from wijzer_tui.domain.progress.store import ProgressStore
from wijzer_tui.domain.reports.merge import (
    MergeError,
    MergePlan,
    _merged_profile,
    apply_merge,
    duplicates,
    plan_merge,
)
from wijzer_tui.domain.team.session import TeamSession
from wijzer_tui.domain.team.store import TeamStore


def person(pid: str, name: str = "Noor", **fields: Any) -> Profile:
    return Profile(pid, name, fields.pop("beroepsgroep", "wijkteam"), **fields)


def attempts(n: int) -> tuple[Attempt, ...]:
    return tuple(Attempt(f"a{i}", "bron", "01-regie", 2) for i in range(n))


@pytest.mark.parametrize(
    ("moved", "practice", "sessions", "lines"),
    [
        (1, 0, 0, ["- 1 poging gaat naar het doel."]),
        (2, 1, 1, [
            "- 2 pogingen gaan naar het doel.",
            "- 1 frustratiescan of verkenning gaat mee.",
            "- 1 teamsessie verwijst voortaan naar het doel.",
        ]),
        (0, 3, 2, [
            "- 0 pogingen gaan naar het doel.",
            "- 3 frustratiescans en verkenningen gaan mee.",
            "- 2 teamsessies verwijst voortaan naar het doel.",
        ]),
    ],
)  # fmt: skip
def test_the_plan_reads_as_a_list_of_changes(
    moved: int, practice: int, sessions: int, lines: list[str]
) -> None:
    source, target = person("bron", team="Noord"), person("doel")
    links: Any = (object(),) * sessions  # only their number is shown
    plan = MergePlan(source, target, target, attempts(moved), links, practice)
    assert plan.lines() == [
        f"Bron: {describe(source)} (bron)",
        f"Doel: {describe(target)} (doel)",
        *lines,
        "- De bron wordt daarna verwijderd.",
    ]


def test_the_plan_says_how_the_target_changes() -> None:
    source, target = person("bron", team="Noord"), person("doel", attendee=True)
    merged = _merged_profile(source, target)
    plan = MergePlan(source, target, merged, (), ())
    assert plan.lines()[3] == f"- Het doel wordt: {describe(merged)}."


def test_the_merged_profile_keeps_the_persons_own_details() -> None:
    own = person("eigen", team="Noord", organisation="Zuid", created="2026-02-01T00:00:00+00:00")
    own_shared = person("eigen", team="Noord", share_reflections=True)
    attendee = person("team", team="Oost", attendee=True, share_reflections=True,
                      created="2026-01-01T00:00:00+00:00")  # fmt: skip
    into_attendee = _merged_profile(own, attendee)
    assert (into_attendee.id, into_attendee.team, into_attendee.organisation) == (
        "team",
        "Noord",
        "Zuid",
    )
    assert into_attendee.created == "2026-01-01T00:00:00+00:00"  # the oldest
    assert not into_attendee.attendee and not into_attendee.share_reflections
    assert _merged_profile(own_shared, attendee).share_reflections  # both shared
    other = person("ander", team="West", organisation="Noord")
    kept = _merged_profile(other, own)  # two self-study profiles: the target's details
    assert (kept.id, kept.team, kept.organisation, kept.attendee) == (
        "eigen",
        "Noord",
        "Zuid",
        False,
    )
    assert not _merged_profile(other, own_shared).share_reflections  # only one shared
    both = _merged_profile(attendee, person("team2", attendee=True))
    assert both.attendee


def stores(
    tmp_path: Path, *names: str, demo: str = ""
) -> tuple[ProgressStore, TeamStore, list[Profile]]:
    store = ProgressStore(tmp_path)
    made = [store.create_profile(n, "politie", synthetic=n == demo) for n in names]
    return store, TeamStore(tmp_path), made


def refusal(tmp_path: Path, names: tuple[str, ...], source: str, target: str, **kw: Any) -> str:
    store, teams, _ = stores(tmp_path, *names, demo=kw.pop("demo", ""))
    with pytest.raises(MergeError) as error:
        plan_merge(store, teams, source, target, force=kw.pop("force", False))
    return error.value.message


def test_each_refusal_says_why(tmp_path: Path) -> None:
    assert refusal(tmp_path / "a", ("Noor",), "Noor", "Noor") == (
        "Bron en doel zijn dezelfde deelnemer. Er is niets samen te voegen."
    )
    assert refusal(
        tmp_path / "b", ("Noor", "Noor Demo"), "Noor Demo", "Noor", demo="Noor Demo", force=True
    ) == ("Een demodeelnemer en een echte deelnemer worden nooit samengevoegd.")
    assert refusal(tmp_path / "c", ("Noor", "Bo"), "Bo", "Noor") == (
        "De namen verschillen: Bo en Noor. Is dit zeker één persoon? Voeg dan samen met --force."
    )
    assert refusal(tmp_path / "d", ("Noor",), "Sem", "Noor") == (
        "Bron 'Sem' is niet gevonden. Al samengevoegd? Dan is er niets meer te doen. "
        "Bekijk de namen met: wijzer merge"
    )
    assert refusal(tmp_path / "e", ("Noor",), "Noor", "Sem") == (
        "Doel 'Sem' is niet gevonden. Bekijk de namen met: wijzer merge"
    )


def test_an_unclear_name_lists_every_match_on_its_own_line(tmp_path: Path) -> None:
    store, teams, made = stores(tmp_path, "Noor", "Noor", "Bo")
    with pytest.raises(MergeError) as error:
        plan_merge(store, teams, "Bo", "Noor", force=True)
    first, second = sorted(made[:2], key=lambda p: p.id)
    options = {f"- {describe(first)}: {first.id}", f"- {describe(second)}: {second.id}"}
    head, *rest = error.value.message.split("\n")
    assert head == "Doel 'Noor' past bij 2 deelnemers. Noem het id:" and set(rest) == options


def test_only_the_sources_team_links_move(tmp_path: Path) -> None:
    store, teams, (source, target, other) = stores(tmp_path, "Noor", "noor", "Bo")
    session = TeamSession.new(TRUST, "Team Noord", "Zuid", ["Noor", "Bo"])
    session.links = {"Noor": source.id, "Bo": other.id}
    teams.save(session)
    apply_merge(store, teams, plan_merge(store, teams, source.id, target.id, force=False))
    [saved] = teams.sessions()
    assert saved.links == {"Noor": target.id, "Bo": other.id}


def test_likely_duplicates_come_in_name_order() -> None:
    found = duplicates([
        person("z1", "Zoë"), person("a1", "anna"), person("z2", "Zoe"), person("a2", "Anna"),
        person("b1", "Bo"),
    ])  # fmt: skip
    assert [[p.id for p in group] for group in found] == [["a1", "a2"], ["z1", "z2"]]
