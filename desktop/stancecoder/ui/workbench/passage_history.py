"""The history of one passage (Ctrl+Shift+H): who coded, recoded, moved or deleted it,
when, and what each change was; read-only, as the history itself is."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from stancecoder.core.context import short_quote
from stancecoder.core.history import HistoryEntry
from stancecoder.core.wording import counted

COLUMNS = ("When", "Who", "Action", "What changed")


def when_text(entry: HistoryEntry) -> str:
    """The time on this computer's clock, to the minute: the coder's own day."""
    return entry.at.astimezone().strftime("%Y-%m-%d %H:%M")


def who_text(entry: HistoryEntry) -> str:
    """The actor, and whose work it was when that was someone else's (a lead's edit, an
    import, an adjudication)."""
    if entry.coder is None or entry.actor == entry.coder:
        return entry.actor
    return f"{entry.actor} (for {entry.coder})"


class PassageHistory(QDialog):
    def __init__(
        self, quote: str, entries: Sequence[HistoryEntry], parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle("Passage history")
        self.resize(720, 360)
        changes = counted(len(entries), "change")
        self.heading = QLabel(f"“{short_quote(quote)}”: {changes}, oldest first")
        self.heading.setWordWrap(True)
        table = QTableWidget(len(entries), len(COLUMNS), self)
        table.setHorizontalHeaderLabels(list(COLUMNS))
        table.verticalHeader().hide()
        table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        table.setSelectionBehavior(QTableWidget.SelectionBehavior.SelectRows)
        table.setAlternatingRowColors(True)
        table.setWordWrap(True)
        for row, entry in enumerate(entries):
            values = (when_text(entry), who_text(entry), entry.action, entry.change)
            for column, value in enumerate(values):
                item = QTableWidgetItem(value)
                item.setToolTip(value)
                table.setItem(row, column, item)
        header = table.horizontalHeader()
        for column in range(len(COLUMNS) - 1):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(len(COLUMNS) - 1, QHeaderView.ResizeMode.Stretch)
        table.resizeRowsToContents()
        self.table = table
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addWidget(table)
        layout.addWidget(buttons)
