"""Frustratiescan storage, and the coordinators' view: per team or organisation, never below 5."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from textual.widgets import Static

from wijzer_tui.app import WijzerApp
from wijzer_tui.cli import main
from wijzer_tui.domain.content.loader import load_scenarios
from wijzer_tui.domain.errors import StoreError
from wijzer_tui.domain.progress.scan import new_scan, scan_of
from wijzer_tui.domain.progress.store import ProgressStore
from wijzer_tui.domain.reports.scan_report import MIN_GROUP, read_scans, scan_groups

SCENARIOS = load_scenarios()


def rate(values: tuple[int, ...]) -> dict[str, int]:
    return {s.id: v for s, v in zip(SCENARIOS, values, strict=True)}


def add_team(store: ProgressStore, team: str, size: int, repeated: int) -> None:
    """`size` learners in `team`; the first `repeated` scan twice (4,4,4,4,4 then 2,3,4,5,4)."""
    for i in range(size):
        learner = store.create_profile(f"{team} {i}", "wijkteam", "Gemeente Voorbeeld", team)
        store.save_scan(new_scan(learner.id, rate((4, 4, 4, 4, 4)), SCENARIOS, "start"))
        if i < repeated:
            store.save_scan(new_scan(learner.id, rate((2, 3, 4, 5, 4)), SCENARIOS, "na-casus"))


def groups(store: ProgressStore):
    learners = store.profiles()
    return {(g.kind, g.name): g for g in scan_groups(learners, read_scans(store.root), SCENARIOS)}


def test_scans_are_stored_beside_the_records_and_checked_on_read(tmp_path: Path) -> None:
    store = ProgressStore(tmp_path)
    learner = store.create_profile("Anna", "politie")
    attempt = store.start_attempt(learner.id, SCENARIOS[0].id, 1)
    store.save_scan(new_scan(learner.id, rate((5, 4, 3, 2, 1)), SCENARIOS, "start"))
    assert [s.ratings[SCENARIOS[0].id] for s in store.scans(learner.id)] == [5]
    assert store.attempts(learner.id)[0].id == attempt.id  # the records are untouched
    path = tmp_path / "learners" / f"{learner.id}.json"
    data = json.loads(path.read_text())
    bad = dict(next(iter(data["scans"].values())), ratings={SCENARIOS[0].id: 9})
    data["scans"]["2"] = bad  # a rating out of range: skipped, the file stays usable
    path.write_text(json.dumps(data))
    assert len(store.scans(learner.id)) == 1 and store.warnings == []
    assert scan_of({"id": 1}) is None


def test_a_scan_needs_every_frustration_and_an_existing_learner(tmp_path: Path) -> None:
    store = ProgressStore(tmp_path)
    with pytest.raises(StoreError, match="Geef elke frustratie een cijfer"):
        new_scan("x", {SCENARIOS[0].id: 3}, SCENARIOS)
    with pytest.raises(StoreError, match="van 1 tot en met 5"):
        new_scan("x", rate((3, 3, 3, 3, 6)), SCENARIOS)
    with pytest.raises(StoreError):
        store.save_scan(new_scan("nobody", rate((1, 2, 3, 4, 5)), SCENARIOS))
    assert not (tmp_path / "learners" / "nobody.json").exists()


def test_groups_below_five_show_nothing_and_means_need_five_before_and_after(
    tmp_path: Path,
) -> None:
    store = ProgressStore(tmp_path)
    add_team(store, "Klein", MIN_GROUP - 1, MIN_GROUP - 1)  # everyone scanned twice, only 4
    add_team(store, "Half", 6, 4)  # big enough, but only 4 with before and after
    add_team(store, "Groot", 5, 5)
    found = groups(store)
    small = found[("team", "Klein")]
    assert not small.shown and small.mean_change is None
    half = found[("team", "Half")]
    assert (half.shown, half.learners, half.scanned, half.repeated) == (True, 6, 6, 4)
    assert half.mean_change is None
    big = found[("team", "Groot")]
    assert big.mean_change == dict(zip([s.id for s in SCENARIOS], (-2, -1, 0, 1, 0), strict=True))
    organisation = found[("organisatie", "Gemeente Voorbeeld")]
    assert (organisation.learners, organisation.repeated) == (15, 13)


@pytest.mark.usefixtures("progress_env")
def test_report_md_and_json_show_only_groups_of_five_or_more(
    capsys: pytest.CaptureFixture[str], progress_env: Path
) -> None:
    store = ProgressStore(progress_env)
    add_team(store, "Klein", 3, 3)
    add_team(store, "Groot", 5, 5)
    assert main(["report", "--format", "md"]) == 0
    md = capsys.readouterr().out
    section = md.split("## Frustratiescan per team en organisatie")[1].split("## Deelnemers")[0]
    assert "Team Klein: minder dan 5 deelnemers: niet getoond." in section
    assert "Team Groot: 5 deelnemers, scan vooraf: 5, voor én na: 5." in section
    assert f"-2,0 (lichter) · 1. {SCENARIOS[0].title}" in section
    assert section.count("(lichter)") == 2 * 2  # team Groot and the organisation (8 learners)
    assert main(["report", "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)["frustratiescan"]
    small = next(g for g in data if g["naam"] == "Klein")
    assert small == {"soort": "team", "naam": "Klein", "getoond": False}
    big = next(g for g in data if g["naam"] == "Groot")
    assert big["gemiddelde_verandering"][SCENARIOS[0].id] == -2.0
    assert main(["report", "--format", "md", "--team", "Klein"]) == 0
    assert "-2,0" not in capsys.readouterr().out


async def test_the_overview_shows_the_groups_under_per_casus(tmp_path: Path) -> None:
    store = ProgressStore(tmp_path)
    add_team(store, "Klein", 2, 2)
    add_team(store, "Groot", 5, 5)
    app = WijzerApp(SCENARIOS, store, start="overview")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()
        await pilot.press("c")
        summary = str(app.screen.query_one("#summary", Static).render())
    assert "Team Klein: minder dan 5 deelnemers: niet getoond." in summary
    assert "Team Groot: 5 deelnemers, scan vooraf: 5, voor én na: 5." in summary
    assert f"+1,0 (zwaarder) · 4. {SCENARIOS[3].title}" in summary


def test_the_scan_travels_in_an_export_only_when_the_learner_asks(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    learners = ProgressStore(tmp_path / "deelnemers")
    add_team(learners, "Groot", 5, 5)
    files = []
    for i, profile in enumerate(learners.profiles()):
        plain, with_scan = tmp_path / f"zonder-{i}.json", tmp_path / f"met-{i}.json"
        root = ["--progress-dir", str(learners.root), "export", "--learner", profile.id]
        assert main([*root, "--output", str(plain)]) == 0
        assert main([*root, "--output", str(with_scan), "--met-scan"]) == 0
        assert "scans" not in json.loads(plain.read_text())
        files.append(str(with_scan))
    assert "met je frustratiescan" in capsys.readouterr().out
    coordinator = tmp_path / "coordinator"
    for _ in range(2):  # importing twice adds nothing
        assert main(["--progress-dir", str(coordinator), "import", *files]) == 0
    imported = ProgressStore(coordinator)
    assert all(len(imported.scans(p.id)) == 2 for p in imported.profiles())
    assert groups(imported)[("team", "Groot")].mean_change is not None
    broken = json.loads(Path(files[0]).read_text())
    broken["scans"][0]["ratings"] = {SCENARIOS[0].id: 7}
    Path(files[0]).write_text(json.dumps(broken))
    assert main(["--progress-dir", str(coordinator), "import", files[0]]) == 1
    assert "scan 1 heeft een verkeerde vorm" in capsys.readouterr().err


def test_a_group_is_named_once_even_when_its_name_says_team() -> None:
    from wijzer_tui.domain.reports.scan_report import ScanGroup, group_label

    def group(kind: str, name: str) -> ScanGroup:
        return ScanGroup(kind, name, 6, 6, 0, None)

    assert group_label(group("team", "Noord")) == "Team Noord"
    assert group_label(group("team", "Team Noord")) == "Team Noord"  # not "Team Team Noord"
    assert group_label(group("team", "Teamleiders")) == "Team Teamleiders"
    assert group_label(group("organisatie", "Gemeente Zuid")) == "Organisatie Gemeente Zuid"
