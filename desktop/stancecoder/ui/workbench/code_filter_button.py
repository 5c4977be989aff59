"""The article list's code filter: a button whose menu picks codes every article shown must
have ("Putin × Sanctions"), a variable nobody coded yet, and whether only the coder's own
passages count. The button's text says what is chosen."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMenu, QToolButton, QWidget

from stancecoder.core.codebook_view import CodebookView
from stancecoder.services.code_filter import CodeFilter

ANY = "All codes"
WIDEST = 220  # pixels of the button's text
HELP = (
    "Only articles with every code ticked (or one of its sub-codes) in some passage, "
    "or with no passage coded for a variable"
)


class CodeFilterButton(QToolButton):
    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.setMenu(QMenu(self))
        self._coder: str | None = None
        self._codebook = CodebookView((), "")
        self._codes: dict[int, QAction] = {}
        self._uncoded: dict[int, QAction] = {}
        self._mine: QAction | None = None
        self._rebuild(CodeFilter())

    def set_codebook(self, codebook: CodebookView, coder: str | None) -> None:
        """The codes to choose from; what was chosen stays chosen if it still exists."""
        self._codebook, self._coder = codebook, coder
        self._rebuild(self.value())

    def reset(self, coder: str | None) -> None:
        """Nothing chosen, for this coder (another project, or another coder)."""
        self._coder = coder
        self._rebuild(CodeFilter())

    def clear(self) -> None:
        if self.value():
            self._rebuild(CodeFilter())
            self.changed.emit()

    def value(self) -> CodeFilter:
        codes = tuple(code for code, action in self._codes.items() if action.isChecked())
        uncoded = next((v for v, action in self._uncoded.items() if action.isChecked()), None)
        mine = self._mine is not None and self._mine.isChecked() and self._coder is not None
        coders = (self._coder,) if mine and self._coder else ()
        return CodeFilter(codes, uncoded, coders, viewer=self._coder)

    def _rebuild(self, chosen: CodeFilter) -> None:
        menu = self.menu()
        menu.clear()
        self._codes, self._uncoded, self._mine = {}, {}, None
        if self._coder is not None:
            self._mine = self._checkable(menu, "Only &my passages", bool(chosen.coders))
            menu.addSeparator()
        for variable in self._codebook.passage_variables():
            sub = menu.addMenu(variable.name)
            self._uncoded[variable.id] = self._checkable(
                sub,
                f"Not coded for {variable.name}",
                chosen.uncoded == variable.id,
                partial(self._only_uncoded, variable.id),
            )
            sub.addSeparator()
            for code in variable.codes:
                text = "    " * code.depth + code.label.replace("&", "&&")
                self._codes[code.id] = self._checkable(sub, text, code.id in chosen.codes)
        menu.addSeparator()
        menu.addAction("&Clear the code filter", self.clear)
        self._show()

    def _checkable(
        self,
        menu: QMenu,
        text: str,
        checked: bool,
        first: Callable[[bool], object] | None = None,
    ) -> QAction:
        """A tickable item; `first` runs before the filter is read again (Qt calls slots
        in the order connected)."""
        action = menu.addAction(text)
        action.setCheckable(True)
        action.setChecked(checked)
        if first is not None:
            action.toggled.connect(first)
        action.toggled.connect(lambda _on: self._changed())
        return action

    def _only_uncoded(self, variable: int, on: bool) -> None:
        """One variable at a time is "not coded for": a second ticked replaces the first."""
        if not on:
            return
        for other, action in self._uncoded.items():
            if other != variable and action.isChecked():
                action.blockSignals(True)
                action.setChecked(False)
                action.blockSignals(False)

    def _changed(self) -> None:
        self._show()
        self.changed.emit()

    def _show(self) -> None:
        chosen = self.value()
        parts = []
        if chosen.codes:
            parts.append(" × ".join(self._codebook.code(c).label for c in chosen.codes))
        if chosen.uncoded is not None:
            name = next(v.name for v in self._codebook.variables if v.id == chosen.uncoded)
            parts.append(f"not coded for {name}")
        text = "; ".join(parts) or ANY
        if chosen and chosen.coders:
            text += " (mine)"
        self.chosen_text = text[:1].upper() + text[1:]
        # a long choice is cut to keep the filter row's width; the tooltip has it whole
        self.setText(
            self.fontMetrics().elidedText(self.chosen_text, Qt.TextElideMode.ElideMiddle, WIDEST)
        )
        self.setToolTip(f"{self.chosen_text}\n\n{HELP}" if chosen else HELP)
