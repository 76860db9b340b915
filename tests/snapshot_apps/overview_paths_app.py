"""The coordinators' overview over the branching fixture tak.yaml and its hand-checked learners
(path_fixtures), for the Per casus tests and snapshot."""

from __future__ import annotations

from pathlib import Path

from path_fixtures import TAK, tak_records
from snapshot_apps.overview_app import OverviewApp


class PathsOverviewApp(OverviewApp):
    """OverviewApp with only tak.yaml and the seven learners of path_fixtures."""

    def __init__(self, root: Path | None = None) -> None:
        super().__init__(root, fill=False)
        self.scenarios = [TAK]
        for profile, attempts in tak_records():
            self.store.import_learner(profile, attempts)


if (
    __name__ == "__main__"
):  # to look at it by hand: python tests/snapshot_apps/overview_paths_app.py
    PathsOverviewApp().run()
