"""Helpers that drive the self-study app like a user does (keys), for the Pilot tests."""

from __future__ import annotations

from pathlib import Path

from textual.pilot import Pilot
from textual.widgets import Static

from wijzer_tui.app import WijzerApp
from wijzer_tui.domain.content.loader import load_scenarios
from wijzer_tui.domain.progress.store import ProgressStore
from wijzer_tui.widgets.choice_list import ChoiceList

# The frozen format-1 copy (as conftest.frozen_scenarios gives every unmarked test): this module is
# imported at collection, before that fixture sets WIJZER_SCENARIO_DIR.
SCENARIOS = load_scenarios([Path(__file__).resolve().parent / "data" / "scenarios-v1"])


def make_app(root: Path, *, learner: str | None = "Sanne") -> WijzerApp:
    """An app on a progress folder; with one learner it opens on the home screen."""
    store = ProgressStore(root)
    if learner and not store.profiles():
        store.create_profile(learner, "wijkteam", "Gemeente Voorbeeld", "Team Noord")
    return WijzerApp(SCENARIOS, store, progress_reason=f"{root} (test)")


def screen_text(app: WijzerApp) -> str:
    """All Static text on the current screen, as the user reads it."""
    return "\n".join(str(w.render()) for w in app.screen.query(Static))


async def open_scenario(pilot: Pilot, number: int) -> None:
    """On home: move to scenario `number` and press Enter."""
    await pilot.press("home", *["down"] * (number - 1), "enter")
    await pilot.pause()


async def pick(pilot: Pilot, option_ids: list[str]) -> None:
    """In the focused ChoiceList: walk down from the top and toggle the given options with space."""
    choice_list = pilot.app.screen.query_one(ChoiceList)
    order = list(choice_list.texts)
    await pilot.press("home")
    current = 0
    for target in sorted(order.index(i) for i in option_ids):
        await pilot.press(*["down"] * (target - current), "space")
        current = target
    await pilot.pause()


async def press(pilot: Pilot, *keys: str) -> None:
    """Press keys and let the app settle."""
    await pilot.press(*keys)
    await pilot.pause()


async def walk_to_end(pilot: Pilot, scenario) -> None:
    """In an open pass at its first section: answer every step (first options, a short
    reflection) until the Afronding shows."""
    from textual.widgets import TextArea

    await press(pilot, "v")  # Herken je dit? -> the first step
    for step in scenario.steps:
        if step.kind in ("choose", "decide"):
            await pick(pilot, [step.shuffled_options()[0].id])
        else:
            pilot.app.screen.query_one(TextArea).insert("Eerst overleggen.")
            await press(pilot, "ctrl+s")
            await press(pilot, "v")
            continue
        await press(pilot, "v")  # Bevestigen
        await press(pilot, "v")  # past the feedback


def option_text(option_list, option_id: str, width: int = 200) -> str:
    """An option's prompt as the user reads it (also for Rich tables), at `width` columns."""
    import io

    from rich.console import Console

    console = Console(width=width, file=io.StringIO(), record=True, color_system=None)
    console.print(option_list.get_option(option_id).prompt)
    return console.export_text()
