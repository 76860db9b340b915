"""One error family for wijzer: every error carries a Dutch title and message."""

from __future__ import annotations

import errno


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


# What a Dutch user reads for the operating system's errors (its own words are English).
_OS_REASONS = {
    "ENOSPC": "de schijf is vol",
    "EDQUOT": "je schijfruimte is op",
    "EACCES": "geen toestemming",
    "EPERM": "geen toestemming",
    "EROFS": "de schijf is alleen-lezen",
    "ENOENT": "het bestand of de map bestaat niet",
    "ENOTDIR": "een deel van het pad is geen map",
    "EISDIR": "dit is een map, geen bestand",
    "EEXIST": "het bestaat al",
    "ENAMETOOLONG": "de naam is te lang",
    "ELOOP": "te veel snelkoppelingen (symbolische links) achter elkaar",
    "EIO": "de schijf gaf een fout bij lezen of schrijven",
    "EBUSY": "het bestand is in gebruik",
    "ETXTBSY": "het bestand is in gebruik",
    "EMFILE": "er staan te veel bestanden tegelijk open",
    "ENFILE": "er staan te veel bestanden tegelijk open",
    "EFBIG": "het bestand is te groot",
    "ENODEV": "de schijf is niet (meer) bereikbaar",
    "ENXIO": "de schijf is niet (meer) bereikbaar",
    "ESTALE": "de netwerkschijf is niet meer bereikbaar",
    "EINVAL": "het systeem weigert deze naam of handeling",
}


def os_reason(exc: OSError) -> str:
    """A short Dutch reason for an operating system error, for messages.

    An error without Dutch words here is named by its code (such as EXDEV), which a helpdesk
    can look up, never by the system's English text.
    """
    code = errno.errorcode.get(exc.errno)  # None: the error has no (known) number
    if code is None:
        return "onbekende fout van het systeem"
    return _OS_REASONS.get(code, f"systeemfout {code}")
