"""Exporting one layer's codings for SPSS, Stata or R from the window: the rows (a passage
each, or an article and coder each), whose codings and the file are chosen first; the
file is written off the GUI thread, and every name and label the program's rules changed
is listed once it is written."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from stancecoder.core.errors import StanceCoderError
from stancecoder.io.sheets import ExportCancelled
from stancecoder.services.coded_data import layer_choices
from stancecoder.services.project import Project
from stancecoder.services.stats_export import StatsExport, export_stats
from stancecoder.ui.common.worker import Progress
from stancecoder.ui.common.worker_dialog import WorkerDialog

PROGRAMS = {
    ".sav": ("SPSS", "SPSS data (*.sav)"),
    ".dta": ("Stata", "Stata data (*.dta)"),
    ".csv": ("R", "CSV for R, with its codebook (*.csv)"),
}
SHAPES = (
    ("passages", "One per passage"),
    ("articles", "One per article and coder: counts and mean stance per actor and topic"),
)


class StatsExportDialog(WorkerDialog):
    def __init__(
        self, project: Project, suffix: str, folder: Path, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.program, self._filter = PROGRAMS[suffix]
        self.setWindowTitle(f"Export for {self.program}")
        self.setMinimumWidth(560)
        self._project, self._suffix = project, suffix
        self.report: StatsExport | None = None
        self.shape = QComboBox()
        for shape, text in SHAPES:
            self.shape.addItem(text, shape)
        self.layer = QComboBox()
        for layer in layer_choices(project):
            self.layer.addItem(layer.title, layer)
        self.sub_codes = QCheckBox("Count each &sub-code apart, not within its top code")
        self.shape.currentIndexChanged.connect(self._shape_chosen)
        self.path = QLineEdit(str(folder / f"{project.title}{suffix}"))
        choose = QPushButton("C&hoose…")
        choose.clicked.connect(self._choose)
        where = QHBoxLayout()
        where.addWidget(self.path, 1)
        where.addWidget(choose)
        form = QFormLayout()
        form.addRow("&Rows:", self.shape)
        form.addRow("", self.sub_codes)
        form.addRow("&Codings of:", self.layer)
        form.addRow("&File:", where)
        self.headline.setText(f"A file for {self.program}: choose its rows and whose codings")
        self.progress.hide()
        self.detail = QLabel("")
        self.detail.setWordWrap(True)
        self.detail.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.changes = QPlainTextEdit()
        self.changes.setReadOnly(True)
        self.changes.hide()
        self._offer_export()
        layout = QVBoxLayout(self)
        layout.addWidget(self.headline)
        layout.addLayout(form)
        for widget in (self.progress, self.detail, self.changes, self.buttons):
            layout.addWidget(widget)
        self._inputs: tuple[QWidget, ...] = (self.shape, self.sub_codes, self.layer, self.path,
                                             choose)  # fmt: skip
        self._shape_chosen()
        self._prepare(self._export)

    def target(self) -> Path:
        """The file named, with the program's suffix where it has none."""
        path = Path(self.path.text().strip())
        return path if path.suffix.lower() == self._suffix else path.with_name(
            path.name + self._suffix)  # fmt: skip

    def start(self) -> None:
        if not self.path.text().strip():
            self.detail.setText("Name the file to write.")
            return
        for widget in self._inputs:
            widget.setEnabled(False)
        self.headline.setText(f"Writing {self.target().name}…")
        self.progress.show()
        self.buttons.setStandardButtons(QDialogButtonBox.StandardButton.Cancel)
        self._run()

    def _shape_chosen(self) -> None:
        self.sub_codes.setEnabled(self.shape.currentData() == "articles")

    def _choose(self) -> None:
        path, _ = QFileDialog.getSaveFileName(
            self, f"Export for {self.program}", self.path.text(), self._filter
        )
        if path:
            self.path.setText(path)

    def _export(self, progress: Progress) -> StatsExport:
        return export_stats(
            self._project, self.target(), self.shape.currentData(), self.layer.currentData(),
            self.sub_codes.isChecked() and self.sub_codes.isEnabled(), progress,
        )  # fmt: skip

    def _show_progress(self, _done: int, _total: int, step: str) -> None:
        if not self._stopping():
            self.detail.setText(f"{step[0].upper()}{step[1:]}…")

    def _finished(self, report: StatsExport) -> None:
        self.report = report
        self.headline.setText(f"Exported to {report.path}")
        self.detail.setText("\n".join((report.summary(), *report.notes)))
        if report.changes:
            names = f"Names and labels changed for {self.program} ({len(report.changes)}):"
            self.changes.setPlainText("\n".join((names, *report.changes)))
            self.changes.show()
        self._offer_ok()

    def _failed(self, error: BaseException) -> None:
        cancelled = isinstance(error, ExportCancelled)
        self.headline.setText("Export cancelled" if cancelled else "The export stopped")
        self.detail.setText(str(error) or type(error).__name__)
        if isinstance(error, StanceCoderError):
            self._again()
        else:
            self._offer_ok()

    def _again(self) -> None:
        """After a refusal or a cancel the choices are open again, to try once more, with a
        worker of its own: the one asked to stop would stop the next export at once."""
        self.progress.hide()
        for widget in self._inputs:
            widget.setEnabled(True)
        self._shape_chosen()
        self._offer_export()
        self._prepare(self._export)

    def _offer_export(self) -> None:
        self.buttons.setStandardButtons(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText("&Export")
