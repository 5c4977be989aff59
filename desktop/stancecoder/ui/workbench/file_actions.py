"""The File menu: opening projects, importing articles and REFI-QDA files, the exports
(Excel, REFI-QDA, the statistics packages) and the lead's coder files.

Its actions are declared here and registered with the window's others, so the menu bar
and the F1 sheet still come from one list; what the long jobs leave behind (the dialog of
a packaging, merge or REFI-QDA transfer) is kept here while that dialog is open.
"""

from __future__ import annotations

from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QFileDialog, QInputDialog, QStatusBar, QWidget

from stancecoder.core.changes import Changes
from stancecoder.services.coders import list_coders
from stancecoder.services.project import Project
from stancecoder.ui.common.actions import ActionSpec
from stancecoder.ui.common.changes_bus import bus_of
from stancecoder.ui.common.errors import show_problem

# The dialogs, the importers and the writers are imported when their action runs: at the
# window's start they cost some 0.4 s (xlsxwriter, the REFI-QDA files, the news importers)
# for nothing on the screen.
if TYPE_CHECKING:
    from stancecoder.services.coder_files.merge import MergeReport
    from stancecoder.services.refi.report import RefiImportReport
    from stancecoder.ui.transfer.coder_files_dialog import CoderFilesDialog
    from stancecoder.ui.transfer.refi_dialog import RefiDialog

STATISTICS_FILES = ((".sav", "&SPSS (.sav)…"), (".dta", "S&tata (.dta)…"), (".csv", "CSV for &R…"))
Key = QKeySequence.StandardKey


class ProjectOpener(Protocol):
    """What the File menu asks of whoever opens projects (the launcher)."""

    def new_project(self) -> None: ...
    def choose_project(self) -> None: ...
    def open_sample(self) -> None: ...


class FileHost(Protocol):
    """What the File menu needs of the coding window."""

    project: Project
    role: str
    launcher: ProjectOpener | None

    def statusBar(self) -> QStatusBar: ...
    def close(self) -> bool: ...


def import_articles(project: Project, paths: list[str], parent: QWidget) -> None:
    """Articles from files chosen here or dropped on the window (`drop_import`)."""
    from stancecoder.ui.transfer.import_dialog import ImportDialog

    ImportDialog.run_import(project, [Path(p) for p in paths], parent)


