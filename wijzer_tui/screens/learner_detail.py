"""One learner's details for coordinators: every attempt per case, missed tips, shared reflections."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Footer, Static

from wijzer_tui.domain.progress.safe_text import visible
from wijzer_tui.domain.reports.detail import LearnerDetail
from wijzer_tui.domain.reports.exports import MODE_LABELS, dutch_date

STATUS = {"busy": "bezig", "finished": "afgerond", "stopped": "gestopt"}


class LearnerScreen(ModalScreen[None]):
    """Details of one learner: every attempt per scenario, missed tips, shared reflections."""

    DEFAULT_CSS = """
    LearnerScreen { align: center middle; }
    LearnerScreen > VerticalScroll {
        width: 90%; max-width: 100; height: 90%; border: round $accent;
        background: $panel; padding: 0 1;
    }
    """
    BINDINGS = [Binding("escape,q", "dismiss", "Terug")]

    def __init__(self, detail: LearnerDetail) -> None:
        super().__init__()
        self.detail = detail

    def compose(self) -> ComposeResult:
        with VerticalScroll() as scroll:
            scroll.border_title = visible(self.detail.profile.name)
            yield Static(detail_text(self.detail))
        yield Footer(compact=True)


def detail_text(detail: LearnerDetail) -> Text:
    """The learner detail as styled Dutch text."""
    p = detail.profile
    text = Text()
    where = " · ".join(visible(x) for x in (p.beroepsgroep, p.organisation, p.team) if x)
    text.append(
        f"{visible(p.name)}{' (demodeelnemer, verzonnen)' if p.synthetic else ''}\n", style="bold"
    )
    text.append(f"{where}\n\n")
    for item in detail.scenarios:
        s = item.scenario
        text.append(f"{s.number}. {s.title}: {item.cell.state}\n", style="bold")
        if not item.attempts:
            text.append("  Nog niet begonnen.\n", style="dim")
        for line in item.attempts:
            a = line.attempt
            score = f", score {a.score}%" if a.score is not None else ""
            when = dutch_date(a.finished or a.started)
            counts = " (telt)" if line.counts else ""
            mode = MODE_LABELS.get(a.mode, a.mode)
            text.append(f"  Poging {line.number}: {STATUS.get(a.status, a.status)}{score}, ")
            text.append(f"{when}, {mode}{counts}\n")
            if s.branches and (ending := s.ending(a.ending)) is not None:
                role = next((r.title for r in s.roles if r.id == a.role), "")
                played = f"Rol: {role}. " if role and len(s.roles) > 1 else ""
                text.append(f"    {played}Einde: {ending.title}\n", style="dim")
            for tip in line.missed:
                text.append(f"    ○ Gemist: {tip.title or tip.id}\n", style="dim")
        for reflection in item.reflections:
            text.append(f"  Reflectie: {visible(reflection, newlines=True)}\n", style="italic")
        text.append("\n")
    if not detail.shares_reflections:
        text.append("Reflecties zijn privé: deze deelnemer deelt ze niet.\n", style="dim")
    return text
