"""The consensus coding being written or edited: the coding panel with a heading that says
which text it covers and what the coders disputed there.

The boundaries are the text selected in the article pane: the dialog passes every new
selection to `move_to`, so the lead sets where a consensus begins and ends the way a
coder does, by selecting.
"""

from __future__ import annotations

from dataclasses import dataclass
from html import escape

from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QWidget

from stancecoder.core.passage_view import PassageView
from stancecoder.ui.adjudication.table import context_html
from stancecoder.ui.widgets.coding_panel import CodingPanel

QUOTE_SHOWN = 140


@dataclass
class EditTarget:
    """A consensus passage being edited, or (passage None) a new one."""

    passage: PassageView | None
    span: tuple[int, int]  # code points; where the coding will cover once saved
    site: int | None = None  # the site's number in the table, for the heading
    dispute: str = ""  # what the coders disagree on there, in a sentence

    @property
    def moved(self) -> bool:
        stored = (self.passage.start, self.passage.end) if self.passage else None
        return stored is not None and stored != self.span

    def keeps(self, codes: dict[str, list[int]], memo: str) -> bool:
        """Saving these would change nothing stored, so it need not be an undo step."""
        chosen = sorted(i for ids in codes.values() for i in ids)
        stored = self.passage
        return (
            stored is not None
            and not self.moved
            and memo == stored.memo
            and chosen == sorted(stored.codes)
        )


class ConsensusEditor(CodingPanel):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.target: EditTarget | None = None
        self._article = ""
        self.save_button.setToolTip("Save the consensus (Enter)")

    def start(self, target: EditTarget, text: str, codes: dict[str, list[int]]) -> None:
        """Show the target: a stored consensus with its own codes, a new one with `codes`
        (what the coders agreed on), `text` being the article's."""
        self.target, self._article = target, text
        self.load(target.passage, self._covered())
        if target.passage is None:
            for name, picker in self.fields.items():
                picker.set_codes(codes.get(name, []))
        self._show_target()

    def move_to(self, span: tuple[int, int]) -> None:
        if self.target is not None:
            self.target.span = span
            self._show_target()

    def stop(self) -> None:
        self.target = None
        self.load(None, None)

    def _covered(self) -> str:
        start, end = self.target.span if self.target else (0, 0)
        return self._article[start:end]

    def _show_target(self) -> None:
        target = self.target
        if target is None:
            return
        start, end = target.span
        if target.passage is None:
            title = "New consensus coding"
        else:
            title = "Consensus" + (f" at passage {target.site}" if target.site else "")
        moved = " · <b>boundaries changed</b>" if target.moved else ""
        disputed = f"<br>{escape(target.dispute)}" if target.dispute else ""
        quiet = self.palette().color(QPalette.ColorRole.PlaceholderText).name()
        self.heading.setText(
            f"<b>{escape(title)}</b>{moved}<br>"
            f"{context_html(self._article, start, end, QColor(quiet))}{disputed}<br>"
            f"<span style='color:{quiet}'>Select text in the article to move its"
            " boundaries.</span>"
        )
