"""Exporting from the window with progress and Cancel; a workbook's layer (whose codings
its Codings and Summary sheets hold) and its History sheet are asked for before the export
begins.

A project of 100,000 passages takes several seconds to write; the window keeps painting
meanwhile and Cancel leaves the target file as it was (the export writes beside it and
renames at the end).
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QCheckBox, QComboBox, QDialogButtonBox, QLabel, QVBoxLayout, QWidget

from stancecoder.io.sheets import ExportCancelled, WriteReport
from stancecoder.services.coded_data import layer_choices
from stancecoder.services.export import export
from stancecoder.services.export_rows import ExportFilter
from stancecoder.services.project import Project
from stancecoder.ui.common.worker import Progress
from stancecoder.ui.common.worker_dialog import WorkerDialog

ROWS_PER_UPDATE = 500  # progress signals cost GUI time; a few hundred per second is plenty


class ExportDialog(WorkerDialog):
    def __init__(self, project: Project, path: Path, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Export")
        self.setMinimumWidth(480)
        self._project, self.path = project, Path(path)
        self.report: WriteReport | None = None
        self.headline.setText(f"Writing {self.path.name}…")
        self.detail = QLabel("")
        self.detail.setWordWrap(True)
        self.detail.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.history = QCheckBox("Add a &History sheet: who changed which coding, and when")
        self.history.setToolTip(
            "Every change to the codings and the codebook, with its state before and after"
        )
        workbook = self.path.suffix.lower() == ".xlsx"
        self.history.setVisible(workbook)
        self.layer = QComboBox()
        self.layer.setToolTip(
            "Whose codings the Codings and Summary sheets hold: a table never counts one "
            "passage once per coder and again for the consensus"
        )
        if workbook:
            for layer in layer_choices(project):
                self.layer.addItem(f"Codings of: {layer.title}", layer)
        self.layer.setVisible(workbook)
        self._with_history = False
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 14, 16, 14)
        layout.setSpacing(10)
        widgets = (self.headline, self.layer, self.history, self.progress, self.detail,
                   self.buttons)  # fmt: skip
        for widget in widgets:
            layout.addWidget(widget)
        self._prepare(self._export)

    def begin(self) -> None:
        """A workbook first asks whether to add the History sheet (Export starts it); a CSV
        file has no sheets to add and starts at once."""
        if self.history.isHidden():
            self.start()
            return
        self.headline.setText(f"Export to {self.path.name}")
        self.progress.hide()
        self.buttons.setStandardButtons(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        export = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        export.setText("&Export")
        export.setDefault(True)
        export.setFocus()

    def start(self) -> None:
        self._with_history = self.history.isChecked() and not self.history.isHidden()
        self.history.setEnabled(False)
        self.layer.setEnabled(False)
        self.headline.setText(f"Writing {self.path.name}…")
        self.progress.show()
        self.buttons.setStandardButtons(QDialogButtonBox.StandardButton.Cancel)
        self._run()

    def _export(self, progress: Progress) -> WriteReport:
        def on_row(written: int) -> bool:
            return written % ROWS_PER_UPDATE != 1 or progress(written, 0, "")

        filters = ExportFilter(layer=self.layer.currentData())
        return export(self._project, self.path, filters, on_row=on_row, history=self._with_history)

    def _show_progress(self, written: int, _total: int, _name: str) -> None:
        if not self._stopping():
            self.detail.setText(f"{written:,} rows written")

    def _finished(self, report: WriteReport) -> None:
        self.report = report
        rows = ", ".join(f"{title} {n:,}" for title, n in report.rows_written.items())
        self.headline.setText(f"Exported to {self.path}")
        note = f"Rows: {rows}."
        if report.truncated:
            sheet, row, column = report.truncated[0]
            note += (
                f"\n{len(report.truncated)} cell(s) longer than Excel allows were shortened"
                f" and end with “…”; the first is {sheet} row {row}, column {column}."
            )
        self._end(note)

    def _failed(self, error: BaseException) -> None:
        cancelled = isinstance(error, ExportCancelled)
        self.headline.setText("Export cancelled" if cancelled else "The export stopped")
        self._end(str(error) or type(error).__name__)

    def _end(self, note: str) -> None:
        self.detail.setText(note)
        self._offer_ok()
