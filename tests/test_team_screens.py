"""Team training on screen, driven like a trainer does: keys, a fake clock, and what the room sees."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from rich.console import Console
from snapshot_apps.team_app import TRUST, TeamSnapshotApp
from textual.content import Content
from textual.pilot import Pilot
from textual.widgets import DataTable, Input, Static

from wijzer_tui.app import WijzerApp
from wijzer_tui.domain.content.loader import load_scenarios
from wijzer_tui.domain.progress.store import ProgressStore
from wijzer_tui.domain.team.store import TeamStore
from wijzer_tui.screens.team_session import TeamSessionScreen
from wijzer_tui.screens.team_setup import TeamSetupScreen
from wijzer_tui.widgets.tally import TallyList
from wijzer_tui.widgets.timer import DiscussionTimer

CHOOSE = next(s for s in TRUST.steps if s.kind == "choose")
DECIDE = next(s for s in TRUST.steps if s.kind == "decide")


class FakeClock:
    """A clock the test moves by hand."""

    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def plain(widget: Static) -> str:
    """The text of a Static as the room reads it (also for Rich tables)."""
    rendered = widget.render()
    if isinstance(rendered, Content):
        return rendered.plain
    console = Console(width=200, file=io.StringIO(), record=True, color_system=None)
    console.print(widget.content)
    return console.export_text()


def screen_text(app: WijzerApp) -> str:
    """Every visible Static on the current screen."""
    return "\n".join(plain(w) for w in app.screen.query(Static) if w.display)


def notices(app: WijzerApp) -> list[str]:
    return [n.message for n in app._notifications]


async def keys(pilot: Pilot, *pressed: str) -> None:
    await pilot.press(*pressed)
    await pilot.pause()


async def type_text(pilot: Pilot, text: str) -> None:
    await pilot.press(*[{" ": "space"}.get(ch, ch) for ch in text])


@pytest.fixture
def app(tmp_path: Path) -> WijzerApp:
    return WijzerApp(load_scenarios(), ProgressStore(tmp_path), start="team")


async def set_up(pilot: Pilot, clock: FakeClock) -> None:
    """Fill in the setup like a trainer: team, organisation, two people, scenario 3, begin."""
    app = pilot.app
    assert isinstance(app.screen, TeamSetupScreen)
    app.screen.clock = clock
    await type_text(pilot, "Wijkteam Noord")
    await keys(pilot, "enter")
    await type_text(pilot, "Gemeente Zuid")
    await keys(pilot, "enter", "enter", "enter")  # date today, minutes 5, on to attendees
    for name in ("Ann", "Bo"):
        await type_text(pilot, name)
        await keys(pilot, "enter")
    await keys(pilot, "enter")  # empty: everyone is in, on to the scenarios
    await keys(pilot, "down", "down", "enter")  # scenario 3
    await keys(pilot, "ctrl+b")


async def test_a_whole_team_session_from_setup_to_attendance(
    app: WijzerApp, tmp_path: Path
) -> None:
    clock = FakeClock()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await set_up(pilot, clock)
        screen = app.screen
        assert isinstance(screen, TeamSessionScreen)
        assert screen.session.attendees == ["Ann", "Bo"]
        assert screen.session.team == "Wijkteam Noord"
        assert TRUST.title in screen_text(app)

        # The case is read together, one page at a time.
        await keys(pilot, "v")
        assert "Het probleem" in screen_text(app)
        await keys(pilot, "v", "v")
        assert "Wat doen jullie?" in screen_text(app)
        assert screen.training.step == CHOOSE

        # The discussion timer: start, pause, reset, and the gentle end signal.
        timer = screen.query_one(DiscussionTimer)
        label = timer.query_one("#timer-label", Static)
        assert plain(label) == "Gesprekstijd 5:00 · staat klaar"
        await keys(pilot, "s")
        clock.now += 90
        timer.tick()
        assert plain(label) == "Gesprekstijd 3:30 · loopt"
        await keys(pilot, "s")
        clock.now += 600
        timer.tick()
        assert plain(label) == "Gesprekstijd 3:30 · gepauzeerd"
        await keys(pilot, "r")
        assert plain(label) == "Gesprekstijd 5:00 · staat klaar"
        await keys(pilot, "s")
        clock.now += 301
        timer.tick()
        await pilot.pause()
        assert timer.has_class("-done") and plain(label) == "Gesprekstijd 0:00 · de tijd is om"
        assert "De gesprekstijd is om. Rond het gesprek rustig af." in notices(app)

        # Tallies per option: 1-9 selects, + and - count.
        tally = screen.query_one(TallyList)
        first, third = tally.option_ids[0], tally.option_ids[2]
        await keys(pilot, "1", "plus", "plus", "3", "plus", "plus", "minus")
        entry = screen.session.entry(CHOOSE.id)
        assert entry.tallies == {first: 2, third: 1}
        await keys(pilot, "1", "plus")  # only two people so far
        assert "Er zijn 2 deelnemers: meer stemmen kan niet." in notices(app)
        # Leave the page and come back: it is built anew from the saved votes, tips still hidden.
        await keys(pilot, "t", "v")
        assert screen.training.step == CHOOSE
        assert "Past bij de wijzer" not in screen_text(app)  # hidden until the reveal
        assert "2 deelnemers · 3 stemmen" in screen_text(app)
        assert screen.query_one(TallyList) is not tally
        await keys(pilot, "v")
        assert screen.training.step == CHOOSE
        assert "Onthul eerst de tips uit de wijzer met o. Daarna kun je verder." in notices(app)

        # Someone comes in late.
        await keys(pilot, "d")
        await type_text(pilot, "Cas")
        await keys(pilot, "enter", "escape")
        assert screen.session.attendees == ["Ann", "Bo", "Cas"]
        assert TeamStore(tmp_path).load(screen.session.id).attendees == ["Ann", "Bo", "Cas"]
        await keys(pilot, "1", "plus")
        assert screen.session.entry(CHOOSE.id).tallies[first] == 3

        # The reveal: the group's choice beside the tips, with the tally beside each option.
        await keys(pilot, "o")
        text = screen_text(app)
        # Only the first option has a majority (3 of 3); its verdict shows, the tips not chosen too.
        kind = next(o.kind for o in CHOOSE.choose_options if o.id == first)
        verdict = {"tip": "✓ Past bij de wijzer", "against": "✗ ", "neutral": "· Neutraal"}[kind]
        assert verdict in text and "○ Gemist" in text
        chosen = [o for o in CHOOSE.choose_options if o.id in (first, third)]
        for option in chosen:
            count = 3 if option.id == first else 1
            assert f"{count}× {option.text.split()[0]}" in text
        assert "Jullie kozen" in plain(screen.query_one("#group-score", Static))

        # The decision, as one consensus choice.
        await keys(pilot, "v")
        assert screen.training.step == DECIDE
        await keys(pilot, "2", "enter", "o")
        assert not screen.query(TallyList)  # the choice is fixed
        assert "De keuze van de groep (samen)" in screen_text(app)
        assert screen.session.answers(TRUST)[DECIDE.id] == [
            screen.session.entry(DECIDE.id).consensus[0]
        ]

        # Reflection: the wijzer's tips on demand; discussion prompts with their source.
        await keys(pilot, "v", "o")
        assert "Tips uit de wijzer" in screen_text(app)
        await keys(pilot, "g")
        prompts = screen_text(app)
        assert "Wat kun je en mag je van elkaar verwachten?" in prompts
        assert "Bron: Het Gesprek" in prompts and "frustratie 5" in prompts
        await keys(pilot, "escape")

        # Agreements: who / what / when, edited and deleted.
        await keys(pilot, "v")
        assert "Noem geen cliënten" in screen_text(app)
        assert isinstance(app.focused, Input)
        await type_text(pilot, "Ann")
        await keys(pilot, "enter")
        await type_text(pilot, "Kennismaking plannen")
        await keys(pilot, "enter")
        await type_text(pilot, "april")
        await keys(pilot, "enter")
        await type_text(pilot, "Bo")
        await keys(pilot, "tab")
        await type_text(pilot, "Evaluatie agenderen")
        await keys(pilot, "ctrl+s", "escape")
        table = screen.query_one(DataTable)
        assert table.row_count == 2 and app.focused is table
        await keys(pilot, "up", "enter", "end")
        await type_text(pilot, " en Cas")
        await keys(pilot, "ctrl+s", "escape", "down", "delete", "j")
        agreements = [a.to_dict() for a in screen.session.agreements]
        assert agreements == [
            {"who": "Ann en Cas", "what": "Kennismaking plannen", "when": "april"}
        ]

        # Stop, and resume exactly there from the setup screen.
        await keys(pilot, "q")
        assert isinstance(app.screen, TeamSetupScreen)
        assert "Wijkteam Noord (Gemeente Zuid) · casus 3 · 3 deelnemers · bij Afspraken" in (
            screen_text(app)
            + "".join(str(o.prompt) for o in app.screen.query_one("#resume").options)
        )
        app.screen.query_one("#resume").focus()
        await keys(pilot, "enter")
        screen = app.screen
        assert isinstance(screen, TeamSessionScreen)
        assert screen.training.section == "agreements"
        assert screen.query_one(DataTable).row_count == 1

        # The summary: saved as Markdown, then the session is finished and attendance recorded.
        await keys(pilot, "v", "m")
        await keys(pilot, "enter")
        [export] = list((tmp_path / "exports").glob("teamtraining-*-wijkteam-noord-vertrouwen.md"))
        markdown = export.read_text("utf-8")
        assert "- Deelnemers (3): Ann, Bo, Cas" in markdown
        assert "| Ann en Cas | Kennismaking plannen | april |" in markdown
        await keys(pilot, "a", "j")
        await app.workers.wait_for_complete()  # finishing runs in a worker; its notice follows
        done = "Afgerond. De deelname van 3 deelnemers is vastgelegd."
        for _ in range(100):  # the worker posts the notice to the app: a few frames later
            if done in notices(app):
                break
            await pilot.pause(0.05)
        assert screen.session.status == "finished"
        assert done in notices(app)

    records = ProgressStore(tmp_path).all_records()
    assert sorted(p.name for p, _ in records) == ["Ann", "Bo", "Cas"]
    for profile, attempts in records:
        [attempt] = attempts
        assert profile.attendee and attempt.mode == "team" and attempt.status == "finished"
    assert TeamStore(tmp_path).unfinished() == []


async def test_setup_refuses_to_begin_without_people_or_scenario(app: WijzerApp) -> None:
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await keys(pilot, "ctrl+b")
        assert "Kies eerst een casus." in notices(app)
        app.screen.query_one("#scenario").focus()
        await keys(pilot, "enter", "ctrl+b")
        assert "Vul minstens één deelnemer in: een naam of initialen." in notices(app)
        assert isinstance(app.screen, TeamSetupScreen)


async def test_leaving_the_setup_asks_first_when_something_was_typed(app: WijzerApp) -> None:
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await type_text(pilot, "Team Oost")
        await keys(pilot, "escape")
        assert "niet bewaard" in screen_text(app)
        await keys(pilot, "n")
        assert isinstance(app.screen, TeamSetupScreen)
        assert app.screen.query_one("#team", Input).value == "Team Oost"
        assert app.return_code is None
        await keys(pilot, "escape", "j")
        assert app.return_code == 0  # started with `wijzer team`: leaving stops the app


async def test_a_name_typed_but_not_added_still_counts(app: WijzerApp) -> None:
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        app.screen.query_one("#attendee").focus()
        await type_text(pilot, "Ann")
        app.screen.query_one("#scenario").focus()
        await keys(pilot, "enter", "ctrl+b")
        assert isinstance(app.screen, TeamSessionScreen)
        assert app.screen.session.attendees == ["Ann"]


async def test_team_attendees_never_show_up_as_self_study_profiles(tmp_path: Path) -> None:
    app = TeamSnapshotApp(tmp_path, page="summary")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await keys(pilot, "a", "j")
    store = ProgressStore(tmp_path)
    store.create_profile("Sanne", "wijkteam")
    store.create_profile("Piet", "politie")
    self_study = WijzerApp(load_scenarios(), store)
    async with self_study.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        text = screen_text(self_study) + str(self_study.screen.query_one("#profiles").options)
        assert "Sanne" in text and "Piet" in text
        for name in ("Ann", "Bo", "C.D.", "Dirk"):
            assert name not in text


async def test_the_footer_fits_every_page_at_80_columns(tmp_path: Path) -> None:
    """Every binding must be readable in the footer of a small terminal."""
    app = TeamSnapshotApp(tmp_path, page="intro")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        for _ in range(len(app.screen.training.sections)):
            footer = app.screen.query_one("Footer")
            keys_shown = footer.query("FooterKey")
            width = sum(k.outer_size.width for k in keys_shown)
            assert width <= 80, (app.screen.training.section, width)
            if app.screen.training.must_reveal_first():
                await keys(pilot, "1", "plus", "o")
            await keys(pilot, "v")


async def test_with_the_mouse_a_click_points_and_the_buttons_count(tmp_path: Path) -> None:
    app = TeamSnapshotApp(tmp_path, page="choose")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        screen = app.screen
        tally = screen.query_one(TallyList)
        first = tally.option_ids[0]
        before = dict(screen.session.entry(CHOOSE.id).tallies)
        await pilot.click(TallyList, offset=(12, 0))
        await pilot.pause()
        entry = screen.session.entry(CHOOSE.id)
        assert tally.highlighted == 0 and entry.mode == "tally" and entry.tallies == before
        await pilot.click("#more")
        await pilot.pause()
        assert screen.session.entry(CHOOSE.id).tallies[first] == before.get(first, 0) + 1
        await pilot.click("#mode")
        await pilot.pause()
        assert screen.session.entry(CHOOSE.id).mode == "consensus"
        assert str(screen.query_one("#mode").label) == "Stemmen tellen"
        await pilot.click(TallyList, offset=(12, 0))
        await pilot.pause()
        assert screen.session.entry(CHOOSE.id).consensus == [first]


async def test_leaving_team_training_restores_the_self_study_look(tmp_path: Path) -> None:
    store = ProgressStore(tmp_path)
    store.create_profile("Sanne", "wijkteam")
    app = WijzerApp(load_scenarios(), store)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        before = app.theme
        await keys(pilot, "t")
        assert isinstance(app.screen, TeamSetupScreen) and app.theme == "wijzer-zaal"
        await keys(pilot, "escape")
        assert not isinstance(app.screen, TeamSetupScreen) and app.theme == before


async def test_a_small_terminal_gets_a_calm_message(tmp_path: Path) -> None:
    app = TeamSnapshotApp(tmp_path, page="choose")
    async with app.run_test(size=(50, 15)) as pilot:
        await pilot.pause()
        assert app.screen.query_one("#too-small").display
        assert "te klein" in plain(app.screen.query_one("#too-small", Static))
        assert not app.screen.query_one("#team-body").display
