"""Format 2: a case as a graph of scenes — walking a path, scoring over it, and the graph rules
`wijzer validate` enforces, with broken copies of a small branching fixture."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from wijzer_tui.cli import main
from wijzer_tui.domain.content.graph import paths, summary, walk
from wijzer_tui.domain.content.loader import check_files, load_scenarios
from wijzer_tui.domain.content.scoring import missed_tip_ids, scenario_rule, scenario_score
from wijzer_tui.domain.progress.session import positions

TAK = Path(__file__).parent / "data" / "v2" / "tak.yaml"
GOOD_PATH = {
    "wat-doe-je": ["vraag-gezin"],
    "gesprek": ["overleg-plannen"],
    "overleg": ["samen-kiezen"],
}
HALF_PATH = {"wat-doe-je": ["dossier"], "gesprek": ["mailen"], "overleg": ["ik-neem-het"]}


@pytest.fixture
def tak():
    return load_scenarios([TAK])[0]


def test_two_paths_end_differently(tak) -> None:
    good, half = walk(tak, GOOD_PATH, "wijkteam"), walk(tak, HALF_PATH, "wijkteam")
    assert good.ending.title == "Eén plan"
    assert half.ending.title == "Los zand"
    # After every ending comes the reflection; until it is answered the pass is not complete.
    assert [s.id for s in good.steps] == ["wat-doe-je", "gesprek", "overleg", "reflectie"]
    assert not good.complete
    assert walk(tak, {**GOOD_PATH, "reflectie": []}, "wijkteam").complete


def test_a_choice_leads_to_its_own_scene(tak) -> None:
    route = walk(tak, {"wat-doe-je": ["dossier"], "gesprek": ["alleen-verder"]}, "wijkteam")
    assert [s.id for s in route.steps] == ["wat-doe-je", "gesprek", "alleen"]
    assert route.ending is None  # waits for the decision in "alleen"


def test_each_role_starts_at_its_own_scene(tak) -> None:
    assert walk(tak, {}, "school").steps[0].title == "Een signaal"
    assert walk(tak, {}, "wijkteam").steps[0].title == "Wat doe je?"
    assert walk(tak, {}, "onbekend").steps[0].title == "Wat doe je?"  # the first role


def test_score_is_points_over_the_decisions_on_the_path(tak) -> None:
    assert scenario_score(tak, GOOD_PATH, "wijkteam") == 100
    # choose: a neutral pick, 0 of 1 tip; two half-right decisions: (0 + 0.5 + 0.5) / 3.
    assert scenario_score(tak, HALF_PATH, "wijkteam") == 33
    # The longer school path has four decisions: signaal counts too.
    school = {"signaal": ["wacht-af"], **GOOD_PATH}
    assert scenario_score(tak, school, "school") == 75
    assert "beslissing op jouw pad" in scenario_rule(tak)


def test_missed_tips_count_only_what_was_on_the_path(tak) -> None:
    # F9-T3 is only offered in "signaal" and "alleen": never on this path, so never missed.
    assert missed_tip_ids(tak, HALF_PATH, "wijkteam") == {"F9-T1"}
    detour = {"wat-doe-je": ["vraag-gezin"], "gesprek": ["alleen-verder"], "alleen": ["doorgaan"]}
    assert missed_tip_ids(tak, detour, "wijkteam") == {"F9-T2", "F9-T3"}


def test_positions_grow_with_the_path_and_show_the_ending(tak) -> None:
    before = [str(p) for p in positions(tak, {"wat-doe-je": ["dossier"]}, "wijkteam")]
    assert before[-2:] == ["decide:gesprek", "consequence:gesprek"]
    done = [str(p) for p in positions(tak, {**HALF_PATH, "reflectie": []}, "wijkteam")]
    assert done[-5:] == [
        "consequence:overleg",
        "ending:los-zand",
        "reflect:reflectie",
        "check:reflectie",
        "end",
    ]


def test_summary_figures(tak) -> None:
    figures = summary(tak)
    assert figures == {
        "id": "tak",
        "decision_points": 5,
        "endings": 2,
        "paths": len(list(paths(tak))),
        "min_path_decisions": 3,
        "tips": 3,
        "tips_reachable": 3,
    }
    assert figures["paths"] == 21


def test_validate_json_prints_one_object_per_case(capsys) -> None:
    assert main(["validate", "--json", str(TAK)]) == 0
    cases = json.loads(capsys.readouterr().out)
    assert [c["id"] for c in cases] == ["tak"]
    assert cases[0]["min_path_decisions"] == 3


def test_a_format_1_case_is_one_straight_path(data_dir: Path) -> None:
    scenario = load_scenarios([data_dir / "valid" / "voorbeeld.yaml"])[0]
    assert not scenario.branches
    routes = {tuple(step for step, _ in path.choices) for path in paths(scenario)}
    assert routes == {("wat-doe-je", "verder", "reflectie")}  # each option goes the same way
    assert summary(scenario)["endings"] == 0


def broken(tmp_path: Path, *swaps: tuple[str, str]) -> list[str]:
    """Problems of a copy of tak.yaml with text swapped."""
    text = TAK.read_text(encoding="utf-8")
    for old, new in swaps:
        assert old in text, old
        text = text.replace(old, new, 1)
    copy = tmp_path / "tak.yaml"
    copy.write_text(text, encoding="utf-8")
    return [str(p) for p in check_files([copy])[1]]


def test_unknown_next_names_the_field_and_line(tmp_path: Path) -> None:
    problems = broken(
        tmp_path, ("next: overleg\n      - id: mailen", "next: overleggen\n      - id: mailen")
    )
    assert problems == [
        "tak.yaml, regel 80, veld scenes[2].options[0].next: "
        "'overleggen' is geen scène of afloop in dit bestand"
    ]


def test_unreachable_scene_and_ending(tmp_path: Path) -> None:
    problems = broken(tmp_path, ("next: alleen", "next: overleg"))
    assert any(
        "veld scenes[4].id: scène 'alleen' is vanaf geen enkele start te bereiken" in p
        for p in problems
    )
    problems = broken(tmp_path, ("next: een-plan", "next: los-zand"))
    assert any("afloop 'een-plan' wordt nooit bereikt" in p for p in problems)


def test_a_loop_is_refused(tmp_path: Path) -> None:
    problems = broken(
        tmp_path,
        (
            "consequence: Er verandert niets.\n        ignores: [F9-T3]\n        next: los-zand",
            "consequence: Er verandert niets.\n        ignores: [F9-T3]\n        next: gesprek",
        ),
    )
    assert any(
        "scenes[4].options[1].next: deze keuze leidt terug naar een eerdere scène" in p
        for p in problems
    )


def test_a_short_path_is_refused(tmp_path: Path) -> None:
    problems = broken(tmp_path, ("start: wat-doe-je", "start: gesprek"))
    assert (
        "tak.yaml, regel 33, veld roles[0].start: het pad gesprek → overleg → een-plan heeft 2 "
        "beslissingen; geef elk pad er minstens 3" in problems
    )


def test_an_unreachable_tip_is_named(tmp_path: Path) -> None:
    problems = broken(
        tmp_path,
        ("follows: [F9-T3]\n        credit: 1", "credit: 1"),
        ("ignores: [F9-T3]\n        credit: 0", "credit: 0"),
        ("follows: [F9-T3]\n        next: overleg", "next: overleg"),
        ("ignores: [F9-T3]\n        next: los-zand", "next: los-zand"),
    )
    assert problems == [
        "tak.yaml, regel 17, veld tips[2].id: tip F9-T3 komt op geen enkel pad aan bod"
    ]


def test_endings_credit_and_deepening_rules(tmp_path: Path) -> None:
    problems = broken(
        tmp_path, ("credit: 0.5", "credit: 0.7"), ("scene: overleg", "scene: nergens")
    )
    assert any("credit: moet 1, 0.5 of 0 zijn" in p for p in problems)
    assert any("deepening[0].scene: 'nergens' is geen scène in dit bestand" in p for p in problems)
    problems = broken(tmp_path, ("    scene: overleg\n", ""))
    assert any("deepening[0].scene: dit veld ontbreekt" in p for p in problems)


def test_demo_data_follows_the_branches(tak) -> None:
    from datetime import UTC, datetime

    from wijzer_tui.domain.reports.demo import demo_records

    records = demo_records([tak], 40, seed=5, today=datetime(2026, 12, 1, tzinfo=UTC))
    finished = [a for _, attempts in records for a in attempts if a.status == "finished"]
    endings, roles = {a.ending for a in finished}, {a.role for a in finished}
    assert endings == {"een-plan", "los-zand"}
    assert roles == {"wijkteam", "school"}
    for attempt in finished:
        answers = {a.step_id: a.option_ids for a in attempt.answers}
        route = walk(tak, answers, attempt.role)
        assert route.complete and route.ending.id == attempt.ending
        assert set(answers) == {s.id for s in route.steps}  # nothing answered off the path
        assert attempt.score == scenario_score(tak, answers, attempt.role)


def test_an_unreached_ending_is_named_at_its_id(tmp_path: Path) -> None:
    problems = broken(tmp_path, ("next: een-plan", "next: los-zand"))
    assert "tak.yaml, regel 131, veld endings[0].id: afloop 'een-plan' wordt nooit bereikt" in (
        problems
    )


def test_each_loop_is_named_once_at_the_choice_that_closes_it(tmp_path: Path) -> None:
    """Two loops, one of them reached along several paths (both roles, every option before it):
    each is reported once, at its own option's `next`."""
    problems = broken(
        tmp_path,
        (
            "consequence: Er verandert niets.\n        ignores: [F9-T3]\n        next: los-zand",
            "consequence: Er verandert niets.\n        ignores: [F9-T3]\n        next: gesprek",
        ),
        (
            "credit: 0.5\n        feedback:\n          text: Misschien ben jij het, maar dat "
            "beslis je samen.\n          source: Frustratiewijzer, frustratie 1\n        next: los-zand",
            "credit: 0.5\n        feedback:\n          text: Misschien ben jij het, maar dat "
            "beslis je samen.\n          source: Frustratiewijzer, frustratie 1\n        next: gesprek",
        ),
    )
    loops = [p for p in problems if "een lus" in p]
    assert [p.split("veld ")[1].split(":")[0] for p in loops] == [
        "scenes[3].options[1].next",
        "scenes[4].options[1].next",
    ]


