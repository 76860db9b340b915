"""The bewijs van deelname as a PDF (fpdf2, with the Lato font from the font-lato package).

Lato is embedded (a subset) so names with Ë, é, ï and the like print as typed. Nothing is
downloaded: the font files come with the font-lato wheel.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from datetime import date
from importlib.resources import files
from pathlib import Path

from wijzer_tui.domain.content.attribution import WIJZER_CREDITS, WIJZER_SOURCE, WIJZER_TITLE
from wijzer_tui.domain.content.model import Scenario
from wijzer_tui.domain.errors import ExportError, StoreError
from wijzer_tui.domain.progress.paths import ensure_private_dir, write_atomic
from wijzer_tui.domain.progress.records import Attempt, Profile, local_date, now_iso
from wijzer_tui.domain.reports.proof import ProofLine, proof_code, proof_lines

FONT = "Lato"


class ProofError(ExportError):
    """The bewijs could not be made or written."""

    title = "Probleem met het bewijs"


CHECK_HELP = (
    "Een coördinator controleert dit bewijs met: wijzer bewijs --controleer {code}. "
    "De code past alleen bij precies deze afgeronde casussen in de voortgang van de deelnemer."
)


def _font_file(style: str) -> str:
    return str(files("font_lato") / "files" / f"Lato-{style}.ttf")


def render_proof(
    profile: Profile,
    attempts: Sequence[Attempt],
    scenarios: Sequence[Scenario],
    *,
    with_scores: bool = False,
    version: str = "",
) -> bytes:
    """The PDF bytes. ProofError (Dutch) when there is no completed case to show."""
    from fpdf import FPDF  # imported here: only the bewijs needs it

    lines = proof_lines(attempts, scenarios)
    if not lines:
        raise ProofError(
            f"{profile.name} heeft nog geen casus afgerond. Er is nog niets om te bewijzen."
        )
    code = proof_code(profile.id, attempts)
    pdf = FPDF(format="A4")  # pragma: no mutate (any case)
    pdf.set_title("Bewijs van deelname")
    pdf.set_creator(f"wijzer {version}".strip())
    # pragma: no mutate start (layout: fonts, sizes, spacing; the words are pinned by test_proof)
    pdf.add_font(FONT, "", _font_file("Regular"))
    pdf.add_font(FONT, "B", _font_file("Bold"))
    pdf.set_margins(20, 20, 20)
    pdf.add_page()
    pdf.set_font(FONT, "B", 18)
    pdf.multi_cell(0, 9, "Bewijs van deelname", new_x="LMARGIN", new_y="NEXT", align="L")
    pdf.set_font(FONT, "", 11)
    intro = "wijzer, de oefenmodule bij de Frustratiewijzer"
    pdf.multi_cell(0, 6, intro, new_x="LMARGIN", new_y="NEXT", align="L")
    pdf.ln(3)
    for label, value in (
        ("Naam", profile.name),
        ("Beroepsgroep", profile.beroepsgroep),
        ("Organisatie", profile.organisation or "niet ingevuld"),
    ):
        pdf.set_font(FONT, "B", 11)
        pdf.cell(40, 7, label)
        pdf.set_font(FONT, "", 11)
        pdf.multi_cell(0, 7, value, new_x="LMARGIN", new_y="NEXT", align="L")
    pdf.ln(4)
    pdf.set_font(FONT, "B", 12)
    pdf.multi_cell(0, 7, "Afgeronde casussen", new_x="LMARGIN", new_y="NEXT", align="L")
    _table(pdf, lines, with_scores)
    pdf.ln(6)
    pdf.set_font(FONT, "B", 11)
    pdf.multi_cell(0, 6, f"Controlecode: {code}", new_x="LMARGIN", new_y="NEXT", align="L")
    pdf.set_font(FONT, "", 9)
    issued = f"Uitgegeven op {local_date(now_iso())}. " + CHECK_HELP.format(code=code)
    pdf.multi_cell(0, 5, issued, new_x="LMARGIN", new_y="NEXT", align="L")
    pdf.ln(6)
    pdf.set_font(FONT, "B", 10)
    pdf.multi_cell(0, 5, f"Bron: {WIJZER_TITLE}", new_x="LMARGIN", new_y="NEXT", align="L")
    pdf.set_font(FONT, "", 9)
    for block in (WIJZER_SOURCE, WIJZER_CREDITS):
        pdf.multi_cell(0, 5, " ".join(block.split()), new_x="LMARGIN", new_y="NEXT", align="L")
        pdf.ln(1)
    # pragma: no mutate end
    return bytes(pdf.output())


def _table(pdf, lines: Sequence[ProofLine], with_scores: bool) -> None:
    heads = ["Casus", "Afgerond op", "Vorm", "Versie"] + (["Score"] if with_scores else [])
    # pragma: no mutate start (layout: column widths and line height)
    widths = (90, 28, 24, 16, 14) if with_scores else (100, 28, 26, 16)
    pdf.set_font(FONT, "", 10)
    with pdf.table(col_widths=widths, text_align="LEFT", line_height=6) as table:
        row = table.row()
        # pragma: no mutate end
        for head in heads:
            row.cell(head)
        for line in lines:
            row = table.row()
            values = [line.title, line.date, line.mode, str(line.version)]
            if with_scores:
                values.append("" if line.score is None else f"{line.score}%")
            for value in values:
                row.cell(value)


def default_proof_path(root: Path, profile: Profile) -> Path:
    """<progress folder>/exports/bewijs-<name>-<date>.pdf (the folder made 0700)."""
    folder = ensure_private_dir(root / "exports")
    plain = unicodedata.normalize("NFKD", profile.name)
    plain = plain.encode("ascii", "ignore").decode()  # pragma: no mutate (any spelling)
    slug = re.sub(r"[^a-z0-9]+", "-", plain.casefold())
    slug = slug.strip("-")[:40] or profile.id[:8]  # pragma: no mutate (a slug has no capitals)
    return folder / f"bewijs-{slug}-{date.today():%Y%m%d}.pdf"


def write_proof_file(path: Path, payload: bytes) -> None:
    """Write the PDF whole or not at all, readable by its owner only (0600)."""
    if path.is_dir():
        raise ProofError(f"{path} is een map. Geef een bestandsnaam op.")
    if not path.parent.is_dir():
        raise ProofError(f"De map {path.parent} bestaat niet. Kies een bestaande map.")
    try:
        write_atomic(path, payload)
    except StoreError as exc:
        raise ProofError(f"Het bewijs kon niet worden geschreven naar {path}.") from exc
