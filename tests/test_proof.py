"""Bewijs van deelname: the PDF read back as text, file rights, and the check code."""

from __future__ import annotations

import io
import json
import stat
from datetime import date
from pathlib import Path

import pytest
from pypdf import PdfReader

from wijzer_tui.cli import main
from wijzer_tui.domain.content.attribution import WIJZER_SOURCE
from wijzer_tui.domain.content.loader import load_scenarios
from wijzer_tui.domain.progress.records import Answer, Profile, local_date
from wijzer_tui.domain.progress.store import ProgressStore
from wijzer_tui.domain.reports.proof import proof_code
from wijzer_tui.domain.reports.proof_pdf import (
    ProofError,
    default_proof_path,
    render_proof,
    write_proof_file,
)

SCENARIOS = load_scenarios()
SECRET = "Mijn geheime reflectie over het gezin"
FINISHED = ("2026-11-02T09:00:00+00:00", "2026-11-20T14:30:00+00:00")


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    assert "Traceback" not in out + err
    return code, out + err


def learner_with_cases(root: Path):
    """Ëlla finished 1 (self-study, 80%) and 3 (team, 60%); 2 is busy, 4 was stopped."""
    store = ProgressStore(root)
    ella = store.create_profile("Ëlla Jansen-Öztürk", "jeugdzorg", "Stichting Één", "Team Zuid")
    for scenario, mode, score in ((SCENARIOS[0], "self", 80), (SCENARIOS[2], "team", 60)):
        attempt = store.start_attempt(ella.id, scenario.id, scenario.content_version, mode)
        store.save_answer(ella.id, attempt.id, Answer("reflectie", reflection=SECRET))
        store.finish_attempt(ella.id, attempt.id, score)
    store.start_attempt(ella.id, SCENARIOS[1].id, 1)
    stopped = store.start_attempt(ella.id, SCENARIOS[3].id, 1)
    store.stop_attempt(ella.id, stopped.id)
    # Finished on two earlier days (the store stamps "now"): distinct dates, a clear order.
    path = root / "learners" / f"{ella.id}.json"
    data = json.loads(path.read_text())
    done = [d for d in data["attempts"].values() if d["status"] == "finished"]
    for doc, when in zip(done, FINISHED, strict=True):
        doc["finished"] = when
    path.write_text(json.dumps(data))
    return store, ella


def pdf_text(data: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)


def test_the_pdf_lists_every_completed_case_and_the_attribution(tmp_path: Path) -> None:
    store, ella = learner_with_cases(tmp_path)
    text = pdf_text(render_proof(ella, store.attempts(ella.id), SCENARIOS))
    assert "Bewijs van deelname" in text
    assert "Ëlla Jansen-Öztürk" in text and "Stichting Één" in text and "jeugdzorg" in text
    flat = " ".join(text.split())  # long titles wrap inside their table cell
    for attempt in store.attempts(ella.id):
        scenario = next(s for s in SCENARIOS if s.id == attempt.scenario_id)
        title = f"{scenario.number}. {scenario.title}"
        if attempt.status != "finished":
            assert title not in flat  # busy and stopped cases are not on the bewijs
            continue
        mode = {"self": "zelfstudie", "team": "team"}[attempt.mode]
        row = f"{title} {local_date(attempt.finished)} {mode} {attempt.content_version}"
        assert row in flat
    assert local_date(FINISHED[0]) != local_date(FINISHED[1])
    assert " ".join(WIJZER_SOURCE.split()) in flat
    assert f"Controlecode: {proof_code(ella.id, store.attempts(ella.id))}" in text
    assert SECRET not in text and "80%" not in text and "Score" not in text
    assert "Casus Afgerond op Vorm Versie" in flat


def test_scores_only_when_the_learner_asks(tmp_path: Path) -> None:
    store, ella = learner_with_cases(tmp_path)
    text = pdf_text(render_proof(ella, store.attempts(ella.id), SCENARIOS, with_scores=True))
    assert "80%" in text and "60%" in text and SECRET not in text
    assert "Casus Afgerond op Vorm Versie Score" in " ".join(text.split())


@pytest.mark.usefixtures("progress_env")
def test_cli_writes_a_private_pdf_in_exports(
    capsys: pytest.CaptureFixture[str], progress_env: Path
) -> None:
    learner_with_cases(progress_env)
    code, out = run(capsys, "bewijs")
    assert code == 0, out
    files = list((progress_env / "exports").glob("bewijs-*.pdf"))
    assert len(files) == 1 and str(files[0]) in out
    assert stat.S_IMODE(files[0].stat().st_mode) == 0o600
    assert stat.S_IMODE((progress_env / "exports").stat().st_mode) == 0o700
    assert "1. Ik mis de regie" in pdf_text(files[0].read_bytes())


@pytest.mark.usefixtures("progress_env")
def test_cli_refuses_without_completed_cases_in_dutch(
    capsys: pytest.CaptureFixture[str], progress_env: Path, tmp_path: Path
) -> None:
    code, out = run(capsys, "bewijs")
    assert code == 1 and "nog geen deelnemers" in out
    ProgressStore(progress_env).create_profile("Bo", "politie")
    target = tmp_path / "bo.pdf"
    code, out = run(capsys, "bewijs", "--output", str(target))
    assert code == 1 and "nog geen casus afgerond" in out
    assert not target.exists()
    code, out = run(capsys, "bewijs", "--learner", "Niemand")
    assert code == 1 and "niet gevonden" in out


