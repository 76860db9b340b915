"""Where the shipped scenarios are found, in both layouts: an installed package carries them in
wijzer_tui/_scenarios/; a checkout keeps them in scenarios/ beside the package."""

from __future__ import annotations

from pathlib import Path

import pytest

from wijzer_tui.domain.content import scenario_dir
from wijzer_tui.domain.content.scenario_dir import SCENARIO_DIR_VARIABLE, default_scenario_dir


@pytest.fixture
def package(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A wijzer_tui package folder in tmp_path that the module believes it lives in."""
    monkeypatch.delenv(SCENARIO_DIR_VARIABLE, raising=False)
    here = tmp_path / "wijzer_tui" / "domain" / "content" / "scenario_dir.py"
    here.parent.mkdir(parents=True)
    here.touch()
    monkeypatch.setattr(scenario_dir, "__file__", str(here))
    return tmp_path / "wijzer_tui"


def test_an_installed_package_uses_its_own_scenarios(package: Path) -> None:
    (package / "_scenarios").mkdir()
    (package.parent / "scenarios").mkdir()
    assert default_scenario_dir() == package / "_scenarios"


def test_a_checkout_uses_the_scenarios_folder_beside_the_package(package: Path) -> None:
    assert default_scenario_dir() == package.parent / "scenarios"
