"""The shipped scenarios, kept loaded between starts so wijzer opens without reading YAML.

Parsing and checking the scenario files was about a ninth of start-up (bench/startup.py).
The scenarios that `loader.load_scenarios` returned are kept as a pickle in the user's cache
folder (0700, file 0600), with a key made of the names, sizes and change times of the
scenario files and of the code that loads them: any edit of a scenario or of wijzer gives a
new key, so an old cache is never used. A cache that cannot be read or written is ignored
and the scenarios are loaded from YAML as before. (Unpickling runs code a cache file names:
only the user's own private folder is read, which nobody else may write.)
"""

from __future__ import annotations

import hashlib
import os
import pickle
import sys
from pathlib import Path
from typing import Any

from wijzer_tui.domain import content
from wijzer_tui.domain.content.model import Scenario
from wijzer_tui.domain.content.scenario_dir import default_scenario_dir
from wijzer_tui.domain.errors import StoreError
from wijzer_tui.domain.progress.paths import ensure_private_dir, write_atomic

_CODE = (  # in content/: what shapes the scenarios
    "model.py", "loader.py", "yaml_source.py", "checker.py", "scenes.py", "graph_checks.py",
)  # fmt: skip


_PROTOCOL = pickle.HIGHEST_PROTOCOL


def cache_dir() -> Path:
    """The user's cache folder for wijzer (`$XDG_CACHE_HOME/wijzer`, else ~/.cache/wijzer)."""
    base = os.environ.get("XDG_CACHE_HOME", "").strip()
    return (Path(base) if base else Path.home() / ".cache") / "wijzer"


def _key(folder: Path) -> tuple[Any, ...]:
    """What the cached scenarios depend on: Python, the scenario files and the loading code."""
    files = sorted([*folder.glob("*.yaml"), *folder.glob("*.yml")])
    code = [Path(content.__file__).with_name(name) for name in _CODE]
    stamps = [(str(p), s.st_size, s.st_mtime_ns) for p in [*files, *code] for s in [p.stat()]]
    return (sys.version_info[:2], stamps)  # pragma: no mutate (a finer version: only more misses)


def _cache_file(folder: Path) -> Path:
    digest = hashlib.sha256(str(folder).encode()).hexdigest()  # one file per folder
    name = digest[:16]  # pragma: no mutate (any length of the name does)
    return cache_dir() / f"scenarios-{name}.pickle"


def _pickled(key: tuple[Any, ...], scenarios: list[Scenario]) -> bytes:
    return pickle.dumps((key, scenarios), _PROTOCOL)  # pragma: no mutate (any protocol loads)


def _load(folder: Path) -> list[Scenario]:
    from wijzer_tui.domain.content.loader import (
        load_scenarios,  # imports YAML: only on a cache miss
    )

    return load_scenarios([folder])


def _cached(path: Path, key: tuple[Any, ...]) -> list[Scenario] | None:
    """The cached scenarios when the cache file holds them for `key`."""
    try:
        cached_key, scenarios = pickle.loads(path.read_bytes())
    except Exception:  # missing, cut off, or from another version: any of many errors
        return None
    return scenarios if cached_key == key else None


def shipped_scenarios() -> list[Scenario]:
    """The shipped scenarios, from the cache when it is current; raises ScenarioError (Dutch)
    when the files have problems, exactly as `loader.load_scenarios()` does."""
    folder = default_scenario_dir()
    try:
        key, path = _key(folder), _cache_file(folder)
    except OSError:  # a file vanished while looking: let the loader say what is wrong
        return _load(folder)
    scenarios = _cached(path, key)
    if scenarios is None:
        scenarios = _load(folder)
        try:
            ensure_private_dir(path.parent)
            write_atomic(path, _pickled(key, scenarios))
        except StoreError:  # no cache folder to be had: load from YAML next time too
            pass
    return scenarios
