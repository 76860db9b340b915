"""Snapshots of a branching case at 80×24: a half-right decision's feedback, an ending and the
Afronding with the path taken (update with --snapshot-update)."""

from __future__ import annotations

from pathlib import Path

from branching_driver import TO_LOOSE_SAND, decide, open_tak, play, reflect_and_finish, tak_app

SIZE = (80, 24)
ROLE, CHOICES = TO_LOOSE_SAND


async def to_half_credit(pilot) -> None:
    await open_tak(pilot, ROLE)
    await play(pilot, CHOICES[:2])
    await decide(pilot, "mailen")  # half right, with its own feedback from the wijzer


async def to_ending(pilot) -> None:
    await open_tak(pilot, ROLE)
    await play(pilot, CHOICES)


async def to_afronding(pilot) -> None:
    await to_ending(pilot)
    await reflect_and_finish(pilot)


def test_half_credit_feedback(snap_compare, tmp_path: Path, monkeypatch) -> None:
    app = tak_app(tmp_path, monkeypatch)
    assert snap_compare(app, terminal_size=SIZE, run_before=to_half_credit)


def test_ending(snap_compare, tmp_path: Path, monkeypatch) -> None:
    app = tak_app(tmp_path, monkeypatch)
    assert snap_compare(app, terminal_size=SIZE, run_before=to_ending)


def test_afronding_with_the_path(snap_compare, tmp_path: Path, monkeypatch) -> None:
    app = tak_app(tmp_path, monkeypatch)
    assert snap_compare(app, terminal_size=SIZE, run_before=to_afronding)
