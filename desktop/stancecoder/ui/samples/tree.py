"""The rounds and assignments at a glance: one row per sample, one per coder under it.

Progress is drawn as a bar in the status colours of the article list (doing amber, done
green), so a lead sees who lags without reading numbers; the numbers follow the bar.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QRect, QSize, Qt
from PySide6.QtGui import QColor, QFont, QPainter, QPalette
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QHeaderView,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTreeWidget,
    QTreeWidgetItem,
    QWidget,
)

from stancecoder.core.status import Status
from stancecoder.services.samples import CoderProgress, SampleInfo

COLUMNS = ("Sample / coder", "Kind", "State", "Seed", "Articles", "Progress")
NAME, KIND, STATE, SEED, ARTICLES, PROGRESS = range(len(COLUMNS))
ROUND_ROLE = Qt.ItemDataRole.UserRole + 1  # the sample a row belongs to
COUNTS_ROLE = Qt.ItemDataRole.UserRole + 2  # (todo, doing, done) for the bar
DOING, DONE = QColor("#d99a1e"), QColor("#3c9a5f")  # the article list's status dots
BAR_WIDTH, BAR_HEIGHT = 120, 8
ROW_PADDING = 8  # a little air between rows, as in the article list
ALL_ASSIGNED = "All assigned articles"
NUMBER_ALIGNMENT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
Index = QModelIndex | QPersistentModelIndex


def local_time(moment: datetime) -> str:
    """Stored in UTC (SQLite hands it back without a zone); shown in local time."""
    aware = moment if moment.tzinfo else moment.replace(tzinfo=UTC)
    return aware.astimezone().strftime("%Y-%m-%d %H:%M")


def progress_text(todo: int, doing: int, done: int) -> str:
    parts = [f"{done} of {todo + doing + done} done"]
    if doing:
        parts.append(f"{doing} doing")
    return " · ".join(parts)


class RowDelegate(QStyledItemDelegate):
    def sizeHint(self, option: QStyleOptionViewItem, index: Index) -> QSize:
        size = super().sizeHint(option, index)
        return QSize(size.width(), size.height() + ROW_PADDING)


class ProgressDelegate(RowDelegate):
    """A stacked bar (done, doing, to do) and the counts after it."""

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: Index) -> None:
        counts = index.data(COUNTS_ROLE)
        if not counts:
            super().paint(painter, option, index)
            return
        self.initStyleOption(option, index)
        text = option.text
        option.text = ""
        style = option.widget.style() if option.widget else QApplication.style()
        style.drawControl(QStyle.ControlElement.CE_ItemViewItem, option, painter, option.widget)
        todo, doing, done = counts
        total = max(todo + doing + done, 1)
        bar = QRect(option.rect.left() + 6, 0, BAR_WIDTH, BAR_HEIGHT)
        bar.moveTop(option.rect.center().y() - BAR_HEIGHT // 2 + 1)
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        palette = option.palette
        ink = palette.color(
            QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.Text
        )
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(Qt.PenStyle.NoPen)
        track = QColor(ink)
        track.setAlphaF(0.18)
        painter.setBrush(track)
        painter.drawRoundedRect(bar, 3, 3)
        done_width = round(BAR_WIDTH * done / total)
        doing_width = round(BAR_WIDTH * (done + doing) / total)
        painter.setClipRect(bar)
        for width, colour in ((doing_width, DOING), (done_width, DONE)):
            if width:
                painter.setBrush(colour)
                painter.drawRoundedRect(QRect(bar.left(), bar.top(), width, BAR_HEIGHT), 3, 3)
        painter.setClipping(False)
        painter.setPen(ink)
        room = option.rect.adjusted(BAR_WIDTH + 16, 0, -4, 0)
        painter.drawText(room, Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft, text)
        painter.restore()

    def sizeHint(self, option: QStyleOptionViewItem, index: Index) -> QSize:
        size = super().sizeHint(option, index)
        return QSize(size.width() + BAR_WIDTH + 16, size.height())


class SampleTree(QTreeWidget):
    """Samples in the order drawn, then every coder's assignments as a whole."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setColumnCount(len(COLUMNS))
        self.setHeaderLabels(COLUMNS)
        self.setRootIsDecorated(True)
        self.setUniformRowHeights(True)
        self.setAlternatingRowColors(True)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setItemDelegate(RowDelegate(self))
        self.setItemDelegateForColumn(PROGRESS, ProgressDelegate(self))
        for column in (SEED, ARTICLES):
            self.headerItem().setTextAlignment(column, NUMBER_ALIGNMENT)
        header = self.header()
        header.setStretchLastSection(True)
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(PROGRESS, QHeaderView.ResizeMode.Stretch)
        header.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)

    def show_samples(
        self,
        rounds: Sequence[SampleInfo],
        per_round: dict[str, list[CoderProgress]],
        overall: Sequence[CoderProgress],
    ) -> None:
        """Fill the tree afresh, keeping the sample that was selected."""
        keep = self.selected_round()
        self.clear()
        for info in rounds:
            self._round_item(info, per_round.get(info.name, []))
        assigned = [row for row in overall if row.assigned]
        if assigned:
            group = QTreeWidgetItem(self, [ALL_ASSIGNED])
            group.setFlags(group.flags() & ~Qt.ItemFlag.ItemIsSelectable)
            group.setToolTip(NAME, "Every coder's articles: in samples and split among them")
            _bold(group)
            _set_progress(group, assigned)
            for row in assigned:
                _coder_item(group, row)
        self.expandAll()
        if rounds:
            self.select_round(keep if keep in {info.name for info in rounds} else rounds[-1].name)

    def selected_round(self) -> str | None:
        item = self.currentItem()
        return item.data(NAME, ROUND_ROLE) if item is not None else None

    def select_round(self, name: str) -> None:
        for row in range(self.topLevelItemCount()):
            item = self.topLevelItem(row)
            if item.data(NAME, ROUND_ROLE) == name:
                self.setCurrentItem(item)

    def _round_item(self, info: SampleInfo, coders: list[CoderProgress]) -> QTreeWidgetItem:
        closed = info.closed_at
        state = "Open: blind" if closed is None else f"Closed {local_time(closed)[:10]}"
        item = QTreeWidgetItem(
            self,
            [info.name, info.kind.capitalize(), state, str(info.seed), str(len(info.article_ids))],
        )
        _bold(item)
        item.setData(NAME, ROUND_ROLE, info.name)
        item.setToolTip(NAME, info.description)
        item.setToolTip(SEED, "The random seed: the same corpus and seed draw the same sample")
        _set_progress(item, coders)
        item.setToolTip(PROGRESS, f"Once per coder and article: {item.toolTip(PROGRESS)}")
        _set_align(item)
        for row in coders:
            _coder_item(item, row).setData(NAME, ROUND_ROLE, info.name)
        return item


def _coder_item(parent: QTreeWidgetItem, row: CoderProgress) -> QTreeWidgetItem:
    item = QTreeWidgetItem(parent, [row.coder, "", "", "", str(row.assigned)])
    _set_progress(item, [row])
    _set_align(item)
    return item


def _set_progress(item: QTreeWidgetItem, rows: Sequence[CoderProgress]) -> None:
    counts = tuple(sum(getattr(r, status) for r in rows) for status in Status)
    item.setData(PROGRESS, COUNTS_ROLE, counts)
    item.setText(PROGRESS, progress_text(*counts))
    item.setToolTip(PROGRESS, "{} to do, {} doing, {} done".format(*counts))


def _set_align(item: QTreeWidgetItem) -> None:
    for column in (SEED, ARTICLES):
        item.setTextAlignment(column, NUMBER_ALIGNMENT)


def _bold(item: QTreeWidgetItem) -> None:
    font = QFont(item.font(NAME))
    font.setBold(True)
    item.setFont(NAME, font)
