"""The group's choices beside the wijzer's tips, and the session summary as Markdown."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from wijzer_tui.domain.content.feedback import (
    GENERIC_LABEL,
    against_label,
    against_note,
    move_feedback,
)
from wijzer_tui.domain.content.model import Scenario, Step, Tip
from wijzer_tui.domain.content.scoring import compare_choose, decide_outcome
from wijzer_tui.domain.errors import ExportError, StoreError
from wijzer_tui.domain.progress.paths import ensure_private_dir
from wijzer_tui.domain.progress.people import slug
from wijzer_tui.domain.progress.storage import write_atomic
from wijzer_tui.domain.team.group import MAJORITY_RULE, GroupEntry, group_choice
from wijzer_tui.domain.team.outline import dutch_date
from wijzer_tui.domain.team.path import TEAM_PATH_RULE, path_markdown
from wijzer_tui.domain.team.prompts import group_question
from wijzer_tui.domain.team.session import TeamSession

Verdict = Literal["in_line", "against", "neutral", "missed", "not_chosen"]

# The same words and marks as in self-study.
VERDICT_LABELS: dict[Verdict, str] = {
    "in_line": "✓ Past bij de wijzer",
    "against": f"✗ {GENERIC_LABEL}",
    "neutral": "· Neutraal",
    "missed": "○ Gemist",
    "not_chosen": "Niet gekozen",
}
TEAM_SCORE_RULE = (
    f"{MAJORITY_RULE} Elke gekozen tip telt voor één punt, "
    "elke afgeraden keuze kost één punt. De score is dat saldo gedeeld door het "
    "aantal tips in de stap (nooit lager dan 0%)."
)
SHARE_NOTE = (
    "Dit overzicht bevat de namen van deelnemers: deel het alleen met het team. "
    "Schrijf nooit namen of details op waaraan een cliënt te herkennen is."
)


@dataclass(frozen=True)
class OptionRow:
    """One option of a step after the reveal: its tally and the wijzer's verdict."""

    option_id: str
    text: str
    count: int
    chosen: bool
    verdict: Verdict
    note: str = ""  # the tip's text, who advises against it and why, or why it is neutral


def tally_text(entry: GroupEntry, row: OptionRow) -> str:
    """What stands beside an option: its votes, also when the group chose together afterwards
    ("–" when no votes were counted at all)."""
    return f"{row.count}×" if entry.tallies else "–"


def choose_rows(scenario: Scenario, step: Step, entry: GroupEntry) -> list[OptionRow]:
    """The options of a choose step grouped as in self-study: ✓, ✗, ·, ○, then the rest."""
    chosen = set(group_choice(step, entry))
    rows = []
    for option in step.choose_options:
        tip = scenario.tip(option.tip_id or "")  # pragma: no mutate (tip ids are F<n>-T<m>, never "": no unknown id finds a tip)  # fmt: skip
        picked = option.id in chosen
        if option.kind == "tip":
            verdict: Verdict = "in_line" if picked else "missed"
            note = tip.text if tip else ""
        elif picked:
            verdict = "against" if option.kind == "against" else "neutral"
            note = against_note(option) if option.kind == "against" else option.reason
        else:
            # Worth saying in the room: nobody fell for what is advised against.
            verdict = "not_chosen"
            note = f"{against_label(option)}." if option.kind == "against" else ""
        rows.append(
            OptionRow(option.id, option.text, entry.count(option.id), picked, verdict, note)
        )
    order = list(VERDICT_LABELS)
    return sorted(rows, key=lambda r: (order.index(r.verdict), -r.count))


def decide_rows(step: Step, entry: GroupEntry) -> list[OptionRow]:
    """The options of a decide step in the order shown, with their tallies."""
    chosen = set(group_choice(step, entry))
    return [
        OptionRow(o.id, o.text, entry.count(o.id), o.id in chosen, "not_chosen")
        for o in step.shuffled_options()
    ]


def step_score(scenario: Scenario, step: Step, entry: GroupEntry) -> int | None:
    """The group's score at a choose or decide step (None for reflect or no choice)."""
    ids = group_choice(step, entry)
    if step.kind == "choose":
        return compare_choose(scenario, step, ids).score
    if step.kind == "decide" and ids:
        outcome = decide_outcome(scenario, step, ids[0])
        return outcome.score if outcome else None  # pragma: no mutate (never None: group_choice keeps only the step's own option ids)  # fmt: skip
    return None


def discussed_tips(scenario: Scenario, session: TeamSession) -> list[Tip]:
    """The wijzer's tips shown at revealed steps, in the wijzer's order."""
    ids: set[str] = set()
    for step in scenario.steps:
        if not session.is_revealed(step.id):
            continue
        if step.kind == "choose":
            ids.update(o.tip_id for o in step.choose_options if o.tip_id)
        elif step.kind == "decide":
            chosen = group_choice(step, session.entries[step.id])
            outcome = decide_outcome(scenario, step, chosen[0]) if chosen else None
            if outcome:
                ids.update(t.id for t in outcome.followed + outcome.ignored)
        else:
            ids.update(step.tip_ids)
    return [t for t in scenario.tips if t.id in ids]


def _cell(value: str) -> str:
    """Text made safe for one Markdown table cell."""
    return " ".join(value.split()).replace("|", "\\|") or " "


