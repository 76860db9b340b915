"""`wijzer export`: the learner on this machine by default, a question or exit 2 when unclear,
names matched without case or accents, files in the progress folder's exports/ (0600)."""

from __future__ import annotations

import json
import stat
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest
from team_fixtures import TRUST, played

from wijzer_tui import cli
from wijzer_tui.domain.progress.store import ProgressStore
from wijzer_tui.domain.team.session import TeamSession
from wijzer_tui.domain.team.store import record_attendance

TODAY = f"{date.today():%Y%m%d}"


def machine(root: Path) -> tuple[ProgressStore, str]:
    """A learner's own machine: Marloes does self-study; a team session left attendee profiles."""
    store = ProgressStore(root)
    marloes = store.create_profile("Marloes Ëlsgén", "wijkteam", "Gemeente Zuid", "Team Noord")
    session = TeamSession.new(TRUST, "Team Noord", "Gemeente Zuid", ["Marloes Ëlsgén", "Anouk"])
    session.links["Marloes Ëlsgén"] = marloes.id
    record_attendance(store, played(session), TRUST)
    return store, marloes.id


def run(root: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """The real command, without a terminal on stdin (as from cron or a script)."""
    return subprocess.run(
        [sys.executable, "-m", "wijzer_tui", "--progress-dir", str(root), *args],
        capture_output=True,
        text=True,
        stdin=subprocess.DEVNULL,
        timeout=60,
        check=False,
    )


def test_export_defaults_to_the_learner_on_this_machine(tmp_path: Path) -> None:
    store, marloes = machine(tmp_path / "p")
    done = run(store.root, "export")
    assert done.returncode == 0, done.stderr
    path = store.root / "exports" / f"wijzer-export-marloes-elsgen-{TODAY}.json"
    assert f"Bestand: {path}" in done.stdout
    assert "Geëxporteerd: Marloes Ëlsgén, 1 poging, zonder je reflecties." in done.stdout
    data = json.loads(path.read_text(encoding="utf-8"))
    assert data["profile"]["id"] == marloes
    assert [a["mode"] for a in data["attempts"]] == ["team"]
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert stat.S_IMODE(path.parent.stat().st_mode) == 0o700
    assert not list(Path.cwd().glob("wijzer-export-*"))  # nothing lands in the checkout


def test_learner_is_matched_without_case_or_accents(tmp_path: Path) -> None:
    store, marloes = machine(tmp_path / "p")
    out = tmp_path / "uit.json"
    done = run(store.root, "export", "--learner", "MARLOES elsgen", "--output", str(out))
    assert done.returncode == 0, done.stderr
    assert json.loads(out.read_text(encoding="utf-8"))["profile"]["id"] == marloes
    assert stat.S_IMODE(out.stat().st_mode) == 0o600
    anouk = run(store.root, "export", "--learner", "anouk")  # a team-only attendee, by name
    assert anouk.returncode == 0, anouk.stderr
    assert (store.root / "exports" / f"wijzer-export-anouk-{TODAY}.json").exists()


def test_several_profiles_without_a_terminal_end_with_exit_2(tmp_path: Path) -> None:
    store, _ = machine(tmp_path / "p")
    store.create_profile("Anouk de Vries", "politie")
    done = run(store.root, "export")
    assert done.returncode == 2
    assert "Er staan 2 profielen op deze computer: Anouk de Vries, Marloes Ëlsgén." in done.stderr
    assert "--learner NAAM" in done.stderr
    assert "Traceback" not in done.stderr
    assert not (store.root / "exports").exists()


def test_several_profiles_with_a_terminal_are_asked(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    store, marloes = machine(tmp_path / "p")
    store.create_profile("Anouk de Vries", "politie")
    monkeypatch.setattr(sys.stdin, "isatty", lambda: True, raising=False)
    answers = iter(["9", "2"])
    monkeypatch.setattr("builtins.input", lambda prompt="": next(answers))
    assert cli.main(["--progress-dir", str(store.root), "export"]) == 0
    out = capsys.readouterr().out
    assert "2. Marloes Ëlsgén · Team Noord · Gemeente Zuid · wijkteam" in out
    assert "Typ een nummer van 1 tot 2." in out
    [path] = (store.root / "exports").iterdir()
    assert json.loads(path.read_text(encoding="utf-8"))["profile"]["id"] == marloes


def test_namesakes_are_told_apart_by_id(tmp_path: Path) -> None:
    store = ProgressStore(tmp_path / "p")
    first = store.create_profile("Anouk", "politie", "", "Team Noord")
    store.create_profile("Ánouk", "onderwijs", "", "Team Zuid")
    done = run(store.root, "export", "--learner", "anouk")
    assert done.returncode == 1
    assert "Er zijn 2 deelnemers met deze naam" in done.stderr
    assert f"--learner {first.id}" in done.stderr
    by_id = run(store.root, "export", "--learner", first.id)
    assert by_id.returncode == 0, by_id.stderr
    names = sorted(p.name for p in (store.root / "exports").iterdir())
    assert names == [f"wijzer-export-anouk-{first.id[:6]}-{TODAY}.json"]


def test_report_counts_people_once(tmp_path: Path) -> None:
    """The walk-through's M4: Marloes did self-study and joined a session of six people."""
    store = ProgressStore(tmp_path / "p")
    marloes = store.create_profile("Marloes Ëlsgén", "wijkteam", "Gemeente Zuid", "Team Noord")
    people = ["Marloes Ëlsgén", "Ann", "Bo", "Cas", "Dewi", "Eef"]
    session = TeamSession.new(TRUST, "Team Noord", "Gemeente Zuid", people)
    session.links["Marloes Ëlsgén"] = marloes.id
    record_attendance(store, played(session), TRUST)
    out = tmp_path / "rapport.csv"
    done = run(store.root, "report", "--format", "csv", "--output", str(out))
    assert done.returncode == 0, done.stderr
    assert f"Rapport geschreven naar {out} (6 deelnemers)." in done.stdout
    rows = out.read_text(encoding="utf-8-sig").splitlines()[1:]
    marloes_rows = [r for r in rows if "Marloes" in r and f";{TRUST.id};" in r]
    assert len(marloes_rows) == 1 and ";wijkteam;Gemeente Zuid;Team Noord;" in marloes_rows[0]
    assert ";afgerond;" in marloes_rows[0] and ";teamtraining;" in marloes_rows[0]
    one = run(store.root, "report", "--format", "md", "--output", str(tmp_path / "r.md"),
              "--beroepsgroep", "wijkteam")  # fmt: skip
    assert "(1 deelnemer)." in one.stdout
