"""Unexpected errors: shown with their details, never a silent crash.

A user-facing `StanceCoderError` gets a plain message. Anything else is a bug: the dialog
shows the traceback with a button to copy it for a report, and the window keeps working
(every action ran in its own transaction, so the project is consistent).
"""

from __future__ import annotations

import sys
import traceback
from types import TracebackType

from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

from stancecoder.core.errors import ProjectError, StanceCoderError


def show_problem(parent: QWidget | None, message: str) -> None:
    QMessageBox.warning(parent, "StanceCoder", message)


def in_words(exc: StanceCoderError) -> str:
    """An error as the window says it: a project's problem in the sentence meant for a
    person at the window (no command to run, no driver's wording), else its message."""
    return exc.plain if isinstance(exc, ProjectError) else str(exc)


def error_box(parent: QWidget | None, exc: BaseException) -> QMessageBox:
    details = "".join(traceback.format_exception(type(exc), exc, exc.__traceback__))
    box = QMessageBox(parent)
    box.setIcon(QMessageBox.Icon.Critical)
    box.setWindowTitle("StanceCoder: unexpected error")
    box.setText(
        "Something went wrong that StanceCoder did not expect.\n\n"
        f"{type(exc).__name__}: {exc}\n\n"
        "Your codings up to the last action are saved. Please report this, with the details."
    )
    box.setDetailedText(details)
    copy = box.addButton("Copy details", QMessageBox.ButtonRole.ActionRole)
    copy.clicked.disconnect()
    copy.clicked.connect(lambda: QApplication.clipboard().setText(details))
    box.addButton(QMessageBox.StandardButton.Close)
    return box


def install_excepthook() -> None:
    def hook(kind: type[BaseException], exc: BaseException, tb: TracebackType | None) -> None:
        if isinstance(exc, StanceCoderError):
            show_problem(QApplication.activeWindow(), in_words(exc))
            return
        traceback.print_exception(kind, exc, tb)
        error_box(QApplication.activeWindow(), exc).exec()

    sys.excepthook = hook
