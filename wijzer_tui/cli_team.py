"""The `wijzer team` subcommand: start team training on a shared screen."""

from __future__ import annotations

import argparse


def register(subparsers: argparse._SubParsersAction) -> None:
    """Add the `team` subcommand to `wijzer`."""
    team = subparsers.add_parser(
        "team",
        help="teamtraining op een gedeeld scherm",
        description=(
            "Start de teamtraining: oefen een casus samen met een team op één scherm of "
            "beamer. Je vult de deelnemers in, telt de keuzes van de groep, onthult de tips "
            "uit de wijzer en schrijft afspraken op. Een sessie die nog bezig is, kun je "
            "later voortzetten."
        ),
    )
    team.add_argument(
        "--progress-dir",
        metavar="MAP",
        default=argparse.SUPPRESS,  # keep the value given before `team`, or from the environment
        help="map voor de voortgang (ook via WIJZER_PROGRESS_DIR)",
    )
    team.set_defaults(handler=run_team_command)


def run_team_command(args: argparse.Namespace) -> int:
    """Open the app on the team training setup."""
    from wijzer_tui.cli import has_terminal, without_terminal

    if not has_terminal():
        return without_terminal("De teamtraining")
    from wijzer_tui.app import run_team

    return run_team(args.progress_dir)
