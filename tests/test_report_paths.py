"""The report follows each record attempt's path: missed tips, choices per decision point and
endings of a branching case, by hand on tak.yaml (see path_fixtures for the expected counts)."""

from __future__ import annotations

import dataclasses
import json

import pytest
from path_fixtures import PRIVATE, TAK, finished, person, tak_records
from report_fixtures import ALFA, SCENARIOS, records

from wijzer_tui.domain.content.model import ChooseOption, Step
from wijzer_tui.domain.content.scoring import missed_tip_ids
from wijzer_tui.domain.reports.exports import OWN_PATH_NOTE, to_csv, to_json, to_markdown
from wijzer_tui.domain.reports.grid import build_report, build_rows
from wijzer_tui.domain.reports.paths import PathIndex, decision_points, only_roles, spread_lines


def tak_report():
    return build_report(tak_records(), [TAK])


def test_missed_tips_follow_each_learners_path() -> None:
    rows = {r.profile.id: r.cells["tak"] for r in build_rows(tak_records(), [TAK])}
    assert rows["anna"].missed == frozenset()
    # The choose tip not chosen, and the tips the chosen decisions ignore.
    assert rows["bram"].missed == {"F9-T1", "F9-T2", "F9-T3"}
    assert rows["carla"].missed == {"F9-T3"}
    # Dirk's old answers (alleen, and signaal of the other role) are off his path.
    assert rows["dirk"].missed == frozenset()
    assert rows["gert"].missed == frozenset()  # busy: no record, nothing missed yet


def test_the_index_agrees_with_scoring_on_every_attempt() -> None:
    index = PathIndex(TAK)
    for _, attempts in tak_records():
        for attempt in attempts:
            answers = {a.step_id: a.option_ids for a in attempt.answers}
            expected = missed_tip_ids(TAK, answers, attempt.role)
            assert index.follow(attempt)[0] == expected, attempt.id


def test_a_straight_case_counts_every_choose_step_as_before() -> None:
    index = PathIndex(ALFA)
    for _, attempts in records():
        for attempt in (a for a in attempts if a.scenario_id == "alfa"):
            answers = {a.step_id: a.option_ids for a in attempt.answers}
            assert index.follow(attempt) == (missed_tip_ids(ALFA, answers), (), None)
    summary = build_report(records(), SCENARIOS).summaries[0]
    assert [(m.tip.id, m.count) for m in summary.missed] == [("A-T3", 2), ("A-T1", 1)]
    assert summary.paths is None


def test_a_tip_on_a_scene_off_the_path_is_not_missed() -> None:
    # signaal as a choose scene offering F9-T3: only the school plays it.
    signaal = Step(
        "signaal", "choose", "Een signaal", prompt="Wat doe je?", next="wat-doe-je",
        choose_options=(
            ChooseOption("bel-wijkteam", "Ik bel het wijkteam.", "tip", "F9-T3"),
            ChooseOption("wacht-af", "Ik wacht nog een week.", "neutral", reason="Het kan."),
        ),
    )  # fmt: skip
    steps = tuple(signaal if s.id == "signaal" else s for s in TAK.steps)
    variant = dataclasses.replace(TAK, steps=steps)
    good = [("wat-doe-je", ["vraag-gezin"]), ("gesprek", ["overleg-plannen"]),
            ("overleg", ["samen-kiezen"]), ("reflectie", [])]  # fmt: skip
    wijkteam = finished("anna", "wijkteam", good, variant)
    school = finished("carla", "school", [("signaal", ["wacht-af"]), *good], variant)
    rows = build_rows([(person("anna", "Anna"), [wijkteam]), (person("carla", "Carla"), [school])], [variant])  # fmt: skip
    assert rows[0].cells["tak"].missed == frozenset()  # the wijkteam never saw signaal
    assert rows[1].cells["tak"].missed == {"F9-T3"}  # the school saw it and let it pass


def test_decision_points_come_in_graph_order() -> None:
    # A scene comes after every scene that leads to it: alleen leads to overleg.
    assert [s.id for s in decision_points(TAK)] == [
        "signaal", "wat-doe-je", "gesprek", "alleen", "overleg",
    ]  # fmt: skip
    assert decision_points(ALFA) == ()
    # Every scene but signaal is played by both roles.
    assert {k: [r.id for r in v] for k, v in only_roles(TAK).items()} == {"signaal": ["school"]}
    assert only_roles(ALFA) == {}


