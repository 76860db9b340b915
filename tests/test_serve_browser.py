"""`wijzer serve` in a real browser: Debian's chromium, driven by Playwright, network blocked.

Each test starts its own server on a free port and its own chromium profile folder, so the
tests run side by side (pytest -n). Screenshots land in tests/output/ (git-ignored).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from browser import Tab, open_context, serving
from playwright.sync_api import Playwright, sync_playwright

from wijzer_tui.domain.progress.store import ProgressStore

OUTPUT = Path(__file__).resolve().parent / "output"


@pytest.fixture(scope="module")
def playwright() -> Iterator[Playwright]:
    with sync_playwright() as driver:
        yield driver


def screenshot(tab: Tab, name: str) -> Path:
    OUTPUT.mkdir(exist_ok=True)
    path = OUTPUT / name
    tab.page.screenshot(path=str(path))
    return path


def create_profile(tab: Tab, name: str) -> None:
    """The first-start form: name, the first beroepsgroep in the list, confirm."""
    tab.wait_for("Maak eerst je profiel")
    tab.type(name)
    tab.press("Tab", "Enter", "ArrowDown", "Enter", "Tab", "Tab", "Tab", "Enter")
    tab.wait_for("Frustratiescan")  # offered once after the profile; skippable
    tab.press("Escape")
    tab.wait_for(f"Hoi {name}.")


def answer_first_decision(tab: Tab, case: int) -> None:
    """On home: open case `case`, read on, tick the first option and confirm."""
    tab.press("Home", *["ArrowDown"] * (case - 1), "Enter")
    tab.wait_for("Herken je dit?")
    tab.press("v")
    tab.wait_for("Wat doe je?")
    tab.press("Space", "v")
    tab.wait_for("Vergelijk met de wijzer")


def test_self_study_in_the_browser_survives_a_reload(playwright: Playwright, tmp_path: Path):
    progress = tmp_path / "voortgang"
    with serving(progress) as server:
        context = open_context(playwright, tmp_path / "chromium", 1280, 720)
        tab = Tab(context, server.url)
        tab.open()
        welcome = tab.wait_for("Maak eerst je profiel")
        assert "Welkom bij wijzer" in welcome
        assert tab.page.evaluate("document.documentElement.lang") == "nl"
        # The page's own font came from this server, not from the internet.
        assert tab.page.evaluate("document.fonts.check(\"16px 'Roboto Mono'\")")
        screenshot(tab, "serve-welkom-1280x720.png")

        create_profile(tab, "Sanne")
        answer_first_decision(tab, 1)
        assert "Deel 3 van 8" in tab.text

        tab.reload()  # a new app process: the screen must come back from the saved progress
        home = tab.wait_for("Verder waar je was")
        assert "Hoi Sanne." in home and "Bezig" in home
        tab.press("v")
        # Home's own label says "Bezig · Vergelijk met de wijzer": wait for the pass itself.
        assert "Vergelijk met de wijzer" in tab.wait_for("Deel 3 van 8")
        screenshot(tab, "serve-zelfstudie-1280x720.png")
        assert context.outside_requests == []
        context.close()
        code, output = server.stop()
    assert code == 0
    assert "Gestopt. Wat je had opgeslagen, blijft bewaard." in output
    assert "Traceback" not in output
    (learner,) = ProgressStore(progress).profiles()
    assert learner.name == "Sanne"


def test_two_tabs_on_one_learner_lose_nothing(playwright: Playwright, tmp_path: Path):
    progress = tmp_path / "voortgang"
    learner = ProgressStore(progress).create_profile("Sanne", "wijkteam", "", "")
    with serving(progress) as server:
        context = open_context(playwright, tmp_path / "chromium", 1280, 720)
        first, second = Tab(context, server.url), Tab(context, server.url)
        for tab in (first, second):
            tab.open()
            tab.wait_for("Hoi Sanne.")
        # Interleaved saves from two app processes: first, second, then first again.
        first.press("Home", "Enter")
        first.wait_for("Herken je dit?")
        answer_first_decision(second, 2)
        first.press("v")
        first.wait_for("Wat doe je?")
        first.press("Space", "v")
        first.wait_for("Vergelijk met de wijzer")
        first.reload()
        home = first.wait_for("Verder waar je was")
        context.close()
    lines = home.splitlines()
    for title in ("1. Ik mis de regie", "2. Ik weet niet wat mijn partners doen"):
        row = next(i for i, line in enumerate(lines) if title in line)
        assert "Bezig" in lines[row + 1], home
    attempts = ProgressStore(progress).attempts(learner.id)
    assert sorted(a.scenario_id for a in attempts if a.answers) == ["partners", "regie"]


@pytest.mark.parametrize(("width", "height"), [(1280, 720), (1920, 1080)])
def test_team_training_in_the_browser_reads_from_the_back_of_the_room(
    playwright: Playwright, tmp_path: Path, width: int, height: int
):
    with serving(tmp_path / "voortgang", "--team") as server:
        context = open_context(playwright, tmp_path / "chromium", width, height)
        tab = Tab(context, server.url)
        tab.open()
        tab.wait_for("Dit scherm is openbaar.")
        # Big text: the screen holds about 30 rows at any projector size (16px would give 56).
        assert 24 <= tab.screen.lines <= 32, (tab.screen.columns, tab.screen.lines)
        assert tab.screen.columns >= 80
        tab.type("Wijkteam Noord")
        tab.press("Enter")
        tab.type("Gemeente Zuid")
        tab.press("Enter", "Enter", "Enter")  # past Datum and Minuten to the attendees
        for name in ("Ann", "Bo"):
            tab.type(name)
            tab.press("Enter")
            listed = re.compile(rf"^ +{name}\b", re.MULTILINE)  # a row of the attendee list
            tab.wait_until(lambda text, row=listed: bool(row.search(text)), f"{name} listed")
        tab.press("Enter", "ArrowDown", "ArrowDown", "Enter")
        tab.wait_for("● 3. Ik durf")  # chosen (a positive check: a half-drawn frame can't pass)
        tab.press("Control+b")
        tab.wait_for("Teamtraining · casus 3")
        tab.press("v", "v", "v")
        tab.wait_for("Wat doen jullie?")  # the shared screen speaks to the group
        tab.press("1", "+", "+")
        tab.wait_for("2×")
        tab.press("o")
        revealed = tab.wait_for("Jullie kozen")
        assert "2×" in revealed and ("Past bij de wijzer" in revealed or "Afgeraden" in revealed)
        screenshot(tab, f"serve-team-{width}x{height}.png")
        assert context.outside_requests == []
        context.close()


def test_the_coordinators_overview_in_the_browser(playwright: Playwright, tmp_path: Path):
    progress = tmp_path / "voortgang"
    store = ProgressStore(progress)
    store.create_profile("Sanne", "wijkteam", "Gemeente Voorbeeld", "Team Noord")
    store.create_profile("Bram", "politie", "Politie Zuid", "Wijkagenten")
    with serving(progress, "--report") as server:
        context = open_context(playwright, tmp_path / "chromium", 1280, 720)
        tab = Tab(context, server.url)
        tab.open()
        tab.wait_for("Overzicht — voortgang van de deelnemers")
        # The title shows while the data still loads ("Gegevens laden…"): read the rows once
        # they are there, not the first frame.
        loaded = tab.wait_for("Bram")
        assert "Sanne" in loaded and "Team Noord" in loaded
        context.close()


def test_stopping_in_the_page_says_so_in_dutch(playwright: Playwright, tmp_path: Path):
    progress = tmp_path / "voortgang"
    ProgressStore(progress).create_profile("Sanne", "wijkteam", "", "")
    with serving(progress) as server:
        context = open_context(playwright, tmp_path / "chromium", 1280, 720)
        tab = Tab(context, server.url)
        tab.open()
        tab.wait_for("Hoi Sanne.")
        tab.press("q")  # Stoppen on the home screen: this tab's app ends, the server stays
        tab.page.wait_for_selector("#gestopt", state="visible", timeout=20_000)
        assert "wijzer is gestopt" in tab.page.inner_text("#gestopt")
        tab.page.click("text=Opnieuw starten")
        tab.wait_for("Hoi Sanne.")  # a fresh app process from the same server

        # Ctrl+C on the server with the tab still open: the tab says so, no app is left over.
        code, output = server.stop()
        tab.page.wait_for_selector("#gestopt", state="visible", timeout=20_000)
        context.close()
    assert code == 0 and "Traceback" not in output
    assert app_processes(progress) == []


def app_processes(progress: Path) -> list[str]:
    """Command lines of running processes that serve this progress folder."""
    found = []
    for cmdline in Path("/proc").glob("[0-9]*/cmdline"):
        try:
            words = cmdline.read_bytes().split(b"\0")
        except OSError:  # the process ended while we looked
            continue
        if str(progress).encode() in words:
            found.append(b" ".join(words).decode(errors="replace"))
    return found
