"""Packaging a coder's file and merging coder files from the window, off the GUI thread.

The dialog shows the work going on and then what it did: the file written, or the merge's
summary with every conflict listed, selectable to copy into a message to the coder. A
merge cancelled or refused merges nothing (it is one transaction).
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from PySide6.QtWidgets import QVBoxLayout, QWidget

from stancecoder.services.coder_files.merge import MergeReport, merge_coder_files
from stancecoder.services.coder_files.package import PackageReport, package_for_coder
from stancecoder.services.project import Project
from stancecoder.ui.common.worker import Job, Progress
from stancecoder.ui.transfer.report_dialog import ReportDialog


class CoderFilesDialog(ReportDialog):
    def __init__(self, title: str, job: Job, parent: QWidget | None = None) -> None:
        super().__init__(title, parent)
        self.setMinimumWidth(520)
        self.report: PackageReport | MergeReport | None = None
        self.headline.setText(f"{title.rstrip('…')}…")
        layout = QVBoxLayout(self)
        for widget in (self.headline, self.progress, self.detail, self.buttons):
            layout.addWidget(widget)
        self._prepare(job)

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

    def _show_progress(self, done: int, total: int, name: str) -> None:
        if total and not self._stopping():
            self.progress.setRange(0, total)
            self.progress.setValue(done)
            self.headline.setText(f"Merging {Path(name).name}…")

    def _finished(self, report: PackageReport | MergeReport) -> None:
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
