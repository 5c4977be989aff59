"""The reader's left margin: one thin bar per passage, so overlapping passages stay apart.

Tints alone cannot show where one of two overlapping passages ends; a bar per passage,
each in its own lane, can. Each bar carries its coder's initials at its top, and another
coder's bar is dashed, so whose passage it is shows without hovering. The reader computes
the bars of the lines on screen; this widget only paints them and answers clicks and
tooltips.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from PySide6.QtCore import QEvent, QPointF, QRectF, Qt, Signal
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontMetricsF,
    QHelpEvent,
    QMouseEvent,
    QPainter,
    QPaintEvent,
)
from PySide6.QtWidgets import QToolTip, QWidget

BAR = 3  # px: thin enough for lanes side by side, wide enough to click
CURRENT_BAR = 5
STEP = 16  # px from one lane to the next: room for an initial, or two narrow ones
PAD = 3  # px between the bars and the text column, and on the outer side
ROOM = 3  # lanes that fit at full width; more squeeze closer rather than move the text
WIDTH = 2 * PAD + ROOM * STEP
LABEL_POINTS = 7
DASH = (5, 3)  # px drawn and left out along another coder's bar


@dataclass(frozen=True)
class Bar:
    key: int  # the passage id
    lane: int
    top: float  # viewport coordinates, already clipped to the screen
    bottom: float
    colour: QColor
    current: bool = False
    label: str = ""  # the coder's initials
    other: bool = False  # another coder's passage


class PassageMargin(QWidget):
    barClicked = Signal(int)

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self._bars: list[Bar] = []
        self._lanes = 1
        self.describe: Callable[[int], str] | None = None
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        font = QFont(self.font())
        font.setPointSize(LABEL_POINTS)
        font.setBold(True)
        self.label_font = font
        self.page = QColor("#ffffff")  # the reader's page, which the initials are cut from

    @property
    def bars(self) -> list[Bar]:
        return list(self._bars)

    def set_bars(self, bars: Sequence[Bar], lanes: int) -> None:
        """The bars on screen, and how many lanes all the passages need."""
        if list(bars) != self._bars or lanes != self._lanes:
            self._bars, self._lanes = list(bars), max(lanes, 1)
            self.update()

    def _step(self) -> float:
        return min(STEP, (self.width() - 2 * PAD) / self._lanes)

    def bar_rect(self, bar: Bar) -> QRectF:
        """Lane 0 sits next to the text; later lanes step outwards."""
        step = self._step()
        width = min(CURRENT_BAR if bar.current else BAR, max(step - 1, 1))
        centre = self.width() - PAD - bar.lane * step - step / 2
        return QRectF(centre - width / 2, bar.top, width, max(bar.bottom - bar.top, 2.0))

    def bar_at(self, point: QPointF) -> int | None:
        """The passage whose bar is under `point`; the whole lane width counts, so a thin
        bar is still easy to hit. The current passage wins where bars touch."""
        hits = []
        for bar in self._bars:
            rect = self.bar_rect(bar)
            step = self._step()
            lane = QRectF(rect.center().x() - step / 2, rect.top(), step, rect.height())
            if lane.contains(point):
                hits.append(bar)
        hits.sort(key=lambda b: (not b.current, b.bottom - b.top))
        return hits[0].key if hits else None

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(Qt.PenStyle.NoPen)
        for bar in sorted(self._bars, key=lambda b: b.current):
            rect = self.bar_rect(bar)
            if rect.intersects(QRectF(event.rect())):
                painter.setBrush(bar.colour)
                for piece in _pieces(rect, bar.other):
                    painter.drawRoundedRect(piece, rect.width() / 2, rect.width() / 2)
        painter.setFont(self.label_font)
        for bar in self._bars:
            self._paint_label(painter, bar)
        painter.end()

    def label(self, bar: Bar) -> tuple[str, QRectF] | None:
        """The initials shown and where: a tag over the top of the bar, with only the first
        letter when the lane is narrow, and none when not even that fits."""
        metrics = QFontMetricsF(self.label_font)
        room = self._step() - 1
        for text in (bar.label[:2], bar.label[:1]):
            width = metrics.horizontalAdvance(text) + 3
            if text and width <= room:
                centre = self.bar_rect(bar).center().x()
                return text, QRectF(centre - width / 2, bar.top, width, metrics.height() + 1)
        return None

    def _paint_label(self, painter: QPainter, bar: Bar) -> None:
        shown = self.label(bar)
        if shown is None:
            return
        text, rect = shown
        page = self.page
        painter.setPen(Qt.PenStyle.NoPen if not bar.other else bar.colour)
        painter.setBrush(page if bar.other else bar.colour)
        painter.drawRoundedRect(rect.adjusted(0.5, 0.5, -0.5, -0.5), 3, 3)
        painter.setPen(bar.colour if bar.other else page)
        painter.drawText(rect, Qt.AlignmentFlag.AlignCenter, text)
        painter.setPen(Qt.PenStyle.NoPen)

    def mousePressEvent(self, event: QMouseEvent) -> None:
        key = self.bar_at(event.position())
        if event.button() == Qt.MouseButton.LeftButton and key is not None:
            self.barClicked.emit(key)
            event.accept()
            return
        super().mousePressEvent(event)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        event.accept()  # the press did all there is to do

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ToolTip and isinstance(event, QHelpEvent):
            key = self.bar_at(QPointF(event.pos()))
            if key is not None and self.describe is not None:
                QToolTip.showText(event.globalPos(), self.describe(key), self)
            else:
                QToolTip.hideText()
                event.ignore()
            return True
        return super().event(event)


def _pieces(rect: QRectF, dashed: bool) -> list[QRectF]:
    """The whole bar, or its dashes for another coder's passage."""
    if not dashed:
        return [rect]
    drawn, gap = DASH
    pieces, top = [], rect.top()
    while top < rect.bottom():
        pieces.append(QRectF(rect.left(), top, rect.width(), min(drawn, rect.bottom() - top)))
        top += drawn + gap
    return pieces
