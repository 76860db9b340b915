"""How tests compare scenario text with the seed documents: one normalisation for all of them."""

from __future__ import annotations

import re

# Typos in the wijzer that a scenario may fix (scenarios/README.md lists them); either spelling passes.
TYPO_FIXES = {
    "burens": "buren",
    "werrelatie": "werkrelatie",
    "gezins-situatie": "gezinssituatie",
    "een multidisciplinaire overleg": "een multidisciplinair overleg",
}
TYPOGRAPHIC = str.maketrans(
    {"‘": "'", "’": "'", "‚": "'", "“": '"', "”": '"', "„": '"', "\u00a0": " ", "–": "-"}
)


def normalise(text: str) -> str:
    """Compare texts regardless of line breaks, typographic quotes, hyphenation at a line end
    ("samenwerkings-\\nverband") and the documented typo fixes."""
    text = text.translate(TYPOGRAPHIC)
    text = re.sub(r"(\w)-\n\s*(\w)", r"\1\2", text)
    for typo, fixed in TYPO_FIXES.items():
        text = re.sub(rf"\b{re.escape(typo)}\b".replace(r"\ ", r"\s+"), fixed, text)
    return " ".join(text.split())
