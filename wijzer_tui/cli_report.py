"""Coordinator subcommands: `report`, `export`, `import` and `demo`, all without the TUI."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from wijzer_tui.domain.errors import WijzerError

if TYPE_CHECKING:
    from wijzer_tui.domain.progress.records import Profile
    from wijzer_tui.domain.reports.grid import Report

CSV_HELP = """\
CSV opent goed in Nederlandse Excel: UTF-8 met BOM en ; als scheidingsteken.
Gebruik --delimiter , voor Engelstalige programma's. Een cel die begint met
=, +, - of @ krijgt een ' ervoor, zodat een spreadsheet er geen formule van
maakt. Dat geldt ook na spaties of een nieuwe regel, en voor brede tekens
zoals ＝. Stuurtekens (zoals ESC) staan er zichtbaar in, bijvoorbeeld als \\x1b.

Reflecties staan alleen in het rapport als de deelnemer ze deelt.
Zonder --format opent het overzicht in de oefenmodule."""

DELIMITERS = {";": ";", ",": ",", "tab": "\t"}


def register(subparsers: argparse._SubParsersAction) -> None:
    """Add the report, export, import and demo subcommands to `wijzer`."""
    raw = argparse.RawDescriptionHelpFormatter
    report = subparsers.add_parser(
        "report",
        help="overzicht voor coördinatoren (CSV, JSON, Markdown)",
        description="Maak een overzicht van wie welke casus heeft afgerond, en waar de "
        "kennishiaten zitten.",
        epilog=CSV_HELP,
        formatter_class=raw,
    )
    report.add_argument(
        "--format",
        choices=("csv", "json", "md", "xapi"),
        help="csv, json, md (Markdown voor een overleg) of xapi (statements voor een LRS)",
    )
    report.add_argument("--output", metavar="BESTAND", help="schrijf naar dit bestand")
    report.add_argument("--team", metavar="TEAM", help="alleen dit team")
    # Dutch like --beroepsgroep; --organisation stays as an alias for existing scripts.
    report.add_argument(
        "--organisatie",
        "--organisation",
        dest="organisation",
        metavar="ORG",
        help="alleen deze organisatie",
    )
    report.add_argument("--beroepsgroep", metavar="GROEP", help="alleen deze beroepsgroep")
    report.add_argument(
        "--delimiter",
        choices=tuple(DELIMITERS),
        default=";",
        metavar="TEKEN",
        help="scheidingsteken voor CSV: ; (standaard), , of tab",
    )
    report.add_argument(
        "--sort",
        default="naam",
        metavar="SLEUTEL",
        help="sorteer op naam, team, organisatie, beroepsgroep, voortgang, score of een casus-id",
    )
    from wijzer_tui.cli_sync import add_names_option

    add_names_option(report)
    report.set_defaults(handler=run_report)

    export = subparsers.add_parser(
        "export",
        help="exporteer je eigen voortgang naar één bestand",
        description="Exporteer de voortgang van één deelnemer naar een JSON-bestand voor je "
        "coördinator. Reflecties gaan alleen mee als je ze deelt.",
    )
    export.add_argument(
        "--learner",
        metavar="NAAM_OF_ID",
        help="wie (standaard: het profiel op deze computer; hoofdletters en accenten tellen niet)",
    )
    export.add_argument(
        "--output", metavar="BESTAND", help="het exportbestand (standaard in de map exports/)"
    )
    export.add_argument(
        "--met-scan",
        action="store_true",
        help="zet je frustratiescan erbij (je coördinator ziet die alleen per groep van 5 of meer)",
    )
    export.set_defaults(handler=run_export)

    imports = subparsers.add_parser(
        "import",
        help="voeg exportbestanden van deelnemers samen",
        description="Voeg exportbestanden van deelnemers toe aan deze voortgangsmap. Twee keer "
        "hetzelfde bestand importeren verandert niets. Is één bestand niet in orde, dan wordt "
        "niets geïmporteerd.",
    )
    imports.add_argument("files", nargs="+", metavar="BESTAND", help="exportbestanden (.json)")
    imports.set_defaults(handler=run_import)

    demo = subparsers.add_parser(
        "demo",
        help="vul de voortgangsmap met verzonnen demodeelnemers",
        description="Maak verzonnen deelnemers (Demo 0001, …) met pogingen op de echte casussen, "
        "om het overzicht te proberen. Ze zijn als demo gemarkeerd.",
    )
    demo.add_argument("--learners", type=int, default=50, metavar="N", help="aantal (standaard 50)")
    demo.add_argument("--seed", type=int, default=1, metavar="S", help="zelfde S, zelfde data")
    demo.add_argument(
        "--force", action="store_true", help="ook als er al echte deelnemers in de map staan"
    )
    demo.set_defaults(handler=run_demo)


def _store(progress_dir: str | None):  # -> ProgressStore; imported late to keep `--help` fast
    from wijzer_tui.domain.progress.paths import resolve_progress_dir
    from wijzer_tui.domain.progress.store import ProgressStore

    return ProgressStore(resolve_progress_dir(progress_dir)[0])


def _say(text: str, *, err: bool = False) -> None:
    """Print a message; names and file names in it come from files, so controls are escaped."""
    from wijzer_tui.domain.progress.safe_text import visible

    print(visible(text), file=sys.stderr if err else sys.stdout)


def _warn(store) -> None:
    for message in store.warnings:
        _say(f"Let op: {message}", err=True)


def _emit(text: str, output: str | None, *, bom: bool = False) -> None:
    """Write to the file, or to standard output as UTF-8 (also on Windows consoles)."""
    from wijzer_tui.domain.reports.exports import write_file

    if output:
        write_file(Path(output), text, bom=bom)
        return
    payload = text.encode("utf-8-sig" if bom else "utf-8")
    buffer = getattr(sys.stdout, "buffer", None)
    if buffer is None:
        sys.stdout.write(payload.decode("utf-8"))
    else:
        sys.stdout.flush()
        buffer.write(payload)
        buffer.flush()


def run_report(args: argparse.Namespace) -> int:
    """Print or write the coordinator report; without --format open the TUI overview."""
    if args.format is None:
        return _open_overview(args.progress_dir)
    from wijzer_tui.domain.progress.learner_files import paused_gc

    # One bulk build from the files to the text. The records hold no reference cycles, so the
    # cyclic GC would only rescan them: it stays paused until they are freed again.
    with paused_gc():
        shown = _make_report(args)
    if args.output:
        from wijzer_tui.domain.progress.people import counted

        _say(
            f"Rapport geschreven naar {args.output} ({counted(shown, 'deelnemer', 'deelnemers')})."
        )
    return 0


def _make_report(args: argparse.Namespace) -> int:
    """Build the report, write or print it; the number of learners it shows."""
    from wijzer_tui.domain.progress.scenario_cache import shipped_scenarios
    from wijzer_tui.domain.reports.agreements import load_team_agreements
    from wijzer_tui.domain.reports.grid import (
        SORT_LABELS,
        ReportFilter,
        build_rows,
        report_from_rows,
    )

    store = _store(args.progress_dir)
    scenarios = shipped_scenarios()  # no YAML when the cache is current
    if args.sort not in SORT_LABELS and args.sort not in {s.id for s in scenarios}:
        keys = ", ".join([*SORT_LABELS, *(s.id for s in scenarios)])
        raise WijzerError(f"Onbekende sortering {args.sort!r}. Kies uit: {keys}.")
    flt = ReportFilter(args.team, args.organisation, args.beroepsgroep)
    # Only xAPI lists every attempt; the other formats need a summary row per learner.
    keep = args.format == "xapi"
    rows = build_rows(store.iter_records(), scenarios, keep_attempts=keep)
    agreements = load_team_agreements(store.root, store.warnings)
    report = report_from_rows(
        rows, scenarios, flt, args.sort, agreements=agreements, with_summaries=args.format != "csv"
    )
    if args.format in ("md", "json"):
        from wijzer_tui.domain.reports.scan_report import read_scans, scan_groups

        learners = [row.profile for row in report.rows]
        report.scan_groups = scan_groups(learners, read_scans(store.root), scenarios)
    _warn(store)
    if rows and not report.rows:
        _say(f"Let op: geen deelnemers gevonden voor {flt.describe()}.", err=True)
    _emit(_report_text(report, args, store.root), args.output, bom=args.format == "csv")
    return len(report.rows)


def _report_text(report: Report, args: argparse.Namespace, root: Path) -> str:
    """The report in the asked format."""
    from wijzer_tui.domain.reports import exports

    if args.format == "csv":
        return exports.to_csv(report, DELIMITERS[args.delimiter])
    if args.format == "json":
        return exports.to_json(report)
    if args.format == "xapi":
        from wijzer_tui.domain.reports.xapi import to_xapi
        from wijzer_tui.domain.reports.xapi_config import load_config

        return to_xapi(report, load_config(root).with_names(args.with_names))
    return exports.to_markdown(report)


def _open_overview(progress_dir: str | None) -> int:
    from wijzer_tui.cli import has_terminal, without_terminal

    if not has_terminal():
        return without_terminal("Het overzicht van wijzer report")
    try:
        from wijzer_tui.app import run_overview
    except ImportError:
        raise WijzerError(
            "Het overzicht in de oefenmodule is nog niet beschikbaar. "
            "Maak een rapport met --format csv, json of md.",
            title="Overzicht niet beschikbaar",
        ) from None
    return run_overview(progress_dir)


def _ask_learner(profiles: list[Profile]) -> Profile | None:
    """Ask in the terminal which learner to export; None when the user stops."""
    from wijzer_tui.domain.progress.people import describe

    print("Er staan meer profielen op deze computer. Wie exporteer je?")
    for number, profile in enumerate(profiles, start=1):
        print(f"  {number}. {describe(profile)}")
    for _ in range(3):
        try:
            answer = input(f"Kies 1 tot {len(profiles)} (Enter: stoppen): ").strip()
        except EOFError:
            return None
        if not answer:
            return None
        if answer.isdigit() and 1 <= int(answer) <= len(profiles):
            return profiles[int(answer) - 1]
        print(f"Typ een nummer van 1 tot {len(profiles)}.")
    return None


def run_export(args: argparse.Namespace) -> int:
    """Export one learner's records to a JSON file (by default in the progress folder)."""
    from wijzer_tui.domain.progress.paths import ensure_private_dir
    from wijzer_tui.domain.progress.people import counted
    from wijzer_tui.domain.reports.transfer import (
        ChoiceNeeded,
        choose_learner,
        default_export_path,
        export_learner,
    )

    store = _store(args.progress_dir)
    ask = _ask_learner if sys.stdin is not None and sys.stdin.isatty() else None
    try:
        profile = choose_learner(store, args.learner, ask)
    except ChoiceNeeded as exc:
        print(f"{exc.title}: {exc.message}", file=sys.stderr)
        return exc.exit_code
    if args.output:
        path = Path(args.output)
    else:
        folder = ensure_private_dir(store.root / "exports")
        path = default_export_path(profile, folder, store.profiles())
    count = export_learner(store, profile, path, with_scans=args.met_scan)
    _warn(store)
    shared = "met je reflecties" if profile.share_reflections else "zonder je reflecties"
    if args.met_scan:
        shared += ", met je frustratiescan"
    _say(f"Geëxporteerd: {profile.name}, {counted(count, 'poging', 'pogingen')}, {shared}.")
    _say(f"Bestand: {path}")
    print("Geef dit bestand aan je coördinator. Die voegt het toe met: wijzer import BESTAND")
    return 0


