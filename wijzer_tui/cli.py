"""Command line: `wijzer` starts the app; subcommands work without the TUI."""

from __future__ import annotations

import argparse
import importlib
import json
import os
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TextIO

from wijzer_tui import __version__, cli_dutch
from wijzer_tui.domain.errors import WijzerError

cli_dutch.install()

# Modules that add a subcommand: each has `register(subparsers)` which sets `handler` on its parser.
COMMAND_MODULES: tuple[str, ...] = (
    "wijzer_tui.cli_report",
    "wijzer_tui.cli_team",
    "wijzer_tui.cli_merge",
    "wijzer_tui.cli_bewijs",
    "wijzer_tui.cli_sync",
    "wijzer_tui.cli_serve",
    "wijzer_tui.cli_preview",
)

DESCRIPTION = (
    "wijzer: oefen met de Frustratiewijzer (CCV, Movisie, NJi, maart 2023).\n"
    "Zonder opdracht start de oefenmodule. Je voortgang blijft op deze computer."
)


def progress_location(cli_value: str | None) -> tuple[Path, str]:
    """The active progress folder and why it was chosen (Dutch)."""
    from wijzer_tui.domain.progress.paths import resolve_progress_dir

    return resolve_progress_dir(cli_value)


def build_parser() -> argparse.ArgumentParser:
    """The argument parser with all subcommands, in Dutch."""
    try:
        folder, reason = progress_location(None)
        where = f"Voortgang staat nu in: {folder} ({reason})."
    except (WijzerError, ImportError):
        where = ""
    parser = argparse.ArgumentParser(
        prog="wijzer",
        description=DESCRIPTION,
        epilog=where + "\nKies een andere map met --progress-dir of WIJZER_PROGRESS_DIR.",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument(
        "--version",
        action="version",
        version=f"wijzer {__version__}",
        help="toon het versienummer en stop",
    )
    parser.add_argument(
        "--progress-dir",
        metavar="MAP",
        default=os.environ.get("WIJZER_PROGRESS_DIR") or None,
        help="map voor je voortgang (ook via WIJZER_PROGRESS_DIR)",
    )
    parser.set_defaults(handler=run_app)
    sub = parser.add_subparsers(title="opdrachten", metavar="OPDRACHT")
    check = sub.add_parser(
        "validate",
        help="controleer casusbestanden",
        description="Controleer casusbestanden en noem elk probleem met bestand, regel en veld.",
    )
    check.add_argument(
        "paths",
        nargs="*",
        metavar="PAD",
        help="bestanden of mappen (standaard: de meegeleverde casussen)",
    )
    check.add_argument(
        "--json",
        action="store_true",
        help="druk per casus de cijfers van de vertakking af als JSON (beslismomenten, "
        "aflopen, paden, tips)",
    )
    check.set_defaults(handler=run_validate)
    for name in COMMAND_MODULES:
        importlib.import_module(name).register(sub)
    return parser


def run_validate(args: argparse.Namespace) -> int:
    """Check scenario files and print a Dutch verdict."""
    from wijzer_tui.domain.content.graph import summary
    from wijzer_tui.domain.content.loader import check_files, default_scenario_dir

    paths = [Path(p) for p in args.paths] or [default_scenario_dir()]
    scenarios, problems = check_files(paths)
    if args.json:
        print(json.dumps([summary(s) for s in scenarios], ensure_ascii=False, indent=2))
    if problems:
        print_problems(problems, sys.stderr if args.json else sys.stdout)
        return 1
    if args.json:
        return 0
    tips = sum(len(s.tips) for s in scenarios)
    cases = "1 casus" if len(scenarios) == 1 else f"{len(scenarios)} casussen"
    print(f"In orde: {cases} met samen {tips} tips.")
    for s in scenarios:
        print(f"  {s.number}. {s.title}  ({_shape(s)})")
    return 0


def print_problems(problems: Sequence[object], out: TextIO | None = None) -> None:
    """The Dutch verdict on scenario files with problems (validate and preview)."""
    count = "1 probleem" if len(problems) == 1 else f"{len(problems)} problemen"
    print(f"Niet in orde: {count} gevonden.\n", file=out or sys.stdout)
    for problem in problems:
        print(f"- {problem}", file=out or sys.stdout)


def _shape(scenario) -> str:
    """How big a case is, in words: parts to page through, or its branches."""
    from wijzer_tui.domain.content.graph import summary

    tips = f"{len(scenario.tips)} tips"
    if not scenario.branches:
        # The parts a learner pages through ("Deel x van 8"), not the scored steps.
        from wijzer_tui.domain.progress.session import positions

        return f"{tips}, {len(positions(scenario))} delen"
    figures = summary(scenario)
    roles = len(scenario.roles)
    return (
        f"{tips}, {figures['decision_points']} beslismomenten, {figures['endings']} aflopen, "
        f"{figures['paths']} paden, {roles} {'rol' if roles == 1 else 'rollen'}"
    )


NO_TERMINAL_EXIT = 2
NO_TERMINAL = (
    "{what} werkt alleen in een terminal, en die is er nu niet (bijvoorbeeld in cron, een pipe of "
    "CI). Maak zonder terminal een rapport met: wijzer report --format csv (of json, md, xapi), "
    "eventueel met --output BESTAND."
)


def has_terminal() -> bool:
    """True when both standard input and output are a terminal, or when `wijzer serve` runs the
    app in a browser tab (textual-serve names its web driver): the TUI can be used."""
    if os.environ.get("TEXTUAL_DRIVER", "").endswith(":WebDriver"):
        return True
    return (
        sys.stdin is not None
        and sys.stdout is not None
        and (sys.stdin.isatty() and sys.stdout.isatty())
    )


def without_terminal(what: str) -> int:
    """Say in Dutch that the TUI needs a terminal and which option works without; exit code 2.

    Without this check a TUI started from cron or a pipe waits for keys forever.
    """
    print(NO_TERMINAL.format(what=what), file=sys.stderr)
    return NO_TERMINAL_EXIT


def run_app(args: argparse.Namespace) -> int:
    """Start the TUI."""
    if not has_terminal():
        return without_terminal("De oefenmodule")
    from wijzer_tui.app import run

    return run(args.progress_dir)


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the `wijzer` command; returns the exit code."""
    try:
        parser = build_parser()
        args = parser.parse_args(argv)
        handler: Callable[[argparse.Namespace], int] = args.handler
        code = handler(args)
        sys.stdout.flush()  # a closed pipe shows up here, inside the handling below, not at exit
        return code
    except WijzerError as exc:
        from wijzer_tui.domain.progress.safe_text import (
            visible,  # names in messages come from files
        )

        print(visible(f"{exc.title}: {exc.message}", newlines=True), file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("\nGestopt. Wat je had opgeslagen, blijft bewaard.", file=sys.stderr)
        return 130
    except BrokenPipeError:
        # The reader of a pipe stopped early (`wijzer validate | head`): nothing is lost, and
        # the flush at exit must not fail again, so the rest of the output goes nowhere.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 1


if __name__ == "__main__":
    raise SystemExit(main())
