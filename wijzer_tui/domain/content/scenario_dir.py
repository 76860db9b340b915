"""Where the scenarios live. Kept apart from the loader so finding the folder does not import
PyYAML (the scenario cache checks the folder at every start)."""

from __future__ import annotations

import os
from pathlib import Path

SCENARIO_DIR_VARIABLE = "WIJZER_SCENARIO_DIR"


def default_scenario_dir() -> Path:
    """The folder set in WIJZER_SCENARIO_DIR (an organisation's own cases), else the shipped
    scenarios: inside the installed package, else the checkout's scenarios/ folder."""
    chosen = os.environ.get(SCENARIO_DIR_VARIABLE)
    if chosen:
        return Path(chosen).expanduser()
    package = Path(__file__).resolve().parents[2]  # wijzer_tui/domain/content/scenario_dir.py
    installed = package / "_scenarios"
    return installed if installed.is_dir() else package.parent / "scenarios"
