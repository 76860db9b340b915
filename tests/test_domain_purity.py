"""The domain layer stays pure Python: nothing under wijzer_tui/domain imports textual."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import wijzer_tui.domain

DOMAIN = Path(wijzer_tui.domain.__file__).resolve().parent
TEXTUAL_IMPORT = re.compile(r"^\s*(import\s+textual\b|from\s+textual\b)", re.MULTILINE)


def domain_modules() -> list[str]:
    return sorted(
        "wijzer_tui.domain" if path.name == "__init__.py" else f"wijzer_tui.domain.{path.stem}"
        for path in DOMAIN.glob("*.py")
    )


def test_the_domain_has_the_core_modules() -> None:
    names = set(domain_modules())
    assert {"wijzer_tui.domain.loader", "wijzer_tui.domain.scoring"} <= names


def test_importing_every_domain_module_does_not_load_textual() -> None:
    code = (
        "import importlib, json, sys\n"
        f"for name in {domain_modules()!r}:\n"
        "    importlib.import_module(name)\n"
        "print(json.dumps(sorted(m for m in sys.modules if m.split('.')[0] == 'textual')))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=60, check=False
    )
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout) == []


def test_no_domain_file_mentions_a_textual_import() -> None:
    offenders = [
        path.name
        for path in sorted(DOMAIN.rglob("*.py"))
        if TEXTUAL_IMPORT.search(path.read_text(encoding="utf-8"))
    ]
    assert offenders == []


def test_the_purity_check_would_notice_an_import() -> None:
    """Guard the guard: the pattern matches the forms of import we forbid."""
    for line in ("import textual", "from textual.app import App", "    from textual import on"):
        assert TEXTUAL_IMPORT.search(f'"""Doc."""\n{line}\n')
    assert not TEXTUAL_IMPORT.search("# textual is not used here\nimport textwrap\n")
