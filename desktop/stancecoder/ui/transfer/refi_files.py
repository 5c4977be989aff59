"""The File menu's REFI-QDA items: the file asked for, then the work in a `RefiDialog`
(the codebook, a few kilobytes, is written at once)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QFileDialog, QWidget

from stancecoder.core.errors import StanceCoderError
from stancecoder.services.project import Project
from stancecoder.services.refi.export import export_refi_codebook
from stancecoder.services.refi.importing import preview_refi_import
from stancecoder.ui.common.errors import in_words, show_problem
from stancecoder.ui.transfer.refi_dialog import RefiDialog

PROJECT_FILES = "REFI-QDA project (*.qdpx)"
CODEBOOK_FILES = "REFI-QDA codebook (*.qdc)"
READABLE = "REFI-QDA project or codebook (*.qdpx *.qdc *.qde)"


def export_project(project: Project, parent: QWidget) -> RefiDialog | None:
    """Window-modal, not blocking: the window keeps painting while the file is written."""
    path = _save_path(parent, "Export REFI-QDA project", f"{project.title}.qdpx", PROJECT_FILES)
    if path is None:
        return None
    dialog = RefiDialog.exporting(project, path, parent)
    dialog.start()
    dialog.open()
    return dialog


def export_codebook(project: Project, parent: QWidget) -> Path | None:
    path = _save_path(parent, "Export REFI-QDA codebook", f"{project.title}.qdc", CODEBOOK_FILES)
    if path is None:
        return None
    try:
        export_refi_codebook(project, path)
    except StanceCoderError as error:
        show_problem(parent, in_words(error))
        return None
    return path


def import_file(project: Project, parent: QWidget) -> RefiDialog | None:
    """The file's groups and their guessed variables shown first; nothing is written
    until the lead presses Import."""
    name, _ = QFileDialog.getOpenFileName(parent, "Import REFI-QDA", "", READABLE)
    if not name:
        return None
    try:
        preview = preview_refi_import(project, Path(name))
    except StanceCoderError as error:
        show_problem(parent, in_words(error))
        return None
    dialog = RefiDialog.importing(project, Path(name), preview, parent)
    dialog.open()
    return dialog


def _save_path(parent: QWidget, title: str, suggested: str, kind: str) -> Path | None:
    name, _ = QFileDialog.getSaveFileName(parent, title, suggested, kind)
    if not name:
        return None
    path = Path(name)
    suffix = suggested.rpartition(".")[2]
    return path if path.suffix.lower() == f".{suffix}" else path.with_name(f"{path.name}.{suffix}")
