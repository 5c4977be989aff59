"""The passages of the current article as a table: quote, codes, memo, coder.

Selecting a row asks the window to show that passage; Delete asks it to delete one. The
list itself changes nothing: the window runs the command and hands back fresh passages.
"""

from __future__ import annotations

from html import escape

from PySide6.QtCore import (
    QAbstractTableModel,
    QItemSelection,
    QItemSelectionModel,
    QModelIndex,
    QPersistentModelIndex,
    QSize,
    Qt,
    Signal,
)
from PySide6.QtGui import QKeyEvent, QPainter, QPaintEvent, QPalette, QResizeEvent
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView, QWidget

from stancecoder.core.codebook_view import FALLBACK_COLOUR, CodebookView
from stancecoder.core.passage_view import PassageView
from stancecoder.ui.widgets.code_picker import swatch
from stancecoder.ui.widgets.scale_picker import value_text

COLUMNS = ("Quote", "Codes", "Memo", "Coder")
EMPTY_TEXT = "No passages yet. Select text in the article and code it."
Index = QModelIndex | QPersistentModelIndex


class PassageTableModel(QAbstractTableModel):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.passages: list[PassageView] = []
        self._codes: list[list[tuple[str, str]]] = []  # per row: (text, colour) of each code

    def set_passages(self, passages: list[PassageView], codebook: CodebookView) -> None:
        self.beginResetModel()
        self.passages = list(passages)
        self._codes = [[_describe(codebook, i) for i in p.codes] for p in self.passages]
        self.endResetModel()

    def row_of(self, passage_id: int) -> int | None:
        return next((r for r, p in enumerate(self.passages) if p.id == passage_id), None)

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.passages)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = 0) -> object:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return COLUMNS[section]
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        passage, column = self.passages[index.row()], index.column()
        codes = self._codes[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return (
                " ".join(passage.quote.split()),
                " · ".join(text for text, _ in codes),
                " ".join(passage.memo.split()),
                passage.coder,
            )[column]
        if role == Qt.ItemDataRole.ToolTipRole:
            full = (passage.quote, "\n".join(text for text, _ in codes), passage.memo, "")
            return (
                f"<p>{escape(full[column]).replace(chr(10), '<br>')}</p>" if full[column] else None
            )
        if role == Qt.ItemDataRole.DecorationRole and column == 1 and codes:
            return swatch(codes[0][1])
        if role == Qt.ItemDataRole.UserRole:
            return passage.id
        return None


class PassageList(QTableView):
    passageActivated = Signal(int)
    deleteRequested = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.passage_model = PassageTableModel(self)
        self.setModel(self.passage_model)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setAlternatingRowColors(True)
        self.setWordWrap(False)
        self.setShowGrid(False)
        self.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.verticalHeader().hide()
        header = self.horizontalHeader()
        header.setHighlightSections(False)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(3, QHeaderView.ResizeMode.ResizeToContents)
        self.setIconSize(QSize(12, 12))
        self._quiet = False
        self.selectionModel().selectionChanged.connect(self._selection_changed)

    def set_passages(self, passages: list[PassageView], codebook: CodebookView) -> None:
        """Refresh; the passage selected before stays selected if it is still there."""
        kept = self.current_passage()
        self._quiet = True
        try:
            self.passage_model.set_passages(passages, codebook)
        finally:
            self._quiet = False
        if kept is not None:
            self.select_passage(kept)
        coders = {p.coder for p in passages}
        self.setColumnHidden(3, len(coders) < 2)  # one coder (blind mode, say): no news there

    def current_passage(self) -> int | None:
        rows = self.selectionModel().selectedRows()
        return self.passage_model.passages[rows[0].row()].id if rows else None

    def select_passage(self, passage_id: int | None) -> None:
        """Select (or, with None, clear) without announcing it: the caller knows already."""
        row = None if passage_id is None else self.passage_model.row_of(passage_id)
        self._quiet = True
        try:
            if row is None:
                self.clearSelection()
                return
            index = self.passage_model.index(row, 0)
            flags = QItemSelectionModel.SelectionFlag
            self.selectionModel().setCurrentIndex(index, flags.ClearAndSelect | flags.Rows)
            self.scrollTo(index)
        finally:
            self._quiet = False

    def _selection_changed(self, selected: QItemSelection, _deselected: QItemSelection) -> None:
        if self._quiet or selected.isEmpty():
            return
        self.passageActivated.emit(self.passage_model.passages[selected.indexes()[0].row()].id)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        current = self.current_passage()
        if event.key() == Qt.Key.Key_Delete and current is not None:
            self.deleteRequested.emit(current)
        elif event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and current is not None:
            self.passageActivated.emit(current)  # show it again, e.g. after scrolling away
        else:
            super().keyPressEvent(event)

    def resizeEvent(self, event: QResizeEvent) -> None:
        """Codes and memo keep a share of the width, so a narrow side column still shows
        some of every column; the quote takes the rest."""
        super().resizeEvent(event)
        width = self.viewport().width()
        self.horizontalHeader().resizeSection(1, int(width * 0.38))
        self.horizontalHeader().resizeSection(2, int(width * 0.17))

    def paintEvent(self, event: QPaintEvent) -> None:
        super().paintEvent(event)
        if self.passage_model.rowCount():
            return
        painter = QPainter(self.viewport())
        painter.setPen(self.palette().color(QPalette.ColorRole.PlaceholderText))
        area = self.viewport().rect().adjusted(16, 16, -16, -16)
        flags = Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop | Qt.TextFlag.TextWordWrap
        painter.drawText(area, flags, EMPTY_TEXT)
        painter.end()


def _describe(codebook: CodebookView, code_id: int) -> tuple[str, str]:
    """A code as the list shows it: its label (with its value on a scale) and colour."""
    try:
        code = codebook.code(code_id)
    except KeyError:
        return f"code {code_id}", FALLBACK_COLOUR
    text = f"{value_text(code.value)} {code.label}" if code.value is not None else code.label
    return text, code.colour
