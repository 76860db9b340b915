"""The path rules of the coordinator report, each on its own: where a path stops (an unanswered
choose scene, an unanswered reflection between scenes), which ending counts (the stored one
when the case still has it, else where the path came out), which tips the index knows, the
order of decision points in a loop, a role that starts nowhere, and the figures and Dutch lines
when nobody came by."""

from __future__ import annotations

import dataclasses

from path_fixtures import TAK, finished
from report_fixtures import BETA

from wijzer_tui.domain.content.model import (
    ChooseOption,
    DecideOption,
    Ending,
    Role,
    Scenario,
    Step,
)
from wijzer_tui.domain.progress.records import Answer, Attempt
from wijzer_tui.domain.reports.paths import (
    EndingCount,
    OptionCount,
    PathIndex,
    PathSpread,
    PointSpread,
    decision_points,
    only_roles,
    path_spread,
    spread_lines,
)

GOOD = [("wat-doe-je", ["vraag-gezin"]), ("gesprek", ["overleg-plannen"]), ("overleg", ["samen-kiezen"])]  # fmt: skip
PATH = (
    ("wat-doe-je", ("vraag-gezin",)),
    ("gesprek", ("overleg-plannen",)),
    ("overleg", ("samen-kiezen",)),
)


def busy(answers: list[tuple[str, list[str]]], role: str = "wijkteam", **kw: object) -> Attempt:
    made = [Answer(step, options, "2025-03-10T10:01:00+00:00") for step, options in answers]
    return Attempt("b-1", "anna", "tak", 1, started="2025-03-10T10:00:00+00:00", role=role,
                   answers=made, **kw)  # type: ignore[arg-type]  # fmt: skip


def test_a_path_stops_at_a_choose_scene_not_yet_answered_and_misses_its_tips() -> None:
    assert PathIndex(TAK).follow(busy([])) == (frozenset({"F9-T1"}), (), None)


def test_the_stored_ending_counts_when_the_case_still_has_it() -> None:
    index = PathIndex(TAK)
    attempt = finished("anna", "wijkteam", GOOD)
    assert index.follow(attempt) == (frozenset(), PATH, "een-plan")
    attempt.ending = "los-zand"  # saved under an older version of the case
    assert index.follow(attempt)[2] == "los-zand"
    attempt.ending = "verdwenen"  # an ending the case no longer has: where the path came out
    assert index.follow(attempt)[2] == "een-plan"


def test_a_path_that_stops_midway_keeps_its_stored_ending_or_has_none() -> None:
    index = PathIndex(TAK)
    assert index.follow(busy(GOOD[:1])) == (frozenset(), PATH[:1], None)
    assert index.follow(busy(GOOD[:1], ending="los-zand"))[2] == "los-zand"


def tak_with_a_look_back() -> Scenario:
    """tak.yaml with a reflection between "overleg" and the ending "Eén plan"."""
    overleg = TAK.step("overleg")
    assert overleg is not None
    options = tuple(
        dataclasses.replace(o, next="terugblik") if o.id == "samen-kiezen" else o
        for o in overleg.decide_options
    )
    look_back = Step("terugblik", "reflect", "Terugblik", tip_ids=("F9-T2",), next="een-plan")
    steps = tuple(dataclasses.replace(s, decide_options=options) if s is overleg else s for s in TAK.steps)  # fmt: skip
    return dataclasses.replace(TAK, steps=(*steps, look_back))


def test_a_reflection_on_the_path_leads_on_once_answered() -> None:
    index = PathIndex(tak_with_a_look_back())
    # No stored ending: the answered reflection leads to "Eén plan".
    assert index.follow(busy([*GOOD, ("terugblik", [])])) == (frozenset(), PATH, "een-plan")
    # Not answered yet: the path waits at the reflection and has no ending.
    assert index.follow(busy(GOOD)) == (frozenset(), PATH, None)


