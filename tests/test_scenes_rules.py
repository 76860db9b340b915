"""What the pass of a scenario file turns into, field by field, and every problem it reports, word
for word with its field path: format 1's steps leading one to the next behind one untitled role,
format 2's scenes, endings, roles and reflection with every link and where it was written; the
unknown fields of each part, the fields each format allows, and the stand-ins for broken parts."""

from __future__ import annotations

import copy
from collections.abc import Callable
from typing import Any

import pytest

from wijzer_tui.domain.content.checker import Checker
from wijzer_tui.domain.content.model import ChooseOption, DecideOption, Ending, Role, Step
from wijzer_tui.domain.content.scenes import Pass, read_scenes, read_steps
from wijzer_tui.domain.content.yaml_source import YamlSource

TIP_IDS = {"F9-T1"}
TIP_OPTION = {"id": "afspreken", "text": "We spreken af.", "tip": "F9-T1"}
AGAINST_OPTION = {
    "id": "beginnen",
    "text": "We beginnen gewoon.",
    "against": {"reason": "Er is geen agenda.", "source": "Wijzer, frustratie 5"},
}
CHOOSE_OPTIONS = (
    ChooseOption("afspreken", "We spreken af.", "tip", tip_id="F9-T1"),
    ChooseOption(
        "beginnen",
        "We beginnen gewoon.",
        "against",
        reason="Er is geen agenda.",
        source="Wijzer, frustratie 5",
    ),
)
Edit = Callable[[dict[str, Any]], object]


def scenes_case() -> dict[str, Any]:
    """A small format-2 pass that follows every rule: a choose scene, a decide scene, two endings."""
    return {
        "roles": [
            {"id": "collega", "title": "Collega", "text": "Je bent collega.", "start": "begin"}
        ],
        "scenes": [
            {
                "id": "begin",
                "kind": "choose",
                "title": "Wat doe je?",
                "situation": "Het team wacht.",
                "prompt": "Welke acties?",
                "next": "doel",
                "options": copy.deepcopy([TIP_OPTION, AGAINST_OPTION]),
            },
            {
                "id": "doel",
                "kind": "decide",
                "title": "Het doel",
                "situation": "Jij bereidt het voor.",
                "prompt": "Hoe kies je?",
                "options": [
                    {
                        "id": "samen",
                        "text": "Samen.",
                        "consequence": "Iedereen weet het.",
                        "follows": ["F9-T1"],
                        "credit": 1,
                        "next": "goed",
                    },
                    {
                        "id": "zelf",
                        "text": "Zelf.",
                        "consequence": "Niet van iedereen.",
                        "ignores": ["F9-T1"],
                        "credit": 0.5,
                        "feedback": {"text": "Half goed.", "source": "Wijzer, tips"},
                        "next": "vaag",
                    },
                ],
            },
        ],
        "endings": [
            {"id": "goed", "title": "Goed", "text": "Het loopt goed af."},
            {"id": "vaag", "title": "Vaag", "text": "Het blijft vaag."},
        ],
        "reflection": {"question": "Wat neem je mee?", "tips": ["F9-T1"]},
    }


def steps_case() -> dict[str, Any]:
    """A small format-1 pass that follows every rule: choose, decide, reflect."""
    return {
        "steps": [
            {
                "id": "kiezen",
                "kind": "choose",
                "title": "Wat doe je?",
                "prompt": "Welke acties?",
                "options": copy.deepcopy([TIP_OPTION, AGAINST_OPTION]),
            },
            {
                "id": "besluit",
                "kind": "decide",
                "title": "Het besluit",
                "situation": "Het team wacht.",
                "prompt": "Wat kies je?",
                "options": [
                    {"id": "samen", "text": "Samen.", "consequence": "Goed.", "follows": ["F9-T1"]},
                    {"id": "zelf", "text": "Zelf.", "consequence": "Vaag.", "ignores": ["F9-T1"]},
                ],
            },
            {
                "id": "terugblik",
                "kind": "reflect",
                "title": "Terugblik",
                "question": "Wat neem je mee?",
                "tips": ["F9-T1"],
            },
        ]
    }


def read(data: dict[str, Any], version: int = 2) -> tuple[Pass, list[str]]:
    """The pass of `data` and its problems as the author reads them (no line numbers here)."""
    c = Checker(YamlSource("s.yaml", data, {}))
    result = (read_scenes if version == 2 else read_steps)(c, data, TIP_IDS, {})
    return result, [str(p) for p in c.problems]


def problems(edit: Edit, version: int = 2) -> list[str]:
    data = scenes_case() if version == 2 else steps_case()
    edit(data)
    return read(data, version)[1]


