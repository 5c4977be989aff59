"""Where text sits on screen in a QPlainTextEdit, in viewport coordinates and Qt positions.

Only the blocks on screen are asked about: their geometry is exact and cheap, while
a block far away would make the editor lay out everything in between.
"""

from __future__ import annotations

from collections.abc import Iterator

from PySide6.QtCore import QPointF, QRectF
from PySide6.QtGui import QTextBlock, QTextLine
from PySide6.QtWidgets import QPlainTextEdit

from stancecoder.ui.widgets.reader_layout import LINE_HEIGHT


def visible_blocks(editor: QPlainTextEdit) -> Iterator[tuple[QTextBlock, QRectF]]:
    """The blocks on screen with their rectangles, top to bottom, stacked as the editor
    paints them (asking for each block's geometry anew would walk from the top each time)."""
    block = editor.firstVisibleBlock()
    top = editor.blockBoundingGeometry(block).translated(editor.contentOffset()).top()
    bottom = editor.viewport().height()
    while block.isValid() and top <= bottom:
        rect = editor.blockBoundingRect(block)
        if block.isVisible():
            yield block, QRectF(rect.left(), top, rect.width(), rect.height())
        top += rect.height()
        block = block.next()


class Screen:
    """What is on screen now, measured once and asked many times."""

    def __init__(self, editor: QPlainTextEdit) -> None:
        self._document = editor.document()
        self.height = float(editor.viewport().height())
        self._rects = {b.blockNumber(): r for b, r in visible_blocks(editor)}
        self.first = editor.firstVisibleBlock().position()  # Qt positions, half-open
        last = self._document.findBlockByNumber(max(self._rects, default=0))
        self.last = last.position() + last.length() if self._rects else self.first

    def line_rect(self, position: int) -> QRectF | None:
        """The screen line holding the character at `position`, if it is on screen."""
        block = self._document.findBlock(position)
        rect = self._rects.get(block.blockNumber())
        line = block.layout().lineForTextPosition(position - block.position())
        if rect is None or not line.isValid():
            return None
        return line.naturalTextRect().translated(rect.topLeft())


def line_rect(editor: QPlainTextEdit, position: int) -> QRectF:
    """The rectangle of the screen line holding the character at `position`."""
    block = editor.document().findBlock(position)
    rect = editor.blockBoundingGeometry(block).translated(editor.contentOffset())
    line = block.layout().lineForTextPosition(position - block.position())
    if not line.isValid():
        return QRectF(rect.left(), rect.top(), rect.width(), 0)
    return line.naturalTextRect().translated(rect.topLeft())


def char_at(editor: QPlainTextEdit, point: QPointF) -> int | None:
    """The Qt position of the character under `point`, or None over blank space, so that
    a click beside a line or between paragraphs does not count as one on the text."""
    for block, rect in visible_blocks(editor):
        if not rect.top() <= point.y() < rect.bottom():
            continue
        local = point - rect.topLeft()
        layout = block.layout()
        for n in range(layout.lineCount()):
            line = layout.lineAt(n)
            lead = line.height() * (LINE_HEIGHT - 1) / 2  # the spacing belongs to its line
            area = line.naturalTextRect().adjusted(0, -lead, 0, lead)
            if area.top() <= local.y() < area.bottom() and area.left() <= local.x() < area.right():
                on = line.xToCursor(local.x(), QTextLine.CursorPosition.CursorOnCharacter)
                return block.position() + min(on, line.textStart() + line.textLength() - 1)
        return None
    return None
