"""Merging duplicate learners into one (a coordinator's `wijzer merge BRON DOEL`).

A merge moves every attempt of BRON onto DOEL, relinks team sessions from BRON to DOEL and
then removes BRON. Each step is one atomic write and safe to repeat, so a merge that was cut
off (a crash, a full disk) is finished by running it again, and a merge run twice adds nothing.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, replace

from wijzer_tui.domain.errors import WijzerError
from wijzer_tui.domain.progress.people import by_name, counted, describe, fold
from wijzer_tui.domain.progress.records import Attempt, Profile
from wijzer_tui.domain.progress.store import ProgressStore
from wijzer_tui.domain.team.session import TeamSession
from wijzer_tui.domain.team.store import TeamStore


class MergeError(WijzerError):
    """A merge that is not clear or not allowed (Dutch message)."""

    title = "Samenvoegen"


@dataclass(frozen=True)
class MergePlan:
    """What a merge of `source` into `target` changes."""

    source: Profile
    target: Profile
    merged: Profile  # the target's profile after the merge
    moved: tuple[Attempt, ...]  # attempts of the source that the target does not have yet
    sessions: tuple[TeamSession, ...]  # team sessions that link an attendee to the source
    practice: int = 0  # frustratiescans and Wat als… explorations of the source; they go along

    def lines(self) -> list[str]:
        """The plan in Dutch, one line per change."""
        out = [
            f"Bron: {describe(self.source)} ({self.source.id})",
            f"Doel: {describe(self.target)} ({self.target.id})",
            f"- {counted(len(self.moved), 'poging gaat', 'pogingen gaan')} naar het doel.",
        ]
        if self.merged != self.target:
            out.append(f"- Het doel wordt: {describe(self.merged)}.")
        if self.practice:
            one, many = "frustratiescan of verkenning gaat", "frustratiescans en verkenningen gaan"
            out.append(f"- {counted(self.practice, one, many)} mee.")
        if self.sessions:
            count = counted(len(self.sessions), "teamsessie", "teamsessies")
            out.append(f"- {count} verwijst voortaan naar het doel.")
        out.append("- De bron wordt daarna verwijderd.")
        return out


def _one(profiles: list[Profile], wanted: str, role: str) -> Profile:
    """The single learner meant by an id or name; MergeError listing the options otherwise."""
    found = by_name(profiles, wanted)
    if len(found) == 1:
        return found[0]
    if not found:
        done = " Al samengevoegd? Dan is er niets meer te doen." if role == "Bron" else ""
        raise MergeError(
            f"{role} {wanted!r} is niet gevonden.{done} Bekijk de namen met: wijzer merge"
        )
    options = "\n".join(f"- {describe(p)}: {p.id}" for p in found)
    raise MergeError(f"{role} {wanted!r} past bij {len(found)} deelnemers. Noem het id:\n{options}")


def _merged_profile(source: Profile, target: Profile) -> Profile:
    """The target after the merge: the person's own (self-study) details win over a team-only
    profile, and reflections are shared only if both profiles shared them."""
    base = source if target.attendee and not source.attendee else target
    return replace(
        base,
        id=target.id,
        created=min(source.created, target.created),
        attendee=source.attendee and target.attendee,  # pragma: no mutate (= the base's)
        share_reflections=source.share_reflections and target.share_reflections,
    )


def plan_merge(
    store: ProgressStore, teams: TeamStore, source_ref: str, target_ref: str, *, force: bool
) -> MergePlan:
    """Check a merge and say what it would change; MergeError when it is not clear."""
    profiles = store.profiles()
    source = _one(profiles, source_ref, "Bron")
    target = _one(profiles, target_ref, "Doel")
    if source.id == target.id:
        raise MergeError("Bron en doel zijn dezelfde deelnemer. Er is niets samen te voegen.")
    if source.synthetic != target.synthetic:
        raise MergeError("Een demodeelnemer en een echte deelnemer worden nooit samengevoegd.")
    if fold(source.name) != fold(target.name) and not force:
        raise MergeError(
            f"De namen verschillen: {source.name} en {target.name}. Is dit zeker één persoon? "
            "Voeg dan samen met --force."
        )
    have = {a.id for a in store.attempts(target.id)}
    moved = tuple(a for a in store.attempts(source.id) if a.id not in have)
    sessions = tuple(s for s in teams.sessions() if source.id in s.links.values())
    practice = len(store.scans(source.id)) + len(store.explorations(source.id))
    merged = _merged_profile(source, target)
    return MergePlan(source, target, merged, moved, sessions, practice)


def apply_merge(store: ProgressStore, teams: TeamStore, plan: MergePlan) -> None:
    """Carry out a plan, each step atomic and safe to repeat; the source goes last."""
    store.import_learner(plan.target, list(plan.moved))  # adds only attempts it lacks
    _move_practice(store, plan.source.id, plan.target.id)
    if plan.merged != plan.target:
        store.update_profile(plan.merged)
    for session in plan.sessions:
        session.links = {
            name: plan.target.id if linked == plan.source.id else linked
            for name, linked in session.links.items()
        }
        teams.save(session)
    store.remove_learner(plan.source.id)


def _move_practice(store: ProgressStore, source: str, target: str) -> None:
    """The source's frustratiescans and Wat als… explorations go along (the source file is
    removed after this). Both keep their ids, so running the merge again adds nothing."""
    scans = [replace(scan, learner_id=target) for scan in store.scans(source)]
    store.import_scans(target, scans)
    for exploration in store.explorations(source):
        store.save_exploration(replace(exploration, learner_id=target))  # upsert by id


def duplicates(profiles: Iterable[Profile]) -> list[list[Profile]]:
    """Groups of real learners with the same name (folded): the likely duplicates, each group
    with the suggested target first (a self-study profile, then the oldest)."""
    groups: dict[str, list[Profile]] = {}
    for profile in profiles:
        if not profile.synthetic:
            groups.setdefault(fold(profile.name), []).append(profile)
    found = [
        sorted(group, key=lambda p: (p.attendee, p.created, p.id))
        for group in groups.values()
        if len(group) > 1
    ]
    return sorted(found, key=lambda group: fold(group[0].name))  # pragma: no mutate (one name)
