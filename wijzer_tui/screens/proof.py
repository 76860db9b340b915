"""Mijn resultaten → b: write the bewijs van deelname as a PDF into the progress folder."""

from __future__ import annotations

from textual import work
from textual.screen import Screen

from wijzer_tui.domain.errors import WijzerError
from wijzer_tui.screens.dialogs import ConfirmDialog, MessageDialog


@work
async def write_proof(screen: Screen) -> None:
    """Ask whether scores go on it, write the PDF (0600) to exports/ and say where it is."""
    app = screen.app
    learner = getattr(app, "learner", None)
    if learner is None:
        return
    question = (
        "Je maakt een bewijs van deelname (PDF) met je afgeronde casussen, zonder reflecties. "
        "Wil je je scores erbij zetten?"
    )
    with_scores = await app.push_screen_wait(ConfirmDialog(question, "Met scores", "Zonder scores"))
    from wijzer_tui.domain.reports.proof_pdf import (
        default_proof_path,
        render_proof,
        write_proof_file,
    )

    try:
        store = app.store  # type: ignore[attr-defined]
        payload = render_proof(
            learner,
            store.attempts(learner.id),
            app.scenarios,  # type: ignore[attr-defined]
            with_scores=bool(with_scores),
            version=app.version,  # type: ignore[attr-defined]
        )
        path = default_proof_path(store.root, learner)
        write_proof_file(path, payload)
    except WijzerError as error:
        app.push_screen(MessageDialog(error.title, error.message))
        return
    app.push_screen(
        MessageDialog(
            "Bewijs van deelname gemaakt",
            f"Je bewijs staat in:\n{path}\n\nGeef het aan je aandachtsfunctionaris of "
            "coördinator. Die kan de controlecode nakijken.",
        )
    )