@pytest.mark.usefixtures("progress_env")
def test_controleer_accepts_a_real_code_and_refuses_a_changed_one(
    capsys: pytest.CaptureFixture[str], progress_env: Path, tmp_path: Path
) -> None:
    store, ella = learner_with_cases(progress_env)
    target = tmp_path / "ella.pdf"
    assert run(capsys, "bewijs", "--output", str(target), "--met-scores")[0] == 0
    code_text = next(
        line.split(": ")[1] for line in pdf_text(target.read_bytes()).splitlines()
        if line.startswith("Controlecode")
    )  # fmt: skip
    code, out = run(capsys, "bewijs", "--controleer", code_text.lower().replace("-", " "))
    assert code == 0 and "Ëlla Jansen-Öztürk" in out and "2 afgeronde casussen" in out
    # One character changed: refused.
    changed = code_text[:-1] + ("A" if code_text[-1] != "A" else "B")
    code, out = run(capsys, "bewijs", "--controleer", changed)
    assert code == 1 and "Niet gevonden" in out
    # A later finished case keeps the earlier bewijs checkable (it covers the first two).
    attempt = store.start_attempt(ella.id, SCENARIOS[4].id, 1)
    store.finish_attempt(ella.id, attempt.id, 90)
    assert run(capsys, "bewijs", "--controleer", code_text)[0] == 0
    # A record that says something else (here: another content version) no longer matches.
    path = progress_env / "learners" / f"{ella.id}.json"
    data = json.loads(path.read_text())
    first = next(d for d in data["attempts"].values() if d["scenario_id"] == SCENARIOS[0].id)
    first["content_version"] = SCENARIOS[0].content_version + 1
    path.write_text(json.dumps(data))
    code, out = run(capsys, "bewijs", "--controleer", code_text)
    assert code == 1


def test_the_pdf_says_what_it_is_and_which_wijzer_made_it(tmp_path: Path) -> None:
    store, ella = learner_with_cases(tmp_path)
    made = PdfReader(io.BytesIO(render_proof(ella, store.attempts(ella.id), SCENARIOS)))
    assert made.metadata.title == "Bewijs van deelname" and made.metadata.creator == "wijzer"
    versioned = render_proof(ella, store.attempts(ella.id), SCENARIOS, version="1.4")
    assert PdfReader(io.BytesIO(versioned)).metadata.creator == "wijzer 1.4"


def test_no_bewijs_without_a_completed_case(tmp_path: Path) -> None:
    bo = ProgressStore(tmp_path).create_profile("Bo", "politie")
    with pytest.raises(ProofError) as error:
        render_proof(bo, [], SCENARIOS)
    assert (
        error.value.message == "Bo heeft nog geen casus afgerond. Er is nog niets om te bewijzen."
    )


@pytest.mark.parametrize(
    ("name", "slug"),
    [
        ("Ëlla Jansen-Öztürk", "ella-jansen-ozturk"),
        ("  --Bo!!  ", "bo"),
        ("Max X", "max-x"),
        ("Anne-Marie " * 6, ("anne-marie-" * 4)[:40]),
        ("Σωκράτης", "abcdef12"),  # nothing readable in ASCII: the id's start
    ],
)
def test_the_bewijs_file_is_named_after_the_learner(tmp_path: Path, name: str, slug: str) -> None:
    profile = Profile("abcdef1234567890", name, "politie")
    path = default_proof_path(tmp_path, profile)
    assert path == tmp_path / "exports" / f"bewijs-{slug}-{date.today():%Y%m%d}.pdf"
    assert stat.S_IMODE(path.parent.stat().st_mode) == 0o700


def test_a_bewijs_is_never_written_over_a_folder_or_into_nowhere(tmp_path: Path) -> None:
    with pytest.raises(ProofError) as error:
        write_proof_file(tmp_path, b"%PDF")
    assert error.value.message == f"{tmp_path} is een map. Geef een bestandsnaam op."
    missing = tmp_path / "nergens" / "b.pdf"
    with pytest.raises(ProofError) as error:
        write_proof_file(missing, b"%PDF")
    assert error.value.message == f"De map {missing.parent} bestaat niet. Kies een bestaande map."
    if Path("/proc/self").is_dir():  # a folder nobody may write in, also not root
        closed = Path("/proc/bewijs.pdf")
        with pytest.raises(ProofError) as error:
            write_proof_file(closed, b"%PDF")
        assert error.value.message == f"Het bewijs kon niet worden geschreven naar {closed}."
    target = tmp_path / "b.pdf"
    write_proof_file(target, b"%PDF")
    assert target.read_bytes() == b"%PDF" and stat.S_IMODE(target.stat().st_mode) == 0o600


def test_a_case_finished_without_a_score_shows_an_empty_score(tmp_path: Path) -> None:
    store, ella = learner_with_cases(tmp_path)
    attempts = store.attempts(ella.id)
    for attempt in attempts:
        attempt.score = None  # as an import from an old export can hold
    flat = " ".join(pdf_text(render_proof(ella, attempts, SCENARIOS, with_scores=True)).split())
    table = flat.split("Versie Score ")[1].split(" Controlecode")[0]
    first, third = SCENARIOS[0], SCENARIOS[2]
    assert table.startswith(f"{first.number}. {first.title} ")
    assert table.split(" zelfstudie ")[1].startswith(f"{first.content_version} {third.number}. ")
    assert table.endswith(f" team {third.content_version}")  # nothing in the score column
