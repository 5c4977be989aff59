"""The passages of the current article as a table: the quote, a column per passage
variable (actor, topic, stance: each short enough to read), the memo and the coder.

Columns no passage of the article fills are hidden, and so is the coder's while there is
one coder, so a narrow side column spends its width on what there is; every cell shows its
full text on hover. Another coder's passage is set in italics.

Selecting a row asks the window to show that passage; Delete asks it to delete one. The
list itself changes nothing: the window runs the command and hands back fresh passages.
"""

from __future__ import annotations

from html import escape

from PySide6.QtCore import (
    QAbstractTableModel,
    QEvent,
    QItemSelection,
    QItemSelectionModel,
    QModelIndex,
    QPersistentModelIndex,
    QSize,
    Qt,
    Signal,
)
from PySide6.QtGui import QFont, QKeyEvent, QPainter, QPaintEvent, QPalette, QResizeEvent
from PySide6.QtWidgets import QAbstractItemView, QTableView, QWidget

from stancecoder.core.codebook_view import (
    FALLBACK_COLOUR,
    CodebookView,
    VariableView,
    point_text,
)
from stancecoder.core.passage_view import PassageView
from stancecoder.ui.widgets.code_picker import swatch
from stancecoder.ui.workbench.passage_cells import CellPainter, Look

EMPTY_TEXT = "No passages yet. Select text in the article and code it."
HINTS_KEPT = 20_000  # cell widths and rows remembered, a few articles' worth
QUOTE_SHARE = 0.22  # of the width the quote keeps: its words are highlighted in the reader
Index = QModelIndex | QPersistentModelIndex
_Role = Qt.ItemDataRole
DISPLAY, TOOLTIP, DECORATION, FONT, ID = (
    _Role.DisplayRole,
    _Role.ToolTipRole,
    _Role.DecorationRole,
    _Role.FontRole,
    _Role.UserRole,
)
ANSWERED = frozenset({DISPLAY, TOOLTIP, DECORATION, FONT, ID})
"""The roles the model has an answer for. Painting the list asks each cell for some ten
roles, each a call into Python: the others are refused before any work."""