def run_import(args: argparse.Namespace) -> int:
    """Merge export files into this progress folder (all or nothing)."""
    from wijzer_tui.domain.progress.people import counted
    from wijzer_tui.domain.reports.transfer import import_files

    store = _store(args.progress_dir)
    results = import_files(store, [Path(f) for f in args.files])
    _warn(store)
    for r in results:
        what = counted(r.added, "nieuwe poging", "nieuwe pogingen")
        what = what if r.added else "al bekend, niets veranderd"
        _say(f"{r.profile.name}: {what} ({r.path.name}).")
    total = sum(r.added for r in results)
    files, added = (
        counted(len(results), "bestand", "bestanden"),
        counted(total, "nieuwe poging", "nieuwe pogingen"),
    )
    _say(f"Klaar: {files}, {added} in {store.root}.")
    return 0


def run_demo(args: argparse.Namespace) -> int:
    """Fill the progress folder with marked synthetic learners."""
    from wijzer_tui.domain.content.loader import load_scenarios
    from wijzer_tui.domain.reports.demo import fill_demo

    store = _store(args.progress_dir)

    def progress(done: int, total: int) -> None:
        if total >= 200:  # only worth showing when it takes a few seconds
            print(f"  {done} van {total} demodeelnemers opgeslagen…", file=sys.stderr, flush=True)

    result = fill_demo(
        store, load_scenarios(), args.learners, args.seed, allow_real=args.force, progress=progress
    )
    _warn(store)
    print(
        f"Klaar: {result.learners} demodeelnemers ({result.first_name} tot en met "
        f"{result.last_name}) met {result.attempts} pogingen in {store.root}."
    )
    print("Ze zijn gemarkeerd als demo. Bekijk ze met: wijzer report")
    return 0
