"""Benchmark the coordinator report on 1,500 demo learners, as ratios to bare json.load (run by hand).

Usage: python bench/report.py [--learners N] [--repeat R]

Measures, in one run and on the same files:
- baseline: open + json.load of every learner file (the least any report must do);
- csv: `wijzer report --format csv --output FILE` end to end, by calling cli.main in-process
  (parser, scenarios, store, report, CSV, file);
- grid: what the overview screen does on load: store.all_records(), build_rows, filter, sort;
- rows: build_rows alone (the report model over records already in memory).
Each figure is the best of R runs. Target: csv and grid at most 2x the baseline and under 1 s.
The last line holds name=value pairs for scripts.
"""

from __future__ import annotations

import argparse
import contextlib
import io
import json
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from wijzer_tui import cli
from wijzer_tui.domain.demo import fill_demo
from wijzer_tui.domain.loader import load_scenarios
from wijzer_tui.domain.report import ReportFilter, build_rows, filter_rows, sort_rows
from wijzer_tui.domain.store import ProgressStore


def best(action: Callable[[], object], repeat: int) -> float:
    """The fastest of `repeat` runs, in seconds."""
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        action()
        times.append(time.perf_counter() - start)
    return min(times)


def main() -> int:
    """Fill a temp folder with demo learners, time the report paths, print ratios."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--learners", type=int, default=1500)
    parser.add_argument("--repeat", type=int, default=5)
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

        def baseline() -> None:
            for path in files:
                with path.open("rb") as handle:
                    json.load(handle)

        output = Path(tmp) / "rapport.csv"
        argv = ["--progress-dir", str(root), "report", "--format", "csv", "--output", str(output)]

        def csv_end_to_end() -> None:
            with contextlib.redirect_stdout(io.StringIO()):
                assert cli.main(argv) == 0

        def grid() -> None:
            rows = build_rows(ProgressStore(root).all_records(), scenarios)
            sort_rows(filter_rows(rows, ReportFilter()), "naam")

        records = ProgressStore(root).all_records()
        base_s = best(baseline, args.repeat)
        csv_s = best(csv_end_to_end, args.repeat)
        grid_s = best(grid, args.repeat)
        rows_s = best(lambda: build_rows(records, scenarios), args.repeat)
        scen_s = best(load_scenarios, args.repeat)
        store_s = best(lambda: ProgressStore(root).all_records(), args.repeat)

    def line(name: str, seconds: float) -> None:
        print(f"{name:<34} {seconds * 1000:8.1f} ms  {seconds / base_s:5.2f}x baseline")

    print(f"best of {args.repeat} runs:")
    line("baseline: json.load of every file", base_s)
    line("report --format csv (end to end)", csv_s)
    line("grid (all_records + rows + sort)", grid_s)
    line("  part: store.all_records()", store_s)
    line("  part: load_scenarios()", scen_s)
    line("  part: build_rows() in memory", rows_s)
    ok = csv_s <= 2 * base_s and grid_s <= 2 * base_s and max(csv_s, grid_s) < 1.0
    print("target (<= 2x baseline and < 1 s):", "gehaald" if ok else "niet gehaald")
    print(
        f"learners={made.learners} attempts={made.attempts} baseline_s={base_s:.4f} "
        f"csv_s={csv_s:.4f} csv_ratio={csv_s / base_s:.2f} grid_s={grid_s:.4f} "
        f"grid_ratio={grid_s / base_s:.2f} rows_ratio={rows_s / base_s:.2f} "
        f"store_ratio={store_s / base_s:.2f} scenarios_s={scen_s:.4f} target_met={int(ok)}"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
