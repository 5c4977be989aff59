"""Importing files with progress, Cancel and an account of every file that was not used.

A researcher drops a folder of a few thousand files and must learn, file by file, what
did not come in and why, without the window freezing meanwhile. Cancel stops between
files: each file is imported whole or not at all, so what is reported is what is stored.
The reasons are the service's own, the same lines `stancecoder import` prints; a project
that takes no more (a full disk) ends the import with that reason on the file it met.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFont, QIcon, QPalette
from PySide6.QtWidgets import (
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QStyle,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from stancecoder.core.changes import Changes
from stancecoder.io.corpus import SUPPORTED_SUFFIXES
from stancecoder.services.corpus import ImportReport, import_corpus
from stancecoder.services.project import Project
from stancecoder.ui.common.changes_bus import bus_of
from stancecoder.ui.common.worker import Progress
from stancecoder.ui.common.worker_dialog import WorkerDialog

ROWS_SHOWN = 6  # files listed at a glance in the summary; more scroll


class ImportDialog(WorkerDialog):
    """Shows one import from start to summary; `importFinished` carries the report.

    The signal is not called `finished`: QDialog already has `finished(int)`, which the
    window may use like that of any other dialog.
    """

    importFinished = Signal(object)  # ImportReport

    def __init__(
        self, project: Project, paths: Sequence[Path | str], parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle("Import articles")
        self.setMinimumWidth(560)
        self._project = project
        self._paths = [Path(p) for p in paths]
        self._report: ImportReport | None = None
        self._settled = False  # the outcome is shown

        self.headline.setText("Looking for files…")
        bold = QFont(self.headline.font())
        bold.setBold(True)
        bold.setPointSizeF(bold.pointSizeF() * 1.15)
        self.headline.setFont(bold)
        self.progress.setFormat("%v of %m files")
        self.current = QLabel(" ")
        self.current.setForegroundRole(QPalette.ColorRole.PlaceholderText)
        self.details = QTreeWidget()
        self.details.setHeaderLabels(["File", "What happened"])
        self.details.setRootIsDecorated(False)
        self.details.setAlternatingRowColors(True)
        self.details.setWordWrap(True)
        self.details.setStyleSheet("QTreeView::item { padding: 4px 6px; }")
        self.details.header().setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        self.details.header().setStretchLastSection(True)
        self.details.hide()

        layout = QVBoxLayout(self)
        layout.setContentsMargins(20, 18, 20, 14)
        layout.setSpacing(10)
        layout.addWidget(self.headline)
        layout.addWidget(self.progress)
        layout.addWidget(self.current)
        layout.addWidget(self.details, 1)
        layout.addWidget(self.buttons)

    @classmethod
    def run_import(
        cls, project: Project, paths: Sequence[Path | str], parent: QWidget | None = None
    ) -> ImportReport | None:
        """Import with the dialog shown modally; None if the import broke off with an error."""
        dialog = cls(project, paths, parent)
        dialog.start()
        dialog.exec()
        return dialog.report()

    def start(self) -> None:
        """Begin importing without blocking; the dialog stays open with the summary."""
        if self._worker is not None:
            raise RuntimeError("an import dialog runs one import")
        self._prepare(self._import)
        self._run()

    def report(self) -> ImportReport | None:
        return self._report

    def cancel(self) -> None:
        """Stop after the file being read; the summary then says what came in."""
        if self._worker is None or self._report is not None:
            return
        self._worker.cancel()
        self.buttons.setEnabled(False)
        self.headline.setText("Cancelling after the current file…")

    def _stops_first(self) -> bool:
        """Until the outcome is shown, not only while the thread runs: it may have ended
        with its report still on the way, and closing then would lose it."""
        return self._worker is not None and not self._settled and not self._stopping()

    def _import(self, progress: Progress) -> ImportReport:
        return import_corpus(self._project, self._paths, progress=progress)

    def _show_progress(self, done: int, total: int, name: str) -> None:
        if self._stopping():
            return
        self.progress.setRange(0, total)
        self.progress.setValue(done)
        self.headline.setText(f"Importing {total} file{'' if total == 1 else 's'}…")
        metrics = self.current.fontMetrics()
        width = max(self.current.width(), 400)
        self.current.setText(metrics.elidedText(name, Qt.TextElideMode.ElideMiddle, width))

    def _finished(self, report: ImportReport) -> None:
        self._report = report
        self.headline.setText(_headline(report))
        self.progress.hide()
        self.current.setText(_counts(report))
        warning = self.style().standardIcon(QStyle.StandardPixmap.SP_MessageBoxWarning)
        info = self.style().standardIcon(QStyle.StandardPixmap.SP_MessageBoxInformation)
        if report.stopped is not None:
            name, reason = report.stopped
            self._detail(
                name, f"stopped here: {reason}; nothing of it or later was stored", warning
            )
        for name, reason in report.failed:
            self._detail(name, reason, warning)
        for name, text in report.warnings:
            self._detail(name, text, warning)
        for export in report.exports:
            self._detail(export.file, export.line(), info)
        for origin, reason in report.skipped:
            self._detail(origin, f"skipped: {reason}", info)
        self.details.setVisible(self.details.topLevelItemCount() > 0)
        self._make_room()
        self._finish_buttons()
        if report.imported:  # the open views show the new articles at once
            bus_of(self._project).publish(Changes(articles=set(report.imported)))
        self.importFinished.emit(report)

    def _make_room(self) -> None:
        """Room for several rows of the files that did not come in: the dialog opened at
        the height of a progress bar, which would leave the list a row and a half."""
        count = self.details.topLevelItemCount()
        if not count:
            return
        tree = self.details
        row = max(tree.sizeHintForRow(0), tree.fontMetrics().height())
        rows = min(count, ROWS_SHOWN)
        tree.setMinimumHeight(
            tree.header().sizeHint().height() + rows * row + 2 * tree.frameWidth()
        )
        layout = self.layout()
        layout.activate()
        self.resize(self.width(), max(self.height(), layout.minimumSize().height()))

    def _detail(self, name: str, what: str, icon: QIcon) -> None:
        item = QTreeWidgetItem(self.details, [name, what])
        item.setIcon(0, icon)
        item.setToolTip(0, name)
        item.setToolTip(1, what)

    def _failed(self, error: BaseException) -> None:
        self.progress.hide()
        self.headline.setText("The import stopped")
        self.current.setForegroundRole(QPalette.ColorRole.WindowText)
        self.current.setWordWrap(True)
        self.current.setText(str(error) or type(error).__name__)
        self._finish_buttons()

    def _finish_buttons(self) -> None:
        self._settled = True
        self.buttons.setStandardButtons(QDialogButtonBox.StandardButton.Close)
        self.buttons.setEnabled(True)
        self.buttons.button(QDialogButtonBox.StandardButton.Close).setFocus()


def _headline(report: ImportReport) -> str:
    count = len(report.imported)
    articles = f"{count} article{'' if count == 1 else 's'}"
    read = report.imported or report.skipped or report.failed or report.exports
    if not (read or report.cancelled) and report.stopped is None:
        return f"Nothing to import: no {', '.join(SUPPORTED_SUFFIXES)} files were found"
    if report.stopped is not None:
        return f"Import stopped: the project takes no more — {articles} imported before"
    if report.cancelled:
        return f"Import cancelled — {articles} imported before it stopped"
    if report.failed:
        return f"{articles} imported; some files could not be read"
    if report.warnings:
        return f"{articles} imported; see the warnings below"
    return f"{articles} imported"


def _counts(report: ImportReport) -> str:
    counts = (
        f"{len(report.imported)} imported · {len(report.skipped)} skipped as duplicates · "
        f"{len(report.failed)} failed"
    )
    return counts + (f" · {len(report.warnings)} warnings" if report.warnings else "")
