"""Team votes polish: every option by number, tallies kept when choosing together, one majority
rule, a group decision counted once in "Vaakst gemist", a question to the group."""

from __future__ import annotations

from pathlib import Path

from snapshot_apps.team_app import TRUST, TeamSnapshotApp
from team_fixtures import CHOOSE, TIPS, new_session, played
from test_team_screens import keys, screen_text

from wijzer_tui.domain.progress.store import ProgressStore
from wijzer_tui.domain.reports.grid import build_report
from wijzer_tui.domain.team.group import MAJORITY_RULE
from wijzer_tui.domain.team.store import record_attendance
from wijzer_tui.domain.team.summary import summary_markdown
from wijzer_tui.widgets.tally import TallyList


async def test_every_option_can_be_picked_by_number_and_the_hint_says_how(tmp_path: Path) -> None:
    app = TeamSnapshotApp(tmp_path, page="choose")
    async with app.run_test(size=(80, 24)) as pilot:
        tally = app.screen.query_one(TallyList)
        assert len(tally.option_ids) >= 11
        assert "10 is 1 0" in screen_text(app)
        await keys(pilot, "1", "0")
        assert tally.highlighted == 9
        await keys(pilot, "1", "1")
        assert tally.highlighted == 10
        await keys(pilot, "3")
        assert tally.highlighted == 2
        await keys(pilot, "1", "plus", "1")  # a vote ends the number: this 1 is option 1
        assert tally.highlighted == 0
        assert "Wat doen jullie?" in screen_text(app)
        assert "zou jij" not in screen_text(app)


async def test_choosing_together_keeps_the_tallies_in_sight_and_in_the_summary(
    tmp_path: Path,
) -> None:
    app = TeamSnapshotApp(tmp_path, page="choose")
    async with app.run_test(size=(80, 24)) as pilot:
        tally = app.screen.query_one(TallyList)
        first = tally.option_ids[0]
        votes = app.screen.session.entry(CHOOSE.id).count(first)
        await keys(pilot, "1", "enter")  # Samen kiezen
        session = app.screen.session
        assert session.entry(CHOOSE.id).mode == "consensus"
        line = tally.get_option_at_index(0).prompt
        assert f"{votes}×" in str(line.columns[1]._cells[0])
        assert "Samen gekozen: 1 optie" in screen_text(app)
        await keys(pilot, "o")
        summary = summary_markdown(TRUST, session)
        assert f"| {votes}× |" in summary and "| 4× |" in summary


def test_the_majority_rule_is_stated_on_screen_text_and_in_the_summary() -> None:
    session = played(new_session("Ann", "Bo", "Cas", "Dirk"))
    summary = summary_markdown(TRUST, session)
    assert MAJORITY_RULE in summary
    assert "stemt. Elke gekozen tip" in summary  # the score rule names it too


def test_vaakst_gemist_counts_a_team_decision_once(tmp_path: Path) -> None:
    store = ProgressStore(tmp_path)
    session = played(new_session("Ann", "Bo", "Cas", "Dirk"))
    record_attendance(store, session, TRUST)
    report = build_report(store.iter_records(), [TRUST])
    summary = report.summaries[0]
    assert summary.finished == 4  # every attendee has the case done
    missed = {m.tip.id: m for m in summary.missed}
    assert missed and all(m.count == 1 and m.share == 1.0 for m in missed.values())
    assert TIPS[0] not in missed  # chosen by everyone


async def test_the_date_can_be_set_to_yesterday_and_is_checked(tmp_path: Path) -> None:
    from datetime import date, timedelta

    from test_team_screens import notices, type_text
    from textual.widgets import Input

    from wijzer_tui.app import WijzerApp
    from wijzer_tui.domain.content.loader import load_scenarios
    from wijzer_tui.screens.team_session import TeamSessionScreen

    app = WijzerApp(load_scenarios(), ProgressStore(tmp_path), start="team")
    yesterday = date.today() - timedelta(days=1)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await type_text(pilot, "Team Noord")
        await keys(pilot, "enter", "enter")  # organisation empty: on to the date
        field = app.screen.query_one("#date", Input)
        assert app.focused is field
        field.value = "31-02-2026"
        await keys(pilot, "enter")  # on to minutes: letters are refused with a word
        await type_text(pilot, "x")  # replaces the selected 5, and is refused
        assert app.screen.query_one("#minutes", Input).value == ""
        assert "Typ bij minuten alleen cijfers, 1 tot 60." in notices(app)
        await type_text(pilot, "7a")  # typing goes on after a refusal
        assert app.screen.query_one("#minutes", Input).value == "7"
        await keys(pilot, "enter")
        await type_text(pilot, "Ann")
        await keys(pilot, "enter")
        app.screen.query_one("#scenario").toggle("vertrouwen")
        await keys(pilot, "ctrl+b")
        assert "Vul de datum in als dd-mm-jjjj, bijvoorbeeld 12-03-2026." in notices(app)
        field.value = yesterday.strftime("%d-%m-%Y")
        await keys(pilot, "ctrl+b")
        assert isinstance(app.screen, TeamSessionScreen)
        assert app.screen.session.date == yesterday.isoformat()
        assert app.screen.session.timer_minutes == 7


async def test_the_focused_field_stands_out_in_the_team_theme(tmp_path: Path) -> None:
    from textual.widgets import Input, Label

    from wijzer_tui.app import WijzerApp
    from wijzer_tui.domain.content.loader import load_scenarios

    app = WijzerApp(load_scenarios(), ProgressStore(tmp_path), start="team")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        team, organisation = (app.screen.query_one(i, Input) for i in ("#team", "#organisation"))
        assert app.focused is team
        assert team.styles.background != organisation.styles.background
        labels = list(app.screen.query(Label))
        assert labels[0].styles.color != labels[1].styles.color  # "Team" lights up
