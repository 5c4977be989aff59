"""Stored codings painted under the article text.

The highlighter paints precomputed pieces and nothing else: the reader flattens the
passages once per change, so painting a block is a binary search plus one `setFormat`
per piece instead of work per character.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Sequence
from typing import NamedTuple

from PySide6.QtGui import QColor, QSyntaxHighlighter, QTextCharFormat, QTextDocument

from stancecoder.ui.widgets.contrast import legible_mark, readable_tint

# The code colour's share in a tint, then a step stronger where passages overlap. On a
# dark base a pastel brightens the background towards the light text, so less of it; either
# is then moved as far as the page and the text on it need (`readable_tint`).
TINTS = {"light": (0.45, 0.62), "dark": (0.36, 0.5)}


class Paint(NamedTuple):
    """One piece of text in Qt positions, tinted with one colour (a named tuple, as
    `core.segments.Span`: hundreds are made at each switch, and compared after a coding)."""

    start: int
    end: int
    colour: str  # "#rrggbb"
    overlap: bool  # more than one passage covers it
    other: bool = False  # another coder's passage: dotted underline, so it reads as theirs


def is_dark(base: QColor) -> bool:
    return base.lightness() < 128


def default_ink(base: QColor) -> QColor:
    return QColor("#ffffff" if is_dark(base) else "#000000")


class PassageHighlighter(QSyntaxHighlighter):
    def __init__(self, document: QTextDocument) -> None:
        super().__init__(document)
        self._paints: list[Paint] = []
        self._ends: list[int] = []
        self._formats: list[QTextCharFormat] = []
        # by colour, overlap and owner, for this base and ink: the next article has the same
        self._made: dict[tuple[str, bool, bool], QTextCharFormat] = {}
        self._base = QColor("#ffffff")
        self._ink = QColor("#000000")

    def set_paints(
        self,
        paints: Sequence[Paint],
        base: QColor,
        *,
        redraw: bool = True,
        ink: QColor | None = None,
    ) -> None:
        """Replace the pieces (sorted, not overlapping); with `redraw`, repaint only the
        blocks whose pieces changed, so a new coding does not re-format the article.
        `ink` is the text colour the tints must keep readable (black or white by default)."""
        ink = QColor(ink) if ink is not None else default_ink(base)
        old = set(self._paints) if (self._base, self._ink) == (base, ink) else None
        if old is None:
            self._made.clear()  # tints made for another page
        self._paints = list(paints)
        self._ends = [p.end for p in self._paints]
        self._base, self._ink = QColor(base), ink
        made = self._made
        self._formats = []
        for paint in self._paints:
            looks = (paint.colour, paint.overlap, paint.other)
            fmt = made.get(looks)
            if fmt is None:
                fmt = made[looks] = self._format(paint)
            self._formats.append(fmt)
        if not redraw:
            return
        if old is None:
            self.rehighlight()
            return
        for paint in old.symmetric_difference(self._paints):
            self._redraw(paint.start, paint.end)

    def _format(self, paint: Paint) -> QTextCharFormat:
        colour = QColor(paint.colour)
        dark = is_dark(self._base)
        tint, overlap = TINTS["dark" if dark else "light"]
        fmt = QTextCharFormat()
        share = overlap if paint.overlap else tint
        fmt.setBackground(readable_tint(colour, self._base, self._ink, share))
        if paint.overlap or paint.other:
            style = QTextCharFormat.UnderlineStyle
            fmt.setUnderlineStyle(style.DotLine if paint.other else style.SingleUnderline)
            fmt.setUnderlineColor(legible_mark(colour, self._base, self._ink))
        return fmt

    def _redraw(self, start: int, end: int) -> None:
        document = self.document()
        block = document.findBlock(start)
        last = document.findBlock(max(start, end - 1)).blockNumber()
        while block.isValid() and block.blockNumber() <= last:
            self.rehighlightBlock(block)
            block = block.next()

    def highlightBlock(self, text: str) -> None:
        # `text` counts code points; Qt positions count UTF-16 units, so use the block's
        block = self.currentBlock()
        first = block.position()
        last = first + block.length()
        n = bisect_right(self._ends, first)
        while n < len(self._paints) and self._paints[n].start < last:
            paint = self._paints[n]
            start, end = max(paint.start, first), min(paint.end, last)
            self.setFormat(start - first, end - start, self._formats[n])
            n += 1
