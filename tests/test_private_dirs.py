"""Folders that cannot be made are named in Dutch."""

from __future__ import annotations

from pathlib import Path

import pytest

from wijzer_tui.domain.errors import StoreError
from wijzer_tui.domain.progress.paths import ensure_private_dir


def test_a_folder_below_a_file_cannot_be_made(tmp_path: Path) -> None:
    (tmp_path / "bestand").write_text("x")
    target = tmp_path / "bestand" / "voortgang"
    with pytest.raises(StoreError) as error:
        ensure_private_dir(target)
    reason = "een deel van het pad is geen map"
    assert error.value.message == (
        f"De map {target} kon niet worden gemaakt ({reason}). Kies een andere map met --progress-dir."
    )
