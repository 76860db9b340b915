"""Snapshot tests of the key self-study screens at 80×24 (update with --snapshot-update)."""

from __future__ import annotations

from pathlib import Path

from selfstudy_driver import SCENARIOS, make_app, open_scenario, pick

SIZE = (80, 24)
REGIE = SCENARIOS[0]
CHOOSE = next(s for s in REGIE.steps if s.kind == "choose")
PICKS = [
    next(o.id for o in CHOOSE.choose_options if o.kind == "tip"),
    next(o.id for o in CHOOSE.choose_options if o.kind == "against"),
]


def test_home(snap_compare, tmp_path: Path) -> None:
    assert snap_compare(make_app(tmp_path), terminal_size=SIZE)


def test_choose(snap_compare, tmp_path: Path) -> None:
    async def to_choose(pilot) -> None:
        await open_scenario(pilot, 1)
        await pilot.press("v")
        await pick(pilot, PICKS)

    assert snap_compare(make_app(tmp_path), terminal_size=SIZE, run_before=to_choose)


def test_compare(snap_compare, tmp_path: Path) -> None:
    async def to_compare(pilot) -> None:
        await open_scenario(pilot, 1)
        await pilot.press("v")
        await pick(pilot, PICKS)
        await pilot.press("v")
        await pilot.pause()

    assert snap_compare(make_app(tmp_path), terminal_size=SIZE, run_before=to_compare)


def test_afronding(snap_compare, tmp_path: Path) -> None:
    async def to_end(pilot) -> None:
        from textual.widgets import TextArea

        await open_scenario(pilot, 5)
        await pilot.press("v")
        for step in SCENARIOS[4].steps:
            if step.kind == "reflect":
                pilot.app.screen.query_one(TextArea).insert("Vaker samen terugkijken.")
                await pilot.press("ctrl+s")
                await pilot.pause()
            else:
                await pick(pilot, [step.options[0].id])
                await pilot.press("v")
                await pilot.pause()
            await pilot.press("v")
            await pilot.pause()

    assert snap_compare(make_app(tmp_path), terminal_size=SIZE, run_before=to_end)


def test_too_small(snap_compare, tmp_path: Path) -> None:
    assert snap_compare(make_app(tmp_path), terminal_size=(50, 14))