class PassageTableModel(QAbstractTableModel):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.passages: list[PassageView] = []
        self.variables: list[VariableView] = []
        self.viewer: str | None = None
        # per row, per variable: (text, full path, colour) of each of its codes
        self._codes: list[list[list[tuple[str, str, str]]]] = []
        self._texts: list[list[str]] = []  # per row, what each column shows
        # both of a passage by its id and version, as made for `_codebook`
        self._made: dict[tuple[int, int], tuple[list[list[tuple[str, str, str]]], list[str]]] = {}
        self._codebook: CodebookView | None = None
        self._italic = QFont()
        self._italic.setItalic(True)

    def set_passages(self, passages: list[PassageView], codebook: CodebookView) -> None:
        """New rows; with the same variables as before, as rows taken away and put in
        rather than a reset, which would rebuild the header and repaint it unchanged."""
        if codebook is not self._codebook:
            self._made.clear()
            self._codebook = codebook
        variables = codebook.passage_variables()
        if variables != self.variables:
            self.beginResetModel()
            self._fill(passages, codebook, variables)
            self.endResetModel()
            return
        if self.passages:
            self.beginRemoveRows(QModelIndex(), 0, len(self.passages) - 1)
            self._fill([], codebook, variables)
            self.endRemoveRows()
        if passages:
            self.beginInsertRows(QModelIndex(), 0, len(passages) - 1)
            self._fill(passages, codebook, variables)
            self.endInsertRows()

    def _fill(
        self, passages: list[PassageView], codebook: CodebookView, variables: list[VariableView]
    ) -> None:
        """Each row's cells are made once per version of its passage: after Enter one row
        is new and the others are as they were."""
        self.passages = list(passages)
        self.variables = variables
        if len(self._made) > HINTS_KEPT:
            self._made.clear()
        cells: dict[int, tuple[int, tuple[str, str, str]] | None] = {}  # by code id
        rows = [
            self._made.get((p.id, p.version)) or self._make(p, codebook, cells)
            for p in self.passages
        ]
        self._codes = [codes for codes, _texts in rows]
        self._texts = [texts for _codes, texts in rows]

    def _make(
        self,
        passage: PassageView,
        codebook: CodebookView,
        cells: dict[int, tuple[int, tuple[str, str, str]] | None],
    ) -> tuple[list[list[tuple[str, str, str]]], list[str]]:
        codes = _by_variable(codebook, self.variables, passage.codes, cells)
        # made once here: sizing the columns asks for every cell's text
        texts = [
            " ".join(passage.quote.split()),
            *(", ".join(text for text, _path, _colour in by) for by in codes),
            " ".join(passage.memo.split()),
            passage.coder,
        ]
        self._made[passage.id, passage.version] = codes, texts
        return codes, texts

    def headers(self) -> list[str]:
        names = [v.name[:1].upper() + v.name[1:] for v in self.variables]
        return ["Quote", *names, "Memo", "Coder"]

    def memo_column(self) -> int:
        return len(self.variables) + 1

    def coder_column(self) -> int:
        return len(self.variables) + 2

    def filled(self, column: int) -> bool:
        """Whether any row has something in the column."""
        return any(texts[column] for texts in self._texts)

    def looks(self, column: int) -> list[tuple[str, bool, bool]]:
        """All each cell's size depends on, row by row: its text, italics, a colour square
        or not."""
        coded = 0 < column <= len(self.variables)
        return [
            (texts[column], self._others(passage), coded and bool(codes[column - 1]))
            for texts, passage, codes in zip(self._texts, self.passages, self._codes, strict=True)
        ]

    def row_of(self, passage_id: int) -> int | None:
        return next((r for r, p in enumerate(self.passages) if p.id == passage_id), None)

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.passages)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.variables) + 3

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = 0) -> object:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self.headers()[section]
        return None

    def data(self, index: Index, role: int = DISPLAY) -> object:
        if role not in ANSWERED:  # most of the roles Qt asks for each cell it paints
            return None
        row, column = index.row(), index.column()
        if role == DISPLAY:
            return self._texts[row][column]
        passage = self.passages[row]
        codes = self._codes[row][column - 1] if 0 < column <= len(self.variables) else []
        if role == TOOLTIP:
            return self._tooltip(passage, column, codes)
        if role == DECORATION and codes:
            return swatch(codes[0][2])
        if role == FONT and self._others(passage):
            return self._italic
        if role == ID:
            return passage.id
        return None

    def cell(self, row: int, column: int) -> tuple[str, str | None, bool]:
        codes = self._codes[row][column - 1] if 0 < column <= len(self.variables) else []
        return (
            self._texts[row][column],
            codes[0][2] if codes else None,
            self._others(self.passages[row]),
        )

    def _others(self, passage: PassageView) -> bool:
        return self.viewer is not None and passage.coder != self.viewer

    def _tooltip(
        self, passage: PassageView, column: int, codes: list[tuple[str, str, str]]
    ) -> str | None:
        if column == 0:
            full = passage.quote
        elif column == self.memo_column():
            full = passage.memo
        elif column == self.coder_column():
            whose = "another coder’s" if self._others(passage) else "a"
            full = f"{passage.coder}: {whose} passage"
        else:
            full = "\n".join(path for _text, path, _colour in codes)
        return f"<p>{escape(full).replace(chr(10), '<br>')}</p>" if full else None


