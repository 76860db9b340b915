"""The domain layer stays pure Python, in layers: no textual, no import cycles, imports only downwards."""

from __future__ import annotations

import ast
import json
import re
import subprocess
import sys
from graphlib import CycleError, TopologicalSorter
from pathlib import Path

import pytest

import wijzer_tui.domain

DOMAIN = Path(wijzer_tui.domain.__file__).resolve().parent
TEXTUAL_IMPORT = re.compile(r"^\s*(import\s+textual\b|from\s+textual\b)", re.MULTILINE)
# errors <- content <- progress <- team <- reports <- sync: a module imports only its own layer or lower ones.
LAYERS = {"errors": 0, "content": 1, "progress": 2, "team": 3, "reports": 4, "sync": 5}


def module_name(path: Path) -> str:
    parts = path.relative_to(DOMAIN.parent.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def domain_modules() -> list[str]:
    return sorted(module_name(path) for path in DOMAIN.rglob("*.py"))


def layer_of(module: str) -> int:
    """The layer of a domain module; the package itself and its __init__ sit at the bottom."""
    parts = module.split(".")
    return LAYERS[parts[2]] if len(parts) > 2 else 0


def domain_imports(path: Path) -> set[str]:
    """Every wijzer_tui.domain module this file imports, also inside functions and TYPE_CHECKING."""
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module:
            names = [f"{node.module}.{alias.name}" for alias in node.names]
            found.update(n if n in MODULES else node.module for n in names)
        elif isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
    return {name for name in found if name.startswith("wijzer_tui.domain.")}


MODULES = set(domain_modules())


def test_the_domain_is_grouped_by_concern() -> None:
    packages = {p.name for p in DOMAIN.iterdir() if (p / "__init__.py").exists()}
    assert packages == {"content", "progress", "team", "reports", "sync"}
    assert {"wijzer_tui.domain.content.loader", "wijzer_tui.domain.content.scoring"} <= MODULES
    for package in packages:
        doc = ast.get_docstring(ast.parse((DOMAIN / package / "__init__.py").read_text("utf-8")))
        assert doc and "import" in doc, f"{package}/__init__.py says what it may import"


def test_every_module_imports_only_its_own_layer_or_lower() -> None:
    offences = [
        f"{module_name(path)} -> {imported}"
        for path in sorted(DOMAIN.rglob("*.py"))
        for imported in sorted(domain_imports(path))
        if layer_of(imported) > layer_of(module_name(path))
    ]
    assert offences == []


def test_the_domain_has_no_import_cycles() -> None:
    graph = {module_name(p): domain_imports(p) & MODULES for p in DOMAIN.rglob("*.py")}
    try:
        tuple(TopologicalSorter(graph).static_order())
    except CycleError as error:  # pragma: no cover - the message is the useful part
        pytest.fail(f"import cycle: {error.args[1]}")


def test_the_cycle_check_would_notice_a_cycle() -> None:
    """Guard the guard: a two-module cycle is reported."""
    with pytest.raises(CycleError):
        tuple(TopologicalSorter({"a": {"b"}, "b": {"a"}}).static_order())


@pytest.mark.parametrize("module", sorted(MODULES))
def test_each_module_imports_alone_without_textual(module: str) -> None:
    code = (
        f"import importlib, json, sys\nimportlib.import_module({module!r})\n"
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
