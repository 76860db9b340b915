"""The source attribution of the Frustratiewijzer, shared by "Over wijzer" and the PDF bewijs."""

from __future__ import annotations

WIJZER_TITLE = "De Frustratiewijzer"
WIJZER_SOURCE = (
    "Samenwerken bij de aanpak van huiselijk geweld en kindermishandeling:\n"
    "5 frustraties én oplossingen.\n"
    "© Het CCV, Movisie, NJi, maart 2023."
)
WIJZER_CREDITS = (
    "Teksten: Centrum voor Criminaliteitspreventie en Veiligheid (Nicole Langeveld), "
    "Movisie (Nelleke Westerveld), Nederlands Jeugdinstituut (Charlotte Dopper).\n"
    "Redactie: JB tekst enzo (Jeanette Benschop). Vormgeving: CO3 (Woltera Niemeijer)."
)
