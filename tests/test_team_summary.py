"""The session summary in Markdown: what the team gets by mail, and where it is saved."""

from __future__ import annotations

import stat
from pathlib import Path

import pytest
from team_fixtures import AGAINST, CHOOSE, TIPS, TRUST, new_session, played

from wijzer_tui.domain.errors import ExportError
from wijzer_tui.domain.team.summary import (
    default_export_path,
    discussed_tips,
    resolve_export_path,
    save_markdown,
    summary_markdown,
)

# -- summary and export ------------------------------------------------------------------------


def test_the_summary_holds_the_case_choices_tallies_tips_and_agreements() -> None:
    session = played(new_session("Ann", "Bo"))
    session.date = "2026-03-12"
    session.add_agreement("Ann", "Overleg | plannen", "april")
    text = summary_markdown(TRUST, session)
    assert text.startswith(f"# Teamtraining: 3. {TRUST.title}")
    assert "- Datum: 12-03-2026" in text
    assert "- Deelnemers (2): Ann, Bo" in text
    assert f"- Score van de groep: {session.score(TRUST)}%" in text
    tip_text = next(o.text for o in CHOOSE.choose_options if o.id == TIPS[0])
    assert f"| 2× | {tip_text} | ✓ Past bij de wijzer |" in text
    assert "| 0× |" in text  # options nobody chose show their tally too
    assert "○ Gemist" in text
    # Chosen and advised against by the wijzer itself; not chosen, advised against by another source.
    assert "| 2× | Wat hij de vorige keer liet liggen" in text  # a majority of the two
    assert "| ✗ De wijzer raadt dit af. Waarom niet: Dan blijft" in text
    portraits = "De procesregisseurs aan het woord (portret van het CCV en Movisie)"
    assert f"| Niet gekozen · Afgeraden (bron: {portraits}). |" in text
    assert "| Ann | Overleg \\| plannen | april |" in text
    assert "## Afspraken (wie · wat · wanneer)" in text
    for tip in discussed_tips(TRUST, session):
        assert " ".join(tip.text.split()) in text
    assert "deel het alleen met het team" in text


def test_an_unrevealed_step_stays_hidden_in_the_summary() -> None:
    session = new_session()
    session.bump(CHOOSE, AGAINST[0], 1)
    text = summary_markdown(TRUST, session)
    assert "Nog niet onthuld." in text
    assert "De wijzer raadt dit af" not in text and "Afgeraden" not in text


def test_the_summary_is_saved_in_the_exports_folder_or_where_the_trainer_says(
    tmp_path: Path,
) -> None:
    session = new_session()
    default = default_export_path(tmp_path, TRUST, session)
    assert (
        default
        == tmp_path / "exports" / f"teamtraining-{session.date}-wijkteam-noord-vertrouwen.md"
    )
    saved = save_markdown(default, summary_markdown(TRUST, session), make_folder=True)
    assert stat.S_IMODE(saved.stat().st_mode) == 0o600
    assert saved.read_text("utf-8").startswith("# Teamtraining")
    assert resolve_export_path("", default) == default
    assert resolve_export_path("team", default) == default.parent / "team.md"
    assert resolve_export_path(str(tmp_path), default) == tmp_path / default.name
    with pytest.raises(ExportError, match="bestaat niet"):
        save_markdown(tmp_path / "nergens" / "x.md", "x")
