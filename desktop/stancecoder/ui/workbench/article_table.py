"""The article table: the model behind the list and the view that shows it.

The model holds the ids of the articles listed, in the order shown, and reads a row's few
display fields only when the view first asks for it, FETCH rows around it in one query
(`services.articles.list_articles` with `only`), kept until the ids change. Opening
100,000 articles thus reads ids and a screenful of rows; the filters, the search and the
order are the services' queries on ids (`services.article_order`), and a click on a header
asks the list for its new order (`orderChosen`).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from PySide6.QtCore import (
    QAbstractItemModel,
    QAbstractTableModel,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QColor, QIcon, QPainter, QPalette, QPixmap, QResizeEvent
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView, QWidget

from stancecoder.core.status import Status
from stancecoder.services.articles import ArticleRow

# Every column says what it holds; the status column shows a dot under its header, and the
# status filter is the dots' legend. A title too long for its column loses its middle, where
# news titles repeat least, and shows whole on hover.
COLUMNS = ("Title", "Source", "Date", "Status", "Passages")
HEADER_TIPS = ("", "", "Date published", "Status: to do, doing or done", "Passages coded")
# the services' names of the columns, to sort by (`services.article_order.ArticleOrder`)
ORDER_COLUMNS = ("title", "source", "published", "status", "passages")
# below this width the source and date give their room to the title (both are in the filters
# and the article's heading)
FACTS_MIN_WIDTH = 420
TITLE, SOURCE, DATE, STATUS, PASSAGES = range(len(COLUMNS))
STATUS_NAMES: dict[str, str] = {status: status.label for status in Status}
# the dots of the statuses begun; to do is an outline (see `status_dot`)
STATUS_COLOURS: dict[str, QColor] = {
    Status.DOING: QColor("#d99a1e"),
    Status.DONE: QColor("#3c9a5f"),
}
ID_ROLE = Qt.ItemDataRole.UserRole + 1
# rows read in one query when the view asks for one not read yet: several screens of them,
# so that scrolling reads seldom; a read of 100 rows takes a few milliseconds
FETCH = 100
# rows kept read at most; past it the oldest are forgotten, so scrolling through a large
# corpus does not end up holding every row
KEPT = 20 * FETCH
Index = QModelIndex | QPersistentModelIndex


class ArticleTableModel(QAbstractTableModel):
    """Articles by id; `read` gives the rows of the ids asked for (any order, missing
    ones left out)."""

    orderChosen = Signal(int, Qt.SortOrder)  # a header was clicked: column, order

    def __init__(
        self, read: Callable[[list[int]], list[ArticleRow]], parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._read = read
        self._ids: list[int] = []
        self._row_of: dict[int, int] = {}
        self._fetched: dict[int, ArticleRow] = {}
        self._dots: dict[str, QIcon] = {}

    def set_ids(self, ids: list[int]) -> None:
        """List these articles, in this order; every row is read again when shown."""
        self.beginResetModel()
        self._ids = ids
        self._row_of = dict(zip(ids, range(len(ids)), strict=True))
        self._fetched = {}
        self.endResetModel()

    def update_rows(self, rows: Iterable[ArticleRow]) -> None:
        """New values for articles already listed; others are ignored."""
        for row in rows:
            n = self._row_of.get(row.id)
            if n is not None and self._fetched.get(row.id) != row:
                self._fetched[row.id] = row
                self.dataChanged.emit(self.index(n, 0), self.index(n, len(COLUMNS) - 1))

    def ids(self) -> list[int]:
        """The articles listed, in the order shown (the list itself: not to be changed)."""
        return self._ids

    def has(self, article_id: int) -> bool:
        return article_id in self._row_of

    def article(self, row: int) -> ArticleRow | None:
        """The row's fields, read now if not yet; None if the article is gone."""
        article_id = self._ids[row]
        if article_id not in self._fetched:
            self._fetch_around(row)
        return self._fetched.get(article_id)

    def index_of(self, article_id: int) -> QModelIndex:
        row = self._row_of.get(article_id)
        return QModelIndex() if row is None else self.index(row, 0)

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """The view's header was clicked (or `sortByColumn` called): the list reads its
        ids again in that order. Column -1 is import order."""
        self.orderChosen.emit(column, order)

    def _fetch_around(self, row: int) -> None:
        """Read the block of FETCH rows holding `row`, those not read yet; the rows kept
        are forgotten first once there are more than KEPT."""
        if len(self._fetched) > KEPT:
            self._fetched = {}
        first = row - row % FETCH
        wanted = [i for i in self._ids[first : first + FETCH] if i not in self._fetched]
        self._fetched.update((fresh.id, fresh) for fresh in self._read(wanted))

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._ids)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = 0) -> object:
        if orientation != Qt.Orientation.Horizontal:
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return COLUMNS[section]
        if role == Qt.ItemDataRole.ToolTipRole:
            return HEADER_TIPS[section] or None
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return _alignment(section)
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid():
            return None
        if role == ID_ROLE:
            return self._ids[index.row()]
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return _alignment(index.column())
        row, column = self.article(index.row()), index.column()
        if row is None:
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return _display(row, column)
        if role == Qt.ItemDataRole.ToolTipRole and column in (TITLE, STATUS):
            return _title_tip(row) if column == TITLE else STATUS_NAMES.get(row.status, row.status)
        if role == Qt.ItemDataRole.ForegroundRole and row.excluded:
            return QPalette().color(QPalette.ColorRole.PlaceholderText)
        if role == Qt.ItemDataRole.DecorationRole and column == STATUS:
            return self._dot(row.status)
        return None

    def _dot(self, status: str) -> QIcon:
        if status not in self._dots:
            self._dots[status] = status_dot(status)
        return self._dots[status]


