"""Benchmark `wijzer import` of many export files against a bare baseline measured in the same run.

Run by hand: ``python bench/import.py [--files 20000]``. Not a test: it prints figures, and its
last line holds them as name=value pairs.

Setup: `--files` learner export files made with the demo generator (five attempts each, as
`wijzer export` writes them). Then, each in a fresh child process (so peak memory is its own):

- baseline: bare `json.load` of every input file plus a bare atomic write (temp file, write,
  fsync, replace, fsync of the folder) of the learner file it becomes, into an empty folder.
- batch baseline: the same, but the folder synced once at the end, as the import does (each
  file's data is still synced before its rename; see paths.deferred_dir_sync).
- import: `wijzer import FILE...` of all files into an empty progress folder.

Peak memory is the child's maximum resident set (resource.ru_maxrss). Targets for 20,000
files: import_peak_mib < 100, import_time <= 2 x baseline_time (and 2 x the batch baseline).
"""

from __future__ import annotations

import argparse
import contextlib
import io
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))


def peak_mib() -> float:
    """This process's peak resident memory in MiB (ru_maxrss is KiB on Linux, bytes on macOS)."""
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak / (1024 * 1024 if sys.platform == "darwin" else 1024)


def make_files(folder: Path, count: int) -> list[Path]:
    """`count` export files of demo learners in `folder`, made in batches to keep memory low."""
    from wijzer_tui.domain.content.loader import load_scenarios
    from wijzer_tui.domain.reports.demo import demo_records
    from wijzer_tui.domain.reports.transfer import export_data

    scenarios = load_scenarios()
    folder.mkdir(parents=True)
    paths = []
    for start in range(1, count + 1, 1000):
        batch = demo_records(
            scenarios, min(1000, count - start + 1), seed=start, first_number=start
        )
        for profile, attempts in batch:
            path = folder / f"export-{len(paths):05d}.json"
            text = json.dumps(export_data(profile, attempts), ensure_ascii=False, indent=1)
            path.write_text(text + "\n", encoding="utf-8")
            paths.append(path)
    return paths


def child_baseline(files: list[Path], out: Path, *, sync_folder_each: bool = True) -> None:
    """json.load each file, then write the learner file it becomes atomically and durably
    (the folder synced after each file, or once at the end as the import does)."""
    from wijzer_tui.domain.progress.storage import dumps

    out.mkdir()
    folder_fd = os.open(out, os.O_RDONLY)
    for path in files:
        with path.open("rb") as handle:
            data = json.load(handle)
        attempts = {str(i): a for i, a in enumerate(data["attempts"], start=1)}
        payload = dumps({"profile": {"1": data["profile"]}, "attempts": attempts})
        target = out / f"{data['profile']['id']}.json"
        fd, tmp = tempfile.mkstemp(dir=out)
        with os.fdopen(fd, "wb") as handle:
            handle.write(payload)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, target)
        if sync_folder_each:
            os.fsync(folder_fd)
    os.fsync(folder_fd)
    os.close(folder_fd)


def child_import(files: list[Path], out: Path) -> None:
    from wijzer_tui.cli import main

    with contextlib.redirect_stdout(io.StringIO()):
        code = main(["--progress-dir", str(out), "import", *map(str, files)])
    if code != 0:
        raise SystemExit(f"import failed with exit code {code}")


def run_child(kind: str, list_file: Path, out: Path) -> tuple[float, float]:
    """Run one measurement in a fresh process; its (seconds, peak MiB)."""
    result = subprocess.run(
        [sys.executable, __file__, "--child", kind, str(list_file), str(out)],
        capture_output=True,
        text=True,
        check=True,
    )
    seconds, peak = result.stdout.split()
    return float(seconds), float(peak)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--files", type=int, default=20_000)
    parser.add_argument("--child", nargs=3, metavar=("KIND", "LIST", "OUT"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        kind, list_file, out = args.child
        files = [Path(line) for line in Path(list_file).read_text().splitlines()]
        start = time.perf_counter()
        if kind == "import":
            child_import(files, Path(out))
        else:
            child_baseline(files, Path(out), sync_folder_each=kind == "baseline")
        print(f"{time.perf_counter() - start:.3f} {peak_mib():.1f}")
        return
    with tempfile.TemporaryDirectory(prefix="wijzer-bench-import-") as tmp:
        root = Path(tmp)
        start = time.perf_counter()
        files = make_files(root / "exports", args.files)
        size = sum(p.stat().st_size for p in files) / 2**20
        print(
            f"{len(files)} export files, {size:.0f} MiB, made in {time.perf_counter() - start:.0f} s"
        )
        list_file = root / "files.txt"
        list_file.write_text("\n".join(map(str, files)))
        base_s, base_mib = run_child("baseline", list_file, root / "baseline")
        print(f"baseline (json.load + bare atomic write): {base_s:.1f} s, peak {base_mib:.0f} MiB")
        batch_s, _ = run_child("batch", list_file, root / "batch")
        print(f"  same, folder synced once at the end:    {batch_s:.1f} s")
        imp_s, imp_mib = run_child("import", list_file, root / "progress")
        print(f"wijzer import:                            {imp_s:.1f} s, peak {imp_mib:.0f} MiB")
        written = len(list((root / "progress" / "learners").glob("*.json")))
        assert written == len(files), f"{written} learner files written, expected {len(files)}"
        print(
            f"files={len(files)} import_seconds={imp_s:.1f} baseline_seconds={base_s:.1f} "
            f"time_ratio={imp_s / base_s:.2f} batch_baseline_seconds={batch_s:.1f} "
            f"time_ratio_batch={imp_s / batch_s:.2f} import_peak_mib={imp_mib:.0f} "
            f"baseline_peak_mib={base_mib:.0f} memory_ratio={imp_mib / base_mib:.2f}"
        )


if __name__ == "__main__":
    main()
