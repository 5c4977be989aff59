"""The chart view: the figure a paper would print, drawn on an embedded matplotlib canvas
in the window's light or dark look, for the layer chosen (its title says whose codings
it shows), and Save as… for PDF, SVG or PNG at 300 dpi on a light page.

Modeless, like the retrieval view, and it follows the project's changes while open. The
numbers are read on a worker thread (a hundred thousand passages take seconds), with a busy
bar and Cancel; a result that arrives after the choices changed again is dropped.
matplotlib is imported with this module, which the window imports when the view is first
opened, so the window starts as fast as before.
"""

from __future__ import annotations

from pathlib import Path

from matplotlib.backends.backend_qtagg import FigureCanvasQTAgg
from matplotlib.figure import Figure
from PySide6.QtCore import QEvent, QTimer, Signal
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import (
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from stancecoder.core.charts.data import ChartData
from stancecoder.core.errors import StanceCoderError
from stancecoder.io.charts.figure import draw
from stancecoder.io.charts.style import SIZE, style_of
from stancecoder.services.charts import chart_data, chart_variables, save_chart
from stancecoder.services.codebook_view import codebook_view
from stancecoder.services.coded_data import layer_choices
from stancecoder.services.project import Project
from stancecoder.services.retrieval import known_sources
from stancecoder.ui.charts.choices import ChartChoices
from stancecoder.ui.common.changes_bus import bus_of
from stancecoder.ui.common.errors import show_problem
from stancecoder.ui.common.theme import palette_is_dark
from stancecoder.ui.common.worker import Progress, Worker

CHOICE_DELAY_MS = 250  # typing a date draws once the typing pauses
SAVE_FORMATS = "PDF (*.pdf);;SVG (*.svg);;PNG, 300 dpi (*.png)"


class ChartView(QDialog):
    drawn = Signal()  # a chart, or the reason there is none, is shown for the choices

    def __init__(self, project: Project, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.project = project
        self.setWindowTitle("Charts")
        self.data: ChartData | None = None
        self.worker: Worker | None = None
        self.choices = ChartChoices(
            layer_choices(project), codebook_view(project), chart_variables(project),
            known_sources(project), self,
        )  # fmt: skip
        self.figure = Figure(figsize=SIZE)
        self.canvas = FigureCanvasQTAgg(self.figure)
        self.canvas.setParent(self)
        self.status = QLabel(self)
        self.status.setWordWrap(True)
        self.save_button = QPushButton("&Save as…", self)
        self.save_button.clicked.connect(self.choose_file)
        self.busy = QProgressBar(self)
        self.busy.setRange(0, 0)
        self.busy.setMaximumWidth(160)
        self.cancel_button = QPushButton("Cancel", self)
        self.cancel_button.clicked.connect(self.cancel)
        close = QPushButton("Close", self)
        close.clicked.connect(self.close)
        bottom = QHBoxLayout()
        bottom.addWidget(self.status, 1)
        bottom.addWidget(self.busy)
        bottom.addWidget(self.cancel_button)
        bottom.addWidget(self.save_button)
        bottom.addWidget(close)
        layout = QVBoxLayout(self)
        layout.addWidget(self.choices)
        layout.addWidget(self.canvas, 1)
        layout.addLayout(bottom)
        self.timer = QTimer(self, singleShot=True, interval=CHOICE_DELAY_MS)
        self.timer.timeout.connect(self.refresh)
        self.choices.changed.connect(self.timer.start)
        bus_of(project).changed.connect(self._project_changed)
        self.resize(1000, 720)
        self.refresh()

    def refresh(self) -> None:
        """Read the chart's numbers for the choices on a worker thread, then draw them."""
        c = self.choices
        kind, layer, filters = c.kind.currentData(), c.layer.currentData(), c.filters()
        by, per = c.by.currentData(), c.per.currentData()

        def job(_progress: Progress) -> ChartData:
            return chart_data(self.project, kind, layer, filters, by, per)

        if self.worker is not None:
            self.worker.cancel()  # its result, when it comes, is dropped
        for done in self.findChildren(Worker):
            if done.isFinished():
                done.deleteLater()
        worker = Worker(job, self)
        worker.succeeded.connect(lambda data, w=worker: self._finished(w, data))
        worker.failed.connect(lambda error, w=worker: self._failed(w, error))
        self.worker = worker
        self._set_busy(True)
        worker.start()

    def is_running(self) -> bool:
        return self.worker is not None and self.worker.isRunning()

    def cancel(self) -> None:
        """Stop waiting for the chart being read; the one shown stays."""
        if self.worker is not None:
            self.worker.cancel()
        self._set_busy(False)
        self.status.setText("Cancelled" if self.data is None else self.data.title)

    def _finished(self, worker: Worker, data: ChartData) -> None:
        if worker.cancelled or worker is not self.worker:
            return
        self._set_busy(False)
        self.data = data
        self.redraw()
        self.status.setText(data.title)
        self.save_button.setEnabled(True)
        self.drawn.emit()

    def _failed(self, worker: Worker, error: BaseException) -> None:
        if worker.cancelled or worker is not self.worker:
            return
        self._set_busy(False)
        if not isinstance(error, StanceCoderError):
            raise error  # a bug: the application's handler shows it with its traceback
        self.data = None
        self.figure.clear()
        self.canvas.draw_idle()
        self.status.setText(str(error))
        self.save_button.setEnabled(False)
        self.drawn.emit()

    def _set_busy(self, busy: bool) -> None:
        self.busy.setVisible(busy)
        self.cancel_button.setVisible(busy)
        if busy:
            self.status.setText("Reading the codings…")
            self.save_button.setEnabled(False)
        else:
            self.save_button.setEnabled(self.data is not None)

    def closeEvent(self, event: QCloseEvent) -> None:
        """A chart still being read is waited for: its thread must not outlive the view."""
        for worker in self.findChildren(Worker):
            worker.stop()
        super().closeEvent(event)

    def redraw(self) -> None:
        """The same numbers drawn again in the window's look."""
        if self.data is not None:
            draw(self.figure, self.data, style_of(self.is_dark()))
            self.canvas.draw_idle()

    def is_dark(self) -> bool:
        return palette_is_dark(self.palette())

    def changeEvent(self, event: QEvent) -> None:
        """View › Theme repaints the figure with the window."""
        if event.type() == QEvent.Type.PaletteChange:
            self.redraw()
        super().changeEvent(event)

    def _project_changed(self, _changes: object) -> None:
        if self.isVisible():
            self.timer.start()

    def choose_file(self) -> None:
        path, chosen = QFileDialog.getSaveFileName(self, "Save chart", "chart.pdf", SAVE_FORMATS)
        if path:
            named = Path(path)
            if not named.suffix:  # the format chosen in the dialog: "PDF (*.pdf)"
                named = named.with_suffix(chosen.rpartition("*")[2].rstrip(")"))
            self.save_to(named)

    def save_to(self, path: Path) -> None:
        if self.data is None:
            return
        try:
            save_chart(self.project, self.data, path)
        except StanceCoderError as error:
            show_problem(self, str(error))
            return
        self.status.setText(f"Saved to {path.name}")
