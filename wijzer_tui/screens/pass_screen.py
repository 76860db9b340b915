"""The pass through one scenario: one section on screen at a time, every answer saved when given."""

from __future__ import annotations

from typing import Any

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.widgets import Button, Footer, Header, Static, TextArea

from wijzer_tui.domain.content.model import Scenario
from wijzer_tui.domain.errors import WijzerError
from wijzer_tui.domain.progress.pass_length import part_label
from wijzer_tui.domain.progress.session import Pass
from wijzer_tui.domain.progress.standing import next_scenario, standings
from wijzer_tui.screens.base import BaseScreen
from wijzer_tui.screens.drafts import DraftKeeper
from wijzer_tui.widgets import afronding, sections
from wijzer_tui.widgets.choice_list import ChoiceList

_UNSHOWN = object()  # the section's input is not on screen: leave its draft as it is


class PassScreen(DraftKeeper, BaseScreen):
    """Herken je dit? → Wat doe je? → Vergelijk → De casus gaat verder → Reflectie → Afronding."""

    # One key, the label that says what it does here; check_action shows only what works.
    BINDINGS = [
        Binding("v", "next", "Volgende"),
        Binding("v", "confirm", "Bevestigen"),
        Binding("t", "back", "Terug"),
        Binding("ctrl+s", "save", "Opslaan", priority=True),
        Binding("n", "next_scenario", "Volgende casus"),
        Binding("w", "what_if", "Wat als…?"),
        Binding("question_mark", "app.help", "Hulp", show=False),
        Binding("q,escape", "home", "Naar start"),
        # On the Afronding v also leads home, like the button there says.
        Binding("v,q,escape", "end", "Naar start", key_display="v"),
    ]

    def __init__(self, session: Pass) -> None:
        super().__init__()
        self.session = session
        self.next_up: Scenario | None = None  # the case `n` opens, known on the Afronding

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static(id="where", classes="muted")
        yield VerticalScroll(id="body", classes="page")
        with Horizontal(classes="buttons", id="nav"):
            yield Button("Terug", id="back", compact=True)
            yield Button("Volgende", variant="primary", id="next", compact=True)
        yield Footer(compact=True)

    def on_mount(self) -> None:
        scenario = self.session.scenario
        self.sub_title = f"{scenario.number}. {scenario.title}"
        self.show_section()

    def show_section(self) -> None:
        """Replace the body with the widgets of the current section."""
        session = self.session
        position = session.position
        ending = session.scenario.ending(position.step_id) if position.section == "ending" else None
        title = sections.title_of(position.section, session.step, ending)
        where = part_label(
            session.index + 1, session.scenario, session.answers_by_step(), session.attempt.role
        )
        if len(session.scenario.roles) > 1:  # who you are stays in sight all through the case
            # Not in the header: with a long case title it would be cut off at 80 columns.
            where += f" · Jouw rol: {session.scenario.role(session.attempt.role).title}"
        self.query_one("#where", Static).update(where)
        body = self.query_one("#body", VerticalScroll)
        # Move focus off the old section first, or Textual refocuses while removing it.
        self.query_one("#next").focus()
        body.remove_children()
        widgets = self._section_widgets()
        body.mount(sections.heading(title), *widgets)
        body.scroll_home(animate=False)
        self._label_buttons()
        self.refresh_bindings()
        focus = next((w for w in widgets if isinstance(w, ChoiceList | TextArea)), None)
        self.call_after_refresh(self._land, focus or self.query_one("#next"))

    @staticmethod
    def _land(widget: Any) -> None:
        """Focus the section's input; in restored text, continue at its end."""
        widget.focus()
        if isinstance(widget, TextArea):
            widget.move_cursor(widget.document.end)

    def _section_widgets(self):
        session, step = self.session, self.session.step
        section = session.position.section
        answer = session.answer(step.id) if step else None
        draft = session.draft()
        if section == "ending":
            return sections.ending(session.scenario.ending(session.position.step_id))
        if section == "intro" or (step is None and section != "end"):
            return sections.intro(session.scenario, session.scenario.role(session.attempt.role))
        if section == "end":
            score = session.finish()
            self.next_up = self._next_up()
            return afronding.end(session, score, self.next_up)
        builders = {
            "choose": lambda: sections.choose(step, answer, draft),
            "compare": lambda: sections.compare(session.scenario, step, answer),
            "decide": lambda: sections.decide(step, answer, draft),
            "consequence": lambda: sections.consequence(session.scenario, step, answer),
            "reflect": lambda: sections.reflect(step, answer, draft),
            "check": lambda: sections.check(session.scenario, step, answer, draft),
        }
        return builders[section]()

    def _label_buttons(self) -> None:
        session = self.session
        needs_answer = session.is_question() and session.step is not None
        answered = needs_answer and session.answer(session.position.step_id) is not None
        label = "Bevestigen" if needs_answer and not answered else "Volgende"
        if session.position.section == "reflect" and not answered:
            label = "Opslaan"
        if session.position.section == "end":
            label = "Naar start"
        self.query_one("#next", Button).label = label
        self.query_one("#back", Button).disabled = session.index == 0

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if not super().check_action(action, parameters):
            return False
        session = self.session
        section = session.position.section
        open_question = (
            session.is_question()
            and session.step is not None
            and session.answer(session.position.step_id) is None
        )
        rules = {
            "next": section != "end" and not open_question,
            "confirm": open_question,
            "back": session.index > 0,
            "save": (section == "reflect" and open_question) or section == "check",
            "next_scenario": section == "end" and self.next_up is not None,
            "what_if": section == "end" and session.scenario.branches,
            "home": section != "end",
            "end": section == "end",
        }
        return rules.get(action, True)

    def action_confirm(self) -> None:
        self.action_next()

    def action_end(self) -> None:
        self.action_home()

    def _next_up(self):
        learner = self.session.learner_id
        items = standings(self.wijzer.store, learner, self.wijzer.scenarios)
        return next_scenario(items, after=self.session.scenario)

    # Actions -------------------------------------------------------------

    @on(Button.Pressed, "#next")
    def action_next(self) -> None:
        session = self.session
        try:
            if session.position.section == "end":
                self.action_home()
                return
            if session.is_question() and session.answer(session.position.step_id) is None:
                self._submit()
                return
            if session.position.section == "check":
                self._save_ticks()
            session.go(+1)
        except WijzerError as error:
            self.wijzer.show_error(error)
            return
        self.show_section()

    @on(Button.Pressed, "#back")
    def action_back(self) -> None:
        if self.session.index == 0:
            return
        try:
            if self.session.position.section == "check":
                self._save_ticks()
            else:
                self.flush_draft()
            self.session.go(-1)
        except WijzerError as error:
            self.wijzer.show_error(error)
            return
        self.show_section()

    def action_save(self) -> None:
        section = self.session.position.section
        if section == "reflect" and self.session.answer(self.session.position.step_id) is None:
            self.action_next()
        elif section == "check":
            self._save_ticks()
            self.notify("Opgeslagen.")

    def _submit(self) -> None:
        """Save the answer of the current question section and show its feedback."""
        section = self.session.position.section
        if section == "choose":
            chosen = list(self.query_one("#choices", ChoiceList).chosen)
            if not chosen:
                self.notify("Kies minstens één actie die jij zou doen.", severity="warning")
                return
            self.session.submit(chosen)
        elif section == "decide":
            chosen = list(self.query_one("#decision", ChoiceList).chosen)
            if not chosen:
                self.notify("Kies eerst één optie.", severity="warning")
                return
            self.session.submit(chosen)
        elif section == "reflect":
            written = self.query_one("#reflection", TextArea).text.strip()
            if not written:
                self.notify("Schrijf eerst een antwoord, al is het kort.", severity="warning")
                return
            self.session.submit([], reflection=written)
        self.show_section()

    def _save_ticks(self) -> None:
        ticks = self.query("#ticks")
        if ticks:
            self.session.save_check(list(ticks.first(ChoiceList).chosen))

    def action_home(self) -> None:
        self.flush_draft()
        finished = self.session.position.section == "end"
        self.dismiss(None)
        if finished:  # invite to rate the frustrations again (skippable)
            from wijzer_tui.screens.scan import invite_scan

            invite_scan(self.wijzer, self.session.scenario.id)

    # Drafts: what is typed or ticked but not confirmed yet -------------------

    @on(TextArea.Changed)
    def _typing(self) -> None:
        self.draft_changed()

    @on(ChoiceList.Changed)
    def _ticking(self) -> None:
        self.flush_draft()  # one write per tick: ticks are few

    def on_screen_suspend(self) -> None:
        self.flush_draft()  # help, a dialog, or the app quitting

    def save_draft(self) -> None:
        typed = self._typed()
        if typed is not _UNSHOWN:
            self.session.keep_draft(typed)

    def _typed(self) -> Any:
        """The current section's unconfirmed input as a draft; None when there is none;
        _UNSHOWN while the section's input is not on screen (it is being replaced)."""
        session, step = self.session, self.session.step
        section = session.position.section
        answer = session.answer(step.id) if step else None
        if section == "check" and answer is not None:
            ticks = self.query("#ticks")
            if not ticks:
                return _UNSHOWN
            chosen = list(ticks.first(ChoiceList).chosen)
            return None if chosen == answer.ticked_tips else {"ticked_tips": chosen}
        if step is None or answer is not None or not session.is_question():
            return None
        if section == "reflect":
            areas = self.query("#reflection")
            return {"reflection": areas.first(TextArea).text} if areas else _UNSHOWN
        lists = self.query("#choices, #decision")
        if not lists:
            return _UNSHOWN
        chosen = list(lists.first(ChoiceList).chosen)
        return {"option_ids": chosen} if chosen else None

    def action_what_if(self) -> None:
        """Wat als…?: explore another branch; the finished attempt stays as it is."""
        from wijzer_tui.screens.what_if import WhatIfScreen

        self.app.push_screen(WhatIfScreen(self.session.scenario, self.session.attempt))

    def action_next_scenario(self) -> None:
        if self.session.position.section != "end":
            return
        next_up = self._next_up()
        if next_up is None:
            return
        self.dismiss(None)
        home = self.app.screen
        if hasattr(home, "start"):
            home.start(next_up)
