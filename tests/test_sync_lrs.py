"""`wijzer sync` against a real LRS (Ralph on 127.0.0.1): exactly once, resumable, nothing lost.

One Ralph server serves the whole module; every test syncs to its own account, whose statements
start out empty. The 1,500 demo learners are made and synced once.
"""

from __future__ import annotations

import json
import signal
import socket
import subprocess
import sys
import threading
import time
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from ralph_lrs import Account, RalphServer, free_port

from wijzer_tui import cli
from wijzer_tui.domain.content.loader import load_scenarios
from wijzer_tui.domain.progress.store import ProgressStore
from wijzer_tui.domain.reports.demo import fill_demo
from wijzer_tui.domain.reports.xapi_config import load_config
from wijzer_tui.domain.reports.xapi_statements import StatementBuilder
from wijzer_tui.domain.sync import http as sync_http
from wijzer_tui.domain.sync.ledger import Ledger

# What Ralph adds to a statement it stores.
LRS_FIELDS = ("stored", "authority", "version")


@pytest.fixture(scope="module")
def ralph(tmp_path_factory: pytest.TempPathFactory) -> Iterator[RalphServer]:
    server = RalphServer(tmp_path_factory.mktemp("ralph")).start()
    yield server
    server.stop()


@pytest.fixture(autouse=True)
def quick_retries(monkeypatch: pytest.MonkeyPatch) -> None:
    """Retry as often as in real use, without the waiting."""
    monkeypatch.setattr(sync_http, "BACKOFF", 0.001)


def make_demo(folder: Path, learners: int) -> Path:
    fill_demo(ProgressStore(folder), load_scenarios(), learners, seed=1)
    return folder


@pytest.fixture(scope="module")
def small_demo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """20 demo learners; tests copy nothing, each sends to its own account and ledger."""
    return make_demo(tmp_path_factory.mktemp("klein"), 20)


def configure(folder: Path, endpoint: str, account: Account, **extra: object) -> None:
    """Write xapi.toml (0600) for this LRS account."""
    settings = {
        "endpoint": endpoint,
        "username": account.username,
        "password": account.password,
        "iri_base": "https://leren.example.nl/wijzer",
        **extra,
    }
    lines = [f"{k} = {json.dumps(v)}" for k, v in settings.items()]
    path = folder / "xapi.toml"
    path.write_text("\n".join(lines) + "\n")
    path.chmod(0o600)


def expected_ids(folder: Path) -> set[str]:
    """The ids of every statement the progress folder holds."""
    builder = StatementBuilder(load_scenarios(), load_config(folder, {}))
    return {s["id"] for s in builder.for_records(ProgressStore(folder).iter_records())}


def sync(folder: Path, *args: str) -> int:
    return cli.main(["--progress-dir", str(folder), "sync", *args])


def ledger_of(folder: Path) -> Ledger:
    config = load_config(folder, {})
    return Ledger(folder, config.endpoint, config.username)


def assert_all_once(
    ralph: RalphServer, account: Account, folder: Path, expected: set[str] | None = None
) -> list[dict]:
    """Every statement of the folder is in the LRS and the ledger, none twice; returns them."""
    stored = list(ralph.statements(account))
    ids = [s["id"] for s in stored]
    assert len(ids) == len(set(ids)), "a statement is in the LRS twice"
    assert set(ids) == (expected_ids(folder) if expected is None else expected)
    assert ledger_of(folder).acknowledged() == set(ids)
    return stored


def a_later_sync_completes(ralph: RalphServer, account: Account, folder: Path) -> None:
    """Once the LRS is reachable with the right account, everything arrives exactly once."""
    configure(folder, ralph.endpoint, account)
    assert sync(folder) == 0
    assert_all_once(ralph, account, folder)


