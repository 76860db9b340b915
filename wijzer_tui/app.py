"""The Textual app, built by a factory from loaded domain objects (tests use the same factory)."""

from __future__ import annotations

import asyncio
import signal
from pathlib import Path

from textual.app import App
from textual.binding import Binding

from wijzer_tui import __version__
from wijzer_tui.domain.content.model import Scenario
from wijzer_tui.domain.errors import StoreError, WijzerError
from wijzer_tui.domain.progress.paths import folder_names, resolve_progress_dir
from wijzer_tui.domain.progress.records import Profile
from wijzer_tui.domain.progress.scenario_cache import shipped_scenarios
from wijzer_tui.domain.progress.store import ProgressStore


class WijzerApp(App[None]):
    """wijzer: self-study, team training and the coordinators' overview."""

    CSS_PATH = "wijzer.tcss"
    TITLE = "wijzer"
    SUB_TITLE = "oefenen met de Frustratiewijzer"
    ENABLE_COMMAND_PALETTE = False
    # Below these sizes every screen shows a calm message instead of a broken layout.
    HORIZONTAL_BREAKPOINTS = [(0, "-too-narrow"), (60, "-wide-enough")]
    VERTICAL_BREAKPOINTS = [(0, "-too-low"), (18, "-high-enough")]
    BINDINGS = [
        Binding("ctrl+c", "quit", "Stoppen", show=False, priority=True),
        Binding("ctrl+q", "quit", "Stoppen", show=False, priority=True),
        Binding("f1", "help", "Hulp"),
    ]

    def __init__(
        self,
        scenarios: list[Scenario],
        store: ProgressStore,
        *,
        progress_reason: str = "",
        start: str = "self",
    ) -> None:
        super().__init__()
        self.scenarios = scenarios
        self.store = store
        self.progress_reason = progress_reason
        self.start_mode = start  # "self", "team" or "overview"
        self.learner: Profile | None = None

    @property
    def version(self) -> str:
        """This app's version, for the colofon."""
        return __version__

    def scenario(self, scenario_id: str) -> Scenario | None:
        """The loaded scenario with this id."""
        return next((s for s in self.scenarios if s.id == scenario_id), None)

    def on_mount(self) -> None:
        self.theme = "textual-dark"
        self._catch_signals()
        self.call_after_refresh(self.show_store_warnings)
        if self.start_mode == "overview":
            from wijzer_tui.screens.overview import OverviewScreen

            self.push_screen(OverviewScreen(self.store, self.scenarios))
            return
        if self.start_mode == "team":
            from wijzer_tui.screens.team_setup import TeamSetupScreen

            self.push_screen(TeamSetupScreen())
            return
        from wijzer_tui.domain.progress.standing import self_study_profiles
        from wijzer_tui.screens.home import HomeScreen

        # One learner on this machine: straight to home ("start in seconds"); else choose or create.
        profiles = self_study_profiles(self.store)
        if len(profiles) == 1:
            self.learner = profiles[0]
            self.push_screen(HomeScreen())
        else:
            from wijzer_tui.screens.profile import ProfileScreen

            self.push_screen(ProfileScreen())

    def show_store_warnings(self) -> None:
        """Tell the user once about each damaged progress file the store set aside."""
        while self.store.warnings:
            warning = self.store.warnings.pop(0)
            self.notify(warning, title="Let op: voortgangsbestand", severity="warning", timeout=30)

    # A closed terminal (SIGHUP) or a shutdown (SIGTERM) first keeps what is typed, then quits.
    EXIT_SIGNALS = tuple(
        getattr(signal, name) for name in ("SIGTERM", "SIGHUP") if hasattr(signal, name)
    )

    def _catch_signals(self) -> None:
        if self.is_headless:
            return  # tests drive the app in-process: the test runner keeps its own handlers
        loop = asyncio.get_running_loop()
        for number in self.EXIT_SIGNALS:
            try:
                loop.add_signal_handler(number, self.exit_on_signal, number)
            except (NotImplementedError, RuntimeError):  # Windows: no loop signal handlers
                return

    def exit_on_signal(self, number: int) -> None:
        """Save every draft, then end the app with the shell's code for this signal."""
        self.save_drafts()
        self.exit(return_code=128 + number)

    def save_drafts(self) -> None:
        """Save typed but unconfirmed input on every open screen (before the app ends)."""
        for screen in self.screen_stack:
            flush = getattr(screen, "flush_draft", None)
            if flush is not None:
                flush()

    async def action_quit(self) -> None:
        """Ctrl+C, Ctrl+Q and q: keep every draft, then quit."""
        self.save_drafts()
        self.exit()

    def action_help(self) -> None:
        from wijzer_tui.screens.help import HelpScreen

        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen())

    def show_error(self, error: WijzerError) -> None:
        """Show a blocking error in a dialog (never a traceback)."""
        from wijzer_tui.screens.dialogs import MessageDialog

        self.push_screen(MessageDialog(error.title, error.message))


def create_app(progress_dir: str | None = None, *, start: str = "self") -> WijzerApp:
    """Load scenarios and the progress store and build the app. Raises WijzerError in Dutch."""
    scenarios = shipped_scenarios()
    folder, reason = resolve_progress_dir(progress_dir)
    store = ProgressStore(Path(folder))
    try:  # a folder the app cannot read is said here, before the screen opens
        folder_names(store.learners_dir)
    except StoreError as error:
        raise StoreError(f"{error.message} Kies een andere map met --progress-dir.") from error
    return WijzerApp(scenarios, store, progress_reason=f"{folder} ({reason})", start=start)


def run(progress_dir: str | None = None, *, start: str = "self") -> int:
    """Run the app; returns the exit code. On leaving (q, Ctrl+C, Ctrl+Q) one Dutch line stays on
    the terminal that says where the progress is."""
    app = create_app(progress_dir, start=start)
    app.run()
    print(f"wijzer is gestopt. Je voortgang is bewaard in {app.store.root}")
    return app.return_code or 0


def run_overview(progress_dir: str | None = None) -> int:
    """Run the app straight into the coordinators' overview (`wijzer report`)."""
    return run(progress_dir, start="overview")


def run_team(progress_dir: str | None = None) -> int:
    """Run the app straight into team training (`wijzer team`)."""
    return run(progress_dir, start="team")