def _step_markdown(scenario: Scenario, session: TeamSession, step: Step) -> list[str]:
    entry = session.entries.get(step.id, GroupEntry())
    lines = [f"## {step.title}", ""]
    if step.situation:
        lines += [" ".join(step.situation.split()), ""]
    context, question = group_question(step)
    lines += [*([context, ""] if context else []), f"**{' '.join(question.split())}**", ""]
    if step.kind == "reflect":
        return [*lines, "Besproken in de groep.", ""]
    if not entry.revealed:
        return [*lines, "Nog niet onthuld.", ""]
    # "De groep koos {how}." ends every step's table, with the rule when votes decided.
    how = (
        "in overeenstemming" if entry.mode == "consensus" else f"met stemmen. {MAJORITY_RULE[:-1]}"
    )
    if step.kind == "choose":
        lines += ["| Stemmen | Actie | Uit de wijzer |", "| ---: | --- | --- |"]
        for row in choose_rows(scenario, step, entry):
            label = VERDICT_LABELS[row.verdict]
            if row.verdict == "against":  # the note names who advises against it
                label = f"✗ {row.note}"
            elif row.verdict == "not_chosen" and row.note:
                label += f" · {row.note}"
            lines.append(f"| {tally_text(entry, row)} | {_cell(row.text)} | {label} |")
        lines += ["", f"De groep koos {how}."]
    else:
        lines += ["| Stemmen | Keuze |", "| ---: | --- |"]
        for row in decide_rows(step, entry):
            text = f"**{_cell(row.text)}**" if row.chosen else _cell(row.text)
            lines.append(f"| {tally_text(entry, row)} | {text} |")
        chosen = group_choice(step, entry)
        outcome = decide_outcome(scenario, step, chosen[0]) if chosen else None
        if outcome:
            consequence = " ".join(outcome.option.consequence.split())
            lines += ["", f"De groep koos {how}. Wat er gebeurt: {consequence}"]
            feedback = move_feedback(outcome.option, outcome.score)
            if feedback is not None:  # only branching cases carry this feedback
                lines += ["", f"{feedback.label}: {' '.join(feedback.why.split())}"]
    score = step_score(scenario, step, entry)
    if score is not None:
        lines += ["", f"Score bij deze stap: {score}%"]
    return [*lines, ""]


def summary_markdown(scenario: Scenario, session: TeamSession) -> str:
    """The whole session for the team: case, choices and tallies, tips, agreements."""
    status = "Afgerond" if session.status == "finished" else "Bezig"
    lines = [
        f"# Teamtraining: {scenario.number}. {scenario.title}",
        "",
        f"- Datum: {dutch_date(session.date)}",
        f"- Team: {session.team or '–'}",
        f"- Organisatie: {session.organisation or '–'}",
        f"- Deelnemers ({len(session.attendees)}): {', '.join(session.attendees)}",
        f"- Status: {status}",
        f"- Score van de groep: {session.score(scenario)}%",
        "",
        f"> {SHARE_NOTE}",
        "",
    ]
    steps = scenario.steps
    if scenario.branches:  # the path first, then only the scenes on it
        lines += path_markdown(scenario, session)
        steps = session.walk(scenario).steps
    for step in steps:
        lines += _step_markdown(scenario, session, step)
    lines += ["## Tips uit de wijzer die jullie bespraken", ""]
    tips = discussed_tips(scenario, session)
    lines += [f"- {' '.join(t.text.split())}" for t in tips] or ["Nog geen tips onthuld."]
    lines += ["", "## Afspraken (wie · wat · wanneer)", ""]
    if session.agreements:
        lines += ["| Wie | Wat | Wanneer |", "| --- | --- | --- |"]
        for a in session.agreements:
            lines.append(f"| {_cell(a.who)} | {_cell(a.what)} | {_cell(a.when)} |")
    else:
        lines.append("Nog geen afspraken.")
    lines += ["", "## Bronnen", ""]
    lines += [f"- {source}" for source in scenario.sources]
    rule = TEAM_PATH_RULE if scenario.branches else TEAM_SCORE_RULE
    lines += ["", f"Score: {rule}", ""]
    return "\n".join(lines)


def default_export_path(root: Path, scenario: Scenario, session: TeamSession) -> Path:
    """`<root>/exports/teamtraining-<date>-<team>-<scenario>.md`."""
    team = slug(session.team) or "team"
    return Path(root) / "exports" / f"teamtraining-{session.date}-{team}-{scenario.id}.md"


def resolve_export_path(typed: str, default: Path) -> Path:
    """The file the trainer means: empty gives `default`; a folder gets the default name;
    a relative path is taken inside the default's folder; `.md` is added when missing."""
    typed = typed.strip()
    if not typed:
        return default
    path = Path(typed).expanduser()
    if not path.is_absolute():
        path = default.parent / path
    if path.is_dir():
        return path / default.name
    return path if path.suffix.lower() == ".md" else path.with_name(path.name + ".md")


def save_markdown(path: Path, content: str, *, make_folder: bool = False) -> Path:
    """Write the summary (0600, atomic). Raises ExportError in Dutch."""
    if make_folder:
        try:
            ensure_private_dir(path.parent)
        except StoreError as exc:
            raise ExportError(exc.message) from exc
    if not path.parent.is_dir():
        raise ExportError(f"De map {path.parent} bestaat niet. Kies een andere plek.")
    try:
        write_atomic(path, content.encode("utf-8"))  # pragma: no mutate (codec names ignore case)
    except StoreError as exc:
        raise ExportError(f"Het overzicht kon niet worden opgeslagen als {path}.") from exc
    return path