def test_1500_learners_sync_exactly_once_even_when_killed_mid_run(
    ralph: RalphServer, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = make_demo(tmp_path / "voortgang", 1500)
    account = ralph.account()
    configure(folder, ralph.endpoint, account, batch_size=5000)
    expected = expected_ids(folder)
    total = len(expected)
    child = subprocess.Popen(
        [sys.executable, "-m", "wijzer_tui", "--progress-dir", str(folder), "sync"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    ledger = ledger_of(folder)
    deadline = time.monotonic() + 300
    while len(ledger.acknowledged()) < 5000 and time.monotonic() < deadline:
        assert child.poll() is None, child.stderr.read().decode() if child.stderr else ""
        time.sleep(0.05)
    child.send_signal(signal.SIGKILL)
    child.wait()
    sent_before = len(ledger.acknowledged())
    assert 5000 <= sent_before < total  # killed mid-run
    capsys.readouterr()

    assert sync(folder) == 0
    assert "Al eerder verstuurd:" in capsys.readouterr().out
    stored = assert_all_once(ralph, account, folder, expected)
    assert len(stored) == total
    verbs = Counter(s["verb"]["id"].rsplit("/", 1)[1] for s in stored)
    print(f"1,500 demo learners, statements per verb: {dict(verbs)}")


def test_report_xapi_and_sync_send_the_same_statements(
    ralph: RalphServer, small_demo: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    account = ralph.account()
    configure(small_demo, ralph.endpoint, account)
    assert sync(small_demo) == 0
    report_file = tmp_path / "statements.json"
    argv = ["--progress-dir", str(small_demo), "report", "--format", "xapi"]
    assert cli.main([*argv, "--output", str(report_file)]) == 0
    reported = {s["id"]: s for s in json.loads(report_file.read_text())}
    stored = {s["id"]: s for s in assert_all_once(ralph, account, small_demo)}
    assert reported.keys() == stored.keys()
    for statement_id, statement in stored.items():
        for key in LRS_FIELDS:
            statement.pop(key, None)
        assert statement == reported[statement_id]
    assert sync(small_demo) == 0  # nothing left: no request at all
    assert f"Alles is al verstuurd: {len(stored)} statements in de LRS." in capsys.readouterr().out


def test_server_down_loses_nothing_and_a_later_sync_completes(
    ralph: RalphServer, small_demo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    account = ralph.account()
    configure(small_demo, f"http://127.0.0.1:{free_port()}/xAPI/", account)
    assert sync(small_demo) == 1
    err = capsys.readouterr().err
    assert "niet bereikbaar: de verbinding werd geweigerd" in err
    assert "Nog niet verstuurd" in err
    assert ledger_of(small_demo).acknowledged() == set()
    a_later_sync_completes(ralph, account, small_demo)


def test_wrong_credentials_send_nothing_and_a_later_sync_completes(
    ralph: RalphServer, small_demo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    account = ralph.account()
    wrong = Account(account.username, "fout-wachtwoord", account.folder)
    configure(small_demo, ralph.endpoint, wrong)
    assert sync(small_demo) == 1
    assert "gebruikersnaam of dit wachtwoord niet (401)" in capsys.readouterr().err
    assert list(ralph.statements(account)) == []
    a_later_sync_completes(ralph, account, small_demo)


def test_a_500_mid_batch_is_retried_without_duplicates(
    ralph: RalphServer, small_demo: Path
) -> None:
    account = ralph.account()
    configure(small_demo, ralph.endpoint, account, batch_size=100)
    # The third batch: Ralph stores half of it, then answers 500; the retry completes it.
    ralph.fail_writes(account, fail=1, skip=2)
    assert sync(small_demo) == 0
    assert_all_once(ralph, account, small_demo)


def test_lasting_500s_stop_the_sync_and_a_later_sync_completes(
    ralph: RalphServer, small_demo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    account = ralph.account()
    configure(small_demo, ralph.endpoint, account, batch_size=100)
    ralph.fail_writes(account, fail=sync_http.RETRIES + 1, skip=2)
    assert sync(small_demo) == 1
    assert "fout aan haar kant (500)" in capsys.readouterr().err
    assert len(ledger_of(small_demo).acknowledged()) == 200  # the two good batches
    assert sync(small_demo) == 0  # the LRS is well again
    assert_all_once(ralph, account, small_demo)


def test_a_conflict_is_reported_not_retried_and_the_rest_goes_through(
    ralph: RalphServer, small_demo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    account = ralph.account()
    configure(small_demo, ralph.endpoint, account)
    assert sync(small_demo) == 0
    ledger = ledger_of(small_demo)
    forgotten = sorted(ledger.acknowledged())[:3]
    kept = [line for line in ledger.path.read_text().splitlines() if line not in forgotten]
    ledger.path.write_text("\n".join(kept) + "\n")
    store = ProgressStore(small_demo)
    learner = store.profiles()[0]
    scenario = load_scenarios()[0]
    store.start_attempt(learner.id, scenario.id, scenario.content_version)  # one new statement
    capsys.readouterr()

    # With names, the forgotten three now differ from what the LRS holds under their ids.
    assert sync(small_demo, "--with-names") == 1
    out = capsys.readouterr().out
    assert "Verstuurd: 1 statement." in out
    assert "Niet verstuurd: 3 statements, de LRS weigert ze:" in out
    assert all(f"{i} " in out for i in forgotten)
    assert "409" in out
    stored = list(ralph.statements(account))
    assert len(stored) == len({s["id"] for s in stored})
    assert [s for s in stored if s["id"] in forgotten and "name" in s["actor"]] == []
    assert not set(forgotten) & ledger.acknowledged()


@contextmanager
def forbidding_server() -> Iterator[str]:
    """An HTTP server that answers every POST with 403, as an LRS does for a read-only account
    (Ralph answers 401 there); yields its xAPI endpoint."""

    class Forbid(BaseHTTPRequestHandler):
        def do_POST(self) -> None:
            self.rfile.read(int(self.headers["Content-Length"]))
            body = b'{"detail": "Forbidden"}'
            self.send_response(403)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *_: object) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Forbid)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_port}/xAPI/"
    finally:
        server.shutdown()
        server.server_close()


@pytest.mark.parametrize("problem", ["forbidden", "not found", "tls", "timeout"])
def test_each_failure_gets_a_dutch_message_and_sends_nothing(
    ralph: RalphServer,
    small_demo: Path,
    problem: str,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    account = ralph.account()
    with forbidding_server() as forbidding, socket.socket() as silent:
        silent.bind(("127.0.0.1", 0))
        silent.listen(8)  # accepts connections, never answers
        endpoint, expected = {
            "forbidden": (forbidding, "geen statements schrijven (403)"),
            "not found": (ralph.endpoint + "geen-lrs/", "geen LRS (404)"),
            "tls": (ralph.endpoint.replace("http:", "https:"), "beveiligde verbinding (TLS)"),
            "timeout": (
                f"http://127.0.0.1:{silent.getsockname()[1]}/xAPI/",
                "binnen 0.3 seconden geen antwoord",
            ),
        }[problem]
        monkeypatch.setattr(sync_http, "RETRIES", 1)
        configure(small_demo, endpoint, account, timeout=0.3)
        assert sync(small_demo) == 1
    err = capsys.readouterr().err
    assert expected in err
    assert "Traceback" not in err
    assert ledger_of(small_demo).acknowledged() == set()
    assert list(ralph.statements(account)) == []