def test_choices_and_endings_are_counted_once_per_decision() -> None:
    summary = tak_report().summaries[0]
    assert summary.finished == 6 and summary.busy == 1
    spread = summary.paths
    assert spread is not None and spread.decisions == 5  # Eva and Femke: one team session
    counts = {
        p.step.id: (p.number, p.answered, {o.id: o.count for o in p.options}) for p in spread.points
    }
    assert counts == {
        "signaal": (1, 2, {"bel-wijkteam": 1, "wacht-af": 1}),
        "wat-doe-je": (2, 5, {"vraag-gezin": 4, "dossier": 2}),
        "gesprek": (3, 5, {"overleg-plannen": 3, "mailen": 1, "alleen-verder": 1}),
        "alleen": (4, 1, {"aan-de-bel": 0, "doorgaan": 1}),
        "overleg": (5, 4, {"samen-kiezen": 3, "ik-neem-het": 1}),
    }
    assert [(e.ending.id, e.count, e.share) for e in spread.endings] == [
        ("een-plan", 3, 0.6),
        ("los-zand", 2, 0.4),
    ]
    assert [(m.tip.id, m.count, m.share) for m in summary.missed] == [
        ("F9-T3", 2, 0.4), ("F9-T1", 1, 0.2), ("F9-T2", 1, 0.2),
    ]  # fmt: skip


def test_the_spread_reads_as_short_dutch_lines() -> None:
    spread = tak_report().summaries[0].paths
    assert spread is not None
    lines = spread_lines(spread)
    assert lines[0] == (
        "intro",
        "Keuzes onderweg (afgeronde pogingen; een teamtraining telt één keer):",
    )
    assert ("point", "Beslismoment 5 · Het overleg (4 keer gekozen)") in lines
    assert ("item", "3× (75%): We kiezen samen wie het meest geschikt is.") in lines
    # Only the school plays signaal: the report says so.
    assert ("point", "Beslismoment 1 · Een signaal (rol: Intern begeleider; 2 keer gekozen)") in lines  # fmt: skip
    assert ("item", "1× (25%): Ik neem het meteen zelf.") in lines
    assert ("item", "niet gekozen: Ik trek aan de bel bij mijn leidinggevende.") in lines
    assert ("point", "Beslismoment 2 · Wat doe je? (5 keer gekozen, meer keuzes tegelijk mogelijk)") in lines  # fmt: skip
    assert lines[-3:] == [
        ("point", "Zo liep de casus af (5 keer)"),
        ("item", "Eén plan: 3× (60%)"),
        ("item", "Los zand: 2× (40%)"),
    ]


def test_nobody_reached_a_decision_point() -> None:
    only_anna = [r for r in tak_records() if r[0].id == "anna"]
    spread = build_report(only_anna, [TAK]).summaries[0].paths
    assert spread is not None
    lines = spread_lines(spread)
    assert ("none", "Beslismoment 1 · Een signaal (rol: Intern begeleider): nog niemand kwam hier.") in lines  # fmt: skip
    assert ("item", "Los zand: niet bereikt") in spread_lines(spread)
    markdown = to_markdown(build_report(only_anna, [TAK])).splitlines()
    # a plain line in Markdown, not a bold heading: nothing follows it
    assert (
        "Beslismoment 1 · Een signaal (rol: Intern begeleider): nog niemand kwam hier." in markdown
    )


def test_the_json_report_has_the_path_keys() -> None:
    case = json.loads(to_json(tak_report()))["scenarios"][0]
    assert case["paths_counted"] == 5
    assert case["decision_points"][0]["roles"] == ["school"]
    assert [p["step"] for p in case["decision_points"]] == [
        "signaal", "wat-doe-je", "gesprek", "alleen", "overleg",
    ]  # fmt: skip
    assert case["decision_points"][4] == {
        "step": "overleg",
        "kind": "decide",
        "title": "Het overleg",
        "answered": 4,
        "roles": [],  # both roles play it
        "options": [
            {
                "id": "samen-kiezen",
                "text": "We kiezen samen wie het meest geschikt is.",
                "count": 3,
            },
            {"id": "ik-neem-het", "text": "Ik neem het meteen zelf.", "count": 1},
        ],
    }
    assert case["endings"] == [
        {"id": "een-plan", "title": "Eén plan", "count": 3},
        {"id": "los-zand", "title": "Los zand", "count": 2},
    ]
    learners = {x["id"]: x["scenarios"]["tak"] for x in json.loads(to_json(tak_report()))["learners"]}  # fmt: skip
    assert (learners["bram"]["ending"], learners["gert"]["ending"]) == ("los-zand", None)
    assert learners["bram"]["missed_tips"] == ["F9-T1", "F9-T2", "F9-T3"]


def test_markdown_and_csv_show_the_paths_and_no_reflections() -> None:
    text = to_markdown(tak_report())
    section = text.split("## Keuzes en afloop per casus")[1].split("## Afspraken")[0]
    assert "**Beslismoment 3 · De casus gaat verder (5 keer gekozen)**" in section
    assert "- 3× (60%): Ik plan een overleg met iedereen." in section
    assert "- Eén plan: 3× (60%)" in section
    csv_lines = to_csv(tak_report()).split("\r\n")
    assert csv_lines[0].endswith(";reflectie;einde")
    assert csv_lines[1].startswith("anna;") and csv_lines[1].endswith(";een-plan")
    # Nobody shares reflections here: none appears anywhere, in any export.
    for export in (text, to_json(tak_report()), "\n".join(csv_lines)):
        assert PRIVATE not in export and "Sem" not in export


