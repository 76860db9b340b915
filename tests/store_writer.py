"""Test helper: save answers to one attempt and print an ack line after each durable save.

Usage: python store_writer.py ROOT LEARNER_ID ATTEMPT_ID PREFIX COUNT [EXTRA_EVERY]

With EXTRA_EVERY, every that many saves it also starts a new attempt (scenario PREFIX).

Prints ``ack <PREFIX>-<i>`` only after `save_answer` returned, so every acknowledged answer must
survive a SIGKILL at any later moment. Used by tests/test_store.py (kill and concurrency tests).
"""

from __future__ import annotations

import sys
from pathlib import Path

from wijzer_tui.domain.progress.records import Answer
from wijzer_tui.domain.progress.store import ProgressStore


def main(argv: list[str]) -> int:
    """Run the writer loop; exit code 0 when every save succeeded."""
    root, learner_id, attempt_id, prefix, count, *extra = argv
    extra_every = int(extra[0]) if extra else 0
    store = ProgressStore(Path(root))
    print("ready", flush=True)
    for number in range(int(count)):
        step_id = f"{prefix}-{number}"
        store.save_answer(learner_id, attempt_id, Answer(step_id, ["a"]), position=step_id)
        print(f"ack {step_id}", flush=True)
        if extra_every and number % extra_every == 0:
            store.start_attempt(learner_id, prefix, 1)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
