"""Every screen at 80×24 is scanned for English strings that Textual itself can show (binding
descriptions of its widgets, its default prompts): a wijzer user sees only Dutch."""

from __future__ import annotations

import html
import importlib
import inspect
import pkgutil
import re
from pathlib import Path

import textual.widgets
from selfstudy_driver import make_app, open_scenario, pick, press
from snapshot_apps.overview_app import OverviewApp
from snapshot_apps.team_app import TeamSnapshotApp
from textual.binding import Binding
from textual.widgets import TextArea

# Key names Textual also uses as descriptions; wijzer names keys too ("druk op Delete").
KEY_NAMES = {"Delete", "Home", "End", "Up", "Down", "Left", "Right", "Backspace", "Tab"}
# Textual's own texts that are not bindings: Select's default prompt, the palette, ctrl+c hint.
OTHER_STRINGS = {"Select", "Search for commands…", "to quit the app", "Dismiss"}


def textual_strings() -> set[str]:
    """Every binding description in Textual's widgets, screens and app, plus OTHER_STRINGS."""
    names = [f"textual.widgets.{m.name}" for m in pkgutil.iter_modules(textual.widgets.__path__)]
    names += ["textual.app", "textual.screen", "textual.command", "textual.scroll_view"]
    found = set(OTHER_STRINGS)
    for name in names:
        for _, cls in inspect.getmembers(importlib.import_module(name), inspect.isclass):
            for binding in getattr(cls, "BINDINGS", None) or []:
                description = binding.description if isinstance(binding, Binding) else binding[2:3]
                if isinstance(description, tuple):
                    description = description[0] if description else ""
                if description and description not in KEY_NAMES:
                    found.add(description)
    return found


ENGLISH = textual_strings()


def english_on_screen(app) -> list[str]:
    """The English strings in what the terminal shows now (the rendered screen as SVG text)."""
    svg = app.export_screenshot()
    shown = " ".join(html.unescape(t) for t in re.findall(r">([^<>]*)</text>", svg))
    shown = " ".join(shown.replace("\xa0", " ").split())
    return sorted(e for e in ENGLISH if re.search(rf"(?<!\w){re.escape(e)}(?!\w)", shown))


def test_the_list_holds_textuals_own_strings() -> None:
    assert {"Dismiss menu", "Exit the command palette", "Quit"} <= ENGLISH
    assert len(ENGLISH) > 40


async def test_self_study_screens_are_dutch(tmp_path: Path) -> None:
    app = make_app(tmp_path)
    seen: dict[str, list[str]] = {}
    async with app.run_test(size=(80, 24)) as pilot:

        async def look(name: str, *keys: str) -> None:
            await press(pilot, *keys)
            seen[name] = english_on_screen(app)

        await look("home")
        await look("help", "f1")
        await look("about", "escape", "i")
        await look("results", "escape", "r")
        await look("share dialog", "d")
        await look("scan", "n", "escape", "f")
        await press(pilot, "escape")
        await open_scenario(pilot, 1)
        seen["intro"] = english_on_screen(app)
        await look("choose", "v")
        step = app.screen.session.step
        await pick(pilot, [step.options[0].id])
        await look("compare", "v")
        while app.screen.session.position.section != "reflect":
            if app.screen.session.position.section == "decide":
                await pick(pilot, [app.screen.session.step.options[0].id])
                seen["decide"] = english_on_screen(app)
            await press(pilot, "v")
        app.screen.query_one(TextArea).insert("Eerst overleggen.")
        await look("reflect")
        await look("check", "ctrl+s")
        await look("end", "v")
        await look("profile switch", "escape", "w")
    assert len(seen) > 12
    assert {name: words for name, words in seen.items() if words} == {}


async def test_team_and_overview_screens_are_dutch(tmp_path: Path) -> None:
    seen: dict[str, list[str]] = {}
    for page in ("intro", "choose", "reveal", "summary"):
        app = TeamSnapshotApp(tmp_path / page, page=page)
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.pause()
            seen[page] = english_on_screen(app)
            if page == "summary":
                await press(pilot, "t")
                seen["agreements"] = english_on_screen(app)
    app = OverviewApp()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()
        seen["overview"] = english_on_screen(app)
        await press(pilot, "tab", "enter")
        seen["overview filter open"] = english_on_screen(app)
    assert {name: words for name, words in seen.items() if words} == {}
