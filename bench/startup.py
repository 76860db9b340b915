"""Benchmark: process start to wijzer's home screen, as a ratio to a bare Textual app (same run).

Run by hand: `python bench/startup.py [ROUNDS]`. Not part of the test suite.

Both sides start from compiled bytecode, as after the README's `pip install .` (pip compiles
every module it installs): the children may write `__pycache__`, even where the environment
says PYTHONDONTWRITEBYTECODE (as this sandbox does), and the warm-up runs write it. Otherwise
an editable checkout would compile wijzer's modules from source on every start while
Textual's come compiled from site-packages, and the ratio would measure the compiler.
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

CHILD = Path(__file__).with_name("startup_child.py")
CHILD_ENV = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}


def one(kind: str, progress: str) -> tuple[float, float]:
    """Seconds from process start to exit-on-first-frame, and peak memory in MiB."""
    start = time.time()
    out = subprocess.run(
        [sys.executable, str(CHILD), kind, progress, repr(start)],
        capture_output=True,
        text=True,
        check=True,
        env=CHILD_ENV,
    ).stdout.split()
    return float(out[-2]), int(out[-1]) / 1024


def main() -> None:
    rounds = int(sys.argv[1]) if len(sys.argv) > 1 else 9
    with tempfile.TemporaryDirectory() as folder:
        from wijzer_tui.domain.progress.store import ProgressStore

        ProgressStore(Path(folder)).create_profile("Bench", "anders")
        one("bare", folder), one("wijzer", folder)  # warm the file cache
        bare, wijzer, bare_mem, wijzer_mem = [], [], [], []
        for _ in range(rounds):  # interleaved, so drift hits both alike
            seconds, mem = one("bare", folder)
            bare.append(seconds)
            bare_mem.append(mem)
            seconds, mem = one("wijzer", folder)
            wijzer.append(seconds)
            wijzer_mem.append(mem)
    b, w = statistics.median(bare), statistics.median(wijzer)
    print(f"rounds: {rounds}")
    print(
        f"bare Textual app to first frame: median {b * 1000:.0f} ms, peak {max(bare_mem):.1f} MiB"
    )
    print(
        f"wijzer to home screen:           median {w * 1000:.0f} ms, peak {max(wijzer_mem):.1f} MiB"
    )
    print(
        f"startup_ratio={w / b:.2f} peak_mib={max(wijzer_mem):.1f} memory_ratio={max(wijzer_mem) / max(bare_mem):.2f}"
    )


if __name__ == "__main__":
    main()
