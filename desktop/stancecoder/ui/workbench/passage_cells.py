"""Painting the passage list's cells: the code's colour square and the text cut to the
cell's width, pixel for pixel as Qt's own item painting draws them (the view paints each
row's background first).

Each switch of article repaints the list. Qt's item painting asks the model for some ten
roles per cell and lays out each cell's whole text three times (its size, where to cut it,
drawing it). Here a cell reads what it shows straight from the model, the cut text is
kept laid out by its words, width and slant (the code columns' few dozen labels are laid
out once per session), and what all cells of one paint share (colours, fonts, the selected
row) is worked out once by the view (`Look`): every option and flag read in a cell is a
call through the bindings. Sizes still come from Qt's delegate, so columns are as wide as
before.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QPointF, QRect, Qt
from PySide6.QtGui import QColor, QFont, QFontMetrics, QPainter, QPalette, QStaticText
from PySide6.QtWidgets import (
    QAbstractItemView,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QWidget,
)

TEXTS_KEPT = 5_000  # cut texts laid out, a few dozen articles' worth
SWATCH = 12  # pixels, the view's icon size


class Cells(Protocol):
    """What a cell shows: its text, its code's colour (or None), and whether it is set in
    italics."""

    def cell(self, row: int, column: int) -> tuple[str, str | None, bool]: ...


@dataclass(frozen=True)
class Look:
    """What every cell of one paint shares, in the palette's group of the moment."""

    fonts: tuple[QFont, QFont]  # upright, italic
    ink: QColor
    selected_ink: QColor
    selected_row: int | None
    focus: tuple[int, int] | None  # the current cell, while the list has the keyboard

    @classmethod
    def of(cls, view: QAbstractItemView) -> Look:
        """As Qt's item painting sees the view: its palette's group (disabled, active
        window or not), its font, the one row selected, the current cell with focus."""
        palette = view.palette()
        group = (
            QPalette.ColorGroup.Disabled
            if not view.isEnabled()
            else QPalette.ColorGroup.Active
            if view.isActiveWindow()
            else QPalette.ColorGroup.Inactive
        )
        italic = QFont(view.font())
        italic.setItalic(True)
        rows = view.selectionModel().selectedRows()
        current = view.currentIndex()
        keyboard = current.isValid() and (view.hasFocus() or view.viewport().hasFocus())
        return cls(
            fonts=(view.font(), italic),
            ink=palette.color(group, QPalette.ColorRole.Text),
            selected_ink=palette.color(group, QPalette.ColorRole.HighlightedText),
            selected_row=rows[0].row() if rows else None,
            focus=(current.row(), current.column()) if keyboard else None,
        )


class CellPainter(QStyledItemDelegate):
    def __init__(self, cells: Cells, parent: QWidget) -> None:
        super().__init__(parent)
        self._cells = cells
        self._margin = 0
        self._texts: dict[tuple[str, int, bool], tuple[QStaticText, float]] = {}  # and height
        self._colours: dict[str, QColor] = {}
        self.look: Look  # set by the view before each paint
        self.forget(parent.style())

    def paint(
        self,
        painter: QPainter,
        option: QStyleOptionViewItem,
        index: QModelIndex | QPersistentModelIndex,
    ) -> None:
        look = self.look
        row, column = index.row(), index.column()
        if (row, column) == look.focus:  # Qt's frame around it is its own, one cell
            super().paint(painter, option, index)
            return
        text, colour, italic = self._cells.cell(row, column)
        rect = option.rect
        left = rect.left() + self._margin
        if colour is not None:
            square = QRect(left, rect.top() + (rect.height() - SWATCH) // 2, SWATCH, SWATCH)
            painter.fillRect(square, self._colour(colour))
            left += SWATCH + 2 * self._margin
        width = rect.left() + rect.width() - self._margin - left
        if not text or width <= 0:
            return
        font = look.fonts[italic]
        laid, height = self._texts.get((text, width, italic)) or self._lay_out(
            text, width, font, italic
        )
        painter.setFont(font)
        painter.setPen(look.selected_ink if row == look.selected_row else look.ink)
        painter.drawStaticText(QPointF(left, rect.top() + (rect.height() - height) / 2), laid)

    def _lay_out(
        self, text: str, width: int, font: QFont, italic: bool
    ) -> tuple[QStaticText, float]:
        if len(self._texts) > TEXTS_KEPT:
            self._texts.clear()
        laid = QStaticText(cut_text(text, width, QFontMetrics(font)))
        laid.setTextFormat(Qt.TextFormat.PlainText)
        laid.prepare(font=font)
        made = self._texts[text, width, italic] = laid, laid.size().height()
        return made

    def _colour(self, name: str) -> QColor:
        colour = self._colours.get(name)
        if colour is None:
            colour = self._colours[name] = QColor(name)
        return colour

    def forget(self, style: QStyle) -> None:
        """The font or the style changed: the same text takes another width, and a cell
        the style's margins."""
        self._texts.clear()
        self._margin = style.pixelMetric(QStyle.PixelMetric.PM_FocusFrameHMargin) + 1


def cut_text(text: str, width: int, metrics: QFontMetrics) -> str:
    """The text cut to `width` with an ellipsis, as Qt cuts it. Qt lays out the whole text
    to cut it (30 µs for a 200-character quote); a quote's first characters are enough, as
    long as they do not fit either: then Qt cuts them where it would cut the whole."""
    elide = Qt.TextElideMode.ElideRight
    start = text[: width // 2 + 8]  # more characters than fit unless most are thinner than 2 px
    if start != text:
        cut = metrics.elidedText(start, elide, width)
        if cut != start:
            return cut
    return metrics.elidedText(text, elide, width)
