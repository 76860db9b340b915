"""`wijzer preview FILE`: play one scenario file from anywhere without installing it.

The file is checked first (the same Dutch list of problems as `wijzer validate`); then the app
opens with only that case, on a progress folder in a temporary directory that is removed when
the app ends: nothing reaches the real progress folder.
"""

from __future__ import annotations

import argparse
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from wijzer_tui.app import WijzerApp
    from wijzer_tui.domain.content.model import Scenario

PREVIEW_TITLE = "Voorbeeld: er wordt niets bewaard"
PREVIEW_LEARNER = "Voorbeeld"
ONE_FILE = "wijzer preview speelt één casusbestand; {path} is een map. Noem één .yaml-bestand."


def register(subparsers: argparse._SubParsersAction) -> None:
    """Add the preview subcommand to `wijzer`."""
    preview = subparsers.add_parser(
        "preview",
        help="speel één casusbestand als voorbeeld, zonder iets te bewaren",
        description="Speel één casusbestand van waar dan ook, zonder het te installeren: handig "
        "om een eigen casus uit te proberen. Het bestand wordt eerst gecontroleerd, net als bij "
        "wijzer validate. Je voortgang staat in een tijdelijke map die na afloop verdwijnt: er "
        "wordt niets bewaard.",
    )
    preview.add_argument("file", metavar="BESTAND", help="het casusbestand (.yaml)")
    preview.set_defaults(handler=run_preview)


@contextmanager
def preview_app(scenario: Scenario) -> Iterator[WijzerApp]:
    """The app with only `scenario`, on a temporary progress folder that is removed afterwards
    (also when the app ends with an error). One learner, so it opens on the home screen."""
    from wijzer_tui.app import WijzerApp
    from wijzer_tui.domain.progress.store import ProgressStore

    with tempfile.TemporaryDirectory(prefix="wijzer-voorbeeld-") as folder:
        store = ProgressStore(Path(folder) / "voortgang")
        store.create_profile(PREVIEW_LEARNER, "anders")
        reason = f"{store.root} (voorbeeld: deze map verdwijnt na afloop)"
        app = WijzerApp([scenario], store, progress_reason=reason)
        app.title = PREVIEW_TITLE
        app.sub_title = f"{scenario.number}. {scenario.title}"
        yield app


def run_preview(args: argparse.Namespace) -> int:
    """Check the file; on problems list them (exit 1); else play it (needs a terminal)."""
    from wijzer_tui.cli import has_terminal, print_problems, without_terminal
    from wijzer_tui.domain.content.loader import check_files

    path = Path(args.file)
    if path.is_dir():
        print(ONE_FILE.format(path=path))
        return 1
    scenarios, problems = check_files([path])
    if problems:
        print_problems(problems)
        return 1
    if not has_terminal():
        return without_terminal("Het voorbeeld")
    with preview_app(scenarios[0]) as app:
        app.run()
    print("Het voorbeeld is gestopt. Er is niets bewaard.")
    return app.return_code or 0