def test_a_loop_from_a_choice_list_is_named_at_its_next(tmp_path: Path) -> None:
    problems = broken(tmp_path, ("    next: gesprek\n", "    next: signaal\n"))
    loops = [p.split(", veld ")[1] for p in problems if "een lus" in p]
    assert loops == [  # wijkteam: wat-doe-je → signaal → back; school: signaal → wat-doe-je → back
        "scenes[0].options[0].next: deze keuze leidt terug naar een eerdere scène (een lus)",
        "scenes[0].options[1].next: deze keuze leidt terug naar een eerdere scène (een lus)",
        "scenes[1].next: deze keuze leidt terug naar een eerdere scène (een lus)",
    ]


def test_a_third_deepening_on_one_scene_and_a_title_twice_are_named(tmp_path: Path) -> None:
    item = (
        "  - title: {title}\n    text: '\"Het ideaal is: één gezin, één plan.\"'\n"
        "    source: De procesregisseurs aan het woord (portret van het CCV en Movisie)\n"
        "    scene: {scene}\n"
    )
    first = item.format(title="Eén gezin, één plan", scene="overleg")
    extra = [
        item.format(title="Twee", scene="overleg"),
        item.format(title="Drie", scene="overleg"),
        item.format(title="Twee", scene="gesprek"),
    ]
    problems = broken(tmp_path, (first, first + "".join(extra)))
    found = [p.split("veld ")[1] for p in problems if "deepening" in p]
    assert found == [
        "deepening[2].scene: scène 'overleg' heeft al 2 verdiepingen",
        "deepening[3].title: 'Twee' staat al eerder in deze casus",
    ]


