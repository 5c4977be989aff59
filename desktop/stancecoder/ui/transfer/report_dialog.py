"""A job whose outcome is a report to read and copy (coder files, REFI-QDA): its summary
in the headline and its lines beneath, selectable, so a conflict or a file left out can be
pasted into a message."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QPlainTextEdit, QWidget

from stancecoder.core.errors import StanceCoderError
from stancecoder.ui.common.errors import in_words
from stancecoder.ui.common.worker_dialog import WorkerDialog


class ReportDialog(WorkerDialog):
    """Runs one job; `completed` carries its report once it succeeded."""

    completed = Signal(object)

    def __init__(self, title: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.detail = QPlainTextEdit()
        self.detail.setReadOnly(True)
        self.detail.hide()

    def _stops_first(self) -> bool:
        """Cancel stops the work (a merge or an import then writes nothing); it closes only
        once the work has stopped."""
        return self.is_running()

    def _failed(self, error: BaseException) -> None:
        self.headline.setText(f"{self.windowTitle()} stopped")
        message = in_words(error) if isinstance(error, StanceCoderError) else str(error)
        self._end(message or type(error).__name__)

    def _end(self, text: str) -> None:
        self.detail.setPlainText(text)
        self.detail.show()
        self.detail.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self._offer_ok()
