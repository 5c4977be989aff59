"""Article text in a comfortable column, selectable, with selections in code points.

The reading part of the reader, without passages: typography, zoom, and the one
crossing between Qt's UTF-16 positions and the code points every offset is stored in.
Nothing read back from the widget's text is used, since Qt rewrites some characters.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import (
    QFont,
    QKeyEvent,
    QKeySequence,
    QResizeEvent,
    QShowEvent,
    QTextCursor,
    QTextDocument,
    QWheelEvent,
)
from PySide6.QtWidgets import QPlainTextEdit, QWidget

from stancecoder.core.offsets import OffsetMap
from stancecoder.core.words import snap_to_words
from stancecoder.ui.widgets.reader_layout import SpacedLayout

LINE_LENGTH = 78  # characters: long lines tire the eye over hours of coding
FONT_POINTS = 12
SERIF = ["Charter", "Source Serif 4", "Georgia", "Noto Serif", "DejaVu Serif", "Serif"]
ZOOM_RANGE = (-6, 16)  # point-size steps: 6 pt is the smallest still readable
DOCUMENT_MARGIN = 16


class ReadingView(QPlainTextEdit):
    selectionChangedSpan = Signal(object)  # (start, end) in code points, or None
    zoomChanged = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        document = QTextDocument(self)
        self._layout = SpacedLayout(document)  # held here: Qt calls back into it
        document.setDocumentLayout(self._layout)
        document.setUndoRedoEnabled(False)
        document.setDocumentMargin(DOCUMENT_MARGIN)
        self.setDocument(document)
        self.setReadOnly(True)
        self.setUndoRedoEnabled(False)
        self.setTextInteractionFlags(
            Qt.TextInteractionFlag.TextSelectableByKeyboard
            | Qt.TextInteractionFlag.TextSelectableByMouse
        )
        self.setTabChangesFocus(True)
        self.text = ""  # the canonical article text; never read back from the widget
        self.offsets = OffsetMap("")
        self._snap = True
        self._zoom = 0
        self._last_span: tuple[int, int] | None = None
        self._placing = False
        self.selectionChanged.connect(self._selection_changed)
        self.apply_font()

    # ---- selection ----------------------------------------------------------------------

    @property
    def snap_to_words(self) -> bool:
        return self._snap

    @snap_to_words.setter
    def snap_to_words(self, on: bool) -> None:
        self._snap = bool(on)
        self._selection_changed()

    def selected_span(self) -> tuple[int, int] | None:
        """The selection in code points, grown to whole words when snapping is on."""
        cursor = self.textCursor()
        if not cursor.hasSelection():
            return None
        start = self.offsets.from_qt(cursor.selectionStart())
        end = self.offsets.from_qt(cursor.selectionEnd())
        if self._snap:
            start, end = snap_to_words(self.text, start, end)
        return (start, end) if start < end else None

    def select_span(self, start: int, end: int) -> None:
        """Select code points `[start, end)`; `start == end` just places the caret."""
        if not 0 <= start <= end <= len(self.text):
            raise ValueError(f"span {start}–{end} lies outside the article (0–{len(self.text)})")
        cursor = QTextCursor(self.document())
        cursor.setPosition(self.offsets.to_qt(start))
        cursor.setPosition(self.offsets.to_qt(end), QTextCursor.MoveMode.KeepAnchor)
        self.setTextCursor(cursor)

    def _selection_changed(self) -> None:
        span = self.selected_span()
        if span != self._last_span:
            self._last_span = span
            self.selectionChangedSpan.emit(span)

    # ---- zoom and column ----------------------------------------------------------------

    @property
    def zoom(self) -> int:
        """Font size steps in points away from the 12 pt default."""
        return self._zoom

    def set_zoom(self, steps: int) -> None:
        steps = min(max(steps, ZOOM_RANGE[0]), ZOOM_RANGE[1])
        if steps != self._zoom:
            self._zoom = steps
            self.apply_font()
            self.zoomChanged.emit(steps)

    def zoom_in(self) -> None:
        self.set_zoom(self._zoom + 1)

    def zoom_out(self) -> None:
        self.set_zoom(self._zoom - 1)

    def zoom_reset(self) -> None:
        self.set_zoom(0)

    def apply_font(self) -> None:
        font = QFont()
        font.setFamilies(SERIF)
        font.setStyleHint(QFont.StyleHint.Serif)
        font.setPointSize(FONT_POINTS + self._zoom)
        self.setFont(font)
        self.place()

    def gutter(self) -> int:
        """Pixels the column must leave free on its left for a margin widget."""
        return 0

    def place(self) -> None:
        """Centre a column of LINE_LENGTH characters in the widget.

        Setting the margins resizes the viewport, which Qt reports through resizeEvent
        while this still runs; the guard keeps that from starting over."""
        if self._placing:
            return
        self._placing = True
        try:
            self.set_margins()
            self.placed()
        finally:
            self._placing = False

    def set_margins(self) -> None:
        column = self.fontMetrics().averageCharWidth() * LINE_LENGTH + 2 * DOCUMENT_MARGIN
        free = max(self.contentsRect().width() - self.verticalScrollBar().sizeHint().width(), 0)
        side = max((free - column) // 2, 0)
        self.setViewportMargins(max(side, self.gutter()), 0, side, 0)

    def placed(self) -> None:
        """Called once the column has its place, for what hangs beside it."""

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self.place()

    def showEvent(self, event: QShowEvent) -> None:
        """Text set while the view was hidden was laid out at the width of that moment, and
        Qt kept it when the margins moved on show: lines ran behind a horizontal scroll bar
        until the next resize. Turning wrapping off and on lays it out at today's width."""
        super().showEvent(event)
        self.setLineWrapMode(QPlainTextEdit.LineWrapMode.NoWrap)
        self.setLineWrapMode(QPlainTextEdit.LineWrapMode.WidgetWidth)

    def wheelEvent(self, event: QWheelEvent) -> None:
        if event.modifiers() & Qt.KeyboardModifier.ControlModifier:
            steps = event.angleDelta().y()
            if steps:
                self.set_zoom(self._zoom + (1 if steps > 0 else -1))
            event.accept()
            return
        super().wheelEvent(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.matches(QKeySequence.StandardKey.ZoomIn):
            self.zoom_in()
        elif event.matches(QKeySequence.StandardKey.ZoomOut):
            self.zoom_out()
        else:
            super().keyPressEvent(event)
