"""The theme for team training: calm colours, high contrast, readable from the back of a room."""

from __future__ import annotations

from textual.app import App
from textual.theme import Theme

TEAM_THEME = Theme(
    name="wijzer-zaal",
    primary="#58a6ff",
    secondary="#1f6feb",
    accent="#f2cc60",
    warning="#f2cc60",
    error="#ff7b72",
    success="#56d364",
    foreground="#ffffff",
    background="#0d1117",
    surface="#161b22",
    panel="#1c2533",
    dark=True,
    variables={
        # Muted text stays bright enough to read on a projector.
        "text-muted": "#c9d1d9",
        "footer-key-foreground": "#f2cc60",
        "block-cursor-background": "#1f6feb",
        "block-cursor-foreground": "#ffffff",
    },
)


def use_team_theme(app: App) -> str:
    """Switch the app to the team theme; returns the theme that was active before."""
    before = app.theme
    if TEAM_THEME.name not in app.available_themes:
        app.register_theme(TEAM_THEME)
    app.theme = TEAM_THEME.name
    return before
