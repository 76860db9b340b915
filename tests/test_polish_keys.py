"""Keyboard polish: scrolling whatever has focus, nothing behind "te klein", honest footers,
safe defaults in confirm dialogs."""

from __future__ import annotations

import re
from pathlib import Path

from selfstudy_driver import (
    SCENARIOS,
    make_app,
    open_scenario,
    option_text,
    press,
    screen_text,
    walk_to_end,
)
from textual.containers import VerticalScroll
from textual.widgets import Button

from wijzer_tui.screens.home import HomeScreen
from wijzer_tui.screens.pass_screen import PassScreen


def footer_labels(app) -> set[str]:
    """The descriptions the footer shows on the current screen."""
    return {
        active.binding.description
        for active in app.screen.active_bindings.values()
        if active.binding.show and active.enabled
    }


async def test_page_down_and_arrows_scroll_the_page_while_a_button_has_focus(
    tmp_path: Path,
) -> None:
    app = make_app(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_scenario(pilot, 1)
        assert isinstance(app.screen, PassScreen)
        assert isinstance(app.focused, Button)
        body = app.screen.query_one("#body", VerticalScroll)
        assert body.max_scroll_y > 0  # "Waarom is dit belangrijk?" is below the fold
        await press(pilot, "pagedown")
        assert body.scroll_y > 0
        paged = body.scroll_y
        await press(pilot, "up")
        assert body.scroll_y < paged
        await press(pilot, "pageup")
        assert body.scroll_y == 0
        await press(pilot, "down")
        assert body.scroll_y == 1


async def test_no_key_works_behind_the_too_small_message(tmp_path: Path) -> None:
    app = make_app(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_scenario(pilot, 1)
        await press(pilot, "q")  # a busy attempt: v on home would resume it
        assert isinstance(app.screen, HomeScreen)
        await pilot.resize_terminal(40, 12)
        await pilot.pause()
        await press(pilot, "v")
        await press(pilot, "enter")
        await press(pilot, "r")
        assert isinstance(app.screen, HomeScreen)
        await pilot.resize_terminal(80, 24)
        await pilot.pause()
        await press(pilot, "v")
        assert isinstance(app.screen, PassScreen)


async def test_footer_shows_only_the_keys_that_work_here(tmp_path: Path) -> None:
    app = make_app(tmp_path)
    scenario = SCENARIOS[0]
    async with app.run_test(size=(80, 24)) as pilot:
        await open_scenario(pilot, 1)
        labels = footer_labels(app)
        assert "Volgende" in labels
        assert not {"Opslaan", "Bevestigen", "Terug", "Volgende casus"} & labels
        await press(pilot, "v")  # Wat doe je?: v confirms
        labels = footer_labels(app)
        assert "Bevestigen" in labels and "Volgende" not in labels and "Opslaan" not in labels
        await press(pilot, "t")
        await walk_to_end(pilot, scenario)
        assert "Volgende casus" in footer_labels(app)
        await press(pilot, "n")
        assert "2." in str(app.screen.sub_title)


async def test_sharing_reflections_defaults_to_nee(tmp_path: Path) -> None:
    app = make_app(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await press(pilot, "r", "d")
        assert app.focused is not None and app.focused.id == "no"
        await press(pilot, "enter")  # a reflex Enter keeps them private
        assert "blijven privé" in screen_text(app)


async def test_home_says_where_in_a_case_you_are_and_wraps_under_the_text(
    tmp_path: Path,
) -> None:
    app = make_app(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_scenario(pilot, 1)
        await press(pilot, "v")  # Wat doe je?
        await press(pilot, "q")
        options = app.screen.query_one("#scenario-list")
        assert "Bezig · Wat doe je?" in option_text(options, SCENARIOS[0].id)
        lines = option_text(options, SCENARIOS[2].id, width=30).splitlines()
        assert len(lines) > 2  # the long title wraps at 30 columns
        assert all(line.startswith("  ") for line in lines[1:])


async def test_my_results_shorten_titles_at_a_word_and_show_the_time(tmp_path: Path) -> None:
    app = make_app(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_scenario(pilot, 3)
        await press(pilot, "q")
        await open_scenario(pilot, 3)
        await press(pilot, "tab", "enter", "enter", "q")  # Opnieuw beginnen: a 2nd attempt
        await press(pilot, "r")
        table = app.screen.query_one("#attempts")
        rows = [table.get_row_at(i) for i in range(table.row_count)]
        title = SCENARIOS[2].title
        for row in rows:
            shown = str(row[0])
            assert shown.endswith("…") and len(shown) <= 30
            assert shown[:-1].split()[-1] in title.split()  # a whole word before the "…"
            assert re.fullmatch(r"\d\d-\d\d-\d{4} \d\d:\d\d", str(row[1]))
