"""Mijn resultaten shows the team training a learner was linked to, next to their self-study."""

from __future__ import annotations

from pathlib import Path

from team_fixtures import TRUST, marloes_in_a_session
from test_team_screens import keys, screen_text
from textual.widgets import DataTable

from wijzer_tui.app import WijzerApp
from wijzer_tui.domain.content.loader import load_scenarios
from wijzer_tui.screens.results import ResultsScreen


async def test_a_linked_team_session_shows_in_mijn_resultaten(tmp_path: Path) -> None:
    store, marloes, session = marloes_in_a_session(tmp_path)
    app = WijzerApp(load_scenarios(), store)  # one self-study learner: straight to home
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert app.learner is not None and app.learner.id == marloes.id
        await keys(pilot, "r")
        assert isinstance(app.screen, ResultsScreen)
        table = app.screen.query_one(DataTable)
        assert table.row_count == 1
        row = [str(c) for c in table.get_row_at(0)]
        assert row[0].startswith(f"{TRUST.number}. ")
        assert row[2:] == ["Afgerond", "teamtraining", f"{session.score(TRUST)}%"]
        await pilot.pause()
        assert "Gedaan in een teamtraining: dit zijn de keuzes van de groep." in screen_text(app)
