"""Folders that cannot be made are named in Dutch."""

from __future__ import annotations

import errno
import os
from pathlib import Path

import pytest

from wijzer_tui.domain.errors import StoreError
from wijzer_tui.domain.progress.paths import ensure_private_dir


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
