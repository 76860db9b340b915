"""The error family: every error shows a Dutch title and message; where the scenarios are found."""

from __future__ import annotations

import errno
from pathlib import Path

import pytest

import wijzer_tui
from wijzer_tui.domain.content.scenario_dir import SCENARIO_DIR_VARIABLE, default_scenario_dir
from wijzer_tui.domain.errors import ScenarioError, StoreError, WijzerError, os_reason


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


@pytest.mark.parametrize(
    ("number", "reason"),
    [
        (errno.ENOSPC, "de schijf is vol"),
        (errno.EDQUOT, "je schijfruimte is op"),
        (errno.EACCES, "geen toestemming"),
        (errno.EPERM, "geen toestemming"),
        (errno.EROFS, "de schijf is alleen-lezen"),
        (errno.ENOENT, "het bestand of de map bestaat niet"),
        (errno.ENOTDIR, "een deel van het pad is geen map"),
        (errno.EISDIR, "dit is een map, geen bestand"),
        (errno.EEXIST, "het bestaat al"),
        (errno.ENAMETOOLONG, "de naam is te lang"),
        (errno.ELOOP, "te veel snelkoppelingen (symbolische links) achter elkaar"),
        (errno.EIO, "de schijf gaf een fout bij lezen of schrijven"),
        (errno.EBUSY, "het bestand is in gebruik"),
        (errno.ETXTBSY, "het bestand is in gebruik"),
        (errno.EMFILE, "er staan te veel bestanden tegelijk open"),
        (errno.ENFILE, "er staan te veel bestanden tegelijk open"),
        (errno.EFBIG, "het bestand is te groot"),
        (errno.ENODEV, "de schijf is niet (meer) bereikbaar"),
        (errno.ENXIO, "de schijf is niet (meer) bereikbaar"),
        (errno.ESTALE, "de netwerkschijf is niet meer bereikbaar"),
        (errno.EINVAL, "het systeem weigert deze naam of handeling"),
    ],
)
def test_the_systems_errors_are_named_in_dutch(number: int, reason: str) -> None:
    assert os_reason(OSError(number, "English text")) == reason


def test_an_error_without_dutch_words_is_named_by_its_code_never_in_english() -> None:
    assert os_reason(OSError(errno.EXDEV, "Invalid cross-device link")) == "systeemfout EXDEV"
    assert os_reason(OSError()) == "onbekende fout van het systeem"
    assert os_reason(OSError("errno is no number", "x")) == "onbekende fout van het systeem"
    assert os_reason(OSError(99_999, "Unknown error 99999")) == "onbekende fout van het systeem"
