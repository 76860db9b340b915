"""xAPI 1.0.3 statements for every attempt: initialized, answered, completed, terminated.

One attempt gives `initialized` at its start, `answered` for every saved answer to a choose or
decide step (and to a reflect step, only when the learner shares reflections), `completed` when
finished or `terminated` when stopped. They share one `registration`. Statement ids are UUIDs
derived from the IRI base, the attempt and the answer's place in it: answers are only ever
appended, so the same record always gives the same statements, and a re-send changes nothing.
Values that are missing are left out, never sent as null or 0. The answered statements follow
what H5P's choice questions emit (cmi.interaction, choices, correctResponsesPattern, `[,]`).
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable, Iterator, Sequence
from typing import Any

from wijzer_tui.domain.content.model import Scenario, Step
from wijzer_tui.domain.content.scoring import compare_choose, decide_outcome
from wijzer_tui.domain.progress.records import Answer, Attempt, Profile
from wijzer_tui.domain.reports.xapi_config import XapiConfig
from wijzer_tui.domain.reports.xapi_time import xapi_duration, xapi_timestamp

ADL = "http://adlnet.gov/expapi"
VERBS: dict[str, dict[str, Any]] = {
    name: {"id": f"{ADL}/verbs/{name}", "display": {"en-US": name, "nl-NL": dutch}}
    for name, dutch in (
        ("initialized", "is begonnen aan"),
        ("answered", "heeft beantwoord"),
        ("completed", "heeft afgerond"),
        ("terminated", "is gestopt met"),
    )
}
INTERACTION = f"{ADL}/activities/cmi.interaction"
LANGUAGE = "nl-NL"
PLATFORM = "wijzer"
COURSE_NAME = "Frustratiewijzer"
JOIN = "[,]"  # xAPI's separator for the items of a choice response


def _nl(text: str) -> dict[str, str]:
    return {LANGUAGE: text}


def _activity(iri: str, kind: str, name: str, **extra: Any) -> dict[str, Any]:
    definition: dict[str, Any] = {"name": _nl(name), "type": kind, **extra}
    return {"objectType": "Activity", "id": iri, "definition": definition}


def _score(raw: int, maximum: int) -> dict[str, Any] | None:
    """raw/min/max/scaled, or None when there is nothing to score against."""
    if maximum <= 0:
        return None
    raw = max(0, min(raw, maximum))
    return {"scaled": round(raw / maximum, 4), "raw": raw, "min": 0, "max": maximum}


class StatementBuilder:
    """Builds the statements of learners' attempts for one set of scenarios and settings."""

    def __init__(self, scenarios: Sequence[Scenario], config: XapiConfig) -> None:
        self.config = config
        self.base = config.iri_base
        self.scenarios = {s.id: s for s in scenarios}
        self.course = _activity(self.base, f"{ADL}/activities/course", COURSE_NAME)
        self._cases: dict[str, dict[str, Any]] = {}
        self._steps: dict[tuple[str, str], dict[str, Any]] = {}

    # -- activities (cached: many statements share them) --------------------------------------

    def case(self, scenario: Scenario) -> dict[str, Any]:
        """The activity of one case (scenario)."""
        if scenario.id not in self._cases:
            iri = f"{self.base}/casus/{scenario.id}"
            kind = f"{ADL}/activities/simulation"
            self._cases[scenario.id] = _activity(iri, kind, scenario.title)
        return self._cases[scenario.id]

    def step(self, scenario: Scenario, step: Step) -> dict[str, Any]:
        """The activity of one decision point (or reflection) of a case."""
        key = (scenario.id, step.id)
        if key not in self._steps:
            iri = f"{self.base}/casus/{scenario.id}/{step.id}"
            extra: dict[str, Any] = {"description": _nl(step.prompt)} if step.prompt else {}
            if step.kind == "reflect":
                extra["interactionType"] = "long-fill-in"
            else:
                extra["interactionType"] = "choice"
                extra["choices"] = [{"id": o.id, "description": _nl(o.text)} for o in step.options]
                correct = self._correct(scenario, step)
                if correct:
                    extra["correctResponsesPattern"] = correct
            self._steps[key] = _activity(iri, INTERACTION, step.title, **extra)
        return self._steps[key]

    @staticmethod
    def _correct(scenario: Scenario, step: Step) -> list[str]:
        """Choose: all tips together. Decide: each option that follows the tips best."""
        if step.kind == "choose":
            tips = [o.id for o in step.choose_options if o.kind == "tip"]
            return [JOIN.join(tips)] if tips else []
        outcomes = [decide_outcome(scenario, step, o.id) for o in step.decide_options]
        best = max(
            (o.score for o in outcomes if o and o.followed),
            default=0,  # pragma: no mutate (used only when no option follows a tip: none is returned then)
        )
        return [o.option.id for o in outcomes if o and o.followed and o.score == best]

    # -- statements ---------------------------------------------------------------------------

    def actor(self, profile: Profile) -> dict[str, Any]:
        """The learner as a pseudonymous account; the typed name only when asked for."""
        actor: dict[str, Any] = {
            "objectType": "Agent",
            "account": {"homePage": self.config.account_homepage, "name": profile.id},
        }
        if self.config.send_names and profile.name.strip():
            actor["name"] = profile.name
        return actor

    def for_records(
        self, records: Iterable[tuple[Profile, Sequence[Attempt]]]
    ) -> Iterator[dict[str, Any]]:
        """Every statement of every learner's attempts, learner by learner."""
        for profile, attempts in records:
            for attempt in attempts:
                yield from self.for_attempt(profile, attempt)

    def for_attempt(self, profile: Profile, attempt: Attempt) -> list[dict[str, Any]]:
        """The statements of one attempt, oldest first; none for an unknown case."""
        scenario = self.scenarios.get(attempt.scenario_id)
        if scenario is None:
            return []
        actor = self.actor(profile)
        case = self.case(scenario)
        context = self._context(profile, attempt)
        registration = context["registration"]

        def statement(part: str, verb: str, obj: dict[str, Any], when: object) -> dict[str, Any]:
            made = {
                "id": str(uuid.uuid5(uuid.NAMESPACE_URL, f"{registration}/{part}")),
                "actor": actor,
                "verb": VERBS[verb],
                "object": obj,
                "context": context,
            }
            timestamp = xapi_timestamp(when)
            if timestamp:
                made["timestamp"] = timestamp
            return made

        out = [statement("initialized", "initialized", case, attempt.started)]
        answered_context = {
            **context,
            "contextActivities": {**context["contextActivities"], "parent": [case]},
        }
        for index, answer in enumerate(attempt.answers):
            step = scenario.step(answer.step_id)
            result = self._answer_result(profile, scenario, step, answer) if step else None
            if step is not None and result is not None:
                made = statement(
                    f"answered/{index}", "answered", self.step(scenario, step), answer.at
                )
                made["context"] = answered_context
                made["result"] = result
                out.append(made)
        if attempt.status == "finished":
            made = statement("completed", "completed", case, attempt.finished)
            made["result"] = self._completed_result(attempt)
            out.append(made)
        elif attempt.status == "stopped":
            # No stop time is stored: the last moment the learner was active stands in for it.
            last = attempt.answers[-1].at if attempt.answers else attempt.started
            out.append(statement("terminated", "terminated", case, last))
        return out

    def _context(self, profile: Profile, attempt: Attempt) -> dict[str, Any]:
        """What every statement of the attempt shares: registration, course, version, session."""
        registration = str(uuid.uuid5(uuid.NAMESPACE_URL, f"{self.base}/poging/{attempt.id}"))
        grouping = [self.course]
        if attempt.team_session_id:
            grouping.append(
                _activity(
                    f"{self.base}/teamsessie/{attempt.team_session_id}",
                    f"{ADL}/activities/meeting",
                    "Teamtraining",
                )
            )
        extensions = {f"{self.base}/extensies/vorm": attempt.mode}
        if profile.team:
            extensions[f"{self.base}/extensies/team"] = profile.team
        context: dict[str, Any] = {
            "registration": registration,
            "contextActivities": {"grouping": grouping},
            "platform": PLATFORM,
            "language": LANGUAGE,
            "extensions": extensions,
        }
        if isinstance(attempt.content_version, int) and attempt.content_version > 0:
            context["revision"] = str(attempt.content_version)
        return context

    def _answer_result(
        self, profile: Profile, scenario: Scenario, step: Step, answer: Answer
    ) -> dict[str, Any] | None:
        """The result of one answer; None when it is not sent (a private reflection)."""
        if step.kind == "reflect":
            return self._reflection_result(profile, answer)
        result: dict[str, Any] = {"completion": True}
        if answer.option_ids:  # nothing chosen: no response (xAPI allows no empty strings)
            result["response"] = JOIN.join(answer.option_ids)
        if step.kind == "choose":
            comparison = compare_choose(scenario, step, answer.option_ids)
            chosen_tips = len({item.tip.id for item in comparison.in_line})
            score = _score(chosen_tips - len(comparison.against), comparison.tip_count)
        else:
            outcome = (
                decide_outcome(scenario, step, answer.option_ids[0]) if answer.option_ids else None
            )
            followed = (
                len(outcome.followed)
                if outcome
                else 0  # pragma: no mutate (without an outcome `followed` is not used: no score)
            )
            score = _score(followed, followed + len(outcome.ignored)) if outcome else None
        if score is not None:
            result["score"] = score
        return result

    def _reflection_result(self, profile: Profile, answer: Answer) -> dict[str, Any] | None:
        """A reflection goes out only when the learner shares reflections."""
        if not profile.share_reflections:
            return None
        result: dict[str, Any] = {"completion": True}
        if answer.reflection and answer.reflection.strip():
            result["response"] = answer.reflection
        if answer.ticked_tips:
            result["extensions"] = {f"{self.base}/extensies/tips-afgevinkt": answer.ticked_tips}
        return result if len(result) > 1 else None

    @staticmethod
    def _completed_result(attempt: Attempt) -> dict[str, Any]:
        result: dict[str, Any] = {"completion": True}
        if isinstance(attempt.score, int) and not isinstance(attempt.score, bool):
            score = _score(attempt.score, 100)
            if score is not None:
                result["score"] = score
        duration = xapi_duration(attempt.started, attempt.finished)
        if duration:
            result["duration"] = duration
        return result
