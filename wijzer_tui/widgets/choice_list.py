"""An option list with marks: pick several options (☐/☒) or exactly one (○/●); long text wraps."""

from __future__ import annotations

from collections.abc import Iterable

from rich.table import Table
from rich.text import Text
from textual import on
from textual.binding import Binding
from textual.message import Message
from textual.widgets import OptionList
from textual.widgets.option_list import Option

MARKS = {True: ("☐", "☒"), False: ("○", "●")}  # multiple -> (off, on); single -> (off, on)


class ChoiceList(OptionList):
    """Options as full sentences; space, Enter or a click toggles the highlighted option."""

    BINDINGS = [Binding("space", "toggle", "Kiezen", show=False)]

    class Changed(Message):
        """The chosen ids changed."""

        def __init__(self, choice_list: ChoiceList) -> None:
            super().__init__()
            self.choice_list = choice_list

        @property
        def control(self) -> ChoiceList:
            return self.choice_list

    def __init__(
        self,
        options: Iterable[tuple[str, str]],
        *,
        multiple: bool = True,
        chosen: Iterable[str] = (),
        id: str | None = None,
    ) -> None:
        self.texts = dict(options)
        self.multiple = multiple
        self.chosen: list[str] = [i for i in chosen if i in self.texts]
        super().__init__(*self._build_options(), id=id)

    def _prompt(self, option_id: str) -> Table:
        # A two-column grid gives wrapped lines a hanging indent under the text, not the mark.
        mark = MARKS[self.multiple][option_id in self.chosen]
        grid = Table.grid(padding=(0, 1))
        grid.add_column(width=1, no_wrap=True)
        grid.add_column(ratio=1)
        grid.add_row(Text(mark, style="bold"), Text(self.texts[option_id]))
        return grid

    def _build_options(self) -> list[Option]:
        return [Option(self._prompt(i), id=i) for i in self.texts]

    def _redraw(self) -> None:
        highlighted = self.highlighted
        self.clear_options()
        self.add_options(self._build_options())
        self.highlighted = highlighted

    def toggle(self, option_id: str) -> None:
        """Choose or unchoose an option (single mode: choose only this one)."""
        if self.disabled or option_id not in self.texts:
            return
        if not self.multiple:
            self.chosen = [option_id]
        elif option_id in self.chosen:
            self.chosen.remove(option_id)
        else:
            self.chosen.append(option_id)
        self._redraw()
        self.post_message(self.Changed(self))

    def action_toggle(self) -> None:
        if self.highlighted is not None:
            option = self.get_option_at_index(self.highlighted)
            self.toggle(str(option.id))

    @on(OptionList.OptionSelected)
    def _selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.toggle(str(event.option.id))
