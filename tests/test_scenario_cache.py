"""The scenario cache: a second start reads no YAML, and any edit is seen at once."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from wijzer_tui.domain.content import loader
from wijzer_tui.domain.errors import ScenarioError
from wijzer_tui.domain.progress import scenario_cache
from wijzer_tui.domain.progress.scenario_cache import cache_dir, shipped_scenarios


@pytest.fixture
def scenarios_dir(tmp_path: Path, repo_root: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A private copy of the shipped scenarios, used as the shipped folder."""
    folder = tmp_path / "scenarios"
    shutil.copytree(repo_root / "scenarios", folder, ignore=shutil.ignore_patterns("*.md"))
    monkeypatch.setattr(scenario_cache, "default_scenario_dir", lambda: folder)
    return folder


def test_a_second_start_uses_the_cache_and_reads_no_yaml(
    scenarios_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    first = shipped_scenarios()
    (cached,) = cache_dir().iterdir()
    assert cache_dir().stat().st_mode & 0o777 == 0o700
    assert cached.stat().st_mode & 0o777 == 0o600

    def no_yaml(*args: object) -> None:
        raise AssertionError("the YAML files were read again")

    monkeypatch.setattr(loader, "load_scenarios", no_yaml)
    again = shipped_scenarios()
    assert [(s.id, s.title, len(s.steps)) for s in again] == [
        (s.id, s.title, len(s.steps)) for s in first
    ]


def test_an_edited_scenario_is_read_again(scenarios_dir: Path) -> None:
    before = shipped_scenarios()
    path = sorted(scenarios_dir.glob("*.yaml"))[0]
    text = path.read_text("utf-8")
    old_title = next(s.title for s in before if Path(s.path).name == path.name)
    path.write_text(text.replace(old_title, f"{old_title} (bewerkt)", 1), "utf-8")
    after = shipped_scenarios()
    assert f"{old_title} (bewerkt)" in [s.title for s in after]


def test_a_damaged_cache_is_ignored_and_replaced(scenarios_dir: Path) -> None:
    shipped_scenarios()
    (cached,) = cache_dir().iterdir()
    cached.write_bytes(b"geen pickle")
    assert len(shipped_scenarios()) == len(list(scenarios_dir.glob("*.yaml")))
    assert cached.read_bytes() != b"geen pickle"


def test_problems_in_the_files_are_reported_and_never_cached(scenarios_dir: Path) -> None:
    (scenarios_dir / "kapot.yaml").write_text("id: [niet af\n", "utf-8")
    with pytest.raises(ScenarioError):
        shipped_scenarios()
    assert not cache_dir().exists()


def test_the_cache_folder_follows_xdg_or_the_home_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    assert cache_dir() == tmp_path / "xdg" / "wijzer"
    monkeypatch.setenv("XDG_CACHE_HOME", "  ")  # blank: as if not set
    monkeypatch.setenv("HOME", str(tmp_path / "thuis"))
    assert cache_dir() == tmp_path / "thuis" / ".cache" / "wijzer"
    monkeypatch.delenv("XDG_CACHE_HOME")
    assert cache_dir() == tmp_path / "thuis" / ".cache" / "wijzer"


def test_an_edited_yml_file_is_read_again(scenarios_dir: Path) -> None:
    first = sorted(scenarios_dir.glob("*.yaml"))[0]
    yml = first.rename(first.with_suffix(".yml"))
    before = shipped_scenarios()
    old_title = next(s.title for s in before if Path(s.path).name == yml.name)
    yml.write_text(yml.read_text("utf-8").replace(old_title, "Nieuw", 1), "utf-8")
    assert "Nieuw" in [s.title for s in shipped_scenarios()]


def test_each_scenario_folder_has_its_own_cache_file(
    scenarios_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    shipped_scenarios()
    other = tmp_path / "andere"
    shutil.copytree(scenarios_dir, other)
    monkeypatch.setattr(scenario_cache, "default_scenario_dir", lambda: other)
    shipped_scenarios()
    assert len(list(cache_dir().iterdir())) == 2


def test_a_renamed_file_is_found_under_its_new_name(scenarios_dir: Path) -> None:
    """Same size, same change time, another name: the cache must not hand out the old path."""
    shipped_scenarios()
    first = sorted(scenarios_dir.glob("*.yaml"))[0]
    renamed = first.rename(first.with_name(f"00-{first.name}"))
    assert renamed.name in [Path(s.path).name for s in shipped_scenarios()]


def test_a_file_that_vanishes_while_looking_leaves_it_to_the_loader(
    scenarios_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def vanished(folder: Path) -> tuple:
        raise FileNotFoundError(folder / "01-regie.yaml")

    monkeypatch.setattr(scenario_cache, "_key", vanished)
    assert len(shipped_scenarios()) == len(list(scenarios_dir.glob("*.yaml")))
    assert not cache_dir().exists()  # nothing cached from a folder in flux
