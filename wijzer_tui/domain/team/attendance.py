"""Attendance: the finished team attempt every attendee of a session gets, on the learner
they are (a linked self-study learner, or a team-only profile)."""

from __future__ import annotations

from wijzer_tui.domain.content.model import Scenario
from wijzer_tui.domain.errors import StoreError
from wijzer_tui.domain.progress.people import attendee_profile_id, same_person
from wijzer_tui.domain.progress.records import Answer, Attempt, Profile
from wijzer_tui.domain.progress.store import ProgressStore
from wijzer_tui.domain.team.session import TeamSession


def _attendee_profile(
    store: ProgressStore, known: list[Profile], name: str, session: TeamSession
) -> Profile:
    """The learner whose record gets this attendee's team attempt.

    1. Linked by the trainer (picked from the list, or a confirmed match): that learner, so a
       person who also does self-study is one learner. A learner removed since is skipped.
    2. The profile this session made for the name before (a finish run again after a crash).
    3. Not asked about (no link decision): a team-only profile with the same name, team and
       organisation (folded), so someone who attends two sessions of one team is one learner.
       Self-study profiles are only ever used through the trainer's link.
    4. Else a new team-only profile with an id derived from the session and the name.
    """
    linked = session.linked(name)
    if linked:
        try:
            return store.profile(linked)
        except StoreError:
            pass  # removed or merged away since the session began: record them as new
    own_id = attendee_profile_id(session.id, name)
    for profile in known:
        if profile.id == own_id:
            return profile
    if name not in session.links:  # "" means the trainer said: someone new
        for profile in known:
            if profile.attendee and same_person(profile, name, session.team, session.organisation):
                return profile
    profile = Profile(own_id, name, "anders", session.organisation, session.team, attendee=True)
    # import_learner writes the profile with attendee=True in one atomic step, so a crash never
    # leaves a half-made profile that would show up in the self-study list.
    store.import_learner(profile, [])
    known.append(profile)
    return profile


def record_attendance(
    store: ProgressStore, session: TeamSession, scenario: Scenario
) -> list[tuple[Profile, Attempt]]:
    """Give every attendee a finished attempt of mode "team" with the group's answers, stored
    on the learner they are (see _attendee_profile: linked profiles first). In a branching case
    the attempt carries the group's role and the ending its path reached.

    Safe to run again after a crash: an attendee who already has an attempt for this session
    keeps it (a busy one is completed), so nobody gets two.
    """
    answers = session.answers(scenario)
    score = session.score(scenario)
    ending = session.walk(scenario).ending if scenario.branches else None
    known = store.profiles()
    recorded = []
    for name in session.attendees:
        profile = _attendee_profile(store, known, name, session)
        mine = [a for a in store.attempts(profile.id) if a.team_session_id == session.id]
        attempt = mine[-1] if mine else None
        if attempt is None:
            attempt = store.start_attempt(
                profile.id,
                scenario.id,
                scenario.content_version,
                "team",
                session.id,
                role=scenario.role(session.role).id,
            )
        if attempt.status == "busy":
            saved = {a.step_id for a in attempt.answers}
            for step_id, option_ids in answers.items():
                if step_id not in saved:
                    store.save_answer(profile.id, attempt.id, Answer(step_id, option_ids))
            attempt = store.finish_attempt(
                profile.id, attempt.id, score, ending=ending.id if ending else None
            )
        recorded.append((profile, attempt))
    return recorded
