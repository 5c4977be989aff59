"""The network view: the network of the choices drawn on an embedded matplotlib canvas in
the window's light or dark look (node size by activity, edge width by weight, sides told
by line style), and Export… to GEXF 1.3, GraphML or an edge list in CSV, exactly the
network shown.

Modeless, like the chart view, and it follows the project's changes while open. The
network is read on a worker thread with a busy bar and Cancel; a result that arrives after
the choices changed again is dropped. networkx and matplotlib are imported with this
module, which the window imports when the view is first opened.
"""

from __future__ import annotations

from pathlib import Path

from matplotlib.backends.backend_qtagg import FigureCanvasQTAgg
from matplotlib.figure import Figure
from PySide6.QtCore import QEvent, QTimer, Signal
from PySide6.QtGui import QCloseEvent, QPalette
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
from stancecoder.io.charts.network import draw_network
from stancecoder.io.charts.style import SIZE, style_of
from stancecoder.services.networks import Networks, network_layers, save_networks, stance_networks
from stancecoder.services.project import Project
from stancecoder.ui.common.changes_bus import bus_of
from stancecoder.ui.common.errors import show_problem
from stancecoder.ui.common.worker import Progress, Worker
from stancecoder.ui.networks.choices import NetworkChoices

CHOICE_DELAY_MS = 250  # typing a date draws once the typing pauses
EXPORT_FORMATS = "GEXF 1.3, for Gephi (*.gexf);;GraphML (*.graphml);;Edge list, CSV (*.csv)"


class NetworkView(QDialog):
    drawn = Signal()  # a network, or the reason there is none, is shown for the choices

    def __init__(self, project: Project, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.project = project
        self.setWindowTitle("Stance networks")
        self.data: Networks | None = None
        self.worker: Worker | None = None
        self.choices = NetworkChoices(network_layers(project), self)
        self.figure = Figure(figsize=SIZE)
        self.canvas = FigureCanvasQTAgg(self.figure)
        self.canvas.setParent(self)
        self.status = QLabel(self)
        self.status.setWordWrap(True)
        self.export_button = QPushButton("&Export…", self)
        self.export_button.setToolTip("Write the network shown for Gephi, igraph or R")
        self.export_button.clicked.connect(self.choose_file)
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
        bottom.addWidget(self.export_button)
        bottom.addWidget(close)
        layout = QVBoxLayout(self)
        layout.addWidget(self.choices)
        layout.addWidget(self.canvas, 1)
        layout.addLayout(bottom)
        self.timer = QTimer(self, singleShot=True, interval=CHOICE_DELAY_MS)
        self.timer.timeout.connect(self.refresh)
        self.choices.changed.connect(self.timer.start)
        bus_of(project).changed.connect(self._project_changed)
        self.resize(1000, 760)
        self.refresh()

    def refresh(self) -> None:
        """Read the network for the choices on a worker thread, then draw it."""
        c = self.choices
        kind, layer, filters = c.kind.currentData(), c.layer.currentData(), c.filters()
        detail = c.sub_codes.isChecked()

        def job(_progress: Progress) -> Networks:
            return stance_networks(self.project, kind, layer, filters, detail=detail)

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

    def cancel(self) -> None:
        """Stop waiting for the network being read; the one shown stays."""
        if self.worker is not None:
            self.worker.cancel()
        self._set_busy(False)
        self.status.setText("Cancelled" if self.data is None else self._said(self.data))

    def _finished(self, worker: Worker, data: Networks) -> None:
        if worker.cancelled or worker is not self.worker:
            return
        self._set_busy(False)
        self.data = data
        self.redraw()
        self.status.setText(self._said(data))
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
        self.export_button.setEnabled(False)
        self.drawn.emit()

    def _said(self, data: Networks) -> str:
        shown = data.networks[0]
        return f"{shown.title}: {shown.summary}"

    def _set_busy(self, busy: bool) -> None:
        self.busy.setVisible(busy)
        self.cancel_button.setVisible(busy)
        if busy:
            self.status.setText("Reading the codings…")
            self.export_button.setEnabled(False)
        else:
            self.export_button.setEnabled(self.data is not None)

    def closeEvent(self, event: QCloseEvent) -> None:
        """A network still being read is waited for: its thread must not outlive the view."""
        for worker in self.findChildren(Worker):
            worker.stop()
        super().closeEvent(event)

    def redraw(self) -> None:
        """The same network drawn again in the window's look."""
        if self.data is not None:
            draw_network(self.figure, self.data.networks[0], style_of(self.is_dark()))
            self.canvas.draw_idle()

    def is_dark(self) -> bool:
        return self.palette().color(QPalette.ColorRole.Window).lightness() < 128

    def changeEvent(self, event: QEvent) -> None:
        """View › Theme repaints the picture with the window."""
        if event.type() == QEvent.Type.PaletteChange:
            self.redraw()
        super().changeEvent(event)

    def _project_changed(self, _changes: object) -> None:
        if self.isVisible():
            self.timer.start()

    def choose_file(self) -> None:
        name = f"{self.choices.kind.currentData()}.gexf"
        path, chosen = QFileDialog.getSaveFileName(self, "Export network", name, EXPORT_FORMATS)
        if path:
            named = Path(path)
            if not named.suffix:  # the format chosen in the dialog: "GraphML (*.graphml)"
                named = named.with_suffix(chosen.rpartition("*")[2].rstrip(")"))
            self.export_to(named)

    def export_to(self, path: Path) -> None:
        if self.data is None:
            return
        try:
            save_networks(self.project, self.data, path)
        except StanceCoderError as error:
            show_problem(self, str(error))
            return
        self.status.setText(f"Exported to {path.name}")
