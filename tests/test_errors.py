"""The error family: every error shows a Dutch title and message; where the scenarios are found."""

from __future__ import annotations

from pathlib import Path

import pytest

import wijzer_tui
from wijzer_tui.domain.content.scenario_dir import SCENARIO_DIR_VARIABLE, default_scenario_dir
from wijzer_tui.domain.errors import ScenarioError, StoreError, WijzerError


def test_an_error_carries_its_message_and_its_own_or_the_family_title() -> None:
    plain = WijzerError("Er ging iets mis met het bestand.")
    assert (plain.args, str(plain), plain.title) == (
        ("Er ging iets mis met het bestand.",),
        "Er ging iets mis met het bestand.",
        "Er ging iets mis",
    )
    assert WijzerError("x", title="Eigen titel").title == "Eigen titel"
    assert StoreError("x", title=None).title == "Probleem met je voortgang"


def test_scenario_problems_are_listed_one_per_line() -> None:
    error = ScenarioError(["a.yaml: regel 3", "b.yaml: regel 9"])
    assert error.message == (
        "2 probleem/problemen in de casusbestanden:\n- a.yaml: regel 3\n- b.yaml: regel 9"
    )
    assert error.problems == ["a.yaml: regel 3", "b.yaml: regel 9"]


def test_the_shipped_scenarios_are_found_installed_or_in_a_checkout(
    repo_root: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv(SCENARIO_DIR_VARIABLE, raising=False)
    installed = Path(wijzer_tui.__file__).resolve().parent / "_scenarios"  # a built install
    shipped = installed if installed.is_dir() else repo_root / "scenarios"  # a checkout
    assert default_scenario_dir() == shipped
    monkeypatch.setenv(SCENARIO_DIR_VARIABLE, "~/eigen-casussen")
    assert default_scenario_dir() == Path.home() / "eigen-casussen"
