"""Learner export and import, pinned word for word: the export file's exact text (its keys and
values, one-space indent, letters like ë kept as they are, private reflections left out, scans
only when asked, file rights 0600), the default file name, every Dutch message of choosing the
learner to export (with the limit of 20 names), and the messages of a refused or an interrupted
import."""

from __future__ import annotations

import json
import stat
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from wijzer_tui import __version__
from wijzer_tui.domain.errors import ExportError
from wijzer_tui.domain.progress.records import Answer, Attempt, Profile
from wijzer_tui.domain.progress.scan import Scan
from wijzer_tui.domain.progress.store import ProgressStore
from wijzer_tui.domain.reports import transfer
from wijzer_tui.domain.reports.transfer import (
    ChoiceNeeded,
    choose_learner,
    default_export_path,
    export_learner,
    import_files,
)

GOOD = Path(__file__).resolve().parent / "data" / "transfer" / "goed.json"
EXPORTED = "2025-03-10T12:00:00+00:00"

ZOE = Profile(
    "zoe0001", "Zoë Ëlsgén", "jeugdzorg", "Stichting Één", "Team Zuid", "2025-03-01T09:00:00+00:00"
)
SCAN = Scan("scan-1", "zoe0001", {"regie": 4}, "thuis", "2025-03-03T08:00:00+00:00")

# The whole export of ZOE (see `zoe`), by hand: the reflection "Geheim" is not in it.
ZOE_EXPORT = """{
 "format": "wijzer-export",
 "version": 1,
 "exported": "2025-03-10T12:00:00+00:00",
 "app_version": "VERSIE",
 "profile": {
  "id": "zoe0001",
  "name": "Zoë Ëlsgén",
  "beroepsgroep": "jeugdzorg",
  "organisation": "Stichting Één",
  "team": "Team Zuid",
  "created": "2025-03-01T09:00:00+00:00",
  "share_reflections": false,
  "synthetic": false,
  "attendee": false
 },
 "attempts": [
  {
   "id": "zoe-regie-1",
   "learner_id": "zoe0001",
   "scenario_id": "regie",
   "content_version": 2,
   "mode": "team",
   "started": "2025-03-02T10:00:00+00:00",
   "finished": "2025-03-02T10:30:00+00:00",
   "status": "finished",
   "answers": [
    {
     "step_id": "wat-doe-je",
     "option_ids": [
      "vraag-gezin"
     ],
     "at": "2025-03-02T10:10:00+00:00",
     "reflection": null,
     "ticked_tips": []
    },
    {
     "step_id": "reflectie",
     "option_ids": [],
     "at": "2025-03-02T10:28:00+00:00",
     "reflection": null,
     "ticked_tips": [
      "F1-T1"
     ]
    }
   ],
   "position": "end",
   "score": 70,
   "team_session_id": null,
   "role": "",
   "ending": null
  }
 ]
}
""".replace("VERSIE", __version__)


