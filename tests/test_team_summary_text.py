"""The team summary as the team gets it, whole, for a small hand-checked session."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest
from report_fixtures import ALFA

from wijzer_tui.domain.errors import ExportError
from wijzer_tui.domain.team.session import TeamSession
from wijzer_tui.domain.team.summary import (
    default_export_path,
    resolve_export_path,
    save_markdown,
    summary_markdown,
)

PROMPTS = ("Wat doe jij?", "Hoe ga je verder?", "Wanneer miste jij regie?")
SCENARIO = dataclasses.replace(
    ALFA,
    steps=tuple(dataclasses.replace(s, prompt=p) for s, p in zip(ALFA.steps, PROMPTS, strict=True)),
)
KIES, VERDER, REFLECTIE = SCENARIO.steps
# Ann and Bo vote: o1 twice, o2, x1 (against) and n1 once; decide goed; all revealed.
# Majority rule (more than half of 2 attendees): only o1 is the group's choice.
# Choose: 1 tip of 3 = 33%; decide: follows 2, ignores 0 = 100%; the group: round(133 / 2) = 66%.
VOTED = [
    "# Teamtraining: 1. Ik mis de regie",
    "",
    "- Datum: 12-03-2026",
    "- Team: Wijkteam Noord",
    "- Organisatie: Gemeente Zuid",
    "- Deelnemers (2): Ann, Bo",
    "- Status: Bezig",
    "- Score van de groep: 66%",
    "",
    "> Dit overzicht bevat de namen van deelnemers: deel het alleen met het team. Schrijf nooit namen of details op waaraan een cliënt te herkennen is.",
    "",
    "## Wat doe je?",
    "",
    "Wat doe jij?",
    "",
    "**Wat doen jullie? Welke acties zouden jullie nemen? Kies er zoveel als jullie willen.**",
    "",
    "| Stemmen | Actie | Uit de wijzer |",
    "| ---: | --- | --- |",
    "| 2× | Ik vraag het gezin. | ✓ Past bij de wijzer |",
    "| 1× | Ik organiseer overleg. | ○ Gemist |",
    "| 0× | Ik spreek de regie af. | ○ Gemist |",
    "| 1× | Ik wacht af. | Niet gekozen · Afgeraden. |",
    "| 1× | Ik lees het dossier. | Niet gekozen |",
    "",
    "De groep koos met stemmen. De groep kiest een optie als meer dan de helft van de deelnemers erop stemt.",
    "",
    "Score bij deze stap: 33%",
    "",
    "## De casus gaat verder",
    "",
    "Uit de casus: Hoe ga je verder?",
    "",
    "**Wat doen jullie? Kies samen één vervolgstap.**",
    "",
    "| Stemmen | Keuze |",
    "| ---: | --- |",
    "| 2× | **Samen kiezen.** |",
    "| 0× | Niets doen. |",
    "",
    "De groep koos met stemmen. De groep kiest een optie als meer dan de helft van de deelnemers erop stemt. Wat er gebeurt: Het loopt.",
    "",
    "Score bij deze stap: 100%",
    "",
    "## Reflectie",
    "",
    "**Wanneer miste jij regie?**",
    "",
    "Besproken in de groep.",
    "",
    "## Tips uit de wijzer die jullie bespraken",
    "",
    "- Vraag het gezin wie het aanspreekpunt is.",
    "- Organiseer een multidisciplinair overleg.",
    "- Spreek af wie de regie heeft en wat die doet.",
    "",
    "## Afspraken (wie · wat · wanneer)",
    "",
    "| Wie | Wat | Wanneer |",
    "| --- | --- | --- |",
    "| Ann | Belt Veilig Thuis | vrijdag |",
    "|   | Plant een overleg |   |",
    "",
    "## Bronnen",
    "",
    "- Frustratiewijzer",
    "",
    "Score: De groep kiest een optie als meer dan de helft van de deelnemers erop stemt. Elke gekozen tip telt voor één punt, elke afgeraden keuze kost één punt. De score is dat saldo gedeeld door het aantal tips in de stap (nooit lager dan 0%).",
    "",
]

# Ann alone agrees on o3 (a tip) and n1 (neutral); decide not revealed yet.
# Choose: 1 of 3 tips = 33%; decide unanswered = 0; the group: round(33 / 2) = 16%.
CONSENSUS = [
    "# Teamtraining: 1. Ik mis de regie",
    "",
    "- Datum: 13-03-2026",
    "- Team: –",
    "- Organisatie: –",
    "- Deelnemers (1): Ann",
    "- Status: Bezig",
    "- Score van de groep: 16%",
    "",
    "> Dit overzicht bevat de namen van deelnemers: deel het alleen met het team. Schrijf nooit namen of details op waaraan een cliënt te herkennen is.",
    "",
    "## Wat doe je?",
    "",
    "Wat doe jij?",
    "",
    "**Wat doen jullie? Welke acties zouden jullie nemen? Kies er zoveel als jullie willen.**",
    "",
    "| Stemmen | Actie | Uit de wijzer |",
    "| ---: | --- | --- |",
    "| – | Ik spreek de regie af. | ✓ Past bij de wijzer |",
    "| – | Ik lees het dossier. | · Neutraal |",
    "| – | Ik vraag het gezin. | ○ Gemist |",
    "| – | Ik organiseer overleg. | ○ Gemist |",
    "| – | Ik wacht af. | Niet gekozen · Afgeraden. |",
    "",
    "De groep koos in overeenstemming.",
    "",
    "Score bij deze stap: 33%",
    "",
    "## De casus gaat verder",
    "",
    "Uit de casus: Hoe ga je verder?",
    "",
    "**Wat doen jullie? Kies samen één vervolgstap.**",
    "",
    "Nog niet onthuld.",
    "",
    "## Reflectie",
    "",
    "**Wanneer miste jij regie?**",
    "",
    "Besproken in de groep.",
    "",
    "## Tips uit de wijzer die jullie bespraken",
    "",
    "- Vraag het gezin wie het aanspreekpunt is.",
    "- Organiseer een multidisciplinair overleg.",
    "- Spreek af wie de regie heeft en wat die doet.",
    "",
    "## Afspraken (wie · wat · wanneer)",
    "",
    "Nog geen afspraken.",
    "",
    "## Bronnen",
    "",
    "- Frustratiewijzer",
    "",
    "Score: De groep kiest een optie als meer dan de helft van de deelnemers erop stemt. Elke gekozen tip telt voor één punt, elke afgeraden keuze kost één punt. De score is dat saldo gedeeld door het aantal tips in de stap (nooit lager dan 0%).",
    "",
]


def test_a_voted_session_reads_as_the_team_gets_it() -> None:
    session = TeamSession.new(SCENARIO, "Wijkteam Noord", "Gemeente Zuid", ["Ann", "Bo"])
    session.date = "2026-03-12"
    for option_id, votes in (("o1", 2), ("o2", 1), ("x1", 1), ("n1", 1)):
        session.bump(KIES, option_id, votes)
    session.reveal(KIES)
    session.bump(VERDER, "goed", 2)
    session.reveal(VERDER)
    session.reveal(REFLECTIE)
    session.add_agreement("Ann", "Belt Veilig Thuis", "vrijdag")
    session.add_agreement("", "Plant een overleg", "")
    assert summary_markdown(SCENARIO, session).split("\n") == VOTED


def test_a_consensus_session_reads_as_the_team_gets_it() -> None:
    session = TeamSession.new(SCENARIO, "", "", ["Ann"])
    session.date = "2026-03-13"
    session.set_mode(KIES, "consensus")
    session.toggle_consensus(KIES, "o3")
    session.toggle_consensus(KIES, "n1")
    session.reveal(KIES)
    assert summary_markdown(SCENARIO, session).split("\n") == CONSENSUS


def test_the_default_file_name_is_short_and_clean(tmp_path: Path) -> None:
    session = TeamSession.new(SCENARIO, "", "", ["Ann"])
    session.date = "2026-03-12"
    path = default_export_path(tmp_path, SCENARIO, session)
    assert path == tmp_path / "exports" / "teamtraining-2026-03-12-team-alfa.md"
    session.team = "  --Wijkteam Noord & Zuid, locatie Centrum-Oost extra!!"
    path = default_export_path(tmp_path, SCENARIO, session)
    assert path.name == "teamtraining-2026-03-12-wijkteam-noord-zuid-locatie-centrum-oost-alfa.md"


def test_a_typed_name_keeps_its_own_md_ending(tmp_path: Path) -> None:
    default = tmp_path / "exports" / "teamtraining.md"
    assert resolve_export_path("Verslag.MD", default) == tmp_path / "exports" / "Verslag.MD"
    assert resolve_export_path("verslag.txt", default) == tmp_path / "exports" / "verslag.txt.md"


def test_saving_where_it_cannot_says_why_in_dutch(tmp_path: Path) -> None:
    blocker = tmp_path / "bestand"
    blocker.write_text("x")
    with pytest.raises(ExportError) as info:
        save_markdown(blocker / "verslag.md", "# Verslag", make_folder=True)
    assert info.value.message == f"{blocker} bestaat al, maar is geen map. Kies een andere map."
    folder = tmp_path / "verslag.md"
    folder.mkdir()  # a folder where the file should go
    with pytest.raises(ExportError) as info:
        save_markdown(folder, "# Verslag")
    assert info.value.message == f"Het overzicht kon niet worden opgeslagen als {folder}."
