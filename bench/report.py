"""Benchmark the coordinator report on 1,500 demo learners, as ratios to bare json.load (run by hand).

Usage: python bench/report.py [--learners N] [--repeat R]

Measures, in one run and on the same files:
- baseline: open + json.load of every learner file, results kept (the least any report must do);
- csv: `wijzer report --format csv --output FILE` end to end, by calling cli.main in-process
  (parser, scenarios, store, report, CSV, file, and freeing it all again);
- grid: what the overview screen does on load: summary rows (build_rows over
  store.iter_records()), filter, sort;
- parts: store.all_records() (every attempt kept, as xAPI and the old grid did), load_scenarios()
  and build_rows() over records already in memory.

Every figure is measured the same way, so the ratios compare like with like:
- the file cache is warm (every file is read once before timing);
- each run starts from a clean heap (a full collection, not timed);
- what an action returns is kept until its timing ends, as the baseline keeps what it parses;
- the cyclic GC runs as the code under test leaves it (the store and the report pause it while
  they build; the baseline pauses it too), and the young-generation pass owed for what a run
  created is timed at its end: after a pause it would come on the next allocation anyway.
Actions take turns, R rounds; each figure is the fastest of its R runs (the 2 cores are shared).
Target: csv and grid at most 2x the baseline and under 1 s. The last line holds name=value pairs.
"""

from __future__ import annotations

import argparse
import contextlib
import gc
import io
import json
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from wijzer_tui import cli
from wijzer_tui.domain.content.loader import load_scenarios
from wijzer_tui.domain.progress.learner_files import paused_gc
from wijzer_tui.domain.progress.store import ProgressStore
from wijzer_tui.domain.reports.demo import fill_demo
from wijzer_tui.domain.reports.grid import ReportFilter, build_rows, filter_rows, sort_rows


def timed(action: Callable[[], object]) -> float:
    """Seconds for one run of `action` from a clean heap, up to its owed young-generation pass."""
    gc.collect()
    start = time.perf_counter()
    kept = action()
    gc.collect(0)
    seconds = time.perf_counter() - start
    del kept  # freeing what the action kept is not part of its time (nor of the baseline's)
    return seconds


def best_of(actions: dict[str, Callable[[], object]], repeat: int) -> dict[str, float]:
    """The fastest of `repeat` runs per action; actions take turns so load spikes hit all alike."""
    times: dict[str, list[float]] = {name: [] for name in actions}
    for _ in range(repeat):
        for name, action in actions.items():
            times[name].append(timed(action))
    return {name: min(runs) for name, runs in times.items()}


def main() -> int:
    """Fill a temp folder with demo learners, time the report paths, print ratios."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--learners", type=int, default=1500)
    parser.add_argument("--repeat", type=int, default=7)
    args = parser.parse_args()
    scenarios = load_scenarios()
    with tempfile.TemporaryDirectory(prefix="wijzer-bench-") as tmp:
        root = Path(tmp) / "voortgang"
        store = ProgressStore(root)
        start = time.perf_counter()
        made = fill_demo(store, scenarios, args.learners, seed=1)
        fill_s = time.perf_counter() - start
        files = sorted((root / "learners").glob("*.json"))
        size_mb = sum(f.stat().st_size for f in files) / 1e6
        print(f"{made.learners} demo learners, {made.attempts} attempts, {size_mb:.1f} MB")
        print(f"fill (wijzer demo): {fill_s:.2f} s")

        def baseline() -> list[object]:
            with paused_gc():  # as the store reads: a fair baseline gets the same help
                loaded = []
                for path in files:
                    with path.open("rb") as handle:
                        loaded.append(json.load(handle))
                return loaded

        output = Path(tmp) / "rapport.csv"
        argv = ["--progress-dir", str(root), "report", "--format", "csv", "--output", str(output)]

        def csv_end_to_end() -> None:
            with contextlib.redirect_stdout(io.StringIO()):
                assert cli.main(argv) == 0

        def grid() -> list[object]:
            store = ProgressStore(root)
            rows = build_rows(store.iter_records(), scenarios, keep_attempts=False)
            return sort_rows(filter_rows(rows, ReportFilter()), "naam")

        records = ProgressStore(root).all_records()  # also warms the file cache
        figures = best_of(
            {
                "baseline": baseline,
                "csv": csv_end_to_end,
                "grid": grid,
                "store": lambda: ProgressStore(root).all_records(),
                "scenarios": load_scenarios,
                "rows": lambda: build_rows(records, scenarios),
            },
            args.repeat,
        )
    base_s, csv_s, grid_s = figures["baseline"], figures["csv"], figures["grid"]

    def line(name: str, seconds: float) -> None:
        print(f"{name:<34} {seconds * 1000:8.1f} ms  {seconds / base_s:5.2f}x baseline")

    print(f"best of {args.repeat} runs:")
    line("baseline: json.load of every file", base_s)
    line("report --format csv (end to end)", csv_s)
    line("grid (summary rows + sort)", grid_s)
    line("  part: store.all_records()", figures["store"])
    line("  part: load_scenarios()", figures["scenarios"])
    line("  part: build_rows() in memory", figures["rows"])
    ok = csv_s <= 2 * base_s and grid_s <= 2 * base_s and max(csv_s, grid_s) < 1.0
    print("target (<= 2x baseline and < 1 s):", "gehaald" if ok else "niet gehaald")
    print(
        f"learners={made.learners} attempts={made.attempts} baseline_s={base_s:.4f} "
        f"csv_s={csv_s:.4f} csv_ratio={csv_s / base_s:.2f} grid_s={grid_s:.4f} "
        f"grid_ratio={grid_s / base_s:.2f} rows_ratio={figures['rows'] / base_s:.2f} "
        f"store_ratio={figures['store'] / base_s:.2f} scenarios_s={figures['scenarios']:.4f} "
        f"target_met={int(ok)}"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
