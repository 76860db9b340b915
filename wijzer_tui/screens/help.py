"""Help (all bindings, scoring, where progress is stored) and Over wijzer (colofon)."""

from __future__ import annotations

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.markup import escape
from textual.screen import ModalScreen
from textual.widgets import Footer, Static

from wijzer_tui.domain.content.attribution import WIJZER_CREDITS, WIJZER_SOURCE, WIJZER_TITLE
from wijzer_tui.domain.content.scoring import DECIDE_RULE, PATH_RULE, SCENARIO_RULE, SCORE_RULE

KEYS: dict[str, list[tuple[str, str]]] = {
    "Overal": [
        ("? of F1", "Hulp (dit scherm)"),
        ("Ctrl+C, Ctrl+Q", "wijzer afsluiten; alles wat je gaf, is al bewaard"),
        ("Tab", "naar het volgende onderdeel op het scherm"),
        ("Enter", "kiezen of op een knop drukken; de muis werkt ook"),
        ("PageUp PageDown", "de pagina verder lezen (ook ↑ ↓ als er geen lijst is)"),
    ],
    "Start": [
        ("↑ ↓ en Enter", "een casus kiezen"),
        ("v", "Verder waar je was"),
        ("r", "Mijn resultaten (f: frustratiescan, b: bewijs als PDF, w: Wat als…?)"),
        ("f", "Frustratiescan: hoe zwaar wegen de frustraties nu?"),
        ("t", "Teamtraining"),
        ("w", "ander profiel kiezen"),
        ("i", "Over wijzer"),
        ("q", "Stoppen"),
    ],
    "In een casus": [
        ("v", "Volgende (of Bevestigen als je iets moet kiezen)"),
        ("t", "Terug"),
        ("spatie", "een keuze aan- of uitzetten"),
        ("Ctrl+S", "je reflectie opslaan"),
        ("n", "volgende casus (bij de afronding)"),
        ("w", "Wat als…? Kies bij een beslismoment iets anders (bij de afronding; telt niet mee)"),
        ("q of Esc", "naar de start; je plek en wat je typte, blijven bewaard"),
    ],
}

# Both kinds of case are played: one straight path, or choices that lead to different scenes.
STRAIGHT_RULES = f"{SCORE_RULE}\n{DECIDE_RULE}\n{SCENARIO_RULE}"
BRANCHING_RULES = (
    f"Wat je kiest, bepaalt hoe de casus verdergaat en hoe hij afloopt. {PATH_RULE} Het aantal "
    "delen hangt ook van je keuzes af: 'Deel 4 van 11–13' betekent dat je pad 11 tot 13 delen "
    "lang wordt."
)


def keys_table(title: str, rows: list[tuple[str, str]]) -> Table:
    """One group of keys; a grid, so a wrapped description stays under its text."""
    grid = Table.grid(padding=(0, 2))
    grid.add_column(width=16, no_wrap=True)
    grid.add_column(ratio=1)
    grid.add_row(Text(title, style="bold"), "")
    for key, meaning in rows:
        grid.add_row(Text("  " + key), Text(meaning))
    return grid


class HelpScreen(ModalScreen[None]):
    """Bindings, how scoring works and where progress is stored."""

    DEFAULT_CSS = """
    HelpScreen { align: center middle; background: $background 70%; }
    HelpScreen > VerticalScroll {
        width: 84; max-width: 100%; height: 90%; border: thick $accent; background: $panel;
        padding: 0 2;
    }
    HelpScreen .title { text-style: bold; color: $accent; margin: 1 0; }
    HelpScreen .keys { margin: 0 0 1 0; }
    """
    BINDINGS = [Binding("escape,q,question_mark,f1", "close", "Sluiten")]

    def compose(self) -> ComposeResult:
        where = escape(getattr(self.app, "progress_reason", ""))
        with VerticalScroll():
            yield Static("Hulp", classes="title")
            for title, rows in KEYS.items():
                yield Static(keys_table(title, rows), classes="keys")
            yield Static("Zo werkt de score", classes="title")
            yield Static(
                f"[b]Een casus met één verloop[/b]\n{escape(STRAIGHT_RULES)}", classes="keys"
            )
            yield Static(f"[b]Een casus die vertakt[/b]\n{escape(BRANCHING_RULES)}", classes="keys")
            yield Static(
                "Je reflectie telt niet mee: die toets je zelf aan de tips. Een nieuwe poging "
                "overschrijft niets. Voor je overzicht telt je beste afgeronde poging."
            )
            yield Static("Waar staat je voortgang?", classes="title")
            yield Static(
                f"{where}\nAlleen jij kunt deze bestanden lezen. Er gaat niets naar buiten, "
                "tenzij jij exporteert. Kies een andere map met wijzer --progress-dir MAP."
            )
        yield Footer(compact=True)

    def action_close(self) -> None:
        self.dismiss(None)


COLOFON = f"""\
[b]{WIJZER_TITLE}[/b]
{WIJZER_SOURCE}

{WIJZER_CREDITS}

Alle tips, casussen en citaten in wijzer komen uit de Frustratiewijzer. \
De verdieping komt uit andere bronnen; die staan er steeds bij.

[b]wijzer[/b] (de oefenmodule)
Versie {{version}}. Je voortgang blijft op deze computer.
"""


class AboutScreen(HelpScreen):
    """Over wijzer: the colofon of the Frustratiewijzer and this app's version."""

    DEFAULT_CSS = HelpScreen.DEFAULT_CSS.replace("HelpScreen", "AboutScreen")
    BINDINGS = [Binding("escape,q,i", "close", "Sluiten")]

    def compose(self) -> ComposeResult:
        version = escape(getattr(self.app, "version", ""))
        with VerticalScroll():
            yield Static("Over wijzer", classes="title")
            yield Static(COLOFON.format(version=version))
        yield Footer(compact=True)
