"""The article text, read-only, in a column narrow enough to read comfortably."""

from __future__ import annotations

from PySide6.QtGui import QFont, QResizeEvent
from PySide6.QtWidgets import QPlainTextEdit

LINE_LENGTH = 78  # characters: long lines tire the eye over hours of coding


class Reader(QPlainTextEdit):
    def __init__(self) -> None:
        super().__init__(readOnly=True, undoRedoEnabled=False)
        font = QFont("Serif", 12)
        font.setStyleHint(QFont.StyleHint.Serif)
        self.setFont(font)
        self.document().setDocumentMargin(16)

    def resizeEvent(self, event: QResizeEvent) -> None:
        text_width = self.fontMetrics().averageCharWidth() * LINE_LENGTH
        side = max(0, (self.width() - text_width) // 2)
        self.setViewportMargins(side, 0, side, 0)
        super().resizeEvent(event)
