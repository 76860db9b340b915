"""The team agreements form: typed text survives, letters never jump away, a refusal keeps all."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from snapshot_apps.team_app import TRUST, TeamSnapshotApp
from test_team_screens import keys, notices, type_text
from textual.widgets import Input

from wijzer_tui import cli
from wijzer_tui.app import WijzerApp
from wijzer_tui.domain.content.loader import load_scenarios
from wijzer_tui.domain.progress.store import ProgressStore
from wijzer_tui.domain.team.store import TeamStore
from wijzer_tui.domain.team.summary import summary_markdown
from wijzer_tui.screens.drafts import DRAFT_DELAY
from wijzer_tui.screens.team_session import TeamSessionScreen


def on_agreements(root: Path) -> TeamSnapshotApp:
    """The fixed session (two agreements saved) on its agreements page."""
    app = TeamSnapshotApp(root, page="summary")
    app.session.position = "agreements"
    app.teams.save(app.session)
    return app


def form(app: WijzerApp) -> list[str]:
    return [app.screen.query_one(f"#{name}", Input).value for name in ("who", "what", "when")]


async def fill_in(pilot, who: str, what: str, when: str) -> None:
    """n for a new agreement, then the three fields with Tab between them, as a trainer types."""
    await keys(pilot, "n")
    for number, value in enumerate((who, what, when)):
        if number:
            await keys(pilot, "tab")
        await type_text(pilot, value)


async def test_an_agreement_being_typed_comes_back_after_a_killed_app(tmp_path: Path) -> None:
    root = tmp_path / "voortgang"
    app = on_agreements(root)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await fill_in(pilot, "Cas", "Verslag delen met", "")  # n: the table had focus
        await pilot.pause(DRAFT_DELAY + 0.4)
        copy = tmp_path / "na-de-kill"
        shutil.copytree(root, copy)  # the disk as a kill -9 leaves it

    app = WijzerApp(load_scenarios(), ProgressStore(copy), start="team")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        app.screen.query_one("#resume").focus()
        await keys(pilot, "enter")  # resume the session, on Afspraken
        assert isinstance(app.screen, TeamSessionScreen)
        assert form(app) == ["Cas", "Verslag delen met", ""]
        assert app.focused is app.screen.query_one("#who")
        await keys(pilot, "tab", "end")
        await type_text(pilot, " Ann")
        await keys(pilot, "ctrl+s")
        assert "Afspraak opgeslagen." in notices(app)
    session = TeamStore(copy).load("snapshot-sessie")
    assert session.agreements[-1].to_dict() == {
        "who": "Cas",
        "what": "Verslag delen met Ann",
        "when": "",
    }
    assert session.agreement_draft == {}


async def test_escape_keeps_the_typed_agreement(tmp_path: Path) -> None:
    app = on_agreements(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await keys(pilot, "n")
        await type_text(pilot, "Bo")
        await keys(pilot, "escape")  # done typing: focus leaves, the text stays
        assert form(app) == ["Bo", "", ""]
        draft = TeamStore(tmp_path).load("snapshot-sessie").agreement_draft
        assert draft == {"who": "Bo", "what": "", "when": "", "editing": None}
        await keys(pilot, "v", "t")  # to the summary and back: on with the typing
        assert form(app) == ["Bo", "", ""] and app.focused is app.screen.query_one("#who")
        await type_text(pilot, "b")
        await keys(pilot, "escape", "n")  # n brings you back to it
        assert form(app) == ["Bob", "", ""] and app.focused is app.screen.query_one("#who")


@pytest.mark.parametrize("word", ["vraag", "quota", "notitie", "gesprek"])
async def test_typing_while_a_form_button_has_focus_never_changes_page(
    tmp_path: Path, word: str
) -> None:
    app = on_agreements(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        screen = app.screen
        await fill_in(pilot, "Ann", "Casus bespreken", "")
        await keys(pilot, "tab")  # past wanneer: the Opslaan button
        assert app.focused is screen.query_one("#save-agreement")
        await type_text(pilot, word)  # v is Volgende, t Terug, q Stoppen, n Nieuw, d, s, r, o…
        await pilot.pause()
        assert app.screen is screen and screen.training.section == "agreements"
        assert form(app) == ["Ann", "Casus bespreken", ""]
        assert len(screen.session.agreements) == 2  # nothing saved or deleted either


async def test_a_refused_agreement_keeps_the_text_and_the_focus(tmp_path: Path) -> None:
    app = on_agreements(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await fill_in(pilot, "Ann", "", "morgen")  # wat stays empty
        await keys(pilot, "enter")  # Enter in wanneer saves
        assert "Vul bij een afspraak minstens in wát jullie doen." in notices(app)
        assert form(app) == ["Ann", "", "morgen"]
        assert app.focused is app.screen.query_one("#when")
        await keys(pilot, "tab", "enter")  # the Opslaan button: refused again
        assert app.focused is app.screen.query_one("#save-agreement")
        assert form(app) == ["Ann", "", "morgen"]
        assert len(app.screen.session.agreements) == 2


def test_the_agreement_draft_stays_out_of_reports_and_the_summary(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    app = on_agreements(tmp_path)
    app.session.agreement_draft = {
        "who": "X",
        "what": "Geheim concept",
        "when": "",
        "editing": None,
    }
    app.teams.save(app.session)
    outputs = [summary_markdown(TRUST, TeamStore(tmp_path).load("snapshot-sessie"))]
    for fmt in ("json", "md"):
        assert cli.main(["--progress-dir", str(tmp_path), "report", "--format", fmt]) == 0
        outputs.append(capsys.readouterr().out)
    for text in outputs:
        assert "Kennismaking met het wijkteam plannen" in text
        assert "Geheim concept" not in text