def test_format_1_steps_lead_one_to_the_next_behind_one_untitled_role() -> None:
    result, found = read(steps_case(), version=1)
    assert found == []
    assert result.steps == [
        Step(
            "kiezen",
            "choose",
            "Wat doe je?",
            "Welke acties?",
            choose_options=CHOOSE_OPTIONS,
            next="besluit",
        ),
        Step(
            "besluit",
            "decide",
            "Het besluit",
            "Wat kies je?",
            "Het team wacht.",
            decide_options=(
                DecideOption("samen", "Samen.", "Goed.", follows=("F9-T1",), next="terugblik"),
                DecideOption("zelf", "Zelf.", "Vaag.", ignores=("F9-T1",), next="terugblik"),
            ),
            next="terugblik",
        ),
        Step("terugblik", "reflect", "Terugblik", "Wat neem je mee?", tip_ids=("F9-T1",)),
    ]
    assert result.roles == [Role("", "", "", "kiezen")]
    assert (result.endings, result.after_ending, result.links) == ([], [], [])


def test_format_2_pass_keeps_every_scene_ending_role_and_the_default_reflection() -> None:
    result, found = read(scenes_case())
    assert found == []
    assert result.steps == [
        Step(
            "begin",
            "choose",
            "Wat doe je?",
            "Welke acties?",
            "Het team wacht.",
            choose_options=CHOOSE_OPTIONS,
            next="doel",
        ),
        Step(
            "doel",
            "decide",
            "Het doel",
            "Hoe kies je?",
            "Jij bereidt het voor.",
            decide_options=(
                DecideOption(
                    "samen",
                    "Samen.",
                    "Iedereen weet het.",
                    follows=("F9-T1",),
                    next="goed",
                    credit=1.0,
                ),
                DecideOption(
                    "zelf",
                    "Zelf.",
                    "Niet van iedereen.",
                    ignores=("F9-T1",),
                    next="vaag",
                    credit=0.5,
                    feedback_text="Half goed.",
                    feedback_source="Wijzer, tips",
                ),
            ),
        ),
        Step("reflectie", "reflect", "Reflectie", "Wat neem je mee?", tip_ids=("F9-T1",)),
    ]
    assert result.endings == [
        Ending("goed", "Goed", "Het loopt goed af."),
        Ending("vaag", "Vaag", "Het blijft vaag."),
    ]
    assert result.roles == [Role("collega", "Collega", "Je bent collega.", "begin")]
    assert result.after_ending == ["reflectie"]
    assert result.where == {
        "begin": ("scenes", 0),
        "doel": ("scenes", 1),
        "goed": ("endings", 0),
        "vaag": ("endings", 1),
        "reflectie": ("reflection",),
    }


def test_format_2_pass_records_every_link_with_the_field_it_was_written_in() -> None:
    result, _ = read(scenes_case())
    assert result.links == [
        (("scenes", 0, "next"), "doel"),
        (("scenes", 1, "options", 0, "next"), "goed"),
        (("scenes", 1, "options", 1, "next"), "vaag"),
        (("roles", 0, "start"), "begin"),
    ]


def test_the_reflection_takes_its_own_id_and_title_when_given() -> None:
    data = scenes_case()
    data["reflection"] |= {"id": "terugblik", "title": "Terugkijken"}
    result, found = read(data)
    assert found == []
    assert result.steps[-1] == Step(
        "terugblik", "reflect", "Terugkijken", "Wat neem je mee?", tip_ids=("F9-T1",)
    )
    assert result.after_ending == ["terugblik"]
    assert result.where["terugblik"] == ("reflection",)
    assert "reflectie" not in result.where


def test_a_reflection_id_that_a_scene_already_has_is_reported_and_the_scene_keeps_it() -> None:
    data = scenes_case()
    data["reflection"]["id"] = "begin"
    result, found = read(data)
    assert found == ["s.yaml, veld reflection.id: id 'begin' komt twee keer voor"]
    assert result.where["begin"] == ("scenes", 0)
    assert result.after_ending == ["begin"]


def put(value: Any, *path: str | int) -> Edit:
    """Set the field at `path` to `value`."""

    def edit(data: dict[str, Any]) -> None:
        target: Any = data
        for part in path[:-1]:
            target = target[part]
        target[path[-1]] = value

    return edit


