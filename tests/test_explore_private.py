"""Explored branches are practice: no report, export, xAPI statement or sync ever carries them."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from explore_fixtures import load_tak, play_tak, tak_dir  # noqa: F401 (a fixture, used by name)

from wijzer_tui.cli import main
from wijzer_tui.domain.progress import explore

EXPORTS = {
    "json": ["report", "--format", "json"],
    "csv": ["report", "--format", "csv"],
    "md": ["report", "--format", "md"],
    "xapi": ["report", "--format", "xapi"],
    "export": ["export", "--learner", "Sanne", "--met-scan"],
}


def write(root: Path, kind: str, name: str) -> str:
    out = root / f"{name}.{kind}"
    assert (
        main(["--progress-dir", str(root / "voortgang"), *EXPORTS[kind], "--output", str(out)]) == 0
    )
    # The time the report was made may tick over between the two: it is not what is compared.
    return re.sub(r'"generated": "[^"]*"', '"generated": ""', out.read_text(encoding="utf-8"))


@pytest.mark.parametrize("kind", sorted(EXPORTS))
@pytest.mark.usefixtures("tak_dir")
def test_a_coordinator_export_is_the_same_with_or_without_explorations(
    tmp_path: Path, kind: str
) -> None:
    store, learner, attempt = play_tak(tmp_path / "voortgang")
    before = write(tmp_path, kind, "voor")
    tak = load_tak()
    exploration = explore.start(tak, attempt, "gesprek")
    for choice in (["alleen-verder"], ["doorgaan"]):
        exploration = explore.with_answer(tak, attempt, exploration, choice)
    store.save_exploration(exploration)
    assert store.explorations(learner.id)  # it is there, in the learner's own file
    after = write(tmp_path, kind, "na")
    assert learner.id in after or "Sanne" in after  # the learner's record is in it
    assert exploration.id not in after and "explor" not in after.lower()
    assert after == before  # byte for byte: nothing of the exploration reaches it
