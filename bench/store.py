"""Benchmark the progress store against bare file operations measured in the same run.

Run by hand: ``python bench/store.py``. Not a test: it prints figures, and its last line holds
the ratios as name=value pairs.

- save_N: durable `save_answer` for a learner with N attempts, divided by the bare atomic write
  (temp file, write, fsync, replace) of the same bytes done right after it. Target: save_200 <= 4.
- read: `all_records()` over 1,500 learner files (7,500 attempts) divided by bare `json.load` of
  the same files (results kept; both timed from a clean heap up to and including the GC pass
  over what they created). Targets: read <= 1.5 and read_seconds < 1.

Every ratio is the median of ratios of pairs measured back to back (each save with the bare
write after it, each read with the json.load before it), so load on a shared machine hits
both sides of a pair alike; the middle half of the pair ratios is printed as the spread.
Everything goes through TinyDB on wijzer's storage (see wijzer_tui/domain/progress/storage.py).
"""

from __future__ import annotations

import gc
import json
import os
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from wijzer_tui.domain.progress.records import SCHEMA_VERSION, Answer, Attempt, Profile
from wijzer_tui.domain.progress.storage import dumps
from wijzer_tui.domain.progress.store import ProgressStore

SAVES = 40
READ_RUNS = 7
LEARNERS = 1500
ATTEMPTS_EACH = 5


def fake_attempt(learner_id: str, number: int, status: str = "finished") -> Attempt:
    """An attempt shaped like a real one: eight answers, one with a reflection."""
    answers = [
        Answer(f"stap-{step}", [f"optie-{step}-a", f"optie-{step}-c"], ticked_tips=["tip-1"])
        for step in range(7)
    ]
    answers.append(Answer("reflectie", reflection="Ik zou de volgende keer eerder vragen. " * 3))
    return Attempt(
        id=f"{learner_id[:16]}{number:016d}",
        learner_id=learner_id,
        scenario_id=f"0{number % 6 + 1}-casus",
        content_version=1,
        status=status,  # type: ignore[arg-type]
        finished="2026-03-01T10:00:00+00:00" if status == "finished" else None,
        score=number % 10 if status == "finished" else None,
        answers=answers,
    )


def bare_atomic_write(path: Path, payload: bytes) -> float:
    """Seconds for write + fsync + replace of `payload` next to `path`."""
    start = time.perf_counter()
    fd, tmp = tempfile.mkstemp(dir=path.parent)
    with os.fdopen(fd, "wb") as handle:
        handle.write(payload)
        handle.flush()
        os.fsync(handle.fileno())
    os.replace(tmp, path.with_suffix(".bare"))
    return time.perf_counter() - start


def spread(ratios: list[float]) -> str:
    """The middle half of the pair ratios, as text."""
    low, _, high = statistics.quantiles(ratios, n=4)
    return f"middle half {low:.2f}-{high:.2f}"


def bench_save(root: Path, attempts: int) -> tuple[float, float, int, list[float]]:
    """Median save and bare write (seconds), the file size and the pair ratios."""
    store = ProgressStore(root / f"save-{attempts}")
    profile = Profile(id="b" * 32, name="Bench", beroepsgroep="politie")
    history = [fake_attempt(profile.id, n) for n in range(attempts - 1)]
    busy = fake_attempt(profile.id, attempts, status="busy")
    busy.answers = []
    store.import_learner(profile, [*history, busy])
    path = store.learners_dir / f"{profile.id}.json"
    saves, bares = [], []
    for number in range(SAVES):
        answer = Answer(f"stap-{number}", ["optie-a"])
        start = time.perf_counter()
        store.save_answer(profile.id, busy.id, answer, position=f"stap-{number}")
        saves.append(time.perf_counter() - start)
        bares.append(bare_atomic_write(path, path.read_bytes()))
    pairs = [save / bare for save, bare in zip(saves, bares, strict=True)]
    return statistics.median(saves), statistics.median(bares), path.stat().st_size, pairs


def make_learners(root: Path) -> list[Path]:
    """LEARNERS files in the store's own format, written directly (setup is not measured)."""
    folder = root / "read" / "learners"
    folder.mkdir(parents=True)
    files = []
    for number in range(LEARNERS):
        learner_id = f"{number:032x}"
        profile = Profile(id=learner_id, name=f"Leerling {number}", beroepsgroep="onderwijs")
        attempts = [fake_attempt(learner_id, n) for n in range(ATTEMPTS_EACH)]
        data = {
            "profile": {"1": {**profile.to_dict(), "schema_version": SCHEMA_VERSION}},
            "attempts": {
                str(n + 1): {**a.to_dict(), "schema_version": SCHEMA_VERSION}
                for n, a in enumerate(attempts)
            },
        }
        path = folder / f"{learner_id}.json"
        path.write_bytes(dumps(data))
        files.append(path)
    return files


def bare_load(files: list[Path]) -> list[object]:
    """The baseline: json.load of every file, results kept, the cyclic GC paused as ours does."""
    gc.disable()
    try:
        loaded = []
        for path in files:
            with open(path, "rb") as handle:
                loaded.append(json.load(handle))
        return loaded
    finally:
        gc.enable()


def timed(function: Callable[[], list[Any]]) -> tuple[float, list[Any]]:
    """Seconds for `function()` from a clean heap, including the young-generation GC pass over
    what it created (after a paused GC that pass comes on the next allocation, so count it)."""
    gc.collect()
    start = time.perf_counter()
    result = function()
    gc.collect(0)
    return time.perf_counter() - start, result


def bench_read(root: Path) -> tuple[float, float, list[float]]:
    """Median seconds of all_records() and of bare json.load over the same files; pair ratios."""
    files = make_learners(root)
    store = ProgressStore(root / "read")
    ours, bare = [], []
    for _ in range(READ_RUNS):
        seconds, loaded = timed(lambda: bare_load(files))
        bare.append(seconds)
        del loaded
        seconds, records = timed(store.all_records)
        ours.append(seconds)
        assert len(records) == LEARNERS
        assert sum(len(a) for _, a in records) == LEARNERS * ATTEMPTS_EACH
        del records
    assert not store.warnings
    pairs = [o / b for o, b in zip(ours, bare, strict=True)]
    return statistics.median(ours), statistics.median(bare), pairs


def main() -> None:
    """Run every measurement and print the figures and the ratios."""
    ratios: dict[str, float] = {}
    with tempfile.TemporaryDirectory(prefix="wijzer-bench-") as tmp:
        root = Path(tmp)
        for attempts in (1, 200, 1000):
            save, bare, size, pairs = bench_save(root, attempts)
            ratios[f"save_{attempts}"] = statistics.median(pairs)
            print(
                f"save, {attempts:>4} attempts ({size / 1024:7.1f} KiB): "
                f"{save * 1000:6.2f} ms; bare atomic write {bare * 1000:6.2f} ms; "
                f"ratio {statistics.median(pairs):.2f} ({spread(pairs)})"
            )
        ours, bare, pairs = bench_read(root)
        ratios["read"] = statistics.median(pairs)
        ratios["read_seconds"] = ours
        print(
            f"all_records, {LEARNERS} learners / {LEARNERS * ATTEMPTS_EACH} attempts: "
            f"{ours:.3f} s; bare json.load {bare:.3f} s; "
            f"ratio {statistics.median(pairs):.2f} ({spread(pairs)})"
        )
    print(" ".join(f"{name}={value:.2f}" for name, value in ratios.items()))


if __name__ == "__main__":
    main()
