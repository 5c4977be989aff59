"""The reader's left margin: one thin bar per passage, so overlapping passages stay apart.

Tints alone cannot show where one of two overlapping passages ends; a bar per passage,
each in its own lane, can. The reader computes the bars of the lines on screen; this
widget only paints them and answers clicks and tooltips.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from PySide6.QtCore import QEvent, QPointF, QRectF, Qt, Signal
from PySide6.QtGui import QColor, QHelpEvent, QMouseEvent, QPainter, QPaintEvent
from PySide6.QtWidgets import QToolTip, QWidget

BAR = 3  # px: thin enough for four lanes beside the text, wide enough to click
CURRENT_BAR = 5
STEP = 6  # px from one lane to the next
PAD = 6  # px between the bars and the text column, and on the outer side
ROOM = 4  # lanes that fit at full width; more squeeze closer rather than move the text
WIDTH = 2 * PAD + ROOM * STEP


@dataclass(frozen=True)
class Bar:
    key: int  # the passage id
    lane: int
    top: float  # viewport coordinates, already clipped to the screen
    bottom: float
    colour: QColor
    current: bool = False


class PassageMargin(QWidget):
    barClicked = Signal(int)

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self._bars: list[Bar] = []
        self._lanes = 1
        self.describe: Callable[[int], str] | None = None
        self.setCursor(Qt.CursorShape.PointingHandCursor)

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
                painter.drawRoundedRect(rect, rect.width() / 2, rect.width() / 2)
        painter.end()

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