class PassageList(QTableView):
    passageActivated = Signal(int)
    deleteRequested = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.passage_model = PassageTableModel(self)
        self.setModel(self.passage_model)
        self._painter = CellPainter(self.passage_model, self)
        self.setItemDelegate(self._painter)
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
        header.setMinimumSectionSize(24)
        self.setIconSize(QSize(12, 12))
        self._quiet = False
        self._hints: dict[tuple[str, bool, bool], int] = {}  # a cell's width by its looks
        self.selectionModel().selectionChanged.connect(self._selection_changed)

    @property
    def viewer(self) -> str | None:
        """Who codes in this window: other coders' rows are set apart."""
        return self.passage_model.viewer

    @viewer.setter
    def viewer(self, name: str | None) -> None:
        self.passage_model.viewer = name

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
        model = self.passage_model
        for column in range(1, model.columnCount()):
            self.setColumnHidden(column, not model.filled(column))
        coders = {p.coder for p in passages}
        # one coder (blind mode, say): no news there
        self.setColumnHidden(model.coder_column(), len(coders) < 2)
        self._share_width()

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
        super().resizeEvent(event)
        self._share_width()

    def _share_width(self) -> None:
        """Each shown column gets what its text needs when all fit beside the quote's
        share; when not, the room is shared fairly: a column needing less than an equal
        share (the coder's) takes what it needs, the others split the rest alike. The
        quote takes what remains."""
        header = self.horizontalHeader()
        width = self.viewport().width()
        shown = [
            c for c in range(1, self.passage_model.columnCount()) if not self.isColumnHidden(c)
        ]
        wants = {c: max(self._cells_width(c), header.sectionSizeHint(c)) for c in shown}
        sizes = fair_shares(wants, int(width * (1 - QUOTE_SHARE)))
        for column, size in sizes.items():
            header.resizeSection(column, size)
        header.resizeSection(0, max(width - sum(sizes.values()), 24))

    def _cells_width(self, column: int) -> int:
        """Qt's `sizeHintForColumn` (the widest cell's size hint), from hints kept by the
        cells' looks: Qt asks the model for eight roles of every cell, some 2,000 calls into
        Python for 60 passages and 5 ms after each Enter, where one passage is new."""
        if len(self._hints) > HINTS_KEPT:
            self._hints.clear()
        model = self.passage_model
        widest = -1
        for row, looks in enumerate(model.looks(column)):
            hint = self._hints.get(looks)
            if hint is None:
                hint = self._hints[looks] = self.sizeHintForIndex(model.index(row, column)).width()
            widest = max(widest, hint)
        return widest + 1 if self.showGrid() and widest >= 0 else widest

    def changeEvent(self, event: QEvent) -> None:
        if event.type() in (QEvent.Type.FontChange, QEvent.Type.StyleChange):
            self._hints.clear()  # the same text takes another width
            self._painter.forget(self.style())
        super().changeEvent(event)

    def paintEvent(self, event: QPaintEvent) -> None:
        self._painter.look = Look.of(self)
        super().paintEvent(event)
        if self.passage_model.rowCount():
            return
        painter = QPainter(self.viewport())
        painter.setPen(self.palette().color(QPalette.ColorRole.PlaceholderText))
        area = self.viewport().rect().adjusted(16, 16, -16, -16)
        flags = Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop | Qt.TextFlag.TextWordWrap
        painter.drawText(area, flags, EMPTY_TEXT)
        painter.end()


def fair_shares(wants: dict[int, int], room: int) -> dict[int, int]:
    """Max-min fair widths: the smallest wants are met first, then whoever is left splits
    what remains equally."""
    sizes: dict[int, int] = {}
    waiting = sorted(wants, key=wants.__getitem__)
    while waiting:
        share = max(room - sum(sizes.values()), 0) // len(waiting)
        column = waiting.pop(0)
        if wants[column] <= share:
            sizes[column] = wants[column]
        else:
            share = max(share, 24)
            sizes.update({c: share for c in [column, *waiting]})
            break
    return sizes


def _by_variable(
    codebook: CodebookView,
    variables: list[VariableView],
    ids: tuple[int, ...],
    cells: dict[int, tuple[int, tuple[str, str, str]] | None],
) -> list[list[tuple[str, str, str]]]:
    """A passage's codes grouped by variable as the list shows them: label (with its value
    on a scale), full path and colour. A code the codebook no longer has goes to the first
    variable, named by its id. `cells` keeps each code's column and cell for the next
    passage: an article's passages share a few codes."""
    grouped: list[list[tuple[str, str, str]]] = [[] for _ in variables]
    for code_id in ids:
        if code_id not in cells:
            cells[code_id] = _cell(codebook, variables, code_id)
        found = cells[code_id]
        if found is not None and grouped:
            grouped[found[0]].append(found[1])
    return grouped


def _cell(
    codebook: CodebookView, variables: list[VariableView], code_id: int
) -> tuple[int, tuple[str, str, str]] | None:
    """A code's column among `variables` and its cell; None for a code of another variable."""
    try:
        code = codebook.code(code_id)
    except KeyError:
        return 0, (f"code {code_id}", f"code {code_id}", FALLBACK_COLOUR)
    column = next((n for n, v in enumerate(variables) if v.name == code.variable), None)
    if column is None:
        return None
    return column, (point_text(code.value, code.label), code.path_text, code.colour)
