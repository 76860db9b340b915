"""`wijzer bewijs`: write a learner's bewijs van deelname as a PDF, or check a code."""

from __future__ import annotations

import argparse
from pathlib import Path


def register(subparsers: argparse._SubParsersAction) -> None:
    """Add the bewijs subcommand to `wijzer`."""
    bewijs = subparsers.add_parser(
        "bewijs",
        help="bewijs van deelname als PDF (of controleer een code)",
        description="Maak een PDF met de casussen die je hebt afgerond: met datum, vorm "
        "(zelfstudie of team) en versie, en een controlecode. Zonder reflecties; scores alleen "
        "met --met-scores. Een coördinator controleert de code met --controleer CODE.",
    )
    bewijs.add_argument("--learner", metavar="NAAM_OF_ID", help="wie (nodig bij meer deelnemers)")
    bewijs.add_argument(
        "--output",
        metavar="BESTAND",
        help="het PDF-bestand (standaard: exports/ in je voortgangsmap)",
    )
    bewijs.add_argument("--met-scores", action="store_true", help="zet je scores erbij")
    bewijs.add_argument(
        "--controleer", metavar="CODE", help="controleer een code uit een bewijs met de voortgang"
    )
    bewijs.set_defaults(handler=run_bewijs)


def _store(progress_dir: str | None):  # -> ProgressStore; imported late to keep `--help` fast
    from wijzer_tui.domain.progress.paths import resolve_progress_dir
    from wijzer_tui.domain.progress.store import ProgressStore

    return ProgressStore(resolve_progress_dir(progress_dir)[0])


def run_bewijs(args: argparse.Namespace) -> int:
    """Write the PDF, or check a code when --controleer is given."""
    store = _store(args.progress_dir)
    if args.controleer is not None:
        return _check(store, args.controleer)
    from wijzer_tui import __version__
    from wijzer_tui.domain.content.loader import load_scenarios
    from wijzer_tui.domain.reports.proof_pdf import (
        ProofError,
        default_proof_path,
        render_proof,
        write_proof_file,
    )
    from wijzer_tui.domain.reports.transfer import choose_learner

    if not store.profiles():
        raise ProofError(
            "Er zijn nog geen deelnemers op deze computer. Er is nog niets te bewijzen."
        )
    profile = choose_learner(store, args.learner)
    attempts = store.attempts(profile.id)
    payload = render_proof(
        profile, attempts, load_scenarios(), with_scores=args.met_scores, version=__version__
    )
    path = Path(args.output) if args.output else default_proof_path(store.root, profile)
    write_proof_file(path, payload)
    scores = "met je scores" if args.met_scores else "zonder scores"
    print(f"Bewijs van deelname geschreven voor {profile.name} ({scores}, zonder reflecties).")
    print(f"Bestand: {path}")
    return 0


def _check(store, code: str) -> int:
    from wijzer_tui.domain.content.loader import load_scenarios
    from wijzer_tui.domain.reports.proof import check_code, normalise_code, proof_lines

    found = check_code(code, store.iter_records())
    if found is None:
        print(
            f"Niet gevonden: de code {normalise_code(code)} past bij geen afgeronde casussen in "
            f"{store.root}. Controleer de code. Of voeg eerst de export van de deelnemer toe "
            "met: wijzer import BESTAND"
        )
        return 1
    p = found.profile
    who = ", ".join(x for x in (p.beroepsgroep, p.organisation) if x)
    print(f"Klopt: deze code hoort bij {p.name} ({who}).")
    count = len(found.attempts)
    cases = "deze afgeronde casus" if count == 1 else f"deze {count} afgeronde casussen"
    print(f"Het bewijs noemt {cases}:")
    for line in proof_lines(found.attempts, load_scenarios()):
        print(f"  - {line.title}: {line.date}, {line.mode}, versie {line.version}")
    print("De code bewijst dat deze lijst klopt met de voortgang hier. Niet wie de casussen deed.")
    return 0