@pytest.fixture
def zoe(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> ProgressStore:
    """A store with ZOE: one finished team attempt with a private reflection, and one scan.
    The export time is fixed at EXPORTED."""
    monkeypatch.setattr(transfer, "now_iso", lambda: EXPORTED)
    store = ProgressStore(tmp_path / "bron")
    answers = [
        Answer("wat-doe-je", ["vraag-gezin"], "2025-03-02T10:10:00+00:00"),
        Answer("reflectie", [], "2025-03-02T10:28:00+00:00", "Geheim", ["F1-T1"]),
    ]
    attempt = Attempt(
        "zoe-regie-1", "zoe0001", "regie", 2, "team", "2025-03-02T10:00:00+00:00",
        "2025-03-02T10:30:00+00:00", "finished", answers, "end", 70,
    )  # fmt: skip
    store.import_learner(ZOE, [attempt])
    store.save_scan(SCAN)
    return store


def stored(root: Path, *profiles: Profile) -> ProgressStore:
    store = ProgressStore(root)
    for profile in profiles:
        store.import_learner(profile, [])
    return store


def message(store: ProgressStore, name_or_id: str | None) -> str:
    with pytest.raises(ExportError) as caught:
        choose_learner(store, name_or_id)
    return caught.value.message


# -- the export file ---------------------------------------------------------------------------


def test_the_export_file_is_exactly_this_text_and_only_its_owner_may_read_it(
    zoe: ProgressStore, tmp_path: Path
) -> None:
    out = tmp_path / "zoe.json"
    assert export_learner(zoe, ZOE, out) == 1
    assert out.read_text(encoding="utf-8") == ZOE_EXPORT
    assert stat.S_IMODE(out.stat().st_mode) == 0o600
    # Leaving the reflection out of the file does not touch the learner's own record.
    assert zoe.attempts("zoe0001")[0].answers[1].reflection == "Geheim"


def test_the_scans_go_along_only_when_asked(zoe: ProgressStore, tmp_path: Path) -> None:
    out = tmp_path / "zoe.json"
    export_learner(zoe, ZOE, out, with_scans=True)
    data = json.loads(out.read_text(encoding="utf-8"))
    assert data["scans"] == [
        {
            "id": "scan-1",
            "learner_id": "zoe0001",
            "ratings": {"regie": 4},
            "moment": "thuis",
            "at": "2025-03-03T08:00:00+00:00",
            "after_scenario": None,
        }
    ]
    del data["scans"]
    assert json.dumps(data, ensure_ascii=False, indent=1) + "\n" == ZOE_EXPORT


def test_a_learner_who_shares_reflections_exports_them(zoe: ProgressStore, tmp_path: Path) -> None:
    sharing = Profile(**{**ZOE.to_dict(), "share_reflections": True})
    out = tmp_path / "zoe.json"
    export_learner(zoe, sharing, out)
    answers = json.loads(out.read_text(encoding="utf-8"))["attempts"][0]["answers"]
    assert [a["reflection"] for a in answers] == [None, "Geheim"]


# -- the default file name ---------------------------------------------------------------------

ID = "abcdef1234567890"
MARLOES = Profile(ID, "Marloes Ëlsgén", "politie")


@pytest.mark.parametrize(
    ("profile", "others", "name"),
    [
        (MARLOES, [], "marloes-elsgen"),
        # Nothing readable in the name: the first 8 characters of the id.
        (Profile(ID, "???", "politie"), [], "abcdef12"),
        # A namesake (folded: case and accents do not count) adds the first 6 of the id.
        (MARLOES, [MARLOES, Profile("ffff9999", "marloes  elsgen", "onderwijs")], "marloes-elsgen-abcdef"),
        # The learner itself and people with other names are no namesakes.
        (MARLOES, [MARLOES, Profile("ffff9999", "Bram", "onderwijs")], "marloes-elsgen"),
    ],
)  # fmt: skip
def test_the_export_file_is_named_after_the_learner_and_today(
    tmp_path: Path, profile: Profile, others: list[Profile], name: str
) -> None:
    path = default_export_path(profile, tmp_path, others)
    assert path == tmp_path / f"wijzer-export-{name}-{date.today():%Y%m%d}.json"


# -- choosing the learner ----------------------------------------------------------------------


def test_an_empty_store_has_nobody_to_export(tmp_path: Path) -> None:
    assert message(ProgressStore(tmp_path), None) == (
        "Er zijn nog geen deelnemers op deze computer. Er is niets te exporteren."
    )


def test_namesakes_are_listed_one_a_line_with_their_id(tmp_path: Path) -> None:
    store = stored(
        tmp_path,
        Profile("sam0001", "Sam", "politie", "Org A", "Team Noord"),
        Profile("sam0002", "sam", "onderwijs", attendee=True),
        Profile("bo0001", "Bo", "politie"),
    )
    assert message(store, "SAM") == (
        "Er zijn 2 deelnemers met deze naam. Kies er één:\n"
        "- Sam · Team Noord · Org A · politie: --learner sam0001\n"
        "- sam · alleen teamtraining: --learner sam0002"
    )
    assert choose_learner(store, "sam0002").name == "sam"


@pytest.mark.parametrize(
    ("count", "more"),
    [(2, ""), (20, ""), (21, " en nog 1 andere"), (22, " en nog 2 anderen")],
)
def test_an_unknown_name_lists_at_most_20_learners(tmp_path: Path, count: int, more: str) -> None:
    people = [Profile(f"d{i:02d}", f"Deelnemer {i:02d}", "politie") for i in range(1, count + 1)]
    store = stored(tmp_path, *people)
    listed = ", ".join(p.name for p in people[:20])
    assert message(store, "Niemand") == (
        f"Deelnemer 'Niemand' is niet gevonden. Deelnemers: {listed}{more}."
    )


def test_without_an_own_profile_the_learner_must_be_named(tmp_path: Path) -> None:
    store = stored(
        tmp_path,
        Profile("ali0001", "Ali", "politie", attendee=True),
        Profile("demo0001", "Demo Bo", "onderwijs", synthetic=True),
    )
    with pytest.raises(ChoiceNeeded) as caught:
        choose_learner(store, None)
    assert caught.value.exit_code == 2
    assert caught.value.message == (
        "Er is geen eigen profiel op deze computer. Kies wie je exporteert met --learner NAAM. "
        "Deelnemers: Ali, Demo Bo."
    )


def test_several_own_profiles_are_asked_about_or_named(tmp_path: Path) -> None:
    anna, bram = Profile("anna0001", "Anna", "politie"), Profile("bram0001", "Bram", "GGZ")
    store = stored(tmp_path, anna, bram, Profile("cas0001", "Cas", "politie", attendee=True))
    with pytest.raises(ChoiceNeeded) as caught:
        choose_learner(store, None)
    assert caught.value.exit_code == 2
    assert caught.value.message == (
        "Er staan 2 profielen op deze computer: Anna, Bram. Kies wie je exporteert met "
        "--learner NAAM."
    )
    asked: list[list[Profile]] = []

    def pick(choice: Profile | None) -> Callable[[list[Profile]], Profile | None]:
        def ask(profiles: list[Profile]) -> Profile | None:
            asked.append(profiles)
            return choice

        return ask

    assert choose_learner(store, None, pick(bram)) == bram
    with pytest.raises(ExportError) as cancelled:
        choose_learner(store, None, pick(None))
    assert type(cancelled.value) is ExportError  # a plain cancel, not "choice needed"
    assert cancelled.value.message == "Er is niets geëxporteerd."
    assert asked == [[anna, bram], [anna, bram]]  # only own profiles are offered


# -- importing ---------------------------------------------------------------------------------


def exports(folder: Path, count: int) -> list[Path]:
    """`count` good export files of the learners eva0001, eva0002, ..."""
    paths = []
    for number in range(1, count + 1):
        data = json.loads(GOOD.read_text(encoding="utf-8"))
        data["profile"]["id"] = f"eva{number:04d}"
        for attempt in data["attempts"]:
            attempt["learner_id"] = f"eva{number:04d}"
        path = folder / f"eva-{number}.json"
        path.write_text(json.dumps(data), encoding="utf-8")
        paths.append(path)
    return paths


def test_every_refused_file_is_named_on_its_own_line(tmp_path: Path) -> None:
    store = ProgressStore(tmp_path / "voortgang")
    [good] = exports(tmp_path, 1)
    with pytest.raises(ExportError) as caught:
        import_files(store, [tmp_path / "weg.json", good, tmp_path / "ook-weg.json"])
    assert caught.value.message == (
        "Er is niets geïmporteerd.\n"
        "- weg.json is geweigerd: dit bestand bestaat niet.\n"
        "- ook-weg.json is geweigerd: dit bestand bestaat niet."
    )
    assert store.profiles() == []


@pytest.mark.parametrize(
    ("count", "changed", "done"),
    [
        (1, 0, "Er is nog niets geïmporteerd."),
        (2, 1, "Er is al 1 bestand geïmporteerd."),
        (3, 2, "Er zijn al 2 bestanden geïmporteerd."),
    ],
)
def test_a_file_changed_during_the_import_says_how_many_went_in(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, count: int, changed: int, done: str
) -> None:
    paths = exports(tmp_path, count)
    checked: list[bytes] = []
    real_check = transfer.check_export

    def check_then_change(raw: bytes) -> Any:
        checked.append(raw)
        if len(checked) == count:  # all checked: now someone edits one of them
            paths[changed].write_bytes(paths[changed].read_bytes() + b"\n")
        return real_check(raw)

    monkeypatch.setattr(transfer, "check_export", check_then_change)
    store = ProgressStore(tmp_path / "voortgang")
    with pytest.raises(ExportError) as caught:
        import_files(store, paths)
    assert caught.value.message == (
        f"eva-{changed + 1}.json is geweigerd: het is veranderd tijdens het importeren. "
        f"{done} Importeer opnieuw: dubbel importeren verandert niets."
    )
    assert [p.id for p in store.profiles()] == [f"eva{n:04d}" for n in range(1, changed + 1)]
