"""Where text sits on screen in a QPlainTextEdit, in viewport coordinates and Qt positions.

Only the blocks on screen are asked about: their geometry is exact and cheap, while
a block far away would make the editor lay out everything in between.
"""

from __future__ import annotations

from bisect import bisect_right
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
    """What is on screen now, measured once and asked many times: the paragraphs on
    screen and, once asked about, each one's lines. The margin asks for the lines of every
    passage on screen, two each; asking Qt every time took a dozen calls from Python each."""

    def __init__(self, editor: QPlainTextEdit) -> None:
        self.height = float(editor.viewport().height())
        shown = list(visible_blocks(editor))
        self._blocks = [block for block, _rect in shown]
        self._tops = [rect.topLeft() for _block, rect in shown]
        self._starts = [block.position() for block in self._blocks]
        self._ends = [
            start + block.length() for start, block in zip(self._starts, self._blocks, strict=True)
        ]
        self._lines: dict[int, tuple[list[int], list[QRectF]]] = {}  # by index in _blocks
        self.first = editor.firstVisibleBlock().position()  # Qt positions, half-open
        self.last = self._ends[-1] if shown else self.first

    def line_rect(self, position: int) -> QRectF | None:
        """The screen line holding the character at `position`, if it is on screen."""
        n = bisect_right(self._starts, position) - 1
        if n < 0 or position >= self._ends[n]:
            return None
        starts, rects = self._lines.get(n) or self._measure(n)
        return rects[max(bisect_right(starts, position - self._starts[n]) - 1, 0)]

    def _measure(self, n: int) -> tuple[list[int], list[QRectF]]:
        layout = self._blocks[n].layout()
        lines = [layout.lineAt(i) for i in range(layout.lineCount())]
        top = self._tops[n]
        measured = self._lines[n] = (
            [line.textStart() for line in lines],
            [line.naturalTextRect().translated(top) for line in lines],
        )
        return measured


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
