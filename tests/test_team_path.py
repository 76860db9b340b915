"""A team session of the branching fixture tak.yaml follows the group's path: its pages, the
score over the path, the path in the summary and the role and ending on attendance."""

from __future__ import annotations

from pathlib import Path

import pytest
from explore_fixtures import load_tak

from wijzer_tui.domain.progress.attempt_view import attempt_view
from wijzer_tui.domain.progress.store import ProgressStore
from wijzer_tui.domain.team.outline import page_range, page_title, sections
from wijzer_tui.domain.team.path import group_path
from wijzer_tui.domain.team.session import TeamError, TeamSession
from wijzer_tui.domain.team.store import TeamStore, TeamTraining
from wijzer_tui.domain.team.summary import summary_markdown

TAK = load_tak()
# The intern begeleider's way to "Los zand": 0 + 0 + ½ + ½ of 4 decision points = 25%.
LOOSE_SAND = [
    ("signaal", ["wacht-af"]),
    ("wat-doe-je", ["dossier"]),
    ("gesprek", ["mailen"]),
    ("overleg", ["ik-neem-het"]),
]


def decide_together(training: TeamTraining, option_ids: list[str]) -> None:
    """On the current scene: the group chooses together, the trainer reveals and goes on."""
    training.set_mode("consensus")
    for option_id in option_ids:
        training.toggle_consensus(option_id)
    training.reveal()
    training.go(+1)


def new_training(root: Path, role: str = "school") -> TeamTraining:
    session = TeamSession.new(TAK, "Wijkteam Noord", "Gemeente Zuid", ["Ann", "Bo"], role=role)
    store = TeamStore(root)
    store.save(session)
    return TeamTraining(store, TAK, session)


def test_the_pages_follow_the_groups_path_to_its_ending(tmp_path: Path) -> None:
    training = new_training(tmp_path)
    assert training.sections == ["intro", "case", "why", "step:signaal"]
    assert page_range(TAK, {}, "school") == (11, 12)  # via "alleen" or not
    for _ in range(3):
        training.go(+1)
    assert training.section == "step:signaal"
    with pytest.raises(TeamError, match="Onthul eerst"):
        training.go(+1)
    for scene, options in LOOSE_SAND:
        assert training.section == f"step:{scene}"
        decide_together(training, options)
    assert training.section == "ending"
    assert page_title(TAK, "ending") == "Afloop"
    assert training.sections == [
        "intro",
        "case",
        "why",
        *(f"step:{scene}" for scene, _ in LOOSE_SAND),
        "ending",
        "step:reflectie",
        "agreements",
        "summary",
    ]
    assert training.page_label == "deel 8 van 11"
    assert training.session.score(TAK) == 25
    path = group_path(TAK, training.session)
    assert path.role is not None and path.role.title == "Intern begeleider"
    assert [p.line for p in path.points] == [
        "Een signaal: Ik wacht nog een week.",
        "Wat doe je?: Ik lees eerst het dossier nog eens door.",
        "De casus gaat verder: Ik mail alle hulpverleners apart een vraag.",
        "Het overleg: Ik neem het meteen zelf.",
    ]
    assert path.ending_line == "Afloop: Los zand"


def test_revealed_choices_fix_the_path_and_resume_keeps_the_page(tmp_path: Path) -> None:
    training = new_training(tmp_path, role="wijkteam")
    for _ in range(3):
        training.go(+1)
    decide_together(training, ["vraag-gezin"])
    assert training.section == "step:gesprek"
    decide_together(training, ["alleen-verder"])
    assert training.section == "step:alleen"  # the scene this decision leads to
    with pytest.raises(TeamError, match="al onthuld"):
        training.session.toggle_consensus(TAK.step("gesprek"), "overleg-plannen")
    training.go(-1)
    training.go(+1)
    assert training.section == "step:alleen"
    again = TeamTraining(training.store, TAK, training.store.load(training.session.id))
    assert again.section == "step:alleen"
    assert again.sections == training.sections


def test_an_older_session_without_a_role_plays_the_first_role(tmp_path: Path) -> None:
    data = TeamSession.new(TAK, "Team", "", ["Ann"], role="school").to_dict()
    del data["role"]
    session = TeamSession.from_dict(data)
    assert session.role == ""
    assert sections(TAK, {}, session.role)[-1] == "step:wat-doe-je"  # the wijkteam's start


