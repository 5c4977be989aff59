"""Packaging a coder's file and merging coder files from the window, off the GUI thread.

The dialog shows the work going on and then what it did: the file written, or the merge's
summary with every conflict listed, selectable to copy into a message to the coder. A
merge cancelled or refused merges nothing (it is one transaction).
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QPlainTextEdit,
    QProgressBar,
    QVBoxLayout,
    QWidget,
)

from stancecoder.core.errors import StanceCoderError
from stancecoder.services.coder_files.merge import MergeReport, merge_coder_files
from stancecoder.services.coder_files.package import PackageReport, package_for_coder
from stancecoder.services.project import Project
from stancecoder.ui.common.errors import in_words
from stancecoder.ui.common.worker import Job, Progress, Worker


class CoderFilesDialog(QDialog):
    """Runs one job; `completed` carries its report once it succeeded."""

    completed = Signal(object)

    def __init__(self, title: str, job: Job, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.setMinimumWidth(520)
        self.report: PackageReport | MergeReport | None = None
        self.headline = QLabel(f"{title.rstrip('…')}…")
        self.headline.setWordWrap(True)
        self.detail = QPlainTextEdit()
        self.detail.setReadOnly(True)
        self.detail.hide()
        self.progress = QProgressBar()
        self.progress.setRange(0, 0)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.buttons.rejected.connect(self.reject)
        self.buttons.accepted.connect(self.accept)
        layout = QVBoxLayout(self)
        for widget in (self.headline, self.progress, self.detail, self.buttons):
            layout.addWidget(widget)
        self._worker = Worker(job, self)
        self._worker.progressed.connect(self._show_progress)
        self._worker.succeeded.connect(self._finished)
        self._worker.failed.connect(self._failed)

    @classmethod
    def package(
        cls, project: Project, coder: str, path: Path, parent: QWidget | None = None
    ) -> CoderFilesDialog:
        return cls(
            "Package for a coder", lambda _p: package_for_coder(project, coder, path), parent
        )

    @classmethod
    def merge(
        cls, project: Project, paths: Sequence[Path], parent: QWidget | None = None
    ) -> CoderFilesDialog:
        def job(progress: Progress) -> MergeReport:
            return merge_coder_files(project, paths, progress)

        return cls("Merge coder files", job, parent)

    def start(self) -> None:
        self._worker.start()

    def is_running(self) -> bool:
        return self._worker.isRunning()

    def reject(self) -> None:
        """Cancel first asks the work to stop (a merge then merges nothing); once it has
        stopped, Cancel closes."""
        if self.is_running():
            self._worker.cancel()
            self.headline.setText("Cancelling…")
            return
        super().reject()

    def closeEvent(self, event: QCloseEvent) -> None:
        self._worker.stop()
        super().closeEvent(event)

    def done(self, result: int) -> None:
        self._worker.stop()
        super().done(result)

    def _show_progress(self, done: int, total: int, name: str) -> None:
        if total and not self._worker.cancelled:
            self.progress.setRange(0, total)
            self.progress.setValue(done)
            self.headline.setText(f"Merging {Path(name).name}…")

    def _finished(self, report: PackageReport | MergeReport) -> None:
        self._worker.wait()
        self.report = report
        if isinstance(report, PackageReport):
            self.headline.setText(f"Packaged for {report.coder}")
            text = (
                f"{report.summary()}.\nSend the file to {report.coder}, who opens it in "
                "StanceCoder and codes as usual; merge it back with File › Merge coder files."
            )
        else:
            self.headline.setText(report.summary())
            text = "\n".join(
                ["Conflicts (the project's version was kept):"]
                + [f"• {conflict.line()}" for conflict in report.conflicts]
                if report.conflicts
                else ["Every file merged without conflict."]
            )
        self._end(text)
        self.completed.emit(report)

    def _failed(self, error: BaseException) -> None:
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
        self.buttons.setStandardButtons(QDialogButtonBox.StandardButton.Ok)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setFocus()
