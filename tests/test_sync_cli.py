"""`wijzer sync` without an LRS: dry run, missing settings, one sync at a time, the ledger file."""

from __future__ import annotations

import stat
from pathlib import Path

import httpx
import pytest
from filelock import FileLock
from ralph_lrs import free_port

from wijzer_tui import cli
from wijzer_tui.domain.content.loader import load_scenarios
from wijzer_tui.domain.progress.store import ProgressStore
from wijzer_tui.domain.reports.demo import fill_demo
from wijzer_tui.domain.sync.ledger import Ledger
from wijzer_tui.domain.sync.send import MAX_REFUSED, Pending, Syncer

IDS = [f"{n:08x}-0000-5000-8000-000000000000" for n in range(3)]


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    fill_demo(ProgressStore(tmp_path), load_scenarios(), 3, seed=2)
    endpoint = f"http://127.0.0.1:{free_port()}/xAPI/"  # nothing listens: nothing may connect
    path = tmp_path / "xapi.toml"
    path.write_text(f'endpoint = "{endpoint}"\nusername = "u"\npassword = "p"\n')
    path.chmod(0o600)
    return tmp_path


def test_dry_run_counts_per_verb_and_sends_nothing(
    folder: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert cli.main(["--progress-dir", str(folder), "sync", "--dry-run"]) == 0
    out, err = capsys.readouterr()
    assert "Proefrun, er is niets verstuurd." in out
    assert "begonnen (initialized)" in out and "afgerond (completed)" in out
    assert "zonder namen" in out
    assert f"Instellingen uit: {folder / 'xapi.toml'}." in out
    assert "standaardadres https://wijzer.invalid" in err
    assert not (folder / "sync").exists()


def test_without_an_lrs_sync_says_what_to_set(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("WIJZER_LRS_ENDPOINT", raising=False)
    assert cli.main(["--progress-dir", str(tmp_path), "sync"]) == 1
    err = capsys.readouterr().err
    assert "Er is nog geen LRS ingesteld" in err and "WIJZER_LRS_ENDPOINT" in err


def test_a_second_sync_to_the_same_lrs_waits_its_turn(
    folder: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    ledger = Ledger(folder, f"{_endpoint(folder)}", "u")
    ledger.path.parent.mkdir(mode=0o700, exist_ok=True)
    with FileLock(f"{ledger.path}.lock"):
        assert cli.main(["--progress-dir", str(folder), "sync"]) == 1
    assert "Er loopt al een sync naar deze LRS" in capsys.readouterr().err


def _endpoint(folder: Path) -> str:
    text = (folder / "xapi.toml").read_text()
    return text.split('"')[1].rstrip("/")


def test_the_ledger_is_private_and_survives_a_line_cut_off_by_a_crash(tmp_path: Path) -> None:
    ledger = Ledger(tmp_path, "https://lrs.example.nl/xAPI", "wijzer")
    ledger.record(IDS[:2])
    assert stat.S_IMODE(ledger.path.stat().st_mode) == 0o600
    assert stat.S_IMODE(ledger.path.parent.stat().st_mode) == 0o700
    with ledger.path.open("a") as handle:
        handle.write(IDS[2][:10])  # the crash
    assert ledger.acknowledged() == set(IDS[:2])
    ledger.record([IDS[2]])
    assert ledger.acknowledged() == set(IDS)
    assert Ledger(tmp_path, "https://lrs.example.nl/xAPI", "ander").acknowledged() == set()


class RefusingLrs:
    """Answers every POST with 400, as an LRS does when something is wrong with every statement."""

    def __init__(self) -> None:
        self.posts = 0

    def post(self, body: bytes) -> httpx.Response:
        self.posts += 1
        request = httpx.Request("POST", "http://lrs.example.nl/xAPI/statements")
        return httpx.Response(400, json={"detail": "Ongeldig."}, request=request)


def test_a_refusing_lrs_stops_the_sync_instead_of_sending_each_statement_alone(
    tmp_path: Path,
) -> None:
    pending = [
        Pending(f"{n:08x}-0000-5000-8000-000000000000", "answered", b"{}") for n in range(400)
    ]
    lrs = RefusingLrs()
    ledger = Ledger(tmp_path, "http://lrs.example.nl/xAPI", "u")
    outcome = Syncer(lrs, ledger, batch_size=100).run(pending)  # type: ignore[arg-type]
    assert outcome.error is not None and f"al {MAX_REFUSED} statements" in outcome.error.message
    assert len(outcome.refused) == MAX_REFUSED
    assert lrs.posts < 2 * MAX_REFUSED + 10  # halving down to single statements, then stop
    assert outcome.sent == 0 and ledger.acknowledged() == set()
