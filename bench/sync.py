"""Benchmark `wijzer sync` against a bare POST of the same batches (run by hand).

Usage: python bench/sync.py [--learners N] [--batch-size B] [--repeat R]

Starts a real LRS (Ralph on its file backend, as in the tests, on 127.0.0.1), fills a progress
folder with N demo learners, then measures in the same run, against the same server:
- baseline: the statements already encoded and cut into batches (not timed), each batch
  POSTed with the same client wijzer uses (LrsClient: httpx, same headers and auth);
- sync: `wijzer sync` end to end, in-process through cli.main: reading the progress folder,
  building and encoding the statements, the ledger (fsync per batch) and the same POSTs.
Each run sends to an account of its own, which starts empty: the file backend rereads its file
for every POST, so both runs face the same growing file. A small warm-up comes first; with R > 1
the order alternates and each figure is the best of its R runs (the 2 cores are shared).
Target: the sync ratio (baseline statements/s over sync statements/s) at most 1.5.
The last line holds name=value pairs.
"""

from __future__ import annotations

import argparse
import contextlib
import io
import sys
import tempfile
import time
from dataclasses import replace
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))

from ralph_lrs import Account, RalphServer  # noqa: E402

from wijzer_tui import cli  # noqa: E402
from wijzer_tui.domain.content.loader import load_scenarios  # noqa: E402
from wijzer_tui.domain.progress.store import ProgressStore  # noqa: E402
from wijzer_tui.domain.reports.demo import fill_demo  # noqa: E402
from wijzer_tui.domain.reports.xapi_config import XapiConfig, load_config  # noqa: E402
from wijzer_tui.domain.sync.http import LrsClient  # noqa: E402
from wijzer_tui.domain.sync.send import batch_body, make_plan  # noqa: E402


def configure(folder: Path, endpoint: str, account: Account, batch_size: int) -> None:
    path = folder / "xapi.toml"
    path.write_text(
        f'endpoint = "{endpoint}"\nusername = "{account.username}"\n'
        f'password = "{account.password}"\niri_base = "https://leren.example.nl/wijzer"\n'
        f"batch_size = {batch_size}\n"
    )
    path.chmod(0o600)


def bare_post(bodies: list[bytes], config: XapiConfig) -> float:
    """Seconds to POST every batch with wijzer's client; every batch must be acknowledged."""
    with LrsClient(config) as client:
        start = time.perf_counter()
        for body in bodies:
            response = client.post(body)
            if response.status_code not in (200, 204):
                raise SystemExit(f"baseline POST failed: {response.status_code} {response.text}")
        return time.perf_counter() - start


def wijzer_sync(folder: Path) -> float:
    """Seconds for `wijzer sync` end to end (output swallowed); it must send everything."""
    out = io.StringIO()
    start = time.perf_counter()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(io.StringIO()):
        code = cli.main(["--progress-dir", str(folder), "sync"])
    seconds = time.perf_counter() - start
    if code != 0:
        raise SystemExit(f"wijzer sync failed:\n{out.getvalue()}")
    return seconds


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--learners", type=int, default=1500)
    parser.add_argument("--batch-size", type=int, default=500)
    parser.add_argument("--repeat", type=int, default=1)
    args = parser.parse_args()

    with tempfile.TemporaryDirectory(prefix="wijzer-bench-sync-") as tmp:
        root = Path(tmp)
        server = RalphServer(root / "ralph").start()
        try:
            folder = root / "voortgang"
            fill_demo(ProgressStore(folder), load_scenarios(), args.learners, seed=1)
            warm = server.account()
            configure(folder, server.endpoint, warm, args.batch_size)
            config = load_config(folder, {})
            plan = make_plan(ProgressStore(folder).iter_records(), load_scenarios(), config, set())
            size = config.batch_size
            bodies = [
                batch_body(plan.pending[i : i + size]) for i in range(0, len(plan.pending), size)
            ]
            bare_post(bodies[:3], config)  # warm-up: server, connection, imports
            count = plan.total
            print(f"{args.learners} demo learners: {count} statements in {len(bodies)} batches")

            times: dict[str, list[float]] = {"base": [], "sync": []}
            for round_number in range(args.repeat):
                order = ("base", "sync") if round_number % 2 == 0 else ("sync", "base")
                for which in order:
                    account = server.account()
                    if which == "base":
                        seconds = bare_post(bodies, replace(config, username=account.username))
                    else:
                        for ledger in (folder / "sync").glob("*.txt"):
                            ledger.unlink()  # each run starts from an empty ledger
                        configure(folder, server.endpoint, account, args.batch_size)
                        seconds = wijzer_sync(folder)
                    times[which].append(seconds)
                    print(f"  round {round_number + 1} {which}: {seconds:.2f} s", flush=True)
        finally:
            server.stop()

    base_seconds, sync_seconds = min(times["base"]), min(times["sync"])
    base_rate, sync_rate = count / base_seconds, count / sync_seconds
    ratio = base_rate / sync_rate
    print(f"bare POST: {base_rate:,.0f} statements/s ({base_seconds:.2f} s)")
    print(f"wijzer sync: {sync_rate:,.0f} statements/s ({sync_seconds:.2f} s)")
    print(f"ratio (target <= 1.5): {ratio:.2f}x")
    print(
        f"statements={count} base_per_s={base_rate:.0f} sync_per_s={sync_rate:.0f} "
        f"ratio={ratio:.2f}"
    )


if __name__ == "__main__":
    main()