@pytest.mark.shipped
def test_demo_walks_real_paths_of_the_shipped_cases() -> None:
    from datetime import UTC, datetime

    from scenario_cases import SHIPPED

    from wijzer_tui.domain.content.graph import walk
    from wijzer_tui.domain.content.loader import load_scenarios
    from wijzer_tui.domain.reports.demo import demo_records

    scenarios = load_scenarios(SHIPPED)
    learners = demo_records(scenarios, 60, today=datetime(2026, 12, 1, tzinfo=UTC))
    by_id = {s.id: s for s in scenarios}
    roles: dict[str, set[str]] = {s.id: set() for s in scenarios}
    for _, attempts in learners:
        for attempt in (a for a in attempts if a.status == "finished"):
            case = by_id[attempt.scenario_id]
            answers = {a.step_id: a.option_ids for a in attempt.answers}
            path = walk(case, answers, attempt.role)
            assert path.complete and path.ending is not None  # a real path, to an ending
            assert attempt.ending == path.ending.id
            roles[case.id].add(attempt.role)
    for case in scenarios:
        assert roles[case.id] == {r.id for r in case.roles} if len(case.roles) > 1 else {""}
    for summary in build_report(learners, scenarios).summaries:
        spread = summary.paths
        assert spread is not None and spread.decisions > 10
        assert sum(1 for e in spread.endings if e.count) >= 2  # more than one way it ended
        assert all(p.answered <= spread.decisions for p in spread.points)
        assert spread.points[0].answered > 0


def test_markdown_says_missed_tips_follow_the_path_only_for_branching_cases() -> None:
    assert OWN_PATH_NOTE in to_markdown(tak_report())
    assert OWN_PATH_NOTE not in to_markdown(build_report(records(), SCENARIOS))


TAK_SECTION = """## Keuzes en afloop per casus

### 8. Nog een casus

Nog niemand heeft deze casus afgerond.

### 9. Ik mis de regie

Keuzes onderweg (afgeronde pogingen; een teamtraining telt één keer):

**Beslismoment 1 · Een signaal (rol: Intern begeleider; 2 keer gekozen)**

- 1× (50%): Ik bel het wijkteam.
- 1× (50%): Ik wacht nog een week.

**Beslismoment 2 · Wat doe je? (5 keer gekozen, meer keuzes tegelijk mogelijk)**

- 4× (80%): Ik vraag de gezinsleden wie hun eerste aanspreekpunt is.
- 2× (40%): Ik lees eerst het dossier nog eens door.

**Beslismoment 3 · De casus gaat verder (5 keer gekozen)**

- 3× (60%): Ik plan een overleg met iedereen.
- 1× (20%): Ik mail alle hulpverleners apart een vraag.
- 1× (20%): Ik ga alleen verder met mijn eigen deel.

**Beslismoment 4 · Zes weken later (1 keer gekozen)**

- niet gekozen: Ik trek aan de bel bij mijn leidinggevende.
- 1× (100%): Ik ga door zoals ik bezig was.

**Beslismoment 5 · Het overleg (4 keer gekozen)**

- 3× (75%): We kiezen samen wie het meest geschikt is.
- 1× (25%): Ik neem het meteen zelf.

**Zo liep de casus af (5 keer)**

- Eén plan: 3× (60%)
- Los zand: 2× (40%)

"""


def test_the_markdown_section_reads_whole_and_goes_on_after_an_empty_case() -> None:
    """Hand-checked against the fixture's five finished attempts (see path_fixtures); a case
    nobody finished says so, and the next case still follows."""
    other = dataclasses.replace(TAK, id="tak2", number=8, title="Nog een casus")
    text = to_markdown(build_report(tak_records(), [other, TAK]))
    start = text.index("## Keuzes en afloop per casus")
    assert text[start : start + len(TAK_SECTION)] == TAK_SECTION


def test_the_learner_detail_counts_missed_tips_on_the_path_of_the_role_played() -> None:
    """Carla played the school: she waited at signaal, a scene only the school plays, and so
    missed F9-T3. On the wijkteam's path she would have missed nothing."""
    from wijzer_tui.domain.reports.detail import learner_detail

    rows = {row.profile.name: row for row in tak_report().rows}
    [line] = learner_detail(rows["Carla"], [TAK]).scenarios[0].attempts
    assert [tip.id for tip in line.missed] == ["F9-T3"]