class FileActions:
    def __init__(self, host: FileHost, owner: QWidget) -> None:
        self.host = host
        self.owner = owner
        self.coder_files: CoderFilesDialog | None = None
        """The packaging or merge under way or last done, kept while its dialog is open."""
        self.refi: RefiDialog | None = None
        """The REFI-QDA export or import likewise."""

    def specs(self) -> list[ActionSpec]:
        """The menu's actions in its order; the first three need a launcher, the REFI-QDA
        project's import and export and the coder files are the lead's."""
        opener = self.host.launcher
        lead = self.host.role == "lead"
        opening = [] if opener is None else [
            ActionSpec("new-project", "&File", "&New project…", opener.new_project, (Key.New,)),
            ActionSpec("open-project", "&File", "&Open project…", opener.choose_project,
                       (Key.Open,)),
            ActionSpec("open-sample", "&File", "Open the &sample project", opener.open_sample),
        ]  # fmt: skip
        refi_in = [] if not lead else [
            ActionSpec("refi-import", "&File", "&REFI-QDA project or codebook…",
                       self._refi_import, submenu="Imp&ort",
                       tip="Bring in a project or codebook from MAXQDA, NVivo, ATLAS.ti or "
                       "QualCoder, its code groups mapped to variables"),
        ]  # fmt: skip
        refi_out = [] if not lead else [
            ActionSpec("refi-export", "&File", "REFI-QDA &project…", self._refi_export,
                       submenu="Expor&t", tip="The whole project for another QDA tool"),
        ]  # fmt: skip
        filing = [] if not lead else [
            ActionSpec("package", "&File", "&Package for a coder…", self._package,
                       tip="Write a coder's articles and codings into a file to code without "
                       "the team's server"),
            ActionSpec("merge", "&File", "&Merge coder files…", self._merge,
                       tip="Bring coders' files back into this project"),
        ]  # fmt: skip
        return [
            *opening,
            ActionSpec("import", "&File", "&Import articles…", self._import, ("Ctrl+I",)),
            *refi_in,
            ActionSpec("export", "&File", "&Export to Excel…", self._export, ("Ctrl+E",)),
            *refi_out,
            ActionSpec("refi-codebook", "&File", "REFI-QDA &codebook…", self._refi_codebook,
                       submenu="Expor&t", tip="The codebook for another QDA tool"),
            *(ActionSpec(f"export-{suffix[1:]}", "&File", text,
                         partial(self._export_for_statistics, suffix),
                         submenu="Expor&t")
              for suffix, text in STATISTICS_FILES),
            *filing,
            ActionSpec("quit", "&File", "&Quit", self.host.close, (Key.Quit,)),
        ]  # fmt: skip

    def _import(self) -> None:
        from stancecoder.io.corpus import SUPPORTED_SUFFIXES

        patterns = " ".join(f"*{suffix}" for suffix in SUPPORTED_SUFFIXES)
        paths, _ = QFileDialog.getOpenFileNames(
            self.owner, "Import articles", "", f"Articles ({patterns})"
        )
        if paths:
            import_articles(self.host.project, paths, self.owner)

    def _export(self) -> None:
        project = self.host.project
        path, _ = QFileDialog.getSaveFileName(
            self.owner, "Export", f"{project.title}.xlsx", "Excel (*.xlsx);;CSV (*.csv)"
        )
        if path:
            from stancecoder.ui.transfer.export_dialog import ExportDialog

            dialog = ExportDialog(project, Path(path), self.owner)
            dialog.begin()
            dialog.exec()
            if dialog.report is not None:
                self.host.statusBar().showMessage(f"Exported to {path}", 5000)

    def _refi_export(self) -> None:
        from stancecoder.ui.transfer import refi_files

        self.refi = refi_files.export_project(self.host.project, self.owner)

    def _refi_codebook(self) -> None:
        from stancecoder.ui.transfer import refi_files

        path = refi_files.export_codebook(self.host.project, self.owner)
        if path is not None:
            self.host.statusBar().showMessage(f"Exported the codebook to {path}", 5000)

    def _refi_import(self) -> None:
        from stancecoder.ui.transfer import refi_files

        self.refi = refi_files.import_file(self.host.project, self.owner)
        if self.refi is not None:
            self.refi.completed.connect(self._refi_imported)

    def _refi_imported(self, report: RefiImportReport) -> None:
        if not report.dry_run:
            bus_of(self.host.project).publish(Changes(reload=True))

    def _export_for_statistics(self, suffix: str) -> None:
        location = self.host.project.location  # a file's path, or a server's URL
        folder = Path.home() if "://" in location else Path(location).parent
        from stancecoder.ui.transfer.stats_export_dialog import StatsExportDialog

        dialog = StatsExportDialog(self.host.project, suffix, folder, self.owner)
        dialog.exec()
        if dialog.report is not None:
            self.host.statusBar().showMessage(f"Exported to {dialog.report.path}", 5000)

    def _package(self) -> None:
        project = self.host.project
        coders = [c.name for c in list_coders(project, consensus=False)]
        if not coders:
            show_problem(self.owner, "The project has no coders yet: add one first.")
            return
        coder, chosen = QInputDialog.getItem(
            self.owner, "Package for a coder", "Whose work goes into the file?", coders, 0, False
        )
        if not chosen:
            return
        path, _ = QFileDialog.getSaveFileName(
            self.owner, "Package for a coder", f"{project.title} ({coder}).stance",
            "StanceCoder project (*.stance)",
        )  # fmt: skip
        if path:
            from stancecoder.ui.transfer.coder_files_dialog import CoderFilesDialog

            self._run(CoderFilesDialog.package(project, coder, Path(path), self.owner))

    def _merge(self) -> None:
        paths, _ = QFileDialog.getOpenFileNames(
            self.owner, "Merge coder files", "", "StanceCoder project (*.stance)"
        )
        if paths:
            from stancecoder.ui.transfer.coder_files_dialog import CoderFilesDialog

            dialog = CoderFilesDialog.merge(self.host.project, [Path(p) for p in paths], self.owner)
            dialog.completed.connect(self._merged)
            self._run(dialog)

    def _merged(self, report: MergeReport) -> None:
        if report.merged_anything:
            bus_of(self.host.project).publish(Changes(reload=True))

    def _run(self, dialog: CoderFilesDialog) -> None:
        """Window-modal, not blocking: the window keeps painting while the work runs."""
        self.coder_files = dialog
        dialog.start()
        dialog.open()
