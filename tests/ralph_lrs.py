"""A real learning record store for tests and benchmarks: Ralph's LRS API on its file backend.

`RalphServer` starts `ralph.api:app` under uvicorn in a child process on 127.0.0.1 with a free
port, with Basic-auth accounts (bcrypt hashes in Ralph's auth file), and stops it again. Each
account writes to its own folder (Ralph's `target`), so tests share one server without sharing
statements.

Two changes to stock Ralph, both made in the child before the app is imported:
- the file backend writes with operation type CREATE, so only the first POST to a target would
  succeed; APPEND is what an LRS needs;
- fault injection for tests: `<data>/<target>/fail-writes` holds "SKIP FAIL": after SKIP good
  writes, the next FAIL writes each store the first half of their batch, then fail (Ralph
  answers 500).

Run as a script by `RalphServer`: python ralph_lrs.py PORT DATA_DIR
"""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import httpx

HERE = Path(__file__).resolve()
PASSWORD = "geheim-wachtwoord"
ACCOUNTS = 16
# One GET page; the file backend rereads the whole file for every page.
PAGE = 100_000


@dataclass(frozen=True)
class Account:
    """Basic-auth credentials of one LRS account and the folder its statements go to."""

    username: str
    password: str
    folder: Path


def free_port() -> int:
    """A TCP port on 127.0.0.1 that nothing listens on right now."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class RalphServer:
    """One Ralph LRS child process with ACCOUNTS accounts (`user0`, `user1`, …)."""

    def __init__(self, data_dir: Path) -> None:
        import bcrypt

        self.data_dir = data_dir
        self.port = free_port()
        self.endpoint = f"http://127.0.0.1:{self.port}/xAPI/"
        hashed = bcrypt.hashpw(PASSWORD.encode(), bcrypt.gensalt(rounds=4)).decode()
        users = []
        for number in range(ACCOUNTS):
            (data_dir / f"user{number}").mkdir(parents=True, exist_ok=True)
            users.append(
                {
                    "username": f"user{number}",
                    "hash": hashed,
                    "scopes": ["all"],
                    "agent": {"mbox": f"mailto:user{number}@example.org"},
                    "target": f"user{number}",
                }
            )
        (data_dir / "auth.json").write_text(json.dumps(users))
        self._next = 0
        self.process: subprocess.Popen[bytes] | None = None

    def start(self) -> RalphServer:
        """Start the server and wait until it answers (at most 60 s)."""
        log = (self.data_dir / "server.log").open("wb")
        self.process = subprocess.Popen(
            [sys.executable, str(HERE), str(self.port), str(self.data_dir)],
            stdout=log,
            stderr=subprocess.STDOUT,
        )
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError((self.data_dir / "server.log").read_text())
            try:
                httpx.get(f"http://127.0.0.1:{self.port}/__lbheartbeat__", timeout=1)
                return self
            except httpx.TransportError:
                time.sleep(0.1)
        self.stop()
        raise RuntimeError("Ralph did not start within 60 s")

    def stop(self) -> None:
        """Stop the server (terminate, then kill after 10 s)."""
        if self.process is None:
            return
        self.process.terminate()
        try:
            self.process.wait(10)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
        self.process = None

    def account(self) -> Account:
        """The next unused account: its statements start out empty."""
        if self._next >= ACCOUNTS:
            raise RuntimeError("all test LRS accounts are used; raise ACCOUNTS")
        name = f"user{self._next}"
        self._next += 1
        return Account(name, PASSWORD, self.data_dir / name)

    def fail_writes(self, account: Account, fail: int, skip: int = 0) -> None:
        """After `skip` good writes, make `fail` writes store half their batch, then fail."""
        (account.folder / "fail-writes").write_text(f"{skip} {fail}")

    def statements(self, account: Account) -> Iterator[dict]:
        """Every statement of this account, read back with GET and its `more` links."""
        auth = (account.username, account.password)
        base = f"http://127.0.0.1:{self.port}"
        url = f"{base}/xAPI/statements/?limit={PAGE}"
        with httpx.Client(auth=auth, timeout=120) as client:
            while url:
                response = client.get(url, headers={"X-Experience-API-Version": "1.0.3"})
                response.raise_for_status()
                body = response.json()
                yield from body["statements"]
                more = body.get("more")
                url = f"{base}{more}" if more else ""


def _serve(port: int, data_dir: Path) -> None:
    """Child process: configure Ralph through its environment, patch the backend, serve."""
    os.environ.update(
        {
            "RALPH_APP_DIR": str(data_dir),
            "RALPH_AUTH_FILE": str(data_dir / "auth.json"),
            "RALPH_HISTORY_FILE": str(data_dir / "history.json"),
            "RALPH_RUNSERVER_BACKEND": "fs",
            "RALPH_RUNSERVER_MAX_SEARCH_HITS_COUNT": str(PAGE),
            "RALPH_BACKENDS__LRS__FS__DEFAULT_DIRECTORY_PATH": str(data_dir),
            "RALPH_BACKENDS__DATA__FS__DEFAULT_DIRECTORY_PATH": str(data_dir),
        }
    )
    import uvicorn
    from ralph.backends.data.base import BaseOperationType
    from ralph.backends.lrs.fs import FSLRSBackend
    from ralph.exceptions import BackendException

    FSLRSBackend.default_operation_type = BaseOperationType.APPEND
    stock_write = FSLRSBackend.write

    def write(self, data, target=None, *args, **kwargs):  # type: ignore[no-untyped-def]
        fault = data_dir / (target or "") / "fail-writes"
        skip, fail = map(int, fault.read_text().split()) if fault.exists() else (0, 0)
        if skip > 0 or fail <= 0:
            if skip > 0:
                fault.write_text(f"{skip - 1} {fail}")
            return stock_write(self, data, target, *args, **kwargs)
        fault.write_text(f"0 {fail - 1}")
        records = list(data)
        stock_write(self, records[: len(records) // 2], target, *args, **kwargs)
        raise BackendException("injected failure after half of the batch")

    FSLRSBackend.write = write  # type: ignore[method-assign]
    uvicorn.run("ralph.api:app", host="127.0.0.1", port=port, log_level="warning")


if __name__ == "__main__":
    _serve(int(sys.argv[1]), Path(sys.argv[2]))
