"""The `wijzer sync` subcommand: send xAPI statements to a learning record store (LRS)."""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING

from wijzer_tui.domain.errors import WijzerError

if TYPE_CHECKING:
    from wijzer_tui.domain.reports.xapi_config import XapiConfig
    from wijzer_tui.domain.sync.send import Outcome, Plan

EPILOG = """\
Instellingen staan in xapi.toml in de voortgangsmap (chmod 600), of in de omgeving:
  endpoint   WIJZER_LRS_ENDPOINT   adres van de LRS, bijvoorbeeld https://lrs.example.nl/xAPI/
  username   WIJZER_LRS_USERNAME
  password   WIJZER_LRS_PASSWORD
  iri_base   WIJZER_XAPI_IRI_BASE  begin van de adressen van casussen en stappen
  homepage   WIJZER_XAPI_HOMEPAGE  homePage van de accounts van deelnemers
Gebruikersnaam en wachtwoord gaan nooit via de opdrachtregel.

Elk statement gaat precies één keer naar de LRS. Een onderbroken sync gaat de
volgende keer verder waar hij was."""

VERB_LABELS = {
    "initialized": "begonnen",
    "answered": "antwoorden",
    "completed": "afgerond",
    "terminated": "gestopt",
}
SHOW_REFUSED = 10


