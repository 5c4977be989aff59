"""Crosstabs and code co-occurrence in the window: rows, columns, figure and layer
chosen above, the layer named in the title and over each coder's table; Enter or a
double-click on a cell lists its passages in the retrieval view.

Modeless, as the retrieval view, so the researcher reads a cell's passages and comes
back; it reads the codings again when the project changes while it is open. A table is
one read of the codings (a fraction of a second for a corpus of thousands of passages),
so it is read on the spot rather than in a worker.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from stancecoder.core.crosstab import VALUES
from stancecoder.core.crosstab_text import VALUE_WORDS, notes
from stancecoder.core.errors import StanceCoderError
from stancecoder.core.layer import Layer
from stancecoder.core.wording import counted
from stancecoder.services.coded_data import layer_choices
from stancecoder.services.crosstab import Crosstabs, cooccurrences, crosstabs, dimensions
from stancecoder.services.crosstab_export import export_crosstab
from stancecoder.services.project import Project
from stancecoder.services.retrieval import RetrievalFilter
from stancecoder.ui.common.changes_bus import bus_of
from stancecoder.ui.common.errors import show_problem
from stancecoder.ui.crosstab.blocks import cooccurrence_blocks, crosstab_blocks
from stancecoder.ui.crosstab.grid import Grid

REFRESH_DELAY_MS = 250
SCOPES = (("In the same passage", "passage"), ("In the same article", "article"))


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
        self.timer = QTimer(self, singleShot=True, interval=REFRESH_DELAY_MS)
        self.timer.timeout.connect(self.refresh)
        names = dimensions(project)
        self.rows = self._combo([(n, n) for n in names])
        self.columns = self._combo([(n, n) for n in names])
        self.columns.setCurrentIndex(min(1, len(names) - 1))
        self.value = self._combo(
            [(VALUE_WORDS[v][0].upper() + VALUE_WORDS[v][1:], v) for v in VALUES]
        )
        self.layer = self._combo([])
        self.detail = QCheckBox("Sub-codes apart", self)
        self.detail.toggled.connect(self._later)
        self.scope = self._combo(list(SCOPES))
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
        layout.addLayout(bottom)
        bus_of(project).changed.connect(self._project_changed)
        self.resize(960, 600)
        self.fill_layers()
        self.refresh()

    def fill_layers(self) -> None:
        """The layers as they stand: the consensus joins once adjudication began."""
        chosen = self.layer.currentData()
        self.layer.blockSignals(True)
        self.layer.clear()
        for layer in layer_choices(self.project):
            self.layer.addItem(layer.title.capitalize(), layer)
        index = self.layer.findData(chosen) if chosen is not None else 0
        self.layer.setCurrentIndex(max(index, 0))
        self.layer.blockSignals(False)

    def chosen_layer(self) -> Layer | None:
        data = self.layer.currentData()
        return data if isinstance(data, Layer) else None

    def refresh(self) -> None:
        layer, detail = self.chosen_layer(), self.detail.isChecked()
        on_pairs = self.pages.currentIndex() == 1
        try:
            if on_pairs:
                co = cooccurrences(self.project, layer=layer, detail=detail)
                self.pairs.show_blocks(*cooccurrence_blocks(co, self.scope.currentData()))
                title = co.title
                said = []
            else:
                tabs = crosstabs(self.project, self.rows.currentData(),
                                 self.columns.currentData(), layer, detail)  # fmt: skip
                self.tabs_shown = tabs
                self.grid.show_blocks(*crosstab_blocks(tabs, self.value.currentData()))
                title = f"{tabs.title}: {VALUE_WORDS[self.value.currentData()]}"
                said = [
                    f"{t.title}: {note}" if len(tabs.tables) > 1 else note
                    for t in tabs.tables for note in notes(t.table, tabs.multiple)
                ]  # fmt: skip
        except StanceCoderError as error:
            self.heading.setText(str(error))
            self.export_button.setEnabled(False)
            return
        self.heading.setText(title[0].upper() + title[1:])
        self.setWindowTitle(f"Crosstabs — {title}")
        self.notes.setText("\n".join(said))
        self.export_button.setEnabled(not on_pairs and self.tabs_shown is not None)

    def choose_export(self) -> None:
        path, _ = QFileDialog.getSaveFileName(
            self, "Export the crosstab", "crosstab.xlsx", "Excel (*.xlsx);;CSV (*.csv)"
        )
        if path:
            self.export_to(Path(path))

    def export_to(self, path: Path) -> None:
        if self.tabs_shown is None:
            return
        try:
            written = export_crosstab(self.project, self.tabs_shown, path)
        except StanceCoderError as error:
            show_problem(self, str(error))
            return
        self.notes.setText(f"{counted(written, 'row')} written to {path.name}")

    def _page_changed(self, _index: int) -> None:
        self.rows.setEnabled(self.pages.currentIndex() == 0)
        self.columns.setEnabled(self.pages.currentIndex() == 0)
        self.value.setEnabled(self.pages.currentIndex() == 0)
        self.refresh()

    def _project_changed(self, _changes: object) -> None:
        if self.isVisible():
            self.fill_layers()
            self.timer.start()

    def _later(self) -> None:
        self.timer.start()

    def _combo(self, choices: list[tuple[str, object]]) -> QComboBox:
        combo = QComboBox(self)
        for text, data in choices:
            combo.addItem(text, data)
        combo.currentIndexChanged.connect(self._later)
        return combo

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
