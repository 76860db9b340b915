"""Control characters never reach a terminal or spreadsheet raw; formulas stay text in CSV."""

from __future__ import annotations

import csv
import io
import json

import pytest
from report_fixtures import SCENARIOS
from textual.widgets import DataTable

from wijzer_tui.domain.content.loader import load_scenarios
from wijzer_tui.domain.progress.records import Answer, Attempt, Profile
from wijzer_tui.domain.progress.safe_text import (
    clean_label,
    clean_reflection,
    formula_safe,
    has_control,
    json_text,
    visible,
)
from wijzer_tui.domain.progress.session import Pass
from wijzer_tui.domain.progress.store import ProgressStore
from wijzer_tui.domain.reports.exports import to_csv, to_markdown
from wijzer_tui.domain.reports.grid import build_report

ESC_NAME = "Eva\x1b[2J\x1b]0;titel\x07"

FORMULAS = [
    "=1+1", " =1+1", "\n=1+1", "\r\n=1+1", "\t=1", "  \n  +1", "-1", "@SUM(A1)",
    "＝1+1", "＋1", "－1", "＠SUM(A1)", "\u3000=1+1", "\u00a0=1", "\u200b=1+1", "\ufeff=1",
]  # fmt: skip
PLAIN = ["Anna", "Org = goed", "80", "", "ë=1", "Team-Noord", "a+b"]


@pytest.mark.parametrize("value", FORMULAS)
def test_formula_guard_catches_hidden_and_folded_formulas(value: str) -> None:
    assert formula_safe(value) == "'" + value


@pytest.mark.parametrize("value", PLAIN)
def test_formula_guard_leaves_plain_text_alone(value: str) -> None:
    assert formula_safe(value) == value


def test_every_c0_and_c1_control_is_made_visible_and_removed_on_the_way_in() -> None:
    controls = [chr(c) for c in [*range(0x20), *range(0x7F, 0xA0)]]
    for ch in controls:
        assert has_control(f"a{ch}b")
        shown = visible(f"a{ch}b")
        assert shown == f"a\\x{ord(ch):02x}b" and not has_control(shown)
        assert not has_control(clean_label(f"a{ch}b"))
        assert not has_control(clean_reflection(f"a{ch}b"), newlines=True)
    assert visible("a\nb", newlines=True) == "a\nb" and not has_control("é ☃ Zoë")
    assert clean_reflection("Eerst\r\nbellen\x1b[31m\tdan\x00") == "Eerst\nbellen[31m dan"


def hostile_report():
    profile = Profile("x1", ESC_NAME, "politie", "=Org\x07", " =1+1", "2025-03-01T09:00:00+00:00")
    profile.share_reflections = True
    scenario = SCENARIOS[0]
    answer = Answer(scenario.steps[0].id, [], "2025-03-02T10:00:00+00:00", "Regel 1\nRegel\x1b 2")
    attempt = Attempt("a1", "x1", scenario.id, 1, "self", "2025-03-02T10:00:00+00:00")
    attempt.answers = [answer]
    return build_report([(profile, [attempt])], SCENARIOS)


def test_csv_escapes_controls_and_keeps_reflection_lines() -> None:
    text = to_csv(hostile_report())
    assert not has_control(text.replace("\r\n", "").replace("\n", ""))
    row = next(csv.DictReader(io.StringIO(text), delimiter=";"))
    assert row["naam"] == "Eva\\x1b[2J\\x1b]0;titel\\x07"
    assert row["organisatie"] == "'=Org\\x07" and row["team"] == "' =1+1"


def test_markdown_escapes_controls() -> None:
    text = to_markdown(hostile_report())
    assert not has_control(text.replace("\n", ""))
    assert "Eva\\x1b[2J\\x1b]0;titel\\x07" in text


def test_a_typed_reflection_is_stored_without_controls(tmp_path) -> None:
    store = ProgressStore(tmp_path)
    learner = store.create_profile("Eva\x1b[2J", "politie", "Org\x07", "Team\x9b")
    assert (learner.name, learner.organisation, learner.team) == ("Eva [2J", "Org", "Team")
    scenario = load_scenarios()[0]
    walk = Pass.start(store, scenario, learner.id)
    while walk.position.section != "reflect":
        if walk.is_question():
            step = walk.step
            options = [o.id for o in step.options][:1] if step else []
            walk.submit(options)
        else:
            walk.go(1)
    walk.submit([], reflection="Eerst bellen\x1b[2J,\r\ndan\x07 overleggen")
    saved = store.attempts(learner.id)[-1].answers[-1].reflection
    assert saved == "Eerst bellen[2J,\ndan overleggen"


async def test_the_overview_grid_shows_controls_escaped(tmp_path) -> None:
    from snapshot_apps.overview_app import OverviewApp

    store = ProgressStore(tmp_path)
    store.import_learner(Profile("x1", "A\x1b[2J", "politie", "O\x07", "T\x9b"), [])
    app = OverviewApp(tmp_path, fill=False)
    async with app.run_test(size=(100, 24)) as pilot:
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()
        row = [str(c) for c in app.screen.query_one("#grid", DataTable).get_row_at(0)]
        # Two lines a learner: name over team, organisation over beroepsgroep.
        assert row[0] == "A\\x1b[2J\nT\\x9b" and row[1] == "O\\x07\npolitie"


def test_json_and_xapi_reports_hold_no_raw_control_characters() -> None:
    from wijzer_tui.domain.reports.exports import to_json
    from wijzer_tui.domain.reports.xapi import to_xapi

    report = hostile_report()
    for text in (to_json(report), to_xapi(report)):
        assert not has_control(text.replace("\n", ""))
    data = json.loads(to_json(report))
    assert data["learners"][0]["name"] == ESC_NAME and data["learners"][0]["team"] == " =1+1"
    c1 = {"naam": "CSI\x9b31m DEL\x7f"}
    assert not has_control(json_text(c1).replace("\n", "")) and json.loads(json_text(c1)) == c1


def test_team_forms_remove_control_characters() -> None:
    from team_fixtures import new_session

    session = new_session("Ann\x1b[2J", "Bo\x07")
    session.add_attendee("Cor\x9b31m")
    agreement = session.add_agreement("Ann\x00", "Bel\x1b Veilig Thuis", "vrijdag\x07")
    assert session.attendees == ["Ann [2J", "Bo", "Cor 31m"]
    assert (agreement.who, agreement.what, agreement.when) == ("Ann", "Bel Veilig Thuis", "vrijdag")
