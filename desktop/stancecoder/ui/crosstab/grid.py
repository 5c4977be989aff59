"""A table of one or more coders' figures in one grid: each coder's table under a heading
row that names whose codings it counts, and for each cell what it opens."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QFont, QKeyEvent
from PySide6.QtWidgets import QAbstractItemView, QTableWidget, QTableWidgetItem, QWidget

from stancecoder.services.retrieval import RetrievalFilter

WRAP_AT = 16  # characters of a column's heading on one line


@dataclass(frozen=True)
class Block:
    """One coder's table: its heading, row labels, and per row the cells' text, tip and
    the filter of its passages (None where there is nothing to open)."""

    heading: str
    rows: Sequence[str]
    cells: Sequence[Sequence[tuple[str, str, RetrievalFilter | None]]]


def two_lines(label: str) -> str:
    """A long category on two lines, broken at the space nearest its middle, so a column
    is as wide as its figures rather than its heading."""
    if len(label) <= WRAP_AT or " " not in label:
        return label
    middle = len(label) // 2
    spaces = [i for i, char in enumerate(label) if char == " "]
    cut = min(spaces, key=lambda i: abs(i - middle))
    return f"{label[:cut]}\n{label[cut + 1 :]}"


class Grid(QTableWidget):
    """Enter or a double-click on a cell hands its filter to `opened`."""

    def __init__(self, opened: Callable[[RetrievalFilter], None], parent: QWidget) -> None:
        super().__init__(0, 0, parent)
        self.opened = opened
        self.targets: dict[tuple[int, int], RetrievalFilter] = {}
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.verticalHeader().hide()
        self.setWordWrap(False)
        self.cellDoubleClicked.connect(self.open_cell)
        self.installEventFilter(self)

    def show_blocks(self, columns: Sequence[str], blocks: Sequence[Block]) -> None:
        self.clear()
        self.clearSpans()  # a heading's row may hold figures now
        self.targets = {}
        self.setColumnCount(len(columns) + 1)
        self.setHorizontalHeaderLabels(["", *(two_lines(c) for c in columns)])
        for column, name in enumerate(columns, start=1):
            self.horizontalHeaderItem(column).setToolTip(name)
        self.setRowCount(sum(len(b.rows) + 1 for b in blocks))
        bold = QFont(self.font())
        bold.setBold(True)
        row = 0
        for block in blocks:
            heading = QTableWidgetItem(block.heading)
            heading.setFont(bold)
            heading.setFlags(Qt.ItemFlag.ItemIsEnabled)
            self.setItem(row, 0, heading)
            self.setSpan(row, 0, 1, len(columns) + 1)
            row += 1
            for label, cells in zip(block.rows, block.cells, strict=True):
                self.setItem(row, 0, QTableWidgetItem(label))
                for column, (text, tip, target) in enumerate(cells, start=1):
                    item = QTableWidgetItem(text)
                    item.setTextAlignment(
                        Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
                    )
                    item.setToolTip(tip)
                    self.setItem(row, column, item)
                    if target is not None:
                        self.targets[(row, column)] = target
                row += 1
        self.resizeColumnsToContents()

    def open_cell(self, row: int, column: int) -> None:
        target = self.targets.get((row, column))
        if target is not None:
            self.opened(target)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """Enter opens the current cell's passages, as a double-click does."""
        if (
            watched is self
            and isinstance(event, QKeyEvent)
            and event.type() == QEvent.Type.KeyPress
            and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
        ):
            self.open_cell(self.currentRow(), self.currentColumn())
            return True
        return super().eventFilter(watched, event)