UNKNOWN_FIELDS = [
    pytest.param(("endings", 0), "endings[0].x", id="ending"),
    pytest.param(("roles", 0), "roles[0].x", id="role"),
    pytest.param(("reflection",), "reflection.x", id="reflection"),
    pytest.param(("scenes", 0), "scenes[0].x", id="choose-scene"),
    pytest.param(("scenes", 1, "options", 0), "scenes[1].options[0].x", id="decide-option"),
    pytest.param(
        ("scenes", 1, "options", 1, "feedback"), "scenes[1].options[1].feedback.x", id="feedback"
    ),
    pytest.param(
        ("scenes", 0, "options", 1, "against"), "scenes[0].options[1].against.x", id="against"
    ),
]


@pytest.mark.parametrize(("path", "field"), UNKNOWN_FIELDS)
def test_an_unknown_field_is_reported_at_its_own_path(
    path: tuple[str | int, ...], field: str
) -> None:
    assert problems(put(1, *path, "x")) == [f"s.yaml, veld {field}: onbekend veld 'x' (tikfout?)"]


def test_a_decide_scene_has_no_next_of_its_own_its_options_lead_on() -> None:
    found = problems(put("goed", "scenes", 1, "next"))
    assert found == ["s.yaml, veld scenes[1].next: onbekend veld 'next' (tikfout?)"]


@pytest.mark.parametrize("key", ["next", "situation"])
def test_a_format_1_choose_step_has_no_next_or_situation(key: str) -> None:
    found = problems(put("besluit", "steps", 0, key), version=1)
    assert found == [f"s.yaml, veld steps[0].{key}: onbekend veld '{key}' (tikfout?)"]


def test_a_format_1_decide_option_has_no_credit_and_gets_none() -> None:
    data = steps_case()
    data["steps"][1]["options"][0]["credit"] = 2
    result, found = read(data, version=1)
    assert found == ["s.yaml, veld steps[1].options[0].credit: onbekend veld 'credit' (tikfout?)"]
    assert result.steps[1].decide_options[0].credit is None


def without(*path: str | int) -> Edit:
    """Remove the field at `path`."""

    def edit(data: dict[str, Any]) -> None:
        target: Any = data
        for part in path[:-1]:
            target = target[part]
        del target[path[-1]]

    return edit


MESSAGES = [
    pytest.param(
        lambda d: d["endings"].pop(),
        "endings: geef minstens twee verschillende aflopen",
        id="one-ending",
    ),
    pytest.param(
        put([], "reflection", "tips"),
        "reflection.tips: noem minstens één tip om je antwoord aan te toetsen",
        id="reflection-without-tips",
    ),
    pytest.param(
        without("scenes", 0, "options", 0, "tip"),
        "scenes[0].options[0]: geef precies één van tip, against of neutral (nu: geen)",
        id="option-of-no-kind",
    ),
    pytest.param(
        put("Neutraal.", "scenes", 0, "options", 1, "neutral"),
        "scenes[0].options[1]: geef precies één van tip, against of neutral (nu: against, neutral)",
        id="option-of-two-kinds",
    ),
    pytest.param(
        without("scenes", 1, "situation"),
        "scenes[1].situation: dit veld ontbreekt",
        id="decide-without-situation",
    ),
]


@pytest.mark.parametrize(("edit", "message"), MESSAGES)
def test_each_rule_of_a_scene_is_told_word_for_word_at_its_field(edit: Edit, message: str) -> None:
    assert problems(edit) == [f"s.yaml, veld {message}"]


def test_a_choose_scene_may_leave_out_its_situation() -> None:
    data = scenes_case()
    del data["scenes"][0]["situation"]
    result, found = read(data)
    assert found == []
    assert result.steps[0].situation == ""


def test_a_format_1_reflect_step_without_tips_is_told_at_its_own_field() -> None:
    found = problems(put([], "steps", 2, "tips"), version=1)
    assert found == [
        "s.yaml, veld steps[2].tips: noem minstens één tip om je antwoord aan te toetsen"
    ]


def test_an_option_of_no_kind_still_stands_as_a_neutral_option_with_its_id_and_text() -> None:
    data = scenes_case()
    del data["scenes"][0]["options"][0]["tip"]
    result, _ = read(data)
    assert result.steps[0].choose_options[0] == ChooseOption(
        "afspreken", "We spreken af.", "neutral"
    )


def test_an_against_that_is_no_group_is_told_so_and_its_reason_and_source_are_missing() -> None:
    found = problems(put("Geen agenda.", "scenes", 0, "options", 1, "against"))
    field = "s.yaml, veld scenes[0].options[1].against"
    assert found == [
        f"{field}: moet een groep velden zijn (sleutel: waarde)",
        f"{field}.reason: dit veld ontbreekt",
        f"{field}.source: dit veld ontbreekt",
    ]
