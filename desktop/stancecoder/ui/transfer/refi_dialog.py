"""REFI-QDA in the window: a project written for another QDA tool, and another tool's
project or codebook brought in once the lead has confirmed where each code group goes.

The import shows the file's groups with the variable guessed for each (a variable of the
project, a new one, or left out) before anything is written; the lead changes any of
them and imports. Both run off the GUI thread with progress and Cancel; a cancelled
import writes nothing (it is one transaction), a cancelled export leaves the file alone.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QComboBox, QFormLayout, QVBoxLayout, QWidget

from stancecoder.core.refi.group_mapping import LEAVE_OUT
from stancecoder.core.wording import counted
from stancecoder.services.project import Project
from stancecoder.services.refi.export import RefiExportReport, export_refi_project
from stancecoder.services.refi.importing import RefiPreview, import_refi
from stancecoder.services.refi.report import RefiImportReport
from stancecoder.ui.common.worker import Progress
from stancecoder.ui.common.worker_dialog import Button
from stancecoder.ui.transfer.report_dialog import ReportDialog


class RefiDialog(ReportDialog):
    """One REFI-QDA job, an import once the lead has confirmed the groups."""

    def __init__(self, title: str, parent: QWidget | None = None) -> None:
        super().__init__(title, parent)
        self.setMinimumWidth(560)
        self.report: RefiImportReport | RefiExportReport | None = None
        self.choices = QFormLayout()
        self.progress.hide()
        layout = QVBoxLayout(self)
        layout.addWidget(self.headline)
        layout.addLayout(self.choices)
        for widget in (self.progress, self.detail, self.buttons):
            layout.addWidget(widget)
        self.combos: dict[str, QComboBox] = {}

    @classmethod
    def exporting(cls, project: Project, path: Path, parent: QWidget | None = None) -> RefiDialog:
        dialog = cls("Export REFI-QDA project", parent)
        dialog.headline.setText(f"Writing {path.name}…")
        dialog._prepare(lambda p: export_refi_project(project, path, p))
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

        dialog._prepare(job)
        return dialog

    def chosen(self) -> dict[str, str]:
        """Group name → the variable chosen for it, or "-" for left out."""
        return {group: str(combo.currentData()) for group, combo in self.combos.items()}

    def start(self) -> None:
        if self._worker is None or self._started:
            return
        for combo in self.combos.values():
            combo.setEnabled(False)
        self.progress.setRange(0, 0)
        self.progress.show()
        self.buttons.setStandardButtons(Button.Cancel)
        self._run()

    def _show_progress(self, done: int, total: int, name: str) -> None:
        if total and not self._stopping():
            self.progress.setRange(0, total)
            self.progress.setValue(done)
            if name:
                self.headline.setText(f"Reading {name}…")

    def _finished(self, report: RefiImportReport | RefiExportReport) -> None:
        self.report = report
        if isinstance(report, RefiExportReport):
            self.headline.setText(report.summary())
            self._end("Open the file in MAXQDA, NVivo, ATLAS.ti or QualCoder (REFI-QDA import).")
        else:
            self.headline.setText(report.summary())
            self._end("\n".join(report.lines()))
        if not (isinstance(report, RefiImportReport) and report.cancelled):
            self.completed.emit(report)
