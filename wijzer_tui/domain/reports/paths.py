"""Paths through a case in the coordinator report: the tips a record attempt missed on its own
path, how the record attempts spread over the options of each decision point, and which endings
they reached. Pure data: the overview screen and the exports only render these figures."""

from __future__ import annotations

import heapq
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from itertools import chain
from operator import attrgetter

from wijzer_tui.domain.content.model import Ending, Role, Scenario, Step
from wijzer_tui.domain.progress.records import Attempt

# (decision point id, the known option ids chosen there), in path order.
Choices = tuple[tuple[str, tuple[str, ...]], ...]
_STEP_AND_OPTIONS = attrgetter("step_id", "option_ids")  # an answer as (step, options)


class PathIndex:
    """Per scenario, what each step offers and where it leads: the missed tips, choices and
    ending of thousands of record attempts without building a Walk for each.

    Same rule as scoring.missed_tip_ids: tips offered in a choose step on the path and not
    chosen; in a branching case also the tips the chosen decision ignores. A straight (format 1)
    case has no path to follow: every choose step counts, as it always did.
    """

    def __init__(self, scenario: Scenario) -> None:
        known = {t.id for t in scenario.tips}
        self.branches = scenario.branches
        self.starts = {r.id: r.start for r in scenario.roles}
        # The first role's start, for an unknown or empty role.
        self.start = scenario.role("").start  # pragma: no mutate (an unknown id means it too)
        self.endings = {e.id for e in scenario.endings}
        # choose: (option id -> tip id, the tips offered, the id that follows, the option ids)
        self.choose: dict[str, tuple[dict[str, str], frozenset[str], str, set[str]]] = {}
        # decide: option id -> (the id that follows, the tips it ignores, its path entry)
        self.decide: dict[str, dict[str, tuple[str, frozenset[str], tuple[str, tuple[str]]]]] = {}
        self.other: dict[str, str] = {}  # reflect steps: the id that follows
        for step in scenario.steps:
            if step.kind == "choose":
                option_tip = {
                    o.id: o.tip_id
                    for o in step.choose_options
                    if o.kind == "tip" and o.tip_id in known and o.tip_id
                }
                ids = {o.id for o in step.choose_options}
                offered = frozenset(option_tip.values())
                self.choose[step.id] = (option_tip, offered, step.next, ids)
            elif step.kind == "decide":
                self.decide[step.id] = {
                    o.id: (
                        o.next,
                        frozenset(t for t in o.ignores if t in known),
                        (step.id, (o.id,)),
                    )
                    for o in step.decide_options
                }
            else:
                self.other[step.id] = step.next
        self.longest = len(scenario.steps)  # no path is longer; a loop (a broken file) stops here
        # Learners take the same few paths and miss the same few tips: share one object each,
        # so 20,000 rows hold a few hundred paths, not one tuple per cell.
        self.seen: dict[frozenset[str], frozenset[str]] = {}
        self.seen_paths: dict[Choices, Choices] = {}

    def follow(self, attempt: Attempt) -> tuple[frozenset[str], Choices, str | None]:
        """The tips the attempt missed, its choices at each decision point on its path, and the
        ending it reached (None for a straight case or a path that ends nowhere)."""
        latest = dict(map(_STEP_AND_OPTIONS, attempt.answers))  # a later answer wins
        if not self.branches:
            out: set[str] = set()
            for step_id, (option_tip, offered, _, _) in self.choose.items():
                out |= offered.difference(map(option_tip.get, latest.get(step_id, ())))
            missed = frozenset(out)
            return self.seen.setdefault(missed, missed), (), None
        gaps: set[str] = set()
        choices: list[tuple[str, tuple[str, ...]]] = []
        decide, choose, answer, take = self.decide, self.choose, latest.get, choices.append
        current = self.starts.get(attempt.role, self.start)
        for _ in range(self.longest):
            chosen = answer(current)
            options = decide.get(current)
            if options is not None:  # most scenes: one dict lookup, no new objects
                found = options.get(chosen[0]) if chosen else None
                if found is None:
                    break  # not answered (or an option the case no longer has): the path stops
                current, ignored, entry = found
                take(entry)
                if ignored:
                    gaps |= ignored
            elif current in choose:
                option_tip, offered, following, ids = choose[current]
                gaps |= offered.difference(map(option_tip.get, chosen or ()))
                if chosen is None:
                    break
                take((current, tuple(dict.fromkeys(i for i in chosen if i in ids))))
                current = following
            elif current in self.other and chosen is not None:
                current = self.other[current]
            else:
                break
        ending = attempt.ending if attempt.ending in self.endings else None
        if ending is None and current in self.endings:
            ending = current
        missed = frozenset(gaps)
        path = tuple(choices)
        return self.seen.setdefault(missed, missed), self.seen_paths.setdefault(path, path), ending


def _leads(scenario: Scenario) -> dict[str, set[str]]:
    """For every step, the steps it leads to (endings left out)."""
    ids = {s.id for s in scenario.steps}
    leads: dict[str, set[str]] = {}
    for step in scenario.steps:
        targets = [o.next for o in step.decide_options] if step.kind == "decide" else [step.next]
        leads[step.id] = {t for t in targets if t in ids}
    return leads


def _reachable(leads: dict[str, set[str]], starts: Iterable[str]) -> set[str]:
    """The steps reachable from `starts`."""
    found: set[str] = set()
    todo = list(starts)
    # Each step is expanded once, so no more than the starts and all leads ever wait in `todo`:
    # bounded, so a slip can never loop for ever.
    for _ in range(len(todo) + sum(map(len, leads.values()))):
        if not todo:
            break  # pragma: no mutate (continue would only idle to the bound)
        current = todo.pop()
        if current in leads and current not in found:
            found.add(current)
            todo.extend(leads[current])
    return found


