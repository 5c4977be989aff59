"""The article list's date filter: a button whose menu holds a From and a To field.

Dates are written as the project stores them, whole or partial ("2024-06"), or as a news
export writes them ("17 June 2024"); a partial date stands for its whole period (see
`services.article_filters`). A date that cannot be read is said under the fields and the
filter stays as it was."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QFormLayout,
    QLabel,
    QLineEdit,
    QMenu,
    QPushButton,
    QToolButton,
    QWidget,
    QWidgetAction,
)

from stancecoder.core.errors import StanceCoderError
from stancecoder.services.article_filters import DateRange, date_range

ANY = "All dates"
HELP = "Only articles dated within the range (2024, 2024-06 or 2024-06-17; either end open)"


class DateFilterButton(QToolButton):
    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.setMenu(QMenu(self))
        self.start = QLineEdit(placeholderText="2024-06-01", clearButtonEnabled=True)
        self.end = QLineEdit(placeholderText="2024-06-30", clearButtonEnabled=True)
        self.problem = QLabel(wordWrap=True)
        self.problem.hide()
        apply = QPushButton("&Apply")
        form = QWidget()
        layout = QFormLayout(form)
        layout.addRow("&From", self.start)
        layout.addRow("&To", self.end)
        layout.addRow(self.problem)
        layout.addRow(apply)
        holder = QWidgetAction(self)
        holder.setDefaultWidget(form)
        self.menu().addAction(holder)
        self.menu().addAction("&Clear the date filter", self.clear)
        for field in (self.start, self.end):
            field.returnPressed.connect(self.apply)
        apply.clicked.connect(self.apply)
        self._dates = DateRange()
        self._show()

    def value(self) -> DateRange:
        return self._dates

    def reset(self) -> None:
        self.start.clear()
        self.end.clear()
        self._dates = DateRange()
        self._show()

    def clear(self) -> None:
        had = bool(self._dates)
        self.reset()
        if had:
            self.changed.emit()

    def apply(self) -> None:
        """Take the fields' range, or say why not and keep the one before."""
        try:
            dates = date_range(self.start.text(), self.end.text())
        except StanceCoderError as error:
            self.problem.setText(str(error))
            self.problem.show()
            return
        self.problem.hide()
        self.menu().close()
        if dates != self._dates:
            self._dates = dates
            self._show()
            self.changed.emit()

    def _show(self) -> None:
        dates = self._dates
        text = f"{dates.start or '…'} – {dates.end or '…'}" if dates else ANY
        self.setText(text)
        self.setToolTip(f"{text}\n\n{HELP}" if dates else HELP)
