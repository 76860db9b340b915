"""One error family for wijzer: every error carries a Dutch title and message."""

from __future__ import annotations


class WijzerError(Exception):
    """Base error: `title` and `message` are Dutch and safe to show to a user."""

    title = "Er ging iets mis"

    def __init__(self, message: str, *, title: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        if title is not None:
            self.title = title

    def __str__(self) -> str:
        return self.message


class ScenarioError(WijzerError):
    """Scenario files could not be loaded; `problems` lists every problem found."""

    title = "Probleem met de casussen"

    def __init__(self, problems: list) -> None:  # list[Problem]; avoids an import cycle
        self.problems = problems
        lines = "\n".join(f"- {p}" for p in problems)
        super().__init__(f"{len(problems)} probleem/problemen in de casusbestanden:\n{lines}")


class StoreError(WijzerError):
    """The progress store could not read or write."""

    title = "Probleem met je voortgang"


class ExportError(WijzerError):
    """An export or import file could not be written or read."""

    title = "Probleem met exporteren of importeren"