def decision_points(scenario: Scenario) -> tuple[Step, ...]:
    """The decision points of a branching case in graph order: a scene comes after every scene
    that leads to it, ties in file order. Empty for a straight case."""
    if not scenario.branches:
        return ()
    position = {s.id: i for i, s in enumerate(scenario.steps)}
    leads = _leads(scenario)
    first = scenario.role("").start  # pragma: no mutate (any unknown id means the first role too)
    reachable = _reachable(leads, [r.start for r in scenario.roles] or [first])
    incoming = Counter(t for s in reachable for t in leads[s])
    ready = [(position[s], s) for s in reachable if not incoming[s]]
    heapq.heapify(ready)
    order: list[str] = []
    while ready:
        _, current = heapq.heappop(ready)
        order.append(current)
        for target in leads[current]:
            incoming[target] -= 1
            if not incoming[target]:
                heapq.heappush(ready, (position[target], target))
    order += sorted(reachable - set(order), key=position.__getitem__)  # a loop: file order
    return tuple(s for i in order if (s := scenario.steps[position[i]]).is_decision)


def only_roles(scenario: Scenario) -> dict[str, tuple[Role, ...]]:
    """Per step that not every role can reach (in a case with two or more roles), the roles
    that can: the report names them, as two roles may each have a "Wat doe je nu?"."""
    if len(scenario.roles) < 2:
        return {}
    leads = _leads(scenario)
    reach = {role: _reachable(leads, [role.start]) for role in scenario.roles}
    return {
        step.id: who
        for step in scenario.steps
        if 0 < len(who := tuple(r for r in scenario.roles if step.id in reach[r])) < len(reach)
    }


@dataclass(frozen=True)
class OptionCount:
    """How often one option of a decision point was chosen."""

    id: str
    text: str
    count: int
    share: float  # 0..1 of the decisions made at this point


@dataclass(frozen=True)
class PointSpread:
    """One decision point: how many record attempts passed it and what they chose there."""

    step: Step
    number: int  # 1 for the first decision point in graph order
    answered: int
    options: tuple[OptionCount, ...]  # in the case's own order
    roles: tuple[Role, ...] = ()  # the only roles that play this point; empty: every role

    @property
    def several(self) -> bool:
        """True for a choose scene, where a learner may pick several options at once."""
        return self.step.kind == "choose"


@dataclass(frozen=True)
class EndingCount:
    """How often one ending was reached."""

    ending: Ending
    count: int
    share: float  # 0..1 of the counted decisions


@dataclass(frozen=True)
class PathSpread:
    """Where the record attempts of a branching case went: per decision point and per ending.
    Each self-study learner is one decision, each team session one (not one per attendee)."""

    decisions: int
    points: tuple[PointSpread, ...]
    endings: tuple[EndingCount, ...]


def path_spread(
    scenario: Scenario, decisions: Iterable[tuple[Choices, str | None]]
) -> PathSpread | None:
    """Count the choices and endings of record attempts (already one per team session); None
    for a straight case, which has no paths to show."""
    if not scenario.branches:
        return None
    pairs = list(decisions)
    # Count the path entries in C (Counter over one chain), then spread the few distinct ones:
    # a loop over every entry of every path made the whole summary ten times slower.
    entries = Counter(chain.from_iterable(choices for choices, _ in pairs))
    reached = Counter(ending for _, ending in pairs if ending)
    total = len(pairs)
    passed: Counter[str] = Counter()
    picked: Counter[tuple[str, str]] = Counter()
    for (step_id, option_ids), n in entries.items():
        passed[step_id] += n
        for option_id in option_ids:
            picked[step_id, option_id] += n
    points = []
    roles = only_roles(scenario)
    for number, step in enumerate(decision_points(scenario), start=1):
        answered = passed[step.id]
        options = tuple(
            OptionCount(o.id, o.text, n, n / answered if answered else 0.0)
            for o in step.options
            for n in (picked[step.id, o.id],)
        )
        points.append(PointSpread(step, number, answered, options, roles.get(step.id, ())))
    endings = tuple(
        EndingCount(e, reached[e.id], reached[e.id] / total if total else 0.0)
        for e in scenario.endings
    )
    return PathSpread(total, tuple(points), endings)


def _times(count: int, share: float) -> str:
    return f"{count}× ({round(100 * share)}%)"


def spread_lines(spread: PathSpread) -> list[tuple[str, str]]:
    """The figures in short Dutch lines, each with its kind: "intro", "point" (a decision point
    or the endings), "item" (an option or an ending with its count) or "none" (nobody came
    there). The overview screen styles them; the Markdown report turns them into lists."""
    lines = [("intro", "Keuzes onderweg (afgeronde pogingen; een teamtraining telt één keer):")]
    for point in spread.points:
        label = f"Beslismoment {point.number} · {point.step.title}"
        who = f"rol: {' of '.join(r.title for r in point.roles)}" if point.roles else ""
        if not point.answered:
            lines.append(("none", f"{label}{f' ({who})' if who else ''}: nog niemand kwam hier."))
            continue
        who += "; " if who else ""
        several = ", meer keuzes tegelijk mogelijk" if point.several else ""
        lines.append(("point", f"{label} ({who}{point.answered} keer gekozen{several})"))
        # The count first: an option's text is long and wraps, the numbers stay together.
        lines += [
            ("item", f"{_times(o.count, o.share) if o.count else 'niet gekozen'}: {o.text}")
            for o in point.options
        ]
    lines.append(("point", f"Zo liep de casus af ({spread.decisions} keer)"))
    lines += [
        ("item", f"{e.ending.title}: {_times(e.count, e.share) if e.count else 'niet bereikt'}")
        for e in spread.endings
    ]
    return lines