def test_paths_are_listed_with_their_choices_in_order(tak) -> None:
    every = list(paths(tak))
    # wijkteam: gesprek leads three ways; overleg two ways each, alleen to overleg (two) or an
    # ending: 2 + 2 + 3 = 7. school: signaal's two options in front of those 7: 14. In all 21.
    assert [p.role for p in every] == ["wijkteam"] * 7 + ["school"] * 14
    assert summary(tak)["paths"] == 21
    first = every[0]
    assert (first.role, first.ending, first.decisions) == ("wijkteam", "een-plan", 3)
    # a choice list does not steer the path: it is marked "" (a reflection would be "-")
    assert first.choices == (
        ("wat-doe-je", ""),
        ("gesprek", "overleg-plannen"),
        ("overleg", "samen-kiezen"),
    )


def test_walk_of_a_choice_that_no_longer_exists_waits_there(tak) -> None:
    """An old answer whose option was removed: the path stops at that scene, no error."""
    route = walk(tak, {**GOOD_PATH, "gesprek": ["weg-uit-de-casus"]}, "wijkteam")
    assert [s.id for s in route.steps] == ["wat-doe-je", "gesprek"]
    assert route.ending is None and route.complete is False


def test_a_straight_case_has_no_ending_and_is_complete_when_all_is_answered(
    data_dir: Path,
) -> None:
    [straight] = load_scenarios([data_dir / "valid" / "voorbeeld.yaml"])
    answers = {s.id: [s.options[0].id] if s.options else [] for s in straight.steps}
    route = walk(straight, answers)
    assert route.ending is None and route.complete is True
    assert route.steps == straight.steps


def test_an_empty_graph_has_no_paths(tak) -> None:
    from dataclasses import replace

    figures = summary(replace(tak, roles=()))
    assert (figures["paths"], figures["min_path_decisions"]) == (0, 0)


def test_a_straight_case_counts_its_reflection_on_the_path_but_not_as_a_decision(
    data_dir: Path,
) -> None:
    [straight] = load_scenarios([data_dir / "valid" / "voorbeeld.yaml"])
    path = next(paths(straight))  # one path per option of its decide step, all alike
    kinds = {s.id: s.kind for s in straight.steps}
    assert [step_id for step_id, _ in path.choices] == [s.id for s in straight.steps]
    assert all((option == "-") == (kinds[step_id] == "reflect") for step_id, option in path.choices)
    assert path.decisions == sum(1 for s in straight.steps if s.kind != "reflect")