def _title_tip(row: ArticleRow) -> str:
    """A copy says which article is kept, and whether it is left out of coding."""
    if row.copy_of is None:
        return row.title
    left_out = ", excluded from coding and samples" if row.excluded else ""
    return f"{row.title}\n\nA copy of article {row.copy_of}, the one kept{left_out}"


def _display(row: ArticleRow, column: int) -> str | int:
    if column == TITLE:
        return row.listed_title
    if column == SOURCE:
        return row.source or ""
    if column == DATE:
        return row.published or ""
    if column == STATUS:
        return ""
    return row.passages


def _alignment(column: int) -> Qt.AlignmentFlag:
    across = {STATUS: Qt.AlignmentFlag.AlignHCenter, PASSAGES: Qt.AlignmentFlag.AlignRight}
    return across.get(column, Qt.AlignmentFlag.AlignLeft) | Qt.AlignmentFlag.AlignVCenter


def status_dot(status: str) -> QIcon:
    """Todo is an outline in the text colour, so the dots read in light and dark palettes."""
    pixmap = QPixmap(12, 12)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    text = QPalette().color(QPalette.ColorRole.PlaceholderText)
    if status == Status.TODO:
        painter.setPen(text)
    else:
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(STATUS_COLOURS[status])
    painter.drawEllipse(2, 2, 8, 8)
    painter.end()
    icon = QIcon(pixmap)
    icon.addPixmap(pixmap, QIcon.Mode.Selected)  # not tinted: the colour is the message
    return icon


class ArticleTable(QTableView):
    def resizeEvent(self, event: QResizeEvent) -> None:
        narrow = event.size().width() < FACTS_MIN_WIDTH
        for column in (SOURCE, DATE):
            if self.isColumnHidden(column) != narrow:
                self.setColumnHidden(column, narrow)
        super().resizeEvent(event)


def article_table(model: QAbstractItemModel) -> ArticleTable:
    table = ArticleTable()
    table.setModel(model)
    table.setSortingEnabled(True)
    table.sortByColumn(-1, Qt.SortOrder.AscendingOrder)  # import order until a header is hit
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setAlternatingRowColors(True)
    table.setShowGrid(False)
    table.setWordWrap(False)
    table.setTextElideMode(Qt.TextElideMode.ElideMiddle)
    rows = table.verticalHeader()
    rows.hide()
    rows.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
    rows.setDefaultSectionSize(table.fontMetrics().height() + 12)
    header = table.horizontalHeader()
    header.setHighlightSections(False)
    header.setMinimumSectionSize(28)
    header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    # fitted to the rows in view: measuring a thousand rows on every status or count
    # change made each coding wait a third of a second on a large corpus
    header.setResizeContentsPrecision(0)
    header.setSectionResizeMode(TITLE, QHeaderView.ResizeMode.Stretch)
    # a dot and a number: as wide as their headers' words, without the room Qt keeps for a
    # sort arrow, which the title needs more
    for column in (STATUS, PASSAGES):
        header.setSectionResizeMode(column, QHeaderView.ResizeMode.Fixed)
        header.resizeSection(column, table.fontMetrics().horizontalAdvance(COLUMNS[column]) + 16)
    header.setSectionResizeMode(SOURCE, QHeaderView.ResizeMode.Interactive)
    header.resizeSection(SOURCE, table.fontMetrics().horizontalAdvance("Yonhap News") + 12)
    return table
