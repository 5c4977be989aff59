"""Crosstabs and code co-occurrence in the window: rows, columns, figure and layer
chosen above, the layer named in the title and over each coder's table; Enter or a
double-click on a cell lists its passages in the retrieval view.

Modeless, as the retrieval view, so the researcher reads a cell's passages and comes
back; it reads the codings again when the project changes while it is open. The read
runs in a worker: at research scale (100,000 passages) it takes seconds, as the pandas
API's does. It is one read, with no point to stop at, so Cancel drops its result; a new
choice made meanwhile starts a new read and the older result is dropped when it comes.
The figure and the co-occurrence's scope are shown from the table already read.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QTimer
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QPushButton,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from stancecoder.core.changes import Changes
from stancecoder.core.crosstab import VALUES
from stancecoder.core.crosstab_text import VALUE_WORDS, notes
from stancecoder.core.errors import StanceCoderError
from stancecoder.core.layer import Layer
from stancecoder.core.wording import counted
from stancecoder.services.coded_data import layer_choices
from stancecoder.services.crosstab import (
    Cooccurrences,
    Crosstabs,
    cooccurrences,
    crosstabs,
    dimensions,
)
from stancecoder.services.crosstab_export import export_cooccurrence, export_crosstab
from stancecoder.services.project import Project
from stancecoder.services.retrieval import RetrievalFilter
from stancecoder.ui.common.changes_bus import bus_of
from stancecoder.ui.common.errors import error_box, show_problem
from stancecoder.ui.common.fields import choice_box
from stancecoder.ui.common.worker import Progress, Worker
from stancecoder.ui.crosstab.blocks import cooccurrence_blocks, crosstab_blocks
from stancecoder.ui.crosstab.grid import Grid

REFRESH_DELAY_MS = 250
SCOPES = (("In the same passage", "passage"), ("In the same article", "article"))
BUSY_TEXT = "Reading the codings…"
Result = Crosstabs | Cooccurrences


class CrosstabView(QDialog):
    def __init__(
        self,
        project: Project,
        open_retrieval: Callable[[RetrievalFilter], None],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.project = project
        self.tabs_shown: Crosstabs | None = None
        self.pairs_shown: Cooccurrences | None = None
        self._worker: Worker | None = None
        self._workers: set[Worker] = set()
        """Every read still running, the dropped ones too: each is joined on close."""
        self.timer = QTimer(self, singleShot=True, interval=REFRESH_DELAY_MS)
        self.timer.timeout.connect(self.refresh)
        self.setWindowTitle("Crosstabs")
        self.rows = choice_box(self, [], self._later)
        self.columns = choice_box(self, [], self._later)
        self.fill_dimensions()
        self.columns.setCurrentIndex(min(1, self.columns.count() - 1))
        words = [(VALUE_WORDS[v][0].upper() + VALUE_WORDS[v][1:], v) for v in VALUES]
        self.value = choice_box(self, words, self.show_table)
        self.layer = choice_box(self, [], self._later)
        self.detail = QCheckBox("Sub-codes apart", self)
        self.detail.toggled.connect(self._later)
        self.scope = choice_box(self, list(SCOPES), self.show_pairs)
        self.heading = QLabel(self)
        font = self.heading.font()
        font.setBold(True)
        self.heading.setFont(font)
        self.heading.setWordWrap(True)
        self.grid = Grid(open_retrieval, self)
        self.pairs = Grid(open_retrieval, self)
        self.notes = QLabel(self)
        self.notes.setWordWrap(True)
        self.pages = QTabWidget(self)
        self.pages.addTab(self.grid, "&Crosstab")
        pairs_page = QWidget(self)
        pairs_layout = QVBoxLayout(pairs_page)
        pairs_layout.addWidget(self.scope)
        pairs_layout.addWidget(self.pairs, 1)
        self.pages.addTab(pairs_page, "C&o-occurrence")
        self.pages.currentChanged.connect(self._page_changed)
        self.export_button = QPushButton("&Export…", self)
        self.export_button.clicked.connect(self.choose_export)
        close = QPushButton("Close", self)
        close.clicked.connect(self.close)
        form = QFormLayout()
        form.addRow("&Rows", self._pair(self.rows, "&Columns", self.columns))
        form.addRow("&Figure", self._pair(self.value, "&Layer", self.layer, self.detail))
        bottom = QHBoxLayout()
        bottom.addWidget(self.notes, 1)
        bottom.addWidget(self.export_button)
        bottom.addWidget(close)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.heading)
        layout.addWidget(self.pages, 1)
        layout.addLayout(self._build_busy())
        layout.addLayout(bottom)
        bus_of(project).changed.connect(self._project_changed)
        self.resize(960, 600)
        self.fill_layers()
        self.refresh()

    def _build_busy(self) -> QHBoxLayout:
        self.busy = QProgressBar(self)
        self.busy.setRange(0, 0)
        self.busy.setTextVisible(False)
        self.busy.setMaximumHeight(10)
        self.busy_label = QLabel(BUSY_TEXT, self)
        self.cancel_button = QPushButton("Cancel", self)
        self.cancel_button.clicked.connect(self.cancel)
        row = QHBoxLayout()
        row.addWidget(self.busy_label)
        row.addWidget(self.busy, 1)
        row.addWidget(self.cancel_button)
        return row

    def fill_dimensions(self) -> None:
        """The codebook's variables as they stand, then the article's attributes; the
        choices made are kept where they still exist."""
        names = dimensions(self.project)
        for combo in (self.rows, self.columns):
            chosen = combo.currentData()
            combo.blockSignals(True)
            combo.clear()
            for name in names:
                combo.addItem(name, name)
            combo.setCurrentIndex(max(combo.findData(chosen), 0))
            combo.blockSignals(False)

    def fill_layers(self) -> None:
        """The layers as they stand: the consensus joins once adjudication began."""
        chosen = self.layer.currentData()
        self.layer.blockSignals(True)
        self.layer.clear()
        for layer in layer_choices(self.project):
            self.layer.addItem(layer.title[0].upper() + layer.title[1:], layer)
        index = self.layer.findData(chosen) if chosen is not None else 0
        self.layer.setCurrentIndex(max(index, 0))
        self.layer.blockSignals(False)

    def chosen_layer(self) -> Layer | None:
        data = self.layer.currentData()
        return data if isinstance(data, Layer) else None

    def refresh(self) -> None:
        """Read the table of the page shown with the choices made, in a worker."""
        self.timer.stop()
        layer, detail = self.chosen_layer(), self.detail.isChecked()
        project = self.project
        if self.pages.currentIndex() == 1:

            def job(_progress: Progress) -> Result:
                return cooccurrences(project, layer=layer, detail=detail)

        else:
            rows, columns = self.rows.currentData(), self.columns.currentData()

            def job(_progress: Progress) -> Result:
                return crosstabs(project, rows, columns, layer, detail)

        worker = Worker(job, self)
        worker.succeeded.connect(lambda result, w=worker: self._finished(w, result))
        worker.failed.connect(lambda error, w=worker: self._failed(w, error))
        worker.finished.connect(lambda w=worker: self._workers.discard(w))
        self._worker = worker
        self._workers.add(worker)
        self._set_busy(True)
        worker.start()

    def is_running(self) -> bool:
        """A read is under way, or its result is still to be shown."""
        return self._worker is not None

    def cancel(self) -> None:
        """Drop the read under way: its result, when it comes, is not shown."""
        if self._worker is not None:
            self._worker.cancel()
        self._worker = None
        self._set_busy(False)

    def _finished(self, worker: Worker, result: Result) -> None:
        if worker is not self._worker or worker.cancelled:
            return
        self._worker = None
        self._set_busy(False)
        if isinstance(result, Crosstabs):
            self.tabs_shown = result
            self.show_table()
        else:
            self.pairs_shown = result
            self.show_pairs()

    def _failed(self, worker: Worker, error: BaseException) -> None:
        if worker is not self._worker or worker.cancelled:
            return
        self._worker = None
        self._set_busy(False)
        if not isinstance(error, StanceCoderError):
            error_box(self, error).exec()
            return
        self.heading.setText(str(error))
        self.grid.show_blocks([], [])
        self.pairs.show_blocks([], [])
        self.tabs_shown = self.pairs_shown = None
        self.notes.clear()
        self.export_button.setEnabled(False)

    def show_table(self) -> None:
        """The crosstab read last, with the figure chosen now."""
        tabs = self.tabs_shown
        if tabs is None or self.pages.currentIndex() != 0:
            return
        value = self.value.currentData()
        self.grid.show_blocks(*crosstab_blocks(tabs, value))
        self._title(f"{tabs.title}: {VALUE_WORDS[value]}")
        self.notes.setText("\n".join(
            f"{t.title}: {note}" if len(tabs.tables) > 1 else note
            for t in tabs.tables for note in notes(t.table, tabs.multiple)
        ))  # fmt: skip
        self.export_button.setEnabled(True)

    def show_pairs(self) -> None:
        """The co-occurrence read last, in passages or in articles as chosen now."""
        co = self.pairs_shown
        if co is None or self.pages.currentIndex() != 1:
            return
        self.pairs.show_blocks(*cooccurrence_blocks(co, self.scope.currentData()))
        self._title(co.title)
        self.notes.clear()
        self.export_button.setEnabled(True)

    def _title(self, title: str) -> None:
        self.heading.setText(title[0].upper() + title[1:])
        self.setWindowTitle(f"Crosstabs — {title}")

    def _set_busy(self, busy: bool) -> None:
        for widget in (self.busy, self.busy_label, self.cancel_button):
            widget.setVisible(busy)

    def choose_export(self) -> None:
        name = "crosstab.xlsx" if self.pages.currentIndex() == 0 else "co-occurrence.xlsx"
        path, _ = QFileDialog.getSaveFileName(
            self, "Export the table", name, "Excel (*.xlsx);;CSV (*.csv)"
        )
        if path:
            self.export_to(Path(path))

    def export_to(self, path: Path) -> None:
        """The table of the page shown: the crosstab, or the co-occurrence pair by pair."""
        tabs, pairs = self.tabs_shown, self.pairs_shown
        try:
            if self.pages.currentIndex() == 0 and tabs is not None:
                written = export_crosstab(self.project, tabs, path)
            elif self.pages.currentIndex() == 1 and pairs is not None:
                written = export_cooccurrence(self.project, pairs, path)
            else:
                return
        except StanceCoderError as error:
            show_problem(self, str(error))
            return
        self.notes.setText(f"{counted(written, 'row')} written to {path.name}")

    def closeEvent(self, event: QCloseEvent) -> None:
        """A dialog that goes away must not leave a thread running."""
        self.cancel()
        for worker in list(self._workers):
            worker.wait()
        super().closeEvent(event)

    def _page_changed(self, index: int) -> None:
        for combo in (self.rows, self.columns, self.value):
            combo.setEnabled(index == 0)
        self.refresh()

    def _project_changed(self, changes: Changes) -> None:
        if not self.isVisible():
            return
        if changes.codebook or changes.reload:
            self.fill_dimensions()
        self.fill_layers()
        self.timer.start()

    def _later(self) -> None:
        self.timer.start()

    def _pair(
        self, first: QWidget, word: str, second: QWidget, third: QWidget | None = None
    ) -> QWidget:
        holder = QWidget(self)
        row = QHBoxLayout(holder)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(first, 1)
        label = QLabel(word, holder)
        label.setBuddy(second)
        row.addWidget(label)
        row.addWidget(second, 1)
        if third is not None:
            row.addWidget(third)
        return holder