def test_the_summary_shows_the_path_and_attendance_carries_role_and_ending(
    tmp_path: Path,
) -> None:
    training = new_training(tmp_path)
    for _ in range(3):
        training.go(+1)
    for _scene, options in LOOSE_SAND:
        decide_together(training, options)
    text = summary_markdown(TAK, training.session)
    path = text.index("## Het pad van de groep")
    assert text.index("1. Een signaal: Ik wacht nog een week.") > path
    assert text.index("**Afloop: Los zand**") > text.index("4. Het overleg: Ik neem het")
    assert "- Score van de groep: 25%" in text
    assert "## Zes weken later" not in text  # a scene off the group's path
    assert "Half goed: Misschien ben jij het, maar dat beslis je samen." in text
    progress = ProgressStore(tmp_path / "voortgang")
    recorded = training.finish(progress)
    assert len(recorded) == 2
    for _profile, attempt in recorded:
        assert (attempt.mode, attempt.role, attempt.ending, attempt.score) == (
            "team",
            "school",
            "los-zand",
            25,
        )
    # Mijn resultaten of an attendee shows the group's path, role and ending.
    view = attempt_view(TAK, recorded[0][1])
    assert view.role == "Intern begeleider" and view.ending == TAK.ending("los-zand")
    assert [p.title for p in view.path] == [
        "Een signaal",
        "Wat doe je?",
        "De casus gaat verder",
        "Het overleg",
    ]


def test_the_path_in_markdown_word_for_word(tmp_path: Path) -> None:
    from wijzer_tui.domain.team.path import path_markdown

    training = new_training(tmp_path)
    for _ in range(3):
        training.go(+1)
    decide_together(training, ["wacht-af"])
    assert path_markdown(TAK, training.session) == [  # on the way: the open point, no ending
        "## Het pad van de groep",
        "",
        "Rol: Intern begeleider",
        "",
        "1. Een signaal: Ik wacht nog een week.",
        "2. Wat doe je?: nog niet onthuld",
        "",
        "**Afloop: nog niet bereikt**",
        "",
    ]
    for _, options in LOOSE_SAND[1:]:
        decide_together(training, options)
    assert path_markdown(TAK, training.session) == [
        "## Het pad van de groep",
        "",
        "Rol: Intern begeleider",
        "",
        "1. Een signaal: Ik wacht nog een week.",
        "2. Wat doe je?: Ik lees eerst het dossier nog eens door.",
        "3. De casus gaat verder: Ik mail alle hulpverleners apart een vraag.",
        "4. Het overleg: Ik neem het meteen zelf.",
        "",
        "**Afloop: Los zand**",
        "",
        "Iedereen doet weer zijn eigen deel.",
        "",
    ]


def test_a_case_with_one_role_does_not_name_it(tmp_path: Path) -> None:
    from dataclasses import replace

    from wijzer_tui.domain.team.path import path_markdown

    one_role = replace(TAK, roles=TAK.roles[:1])
    session = TeamSession.new(one_role, "Wijkteam Noord", "", ["Ann"], role="wijkteam")
    assert path_markdown(one_role, session)[:3] == [
        "## Het pad van de groep",
        "",
        "1. Wat doe je?: nog niet onthuld",
    ]
    assert group_path(one_role, session).role is None


def test_the_page_count_is_fixed_once_the_path_is_known_or_breaks_off() -> None:
    from dataclasses import replace

    from wijzer_tui.domain.team.outline import page_label

    to_one_plan = {"wat-doe-je": ["vraag-gezin"], "gesprek": ["overleg-plannen"]}
    assert page_range(TAK, to_one_plan, "wijkteam") == (10, 10)  # overleg still open: 2 ways
    to_one_plan["overleg"] = ["samen-kiezen"]
    # intro, case, why, 3 scenes, Afloop, reflection, agreements, summary
    assert page_range(TAK, to_one_plan, "wijkteam") == (10, 10)
    assert page_range(TAK, None, "wijkteam") == (10, 11)  # via "alleen" to the overleg: 11
    overleg = TAK.step("overleg")
    leads_nowhere = tuple(replace(o, next="nergens") for o in overleg.decide_options)
    steps = tuple(
        replace(s, decide_options=leads_nowhere) if s.id == "overleg" else s for s in TAK.steps
    )
    broken = replace(TAK, steps=steps)  # a file changed under a running session
    assert page_range(broken, to_one_plan, "wijkteam") == (6, 6)  # what is known, no error
    assert page_label(4, 11, 11) == "deel 4 van 11"
    assert page_label(4, 11, 13) == "deel 4 van 11–13"
