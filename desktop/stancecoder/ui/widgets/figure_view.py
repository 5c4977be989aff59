"""A figure read off the GUI thread and drawn on an embedded matplotlib canvas in the
window's light or dark look, with the choices above it and a file button below: the frame
the chart view and the network view share.

Both views read their numbers for seconds at research scale, so the reading runs on a
worker with a busy bar and Cancel, and a result that arrives after the choices changed
again is dropped; both follow the project's changes while open, repaint with View › Theme,
and write the figure's data to a file the lead names. Written once here, the two cannot
drift apart. matplotlib is imported with this module, which only those views import, so the
window starts without it.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from matplotlib.backends.backend_qtagg import FigureCanvasQTAgg
from matplotlib.figure import Figure
from PySide6.QtCore import QTimer, Signal
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

from stancecoder.core.errors import StanceCoderError
from stancecoder.io.charts.style import SIZE, ChartStyle, style_of
from stancecoder.services.project import Project
from stancecoder.ui.common.changes_bus import bus_of
from stancecoder.ui.common.errors import show_problem
from stancecoder.ui.common.theme import FollowsTheme
from stancecoder.ui.common.worker import Job, Worker

CHOICE_DELAY_MS = 250  # typing a date draws once the typing pauses


class FigureView(FollowsTheme, QDialog):
    """A view makes its choices (`_make_choices`: a widget with a `changed` signal, laid out
    above the canvas and first in the tab order) and says how its data is read (`_job`),
    drawn (`_draw`), summed up on the status line (`_said`) and where `file_button` writes it
    (`choose_file`); it reads its first figure with `refresh` once it is built."""

    drawn = Signal()  # a figure, or the reason there is none, is shown for the choices

    def __init__(
        self, project: Project, title: str, file_text: str, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.project = project
        self.setWindowTitle(title)
        self.data: Any = None
        self.worker: Worker | None = None
        self.choices = self._make_choices()
        self.figure = Figure(figsize=SIZE)
        self.canvas = FigureCanvasQTAgg(self.figure)
        self.canvas.setParent(self)
        self.status = QLabel(self)
        self.status.setWordWrap(True)
        self.file_button = QPushButton(file_text, self)
        self.file_button.clicked.connect(self.choose_file)
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
        bottom.addWidget(self.file_button)
        bottom.addWidget(close)
        layout = QVBoxLayout(self)
        layout.addWidget(self.choices)
        layout.addWidget(self.canvas, 1)
        layout.addLayout(bottom)
        self.timer = QTimer(self, singleShot=True, interval=CHOICE_DELAY_MS)
        self.timer.timeout.connect(self.refresh)
        self.choices.changed.connect(self.timer.start)
        bus_of(project).changed.connect(self._project_changed)

    def refresh(self) -> None:
        """Read the figure's data for the choices on a worker thread, then draw it."""
        job = self._job()
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
        """Stop waiting for the figure being read; the one shown stays."""
        if self.worker is not None:
            self.worker.cancel()
        self._set_busy(False)
        self.status.setText("Cancelled" if self.data is None else self._said(self.data))

    def redraw(self) -> None:
        """The same data drawn again in the window's look."""
        if self.data is not None:
            self._draw(self.data, style_of(self.is_dark()))
            self.canvas.draw_idle()

    def closeEvent(self, event: QCloseEvent) -> None:
        """A figure still being read is waited for: its thread must not outlive the view."""
        for worker in self.findChildren(Worker):
            worker.stop()
        super().closeEvent(event)

    def choose_file(self) -> None:
        """Ask where the file button writes, and write there."""
        raise NotImplementedError

    def _make_choices(self) -> QWidget:
        """The view's choices, a widget with a `changed` signal."""
        raise NotImplementedError

    def _job(self) -> Job:
        """The reading of the figure's data for the choices as they are now."""
        raise NotImplementedError

    def _draw(self, data: Any, style: ChartStyle) -> None:
        raise NotImplementedError

    def _said(self, data: Any) -> str:
        """The status line under the data drawn."""
        raise NotImplementedError

    def _ask_file(self, title: str, name: str, formats: str) -> Path | None:
        """The file named in the save dialog, with the suffix of the format chosen there
        where the name has none."""
        path, chosen = QFileDialog.getSaveFileName(self, title, name, formats)
        if not path:
            return None
        named = Path(path)
        if not named.suffix:  # the format chosen in the dialog: "PDF (*.pdf)"
            named = named.with_suffix(chosen.rpartition("*")[2].rstrip(")"))
        return named

    def _write(self, write: Callable[[], object], done: str) -> None:
        """Write the data shown, saying `done` on the status line or the refusal in a box."""
        try:
            write()
        except StanceCoderError as error:
            show_problem(self, str(error))
            return
        self.status.setText(done)

    def _finished(self, worker: Worker, data: Any) -> None:
        if worker.cancelled or worker is not self.worker:
            return
        self._set_busy(False)
        self.data = data
        self.redraw()
        self.status.setText(self._said(data))
        self.file_button.setEnabled(True)
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
        self.file_button.setEnabled(False)
        self.drawn.emit()

    def _set_busy(self, busy: bool) -> None:
        self.busy.setVisible(busy)
        self.cancel_button.setVisible(busy)
        if busy:
            self.status.setText("Reading the codings…")
            self.file_button.setEnabled(False)
        else:
            self.file_button.setEnabled(self.data is not None)

    def _project_changed(self, _changes: object) -> None:
        if self.isVisible():
            self.timer.start()
