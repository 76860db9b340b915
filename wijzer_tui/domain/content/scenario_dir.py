"""Where the shipped scenarios live. Kept apart from the loader so finding the folder does not
import PyYAML (the scenario cache checks the folder at every start)."""

from __future__ import annotations

from pathlib import Path


def default_scenario_dir() -> Path:
    """The shipped scenarios: inside the installed package, else the checkout's scenarios/ folder."""
    package = Path(__file__).resolve().parents[2]  # wijzer_tui/domain/content/scenario_dir.py
    installed = package / "_scenarios"
    return installed if installed.is_dir() else package.parent / "scenarios"
