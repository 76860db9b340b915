"""The `wijzer merge` subcommand: a coordinator merges duplicate learners into one."""

from __future__ import annotations

import argparse

MERGE_HELP = """\
Zonder BRON en DOEL toont wijzer de deelnemers met dezelfde naam (hoofdletters en
accenten tellen niet mee), met hun id en een voorstel om ze samen te voegen.

Met BRON en DOEL (een naam of een id) gaan alle pogingen van BRON naar DOEL, en
BRON wordt verwijderd. Bekijk eerst wat er gebeurt met --dry-run. Past een naam
bij meer deelnemers, of verschillen de namen, dan voegt wijzer niets samen.
Nog een keer samenvoegen verandert niets; is het halverwege afgebroken, dan
maakt nog een keer het af."""


def register(subparsers: argparse._SubParsersAction) -> None:
    """Add the `merge` subcommand to `wijzer`."""
    merge = subparsers.add_parser(
        "merge",
        help="voeg dubbele deelnemers samen tot één",
        description="Voeg twee deelnemers samen die dezelfde persoon zijn.",
        epilog=MERGE_HELP,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    merge.add_argument("people", nargs="*", metavar="BRON DOEL", help="naam of id van elk")
    merge.add_argument("--dry-run", action="store_true", help="toon alleen wat er zou veranderen")
    merge.add_argument("--force", action="store_true", help="ook als de namen verschillen")
    merge.set_defaults(handler=run_merge)


def run_merge(args: argparse.Namespace) -> int:
    """List likely duplicates, or merge BRON into DOEL (after --dry-run shows the plan)."""
    from wijzer_tui.domain.errors import WijzerError
    from wijzer_tui.domain.progress.paths import resolve_progress_dir
    from wijzer_tui.domain.progress.store import ProgressStore
    from wijzer_tui.domain.reports.merge import apply_merge, plan_merge
    from wijzer_tui.domain.team.store import TeamStore

    root = resolve_progress_dir(args.progress_dir)[0]
    store, teams = ProgressStore(root), TeamStore(root)
    if not args.people:
        return _list_duplicates(store)
    if len(args.people) != 2:
        raise WijzerError(
            "Noem twee deelnemers: wijzer merge BRON DOEL (een naam of een id).",
            title="Samenvoegen",
        )
    plan = plan_merge(store, teams, *args.people, force=args.force)
    print("\n".join(plan.lines()))
    if args.dry_run:
        print("Proefrun: er is niets veranderd. Voeg samen zonder --dry-run.")
        return 0
    apply_merge(store, teams, plan)
    print(f"Samengevoegd: {plan.merged.name} is nu één deelnemer ({plan.target.id}).")
    return 0


def _list_duplicates(store) -> int:  # store: ProgressStore (imported late for a fast --help)
    from wijzer_tui.domain.progress.people import counted, describe
    from wijzer_tui.domain.reports.merge import duplicates

    groups = duplicates(store.profiles())
    if not groups:
        print("Geen dubbele deelnemers gevonden: geen twee deelnemers met dezelfde naam.")
        return 0
    print(f"Mogelijk dubbel: {counted(len(groups), 'naam', 'namen')} bij meer deelnemers.")
    for group in groups:
        print(f"\n{group[0].name}")
        for profile in group:
            attempts = counted(len(store.attempts(profile.id)), "poging", "pogingen")
            print(f"  {profile.id}  {describe(profile)} · {attempts}")
        for other in group[1:]:
            print(f"  Samenvoegen: wijzer merge {other.id} {group[0].id} --dry-run")
    print("\nHaal --dry-run weg om echt samen te voegen.")
    return 0
