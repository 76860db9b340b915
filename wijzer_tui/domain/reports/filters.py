"""Which learners a report shows: the coordinator's filter on team, organisation and beroepsgroep."""

from __future__ import annotations

from dataclasses import dataclass

from wijzer_tui.domain.progress.records import Profile


@dataclass(frozen=True)
class ReportFilter:
    """Which learners to show; None or "" means no filter on that field."""

    team: str | None = None
    organisation: str | None = None
    beroepsgroep: str | None = None

    def matches(self, profile: Profile) -> bool:
        """True when the profile passes every set filter."""
        return (
            (not self.team or profile.team == self.team)
            and (not self.organisation or profile.organisation == self.organisation)
            and (not self.beroepsgroep or profile.beroepsgroep == self.beroepsgroep)
        )

    def describe(self) -> str:
        """The filter in Dutch words, for report headers."""
        parts = [
            f"{label} {value}"
            for label, value in (
                ("team", self.team),
                ("organisatie", self.organisation),
                ("beroepsgroep", self.beroepsgroep),
            )
            if value
        ]
        return ", ".join(parts) if parts else "alle deelnemers"
