"""Retrieved passages: every passage matching the filters, across the corpus, as a table
of its words in context, codes, coder and article. Enter or a double-click opens the
article at the passage in the window; Export writes the filtered set.

Modeless, so the researcher reads a passage in the window and comes back to the list,
which follows the project's changes while it is open. The service applies the blind rules,
so a coder sees here only what the reader shows them.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from stancecoder.core.codebook_view import CodebookView
from stancecoder.core.context import short_quote
from stancecoder.core.errors import StanceCoderError
from stancecoder.core.wording import counted
from stancecoder.services.coders import list_coders
from stancecoder.services.project import Project
from stancecoder.services.retrieval import (
    RetrievalFilter,
    Retrieved,
    find_passages,
    known_sources,
)
from stancecoder.services.retrieval_export import export_passages
from stancecoder.ui.common.changes_bus import bus_of
from stancecoder.ui.common.errors import show_problem
from stancecoder.ui.retrieval.filters import RetrievalFilters

COLUMNS = ("Article", "Coder", "Passage in context", "Codes")
TITLE_LIMIT = 44  # characters of an article's title in its column; all of it in the tip
FILTER_DELAY_MS = 250  # typing in a field reads once the typing pauses


class RetrievalView(QDialog):
    openPassage = Signal(int, int)  # article id, start of the passage (code points)

    def __init__(
        self, project: Project, codebook: CodebookView, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.project = project
        self.setWindowTitle("Retrieve passages")
        self.retrieved: Retrieved | None = None
        coders = [c.name for c in list_coders(project)]
        self.filters = RetrievalFilters(codebook, coders, known_sources(project), self)
        self.table = QTableWidget(0, len(COLUMNS), self)
        self.table.setHorizontalHeaderLabels(COLUMNS)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setWordWrap(True)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(3, QHeaderView.ResizeMode.Interactive)
        self.table.setColumnWidth(0, 200)
        self.table.setColumnWidth(3, 220)
        header.sectionResized.connect(lambda *_: self.table.resizeRowsToContents())
        self.table.cellDoubleClicked.connect(lambda row, _column: self.open_row(row))
        self.table.installEventFilter(self)
        self.count = QLabel(self)
        self.export_button = QPushButton("&Export…", self)
        self.export_button.clicked.connect(self.choose_export)
        close = QPushButton("Close", self)
        close.clicked.connect(self.close)
        bottom = QHBoxLayout()
        bottom.addWidget(self.count, 1)
        bottom.addWidget(self.export_button)
        bottom.addWidget(close)
        layout = QVBoxLayout(self)
        layout.addWidget(self.filters)
        layout.addWidget(self.table, 1)
        layout.addLayout(bottom)
        self.timer = QTimer(self, singleShot=True, interval=FILTER_DELAY_MS)
        self.timer.timeout.connect(self.refresh)
        self.filters.changed.connect(self.timer.start)
        bus_of(project).changed.connect(self._project_changed)
        self.resize(960, 600)
        self.refresh()

    def refresh(self) -> None:
        try:
            self.retrieved = find_passages(self.project, self.filters.filters())
        except StanceCoderError as error:
            self.count.setText(str(error))
            return
        matches = self.retrieved.matches
        self.table.setRowCount(len(matches))
        for row, match in enumerate(matches):
            codes = "; ".join(label for labels in match.codes.values() for label in labels)
            where = ", ".join(part for part in (match.source, match.published) if part)
            article = f"{short_quote(match.title, TITLE_LIMIT)}\n{where}".strip()
            cells = (article, match.coder, match.context.plain(), codes)
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setToolTip((match.title, match.coder, match.quote, codes)[column])
                self.table.setItem(row, column, item)
        self.table.resizeRowsToContents()
        self.count.setText(counted(len(matches), "passage"))
        self.export_button.setEnabled(bool(matches))

    def show_filter(self, filters: RetrievalFilter) -> None:
        """The passages `filters` finds (a crosstab's cell), read at once."""
        self.filters.set_filter(filters)
        self.timer.stop()
        self.refresh()

    def _project_changed(self, _changes: object) -> None:
        """A coding saved here or by another coder shows in the list while it is open."""
        if self.isVisible():
            self.timer.start()

    def open_row(self, row: int) -> None:
        if self.retrieved is not None and 0 <= row < len(self.retrieved.matches):
            match = self.retrieved.matches[row]
            self.openPassage.emit(match.article_id, match.start)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """Enter in the table opens the chosen passage, as a double-click does."""
        if (
            watched is self.table
            and isinstance(event, QKeyEvent)
            and event.type() == QEvent.Type.KeyPress
            and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
        ):
            self.open_row(self.table.currentRow())
            return True
        return super().eventFilter(watched, event)

    def choose_export(self) -> None:
        path, _ = QFileDialog.getSaveFileName(
            self, "Export passages", "passages.xlsx", "Excel (*.xlsx);;CSV (*.csv)"
        )
        if path:
            self.export_to(Path(path))

    def export_to(self, path: Path) -> None:
        if self.retrieved is None:
            return
        try:
            written = export_passages(self.project, self.retrieved, path)
        except StanceCoderError as error:
            show_problem(self, str(error))
            return
        self.count.setText(f"{counted(written, 'passage')} written to {path.name}")
