"""Line spacing for a QPlainTextEdit, which otherwise sets lines solid.

`QPlainTextDocumentLayout` ignores `QTextBlockFormat.setLineHeight` and block margins, and
text set solid tires the eye over a day of reading. Every geometry question the editor
asks (painting, hit tests, scrolling, the scroll bar range) goes through
`blockBoundingRect`, so spacing the lines there, after Qt has broken them, is enough:
line breaks and positions in the text stay exactly Qt's.

Qt asks that question of a paragraph again and again (showing an article, painting,
scrolling): each answer is kept until the paragraph's lines are laid out anew or the text
changes.
"""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF
from PySide6.QtGui import QTextBlock, QTextDocument
from PySide6.QtWidgets import QPlainTextDocumentLayout

LINE_HEIGHT = 1.4  # of the font's height
PARAGRAPH_GAP = 0.5  # of a line, after a paragraph that another one follows directly


class SpacedLayout(QPlainTextDocumentLayout):
    def __init__(self, document: QTextDocument) -> None:
        super().__init__(document)
        self._heights: dict[int, tuple[int, float]] = {}  # by paragraph: lines, height

    def documentChanged(self, position: int, removed: int, added: int) -> None:
        self._heights.clear()
        super().documentChanged(position, removed, added)

    def blockBoundingRect(self, block: QTextBlock) -> QRectF:
        rect = super().blockBoundingRect(block)  # lays the block out if Qt has not yet
        layout = block.layout()
        count = layout.lineCount()
        if count == 0 or not block.isVisible():
            return rect
        first = layout.lineAt(0)
        height = first.height()
        spaced = first.y() == _lead(height)  # else freshly laid out by Qt, set solid
        known = self._heights.get(block.blockNumber()) if spaced else None
        if known is not None and known[0] == count:
            return QRectF(rect.x(), rect.y(), rect.width(), known[1])
        if not spaced:
            margin = self.document().documentMargin()
            top = 0
            for n in range(count):
                line = first if n == 0 else layout.lineAt(n)
                line_height = line.height()
                line.setPosition(QPointF(margin, top + _lead(line_height)))
                top += _step(line_height)
        last = first if count == 1 else layout.lineAt(count - 1)
        last_height = last.height()
        total = last.y() - _lead(last_height) + _step(last_height)
        following = block.next()
        if block.length() > 1 and following.isValid() and following.length() > 1:
            total += round(_step(height) * PARAGRAPH_GAP)
        if not following.isValid():
            total += self.document().documentMargin()
        self._heights[block.blockNumber()] = count, total
        return QRectF(rect.x(), rect.y(), rect.width(), total)


def _step(height: float) -> int:
    return round(height * LINE_HEIGHT)


def _lead(height: float) -> float:
    """Half the extra space goes above a line, half below, so a tint sits centred."""
    return (_step(height) - height) / 2