def test_the_index_ignores_unknown_tips_and_tips_on_options_of_another_kind() -> None:
    step = dataclasses.replace(
        BETA.steps[0],
        choose_options=(
            ChooseOption("p1", "Ik maak kennis.", "tip", "B-T1"),
            ChooseOption("p9", "Ik vraag het na.", "tip", "B-T9"),  # no such tip in the case
            ChooseOption("y1", "Ik laat het.", "against", "B-T2", reason="Nee."),
        ),
    )
    index = PathIndex(dataclasses.replace(BETA, steps=(step,)))
    attempt = Attempt("b-1", "anna", "beta", 1, answers=[Answer("kies", ["y1"])])
    assert index.follow(attempt) == (frozenset({"B-T1"}), (), None)


def loop_case(*roles: Role) -> Scenario:
    """Two scenes that lead to each other, "zeta" first in the file; "alfa" may end it."""
    zeta = Step("zeta", "decide", "Zeta", decide_options=(DecideOption("z", "Z.", "Dan.", next="alfa"),))  # fmt: skip
    alfa = Step("alfa", "decide", "Alfa", decide_options=(
        DecideOption("terug", "Terug.", "Dan.", next="zeta"),
        DecideOption("klaar", "Klaar.", "Dan.", next="einde"),
    ))  # fmt: skip
    return dataclasses.replace(
        TAK, steps=(zeta, alfa), roles=roles, endings=(Ending("einde", "Einde", "Klaar."),),
        after_ending=(), deepening=(),
    )  # fmt: skip


def test_scenes_in_a_loop_come_in_file_order() -> None:
    case = loop_case(Role("een", "Een", "", "zeta"))
    assert [s.id for s in decision_points(case)] == ["zeta", "alfa"]


def test_a_role_that_starts_at_no_scene_reaches_nothing() -> None:
    first, broken = Role("een", "Een", "", "zeta"), Role("twee", "Twee", "", "weg")
    case = loop_case(first, broken)
    assert [s.id for s in decision_points(case)] == ["zeta", "alfa"]
    assert only_roles(case) == {"zeta": (first,), "alfa": (first,)}


def test_with_no_decisions_every_share_is_zero() -> None:
    spread = path_spread(TAK, [])
    assert spread is not None
    assert [(p.step.id, p.answered, [(o.count, o.share) for o in p.options]) for p in spread.points] == [
        ("signaal", 0, [(0, 0.0), (0, 0.0)]),
        ("wat-doe-je", 0, [(0, 0.0), (0, 0.0)]),
        ("gesprek", 0, [(0, 0.0), (0, 0.0), (0, 0.0)]),
        ("alleen", 0, [(0, 0.0), (0, 0.0)]),
        ("overleg", 0, [(0, 0.0), (0, 0.0)]),
    ]  # fmt: skip
    assert [(e.ending.id, e.count, e.share) for e in spread.endings] == [
        ("een-plan", 0, 0.0),
        ("los-zand", 0, 0.0),
    ]


def test_the_lines_go_on_after_an_empty_point_and_name_two_roles_with_of() -> None:
    signaal, wat = TAK.step("signaal"), TAK.step("wat-doe-je")
    assert signaal is not None and wat is not None
    options = (OptionCount("vraag-gezin", "Ik vraag het gezin.", 2, 2 / 3),
               OptionCount("dossier", "Ik lees het dossier.", 0, 0.0))  # fmt: skip
    spread = PathSpread(
        3,
        (PointSpread(signaal, 1, 0, ()), PointSpread(wat, 2, 3, options, TAK.roles)),
        (EndingCount(TAK.endings[0], 3, 1.0),),
    )
    assert spread_lines(spread) == [
        ("intro", "Keuzes onderweg (afgeronde pogingen; een teamtraining telt één keer):"),
        ("none", "Beslismoment 1 · Een signaal: nog niemand kwam hier."),
        ("point", "Beslismoment 2 · Wat doe je? (rol: Medewerker van het wijkteam of Intern "
                  "begeleider; 3 keer gekozen, meer keuzes tegelijk mogelijk)"),
        ("item", "2× (67%): Ik vraag het gezin."),
        ("item", "niet gekozen: Ik lees het dossier."),
        ("point", "Zo liep de casus af (3 keer)"),
        ("item", "Eén plan: 3× (100%)"),
    ]  # fmt: skip