def register(subparsers: argparse._SubParsersAction) -> None:
    """Add the `sync` subcommand to `wijzer`."""
    sync = subparsers.add_parser(
        "sync",
        help="stuur de resultaten als xAPI-statements naar een LRS",
        description="Stuur elke poging als xAPI-statements naar een learning record store "
        "(LRS). Alleen wat de LRS nog niet heeft, gaat mee.",
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    sync.add_argument(
        "--dry-run", action="store_true", help="laat zien wat er mee zou gaan, verstuur niets"
    )
    add_names_option(sync)
    sync.add_argument(
        "--batch-size", type=int, metavar="N", help="statements per verzoek (standaard 500)"
    )
    sync.set_defaults(handler=run_sync)


def add_names_option(parser: argparse.ArgumentParser) -> None:
    """The option that sends the typed names along (for sync and report --format xapi)."""
    parser.add_argument(
        "--with-names",
        action="store_true",
        help="stuur ook de ingevulde namen mee (standaard alleen een pseudoniem id)",
    )


def number(value: int) -> str:
    """A count the Dutch way: 29.962."""
    return f"{value:,}".replace(",", ".")


def statements(value: int) -> str:
    """'1 statement', '29.962 statements'."""
    return f"{number(value)} statement" + ("" if value == 1 else "s")


def verb_lines(counts: Counter[str]) -> list[str]:
    """One line per verb: '  7.500 begonnen (initialized)'."""
    width = max((len(number(n)) for n in counts.values()), default=1)
    return [
        f"  {number(counts[verb]):>{width}} {label} ({verb})"
        for verb, label in VERB_LABELS.items()
        if counts[verb]
    ]


def _config(args: argparse.Namespace, root) -> XapiConfig:  # root: Path
    from dataclasses import replace

    from wijzer_tui.domain.reports.xapi_config import ConfigError, load_config

    config = load_config(root).with_names(args.with_names)
    if args.batch_size is not None:
        if not 1 <= args.batch_size <= 10_000:
            raise ConfigError("--batch-size moet een getal van 1 tot 10000 zijn.")
        config = replace(config, batch_size=args.batch_size)
    if not config.endpoint and not args.dry_run:
        raise ConfigError(
            f"Er is nog geen LRS ingesteld. Zet endpoint, username en password in "
            f"{root / 'xapi.toml'} (en maak het bestand privé: chmod 600), of gebruik "
            "WIJZER_LRS_ENDPOINT, WIJZER_LRS_USERNAME en WIJZER_LRS_PASSWORD."
        )
    return config


def run_sync(args: argparse.Namespace) -> int:
    """Plan, then send (or only show, with --dry-run) the statements the LRS lacks."""
    from contextlib import nullcontext

    from wijzer_tui.domain.content.loader import load_scenarios
    from wijzer_tui.domain.progress.paths import resolve_progress_dir
    from wijzer_tui.domain.progress.store import ProgressStore
    from wijzer_tui.domain.reports.xapi_config import DEFAULT_IRI_BASE
    from wijzer_tui.domain.sync.ledger import Ledger
    from wijzer_tui.domain.sync.send import make_plan

    store = ProgressStore(resolve_progress_dir(args.progress_dir)[0])
    config = _config(args, store.root)
    if config.iri_base == DEFAULT_IRI_BASE:
        print(
            f"Let op: de statements gebruiken het standaardadres {DEFAULT_IRI_BASE}. Zet "
            "iri_base in xapi.toml op een adres van je eigen organisatie.",
            file=sys.stderr,
        )
    ledger = Ledger(store.root, config.endpoint, config.username)
    with nullcontext() if args.dry_run else _only_sync(ledger):
        plan = make_plan(store.iter_records(), load_scenarios(), config, ledger.acknowledged())
        for message in store.warnings:
            print(f"Let op: {message}", file=sys.stderr)
        if args.dry_run:
            return _show_plan(plan, config)
        if not plan.total:
            print("Er is nog niets te versturen: in deze voortgangsmap staan nog geen pogingen.")
            return 0
        if not plan.pending:
            print(f"Alles is al verstuurd: {statements(plan.total)} in de LRS.")
            return 0
        outcome = _send(plan, config, ledger)
    return _report(plan, outcome)


@contextmanager
def _only_sync(ledger) -> Iterator[None]:  # ledger: Ledger
    """Hold the ledger's lock: two syncs to one LRS at once would send batches twice."""
    from filelock import FileLock, Timeout

    from wijzer_tui.domain.progress.paths import ensure_private_dir

    ensure_private_dir(ledger.path.parent)
    lock = FileLock(f"{ledger.path}.lock", timeout=0, mode=0o600)
    try:
        lock.acquire()
    except Timeout:
        raise WijzerError(
            "Er loopt al een sync naar deze LRS. Wacht tot die klaar is.", title="Even geduld"
        ) from None
    try:
        yield
    finally:
        lock.release()


def _show_plan(plan: Plan, config: XapiConfig) -> int:
    where = config.endpoint or "een LRS (nog niet ingesteld)"
    if not plan.total:
        print("Proefrun: in deze voortgangsmap staan nog geen pogingen om te versturen.")
        return 0
    print(
        f"Proefrun, er is niets verstuurd. Van {statements(plan.total)} zouden er "
        f"{number(len(plan.pending))} naar {where} gaan:"
    )
    print("\n".join(verb_lines(plan.by_verb)) or "  geen")
    names = "met de ingevulde namen" if config.send_names else "zonder namen (alleen een id)"
    print(f"Deelnemers gaan mee {names}. Instellingen uit: {config.source}.")
    return 0


def _send(plan: Plan, config: XapiConfig, ledger) -> Outcome:  # ledger: Ledger
    from wijzer_tui.domain.sync.http import LrsClient, SyncError
    from wijzer_tui.domain.sync.send import Syncer

    with LrsClient(config) as client:
        syncer = Syncer(client, ledger, config.batch_size)
        try:
            if not sys.stderr.isatty():
                return syncer.run(plan.pending)
            from rich.console import Console
            from rich.progress import BarColumn, MofNCompleteColumn, Progress, TimeRemainingColumn

            columns = ("Versturen", BarColumn(), MofNCompleteColumn(), TimeRemainingColumn())
            with Progress(*columns, console=Console(stderr=True)) as bar:
                task = bar.add_task("sync", total=len(plan.pending))
                syncer.progress = lambda done: bar.update(task, completed=done)
                return syncer.run(plan.pending)
        except KeyboardInterrupt:
            syncer.outcome.error = SyncError("Je hebt de sync onderbroken.", title="Gestopt")
            return syncer.outcome


def _report(plan: Plan, outcome: Outcome) -> int:
    """Print what happened; 0 only when everything is in the LRS."""
    print(f"Verstuurd: {statements(outcome.sent)}.")
    print("\n".join(verb_lines(outcome.sent_by_verb)))
    if plan.already:
        print(f"Al eerder verstuurd: {statements(plan.already)}.")
    if outcome.refused:
        print(f"Niet verstuurd: {statements(len(outcome.refused))}, de LRS weigert ze:")
        for item in outcome.refused[:SHOW_REFUSED]:
            print(f"  - {item.id} ({item.verb}), {item.status}: {item.reason}")
        if len(outcome.refused) > SHOW_REFUSED:
            print(f"  … en nog {len(outcome.refused) - SHOW_REFUSED}.")
        if any(item.status == 409 for item in outcome.refused):
            print(
                "Bij 409 heeft de LRS al een ander statement met hetzelfde id. wijzer stuurt "
                "het niet blind opnieuw: bekijk het in de LRS."
            )
    if outcome.error is not None:
        left = len(plan.pending) - outcome.sent - len(outcome.refused)
        print(f"{outcome.error.title}: {outcome.error.message}", file=sys.stderr)
        print(
            f"Nog niet verstuurd: {statements(left)}. Wat verstuurd is, blijft "
            "bewaard; de volgende wijzer sync gaat verder waar deze stopte.",
            file=sys.stderr,
        )
    return 1 if outcome.error is not None or outcome.refused else 0
