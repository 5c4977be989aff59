"""What the sample and split dialogs share: which coders, an optional seed, a wait."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from contextlib import contextmanager

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtGui import QCursor, QIntValidator
from PySide6.QtWidgets import QApplication, QLineEdit, QListWidget, QListWidgetItem, QWidget

from stancecoder.services.coders import CoderInfo
from stancecoder.services.samples import SEED_LIMIT

ROW_PADDING = 10  # air around each name, as in the other lists
NAME_ROLE = Qt.ItemDataRole.UserRole + 1


class CoderChecklist(QListWidget):
    """Coders to tick with the mouse or Space; `checkedChanged` follows every tick.

    Coders start ticked and leads not: a lead usually oversees a round rather than codes
    it, and a lead who does code it ticks their own name."""

    checkedChanged = Signal()

    def __init__(self, coders: Sequence[CoderInfo], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        row_height = self.fontMetrics().height() + ROW_PADDING
        for coder in coders:
            lead = coder.role == "lead"
            item = QListWidgetItem(coder.name + ("  (lead)" if lead else ""))
            item.setData(NAME_ROLE, coder.name)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Unchecked if lead else Qt.CheckState.Checked)
            item.setSizeHint(QSize(0, row_height))
            self.addItem(item)
        if self.count():
            self.setCurrentRow(0)
        rows = min(max(self.count(), 2), 6)  # a team at a glance; a large one scrolls
        self.setFixedHeight(rows * row_height + 2 * self.frameWidth())
        self.itemChanged.connect(lambda _item: self.checkedChanged.emit())

    def checked(self) -> list[str]:
        return [
            self.item(row).data(NAME_ROLE)
            for row in range(self.count())
            if self.item(row).checkState() == Qt.CheckState.Checked
        ]


class SeedField(QLineEdit):
    """A whole number, or nothing for a seed chosen at random (and recorded)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setValidator(QIntValidator(0, SEED_LIMIT - 1, self))
        self.setPlaceholderText("random")
        self.setClearButtonEnabled(True)

    def seed(self) -> int | None:
        text = self.text().strip()
        return int(text) if text else None


@contextmanager
def waiting() -> Iterator[None]:
    """A busy pointer while a sample of thousands of articles is written in one go; it
    is one transaction, so there is nothing a Cancel could stop half way."""
    QApplication.setOverrideCursor(QCursor(Qt.CursorShape.WaitCursor))
    try:
        yield
    finally:
        QApplication.restoreOverrideCursor()
