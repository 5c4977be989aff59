"""REFI-QDA in the window: a project written for another QDA tool, and another tool's
project or codebook brought in once the lead has confirmed where each code group goes.

The import shows the file's groups with the variable guessed for each (a variable of the
project, a new one, or left out) before anything is written; the lead changes any of
them and imports. Both run off the GUI thread with progress and Cancel; a cancelled
import writes nothing (it is one transaction), a cancelled export leaves the file alone.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QPlainTextEdit,
    QProgressBar,
    QVBoxLayout,
    QWidget,
)

from stancecoder.core.errors import StanceCoderError
from stancecoder.core.refi.group_mapping import LEAVE_OUT
from stancecoder.core.wording import counted
from stancecoder.services.project import Project
from stancecoder.services.refi.export import RefiExportReport, export_refi_project
from stancecoder.services.refi.importing import RefiPreview, import_refi
from stancecoder.services.refi.report import RefiImportReport
from stancecoder.ui.common.errors import in_words
from stancecoder.ui.common.worker import Job, Progress, Worker

Button = QDialogButtonBox.StandardButton


class RefiDialog(QDialog):
    """One REFI-QDA job; `completed` carries its report once it succeeded."""

    completed = Signal(object)

    def __init__(self, title: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.setMinimumWidth(560)
        self.report: RefiImportReport | RefiExportReport | None = None
        self.headline = QLabel("")
        self.headline.setWordWrap(True)
        self.choices = QFormLayout()
        self.detail = QPlainTextEdit()
        self.detail.setReadOnly(True)
        self.detail.hide()
        self.progress = QProgressBar()
        self.progress.hide()
        self.buttons = QDialogButtonBox(Button.Cancel)
        self.buttons.rejected.connect(self.reject)
        self.buttons.accepted.connect(self._accepted)
        layout = QVBoxLayout(self)
        layout.addWidget(self.headline)
        layout.addLayout(self.choices)
        for widget in (self.progress, self.detail, self.buttons):
            layout.addWidget(widget)
        self.combos: dict[str, QComboBox] = {}
        self._worker: Worker | None = None
        self._start: Worker | None = None

    @classmethod
    def exporting(cls, project: Project, path: Path, parent: QWidget | None = None) -> RefiDialog:
        dialog = cls("Export REFI-QDA project", parent)
        dialog.headline.setText(f"Writing {path.name}…")
        dialog._start = dialog._worker_for(lambda p: export_refi_project(project, path, p))
        return dialog

    @classmethod
    def importing(
        cls, project: Project, path: Path, preview: RefiPreview, parent: QWidget | None = None
    ) -> RefiDialog:
        """The groups and their guessed variables, to confirm; Import starts the work."""
        dialog = cls("Import REFI-QDA", parent)
        loose = (
            f"\n{counted(len(preview.loose_codes), 'code')} outside any group will not be "
            f"imported: {', '.join(preview.loose_codes)}."
            if preview.loose_codes
            else ""
        )
        dialog.headline.setText(
            f"{preview.file}: {counted(preview.sources, 'text source')}, "
            f"{counted(preview.selections, 'selection')}, "
            f"{counted(len(preview.targets), 'code group')}. Choose the variable each group "
            f"becomes; nothing is written before Import.{loose}"
        )
        for target in preview.targets:
            combo = QComboBox()
            for variable in preview.variables:
                combo.addItem(variable, variable)
            if target.group not in preview.variables:
                combo.addItem(f"a new variable “{target.group}”", target.group)
            combo.addItem("left out", LEAVE_OUT)
            chosen = target.variable if target.variable is not None else LEAVE_OUT
            combo.setCurrentIndex(max(combo.findData(chosen), 0))
            dialog.choices.addRow(f"{target.group} →", combo)
            dialog.combos[target.group] = combo
        dialog.buttons.setStandardButtons(Button.Ok | Button.Cancel)
        start = dialog.buttons.button(Button.Ok)
        start.setText("&Import")
        start.setDefault(True)

        def job(progress: Progress) -> RefiImportReport:
            return import_refi(project, path, dialog.chosen(), progress=progress)

        dialog._start = dialog._worker_for(job)
        return dialog

    def chosen(self) -> dict[str, str]:
        """Group name → the variable chosen for it, or "-" for left out."""
        return {group: str(combo.currentData()) for group, combo in self.combos.items()}

    def start(self) -> None:
        if self._start is None or self._worker is not None:
            return
        self._worker = self._start
        for combo in self.combos.values():
            combo.setEnabled(False)
        self.progress.setRange(0, 0)
        self.progress.show()
        self.buttons.setStandardButtons(Button.Cancel)
        self._worker.start()

    def cancel(self) -> None:
        """Stop at the next source; an import then writes nothing."""
        worker = self._worker or self._start
        if worker is not None:
            worker.cancel()
            self.headline.setText("Cancelling…")

    def is_running(self) -> bool:
        return self._worker is not None and self._worker.isRunning()

    def reject(self) -> None:
        """Cancel first stops the work (an import then writes nothing); once it has
        stopped, Cancel closes."""
        if self.is_running():
            self.cancel()
            return
        super().reject()

    def closeEvent(self, event: QCloseEvent) -> None:
        self._stop()
        super().closeEvent(event)

    def done(self, result: int) -> None:
        self._stop()
        super().done(result)

    def _stop(self) -> None:
        if self._worker is not None:
            self._worker.stop()

    def _accepted(self) -> None:
        """The one accepting button: Import before the work, OK once it is over."""
        if self._worker is None:
            self.start()
        else:
            self.accept()

    def _worker_for(self, job: Job) -> Worker:
        worker = Worker(job, self)
        worker.progressed.connect(self._show_progress)
        worker.succeeded.connect(self._finished)
        worker.failed.connect(self._failed)
        return worker

    def _show_progress(self, done: int, total: int, name: str) -> None:
        if total and self._worker is not None and not self._worker.cancelled:
            self.progress.setRange(0, total)
            self.progress.setValue(done)
            if name:
                self.headline.setText(f"Reading {name}…")

    def _finished(self, report: RefiImportReport | RefiExportReport) -> None:
        if self._worker is not None:
            self._worker.wait()
        self.report = report
        if isinstance(report, RefiExportReport):
            self.headline.setText(report.summary())
            self._end("Open the file in MAXQDA, NVivo, ATLAS.ti or QualCoder (REFI-QDA import).")
        else:
            self.headline.setText(report.summary())
            self._end("\n".join(report.lines()))
        if not (isinstance(report, RefiImportReport) and report.cancelled):
            self.completed.emit(report)

    def _failed(self, error: BaseException) -> None:
        if self._worker is not None:
            self._worker.wait()
        self.headline.setText(f"{self.windowTitle()} stopped")
        message = in_words(error) if isinstance(error, StanceCoderError) else str(error)
        self._end(message or type(error).__name__)
        if not isinstance(error, StanceCoderError):
            raise error  # a bug: the application's error handler shows the details

    def _end(self, text: str) -> None:
        self.progress.hide()
        self.detail.setPlainText(text)
        self.detail.show()
        self.detail.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.buttons.setStandardButtons(Button.Ok)
        self.buttons.button(Button.Ok).setFocus()
