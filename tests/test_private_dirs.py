"""Folders that cannot be made are named in Dutch, and a file set aside never replaces another
one set aside in the same second."""

from __future__ import annotations

import errno
import os
from datetime import datetime
from pathlib import Path

import pytest

from wijzer_tui.domain.errors import StoreError
from wijzer_tui.domain.progress import paths
from wijzer_tui.domain.progress.paths import ensure_private_dir, quarantine


def test_a_folder_below_a_file_cannot_be_made(tmp_path: Path) -> None:
    (tmp_path / "bestand").write_text("x")
    target = tmp_path / "bestand" / "voortgang"
    with pytest.raises(StoreError) as error:
        ensure_private_dir(target)
    reason = os.strerror(errno.ENOTDIR)
    assert error.value.message == (
        f"De map {target} kon niet worden gemaakt ({reason}). Kies een andere map met --progress-dir."
    )


def test_a_file_where_the_folder_should_be_is_named(tmp_path: Path) -> None:
    target = tmp_path / "voortgang"
    target.write_text("x")
    with pytest.raises(StoreError) as error:
        ensure_private_dir(target)
    assert error.value.message == f"{target} bestaat al, maar is geen map. Kies een andere map."


class _SameSecond:
    @staticmethod
    def now() -> datetime:
        return datetime(2026, 12, 3, 12, 0, 0)


def test_three_files_set_aside_in_one_second_all_stay(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(paths, "datetime", _SameSecond)
    kept = []
    for text in ("een", "twee", "drie"):
        damaged = tmp_path / "noor.json"
        damaged.write_text(text)
        kept.append(quarantine(damaged))
    assert [p.name for p in kept] == [
        "noor.beschadigd-20261203-120000.json",
        "noor.beschadigd-20261203-120000-2.json",
        "noor.beschadigd-20261203-120000-3.json",
    ]
    assert [p.read_text() for p in kept] == ["een", "twee", "drie"]
