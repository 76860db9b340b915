"""Shared pytest fixtures for wijzer's tests."""

from __future__ import annotations

import inspect
import os
import shutil
import tempfile
from pathlib import Path

import pytest

TESTS = Path(__file__).resolve().parent
FROZEN_SCENARIOS = TESTS / "data" / "scenarios-v1"

# Test modules that load scenarios at import (fixtures for snapshot apps, team and report
# fixtures) run before any fixture: point them at the frozen copy too.
os.environ["WIJZER_SCENARIO_DIR"] = str(FROZEN_SCENARIOS)


@pytest.fixture
def repo_root() -> Path:
    """The root of the checkout (holds pyproject.toml and scenarios/)."""
    return TESTS.parent


@pytest.fixture
def data_dir() -> Path:
    """tests/data: valid/ and broken/ scenario files and seeds/ source texts."""
    return TESTS / "data"


@pytest.fixture
def progress_env(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Point WIJZER_PROGRESS_DIR at a temporary folder so no test touches real progress."""
    folder = tmp_path / "voortgang"
    monkeypatch.setenv("WIJZER_PROGRESS_DIR", str(folder))
    return folder


# tryfirst: before pytest's own tmp_path set-up reads the basetemp option.
@pytest.hookimpl(tryfirst=True)
def pytest_configure(config: pytest.Config) -> None:
    own_temp_folder_under_mutmut(config)
    config.addinivalue_line(
        "markers", "shipped: the test reads the shipped scenarios/ (not the frozen format-1 copy)"
    )
    config.addinivalue_line(
        "markers", "screen: drives the app (Pilot or snapshot); set by itself, see below"
    )


def own_temp_folder_under_mutmut(config: pytest.Config) -> None:
    """Under mutmut, give each run its own temp folder in memory and remove it at the end.

    mutmut runs every mutant's tests in a fork that ends with os._exit, so pytest never drops
    the locks of its numbered folders in /tmp/pytest-of-<user>: they pile up (16,000 folders,
    6.5 GB in one run) and each new run scans them all, which made every mutant slower.
    In memory (tmpfs, where the system has one) because the store fsyncs every write: on a
    disk those waits made the store's tests a third slower. The fsync calls still run.
    """
    if "MUTANT_UNDER_TEST" not in os.environ or config.option.basetemp is not None:
        return
    memory = Path("/dev/shm")
    folder = tempfile.mkdtemp(prefix="wijzer-mutant-", dir=memory if memory.is_dir() else None)
    config.option.basetemp = folder
    config.add_cleanup(lambda: shutil.rmtree(folder, ignore_errors=True))


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Mark every test that drives the app as `screen`: mutation runs leave them out with
    `-m "not screen"` (see [tool.mutmut]), as the domain must be pinned by its own fast tests."""
    for item in items:
        function = getattr(item, "function", None)
        drives_the_app = inspect.iscoroutinefunction(function) or "snap_compare" in getattr(
            item, "fixturenames", ()
        )
        if drives_the_app:
            item.add_marker(pytest.mark.screen)


@pytest.fixture(autouse=True)
def frozen_scenarios(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> None:
    """Tests of screens, stores and reports play a frozen copy of the five format-1 cases
    (tests/data/scenarios-v1), so rewriting the shipped content does not change what they pin.
    Tests marked `shipped` (content checks, branching walks) read the shipped scenarios."""
    if request.node.get_closest_marker("shipped") is None:
        monkeypatch.setenv("WIJZER_SCENARIO_DIR", str(FROZEN_SCENARIOS))
    else:
        monkeypatch.delenv("WIJZER_SCENARIO_DIR", raising=False)


@pytest.fixture(autouse=True)
def private_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Every test gets its own cache folder (scenario cache): never the user's, never shared
    between parallel workers."""
    folder = tmp_path / "cache"
    monkeypatch.setenv("XDG_CACHE_HOME", str(folder))
    return folder
