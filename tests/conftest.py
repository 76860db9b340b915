"""Shared pytest fixtures for wijzer's tests."""

from __future__ import annotations

from pathlib import Path

import pytest

TESTS = Path(__file__).resolve().parent


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


@pytest.fixture(autouse=True)
def private_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Every test gets its own cache folder (scenario cache): never the user's, never shared
    between parallel workers."""
    folder = tmp_path / "cache"
    monkeypatch.setenv("XDG_CACHE_HOME", str(folder))
    return folder
