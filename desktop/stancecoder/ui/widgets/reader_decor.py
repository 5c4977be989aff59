"""The reader's transient marks: the current passage, a flash, found words, the margin bars.

They change with every click and scroll, so they stay out of the document (no
re-highlighting) and cover only the lines on screen: an ExtraSelection over a long
passage would otherwise make Qt repaint text nobody can see.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Iterator
from contextlib import contextmanager

from PySide6.QtGui import QColor, QPalette, QTextCharFormat, QTextCursor
from PySide6.QtWidgets import QPlainTextDocumentLayout, QPlainTextEdit, QTextEdit

from stancecoder.core.segments import Span, lanes
from stancecoder.ui.widgets.contrast import blend, legible_mark
from stancecoder.ui.widgets.highlighter import is_dark
from stancecoder.ui.widgets.margin import Bar, PassageMargin
from stancecoder.ui.widgets.text_geometry import Screen

CURRENT_TINT = 0.8  # the current passage: clearly stronger than a stored coding's tint
FLASH_TINT = 0.75  # of the palette's highlight colour
LINES_PER_BLOCK = 1 << 20  # more screen lines than any paragraph can have
HIT = QColor("#ffe36e")  # found words: the marker yellow every find in every program uses
CURRENT_HIT = QColor("#ff9632")
HIT_INK = QColor("#000000")  # dark on yellow, in a dark theme too


class Decorations:
    def __init__(self, editor: QPlainTextEdit, margin: PassageMargin) -> None:
        self.editor = editor
        self.margin = margin
        self.spans: dict[int, tuple[int, int]] = {}  # passage id -> Qt positions
        self.colours: dict[int, QColor] = {}
        self.labels: dict[int, str] = {}  # passage id -> its coder's initials, on its bar
        self.others: set[int] = set()  # passages of coders other than the one reading
        self.lanes: dict[int, int] = {}
        self.current: int | None = None
        self.flashing: int | None = None
        self.hits: list[tuple[int, int]] = []  # found words, Qt positions in text order
        self.hit: int | None = None  # the index of the hit find is at
        self._drawn: tuple[int, int, int | None, int | None] | None = None
        self._holds = 0
        self._owed = False
        # the screen line keys found, for the lines as they break now (`_line_keys`)
        self._keys: dict[int, int] = {}
        self._breaks: tuple[int, int, str, object] | None = None

    def relane(self) -> None:
        """Lanes by screen line, not by character: two passages that merely share a line
        would otherwise meet end to end in one lane and read as a single bar.

        That needs the passages' paragraphs laid out. Qt lays them out lazily and, after
        each one, makes the editor re-measure the scroll range; doing that once for all
        of them instead keeps showing an article fast."""
        layout = self.editor.document().documentLayout()
        ends = {p for start, end in self.spans.values() for p in (start, end - 1)}
        quiet = layout.blockSignals(True)
        try:
            keys, laid_out = self._line_keys(sorted(ends))
        finally:
            layout.blockSignals(quiet)
        if laid_out:
            layout.documentSizeChanged.emit(layout.documentSize())
            self.editor.viewport().update()
        spans = [
            Span(key, keys[start], keys[end - 1] + 1) for key, (start, end) in self.spans.items()
        ]
        self.lanes = lanes(spans)

    def _line_keys(self, positions: list[int]) -> tuple[dict[int, int], bool]:
        """The screen line of each position (ascending) as a key that sorts in text order,
        and whether Qt had to lay out a paragraph for them. Positions in one paragraph ask
        about the paragraph once. A paragraph not yet laid out is laid out by Qt's own
        layout: the lines break there, and the spacing `SpacedLayout` puts between them
        waits until the paragraph's geometry is asked for (most are off screen).

        Keys found are kept until the lines break anew (another text, width, font or wrap):
        after a coding saved, only the new passage's ends are looked up."""
        editor = self.editor
        document = editor.document()
        breaks = (
            document.revision(), editor.viewport().width(), editor.font().key(),
            editor.lineWrapMode(),
        )  # fmt: skip
        if breaks != self._breaks:
            self._breaks, self._keys = breaks, {}
        keys = self._keys
        layout = document.documentLayout()
        last = document.characterCount() - 1
        laid_out = False
        first, after, lines, number = 0, -1, None, 0  # the paragraph asked about last
        for position in (p for p in positions if p not in keys):
            at = min(position, last)
            if not first <= at < after:
                block = document.findBlock(at)
                first, lines = block.position(), block.layout()
                after, number = first + block.length(), block.blockNumber() * LINES_PER_BLOCK
                if lines.lineCount() == 0:  # not laid out since the text or the width changed
                    QPlainTextDocumentLayout.blockBoundingRect(layout, block)
                    laid_out = True
            line = lines.lineForTextPosition(at - first).lineNumber()
            keys[position] = number + max(line, 0)
        return keys, laid_out

    def refresh(self) -> None:
        """Redraw after the passages, the current one, the flash or the hits changed; while
        held, once when let go."""
        self._drawn = None
        if self._holds:
            self._owed = True
        else:
            self.sync()

    @contextmanager
    def held(self) -> Iterator[None]:
        """Refreshes asked for inside are done once, at the end: a coding saved changes
        the passages and then the current one, and each refresh measures the screen and
        every bar on it again."""
        self._holds += 1
        try:
            yield
        finally:
            self._holds -= 1
            if not self._holds and self._owed:
                self._owed = False
                self.sync()

    def sync(self) -> None:
        """Follow the view; cheap when nothing moved, as it runs after every repaint."""
        screen = Screen(self.editor)
        state = (screen.first, screen.last, self.current, self.flashing)
        if state != self._drawn:
            self._drawn = state
            self.editor.setExtraSelections(self._selections(screen.first, screen.last))
        lanes_needed = max(self.lanes.values(), default=0) + 1
        self.margin.set_bars(self._bars(screen), lanes_needed)

    def _selections(self, first: int, last: int) -> list[QTextEdit.ExtraSelection]:
        palette = self.editor.palette()
        base = palette.color(QPalette.ColorRole.Base)
        text = palette.color(QPalette.ColorRole.Text)
        marks = []
        if self.current in self.spans:
            fmt = QTextCharFormat()
            background = blend(self.colours[self.current], base, CURRENT_TINT)
            fmt.setBackground(background)
            if is_dark(base) and not is_dark(background):  # light text would fade: invert
                fmt.setForeground(base)
            fmt.setUnderlineStyle(QTextCharFormat.UnderlineStyle.SingleUnderline)
            fmt.setUnderlineColor(fmt.foreground().color() if is_dark(base) else text)
            marks.append((self.current, fmt))
        if self.flashing in self.spans:
            fmt = QTextCharFormat()
            highlight = palette.color(QPalette.ColorRole.Highlight)
            fmt.setBackground(blend(highlight, base, FLASH_TINT))
            marks.append((self.flashing, fmt))
        spans = [(*self.spans[key], fmt) for key, fmt in marks]
        spans += self._hit_marks(first, last)
        selections = []
        for start, end, fmt in spans:
            start, end = max(start, first), min(end, last)
            if start >= end:
                continue
            selection = QTextEdit.ExtraSelection()
            cursor = QTextCursor(self.editor.document())
            cursor.setPosition(start)
            cursor.setPosition(end, QTextCursor.MoveMode.KeepAnchor)
            selection.cursor = cursor
            selection.format = fmt
            selections.append(selection)
        return selections

    def _hit_marks(self, first: int, last: int) -> list[tuple[int, int, QTextCharFormat]]:
        """Found words over everything else but the selection, which Qt draws last; only
        those on screen, found by bisection, so a word found thousands of times costs
        nothing while scrolling."""
        begin = bisect_left(self.hits, (first - 1, first - 1))
        while begin > 0 and self.hits[begin - 1][1] > first:
            begin -= 1
        end = bisect_left(self.hits, (last, last), lo=begin)
        marks = []
        for index in range(begin, end):
            fmt = QTextCharFormat()
            fmt.setBackground(CURRENT_HIT if index == self.hit else HIT)
            fmt.setForeground(HIT_INK)
            marks.append((*self.hits[index], fmt))
        return marks

    def _bars(self, screen: Screen) -> list[Bar]:
        palette = self.editor.palette()
        page, ink = palette.color(QPalette.ColorRole.Base), palette.color(QPalette.ColorRole.Text)
        self.margin.page = page
        bars = []
        for key, (start, end) in self.spans.items():
            if end <= screen.first or start >= screen.last:
                continue
            top_line = screen.line_rect(start) if start >= screen.first else None
            bottom_line = screen.line_rect(end - 1) if end <= screen.last else None
            top = max(top_line.top() if top_line else 0.0, 0.0)
            bottom = min(bottom_line.bottom() if bottom_line else screen.height, screen.height)
            if top >= bottom:
                continue
            # pastel code colours need more depth to read as a line on white
            colour = legible_mark(self.colours[key], page, ink)
            bars.append(
                Bar(
                    key, self.lanes.get(key, 0), top, bottom, colour, key == self.current,
                    self.labels.get(key, ""), key in self.others,
                )
            )  # fmt: skip
        return bars
