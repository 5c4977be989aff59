"""The article list: what a coder picks the next article from, searched and filtered.

Refreshing after a coding action updates the touched rows in place instead of
re-filtering, so the article being coded does not vanish from a "To do" view under the
coder's hands; a change of filter or order, or a full refresh, applies the filters again.
The list holds ids (the filters' and the order's, `services.article_order`) and its model
reads rows as they are shown (`article_table`); the ids for the filters are kept, and a
search only asks the database which of them hold the words.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import (
    QEvent,
    QItemSelectionModel,
    QModelIndex,
    QObject,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import QKeyEvent, QPalette
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from stancecoder.core.changes import Changes
from stancecoder.core.codebook_view import CodebookView
from stancecoder.core.status import Status
from stancecoder.services.article_filters import attribute_values
from stancecoder.services.article_order import ArticleOrder, article_ids
from stancecoder.services.article_rows_by_id import rows_by_id
from stancecoder.services.articles import (
    ArticleQuery,
    ArticleRow,
    list_sources,
    matching_articles,
)
from stancecoder.services.project import Project
from stancecoder.services.samples import CoderProgress, progress
from stancecoder.ui.workbench.article_table import (
    ID_ROLE,
    ORDER_COLUMNS,
    STATUS_NAMES,
    ArticleTableModel,
    article_table,
    status_dot,
)
from stancecoder.ui.workbench.attribute_filter_button import AttributeFilterButton
from stancecoder.ui.workbench.code_filter_button import CodeFilterButton
from stancecoder.ui.workbench.date_filter_button import DateFilterButton

SEARCH_DELAY_MS = 200


class ArticlePanel(QWidget):
    """Search, filters and the table; `articleSelected` fires whenever the current
    article changes, by the user or by the navigation methods."""

    articleSelected = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._project: Project | None = None
        self._coder: str | None = None
        self._current: int | None = None
        self._ids: list[int] = []  # the articles for the filters, in order, before any search
        self._order: ArticleOrder | None = None  # import order

        self.search = QLineEdit(placeholderText="Search titles and text", clearButtonEnabled=True)
        self.status = QComboBox()
        self.status.addItem("All statuses", None)
        for status, text in STATUS_NAMES.items():
            self.status.addItem(status_dot(status), text, status)
        self.source = QComboBox()
        # both filters may shrink (the list narrows on a small screen); the popups stay wide
        for box in (self.status, self.source):
            box.setSizeAdjustPolicy(
                QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
            )
            box.setMinimumContentsLength(6)
        self.codes = CodeFilterButton()
        self.dates = DateFilterButton()
        self.attribute = AttributeFilterButton()
        self.mine = QCheckBox("Assigned to &me")
        self.mine.setToolTip("Only your articles: those assigned to you and those you began")
        self.copies = QCheckBox("Show e&xcluded copies")
        self.copies.setToolTip(
            "Copies of a story a lead left out of coding (Code › Copies of one story)"
        )
        self.model = ArticleTableModel(self._read_rows, self)
        self.model.orderChosen.connect(self._set_order)
        self.table = article_table(self.model)
        self.count = QLabel()
        self.count.setForegroundRole(QPalette.ColorRole.PlaceholderText)
        self._search_timer = QTimer(self, singleShot=True, interval=SEARCH_DELAY_MS)

        filters = QHBoxLayout()
        filters.setSpacing(6)
        filters.addWidget(self.status, 1)
        filters.addWidget(self.source, 1)
        filters.addWidget(self.codes, 1)
        details = QHBoxLayout()
        details.setSpacing(6)
        details.addWidget(self.dates)
        details.addWidget(self.attribute)
        details.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 8, 8, 6)
        layout.setSpacing(6)
        layout.addWidget(self.search)
        layout.addLayout(filters)
        layout.addLayout(details)
        checks = QHBoxLayout()
        checks.addWidget(self.mine)
        checks.addWidget(self.copies)
        checks.addStretch(1)
        layout.addLayout(checks)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.count)

        self.search.textChanged.connect(self._search_timer.start)
        self.search.returnPressed.connect(self._search_now)
        self._search_timer.timeout.connect(self._show_rows)
        self.status.currentIndexChanged.connect(self._reload)
        self.source.currentIndexChanged.connect(self._reload)
        self.mine.toggled.connect(self._reload)
        self.copies.toggled.connect(self._reload)
        self.codes.changed.connect(self._reload)
        self.dates.changed.connect(self._reload)
        self.attribute.changed.connect(self._reload)
        self.table.selectionModel().currentRowChanged.connect(self._on_current)
        self.search.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """Esc clears the search and Down goes to the results, ahead of window shortcuts
        (a ShortcutOverride that is accepted keeps the key from them)."""
        kinds = (QEvent.Type.ShortcutOverride, QEvent.Type.KeyPress)
        if watched is self.search and event.type() in kinds and isinstance(event, QKeyEvent):
            handler = self._search_key(event)
            if handler is not None:
                event.accept()
                if event.type() == QEvent.Type.KeyPress:
                    handler()
                return True
        return super().eventFilter(watched, event)

    def _search_key(self, event: QKeyEvent) -> Callable[[], None] | None:
        if event.modifiers() != Qt.KeyboardModifier.NoModifier:
            return None
        if event.key() == Qt.Key.Key_Escape and self.search.text():
            return self.search.clear
        if event.key() == Qt.Key.Key_Down:
            return self._to_table
        return None

    def set_codebook(self, codebook: CodebookView) -> None:
        """The codes the code filter offers; a filter on codes that are gone is dropped."""
        chosen = self.codes.value()
        self.codes.set_codebook(codebook, self._coder)
        if self.codes.value() != chosen:
            self._reload()

    def set_project(
        self, project: Project, coder: str | None, assigned: CoderProgress | None = None
    ) -> None:
        """Show a project's articles as this coder sees them; filters start empty, but a
        coder with assigned articles still to do starts with just their own (`assigned`:
        the coder's progress if already read, else read here)."""
        self._project, self._coder, self._current = project, coder, None
        boxes = (self.search, self.status, self.source, self.mine, self.codes)
        for box in boxes:
            box.blockSignals(True)
        self.search.clear()
        self.status.setCurrentIndex(0)
        self.source.setCurrentIndex(-1)  # "All sources" once the new project's are listed
        self.codes.reset(coder)
        self.dates.reset()
        self.attribute.reset()
        self.attribute.set_values(lambda: attribute_values(project))
        self.mine.setEnabled(coder is not None)
        if coder is not None and assigned is None:
            assigned = progress(project, coder)[0]
        self.mine.setChecked(assigned is not None and assigned.todo > 0)
        for box in boxes:
            box.blockSignals(False)
        self._fill_sources(project)
        self._reload()

    def refresh(self, changes: Changes | None = None) -> None:
        """Reload after an action; rows it touched update in place (see module doc)."""
        if self._project is None or (changes is not None and not changes.articles):
            return
        if changes is not None and self.in_place(changes):
            self.update_rows(rows_by_id(self._project, self._coder, changes.articles))
            return
        self._fill_sources(self._project)  # an import or another window: new sources too
        self._reload()

    def in_place(self, changes: Changes) -> bool:
        """Whether the rows `changes` touched are all shown, to be updated where they are."""
        return bool(changes.articles) and all(self.model.has(i) for i in changes.articles)

    def update_rows(self, fresh: list[ArticleRow]) -> None:
        """Put the rows an action touched, read again, where they are."""
        self.model.update_rows(fresh)

    def focus_search(self) -> None:
        self.search.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search.selectAll()

    def current_article(self) -> int | None:
        return self._current

    def shown(self) -> list[ArticleRow]:
        """The articles in view, in the order shown (each row read if not yet)."""
        rows = (self.model.article(row) for row in range(self.model.rowCount()))
        return [row for row in rows if row is not None]

    def select_article(self, article_id: int) -> bool:
        """Make an article current if the view shows it; False if filtered out or unknown."""
        row = self._view_row(article_id)
        if row >= 0:
            self._select_row(row)
        return row >= 0

    def next_article(self) -> bool:
        return self._step(1)

    def previous_article(self) -> bool:
        return self._step(-1)

    def next_uncoded(self) -> bool:
        """The next article in view still to do, wrapping round; False if there is none.
        The articles to do are asked of the project, not read row by row."""
        if self._project is None:
            return False
        to_do = set(article_ids(self._project, self._coder, ArticleQuery(status=Status.TODO)))
        ids, start = self.model.ids(), self._view_row(self._current)
        total = len(ids)
        for offset in range(1, total + 1):
            row = (start + offset) % total if start >= 0 else offset - 1
            if row != start and ids[row] in to_do:
                self._select_row(row)
                return True
        return False

    def position(self) -> tuple[int, int]:
        """(n, N): the current article's place in the view, counted from 1; 0 if not shown."""
        return self._view_row(self._current) + 1, self.model.rowCount()

    def _step(self, delta: int) -> bool:
        row, total = self._view_row(self._current), self.model.rowCount()
        target = (0 if delta > 0 else total - 1) if row < 0 else row + delta
        if not 0 <= target < total:
            return False
        self._select_row(target)
        return True

    def _view_row(self, article_id: int | None) -> int:
        if article_id is None:
            return -1
        return self.model.index_of(article_id).row()

    def _select_row(self, row: int) -> None:
        index = self.model.index(row, 0)
        flags = (
            QItemSelectionModel.SelectionFlag.ClearAndSelect
            | QItemSelectionModel.SelectionFlag.Rows
        )
        self.table.selectionModel().setCurrentIndex(index, flags)
        self.table.scrollTo(index)

    def _search_now(self) -> None:
        self._show_rows()
        self._to_table()

    def _to_table(self) -> None:
        """From the search box into the results, so Enter or Down then arrows pick one."""
        if self.model.rowCount():
            self.table.setFocus(Qt.FocusReason.OtherFocusReason)
            if self._view_row(self._current) < 0:
                self._select_row(0)

    def _reload(self) -> None:
        """Query with the current filters; the current article stays current if shown."""
        if self._project is None:
            return
        query = ArticleQuery(
            status=self.status.currentData(),
            source=self.source.currentData(),
            assigned=self.mine.isChecked(),
            codes=self.codes.value(),
            copies=self.copies.isChecked(),
            dates=self.dates.value(),
            attribute=self.attribute.value(),
        )
        self._ids = article_ids(self._project, self._coder, query, self._order)
        self._show_rows()

    def _show_rows(self) -> None:
        """The filtered rows that hold the words searched for; the current article stays
        current if shown."""
        if self._project is None:
            return
        self._search_timer.stop()
        ids = self._ids
        if self.search.text().strip():
            found = matching_articles(self._project, self.search.text())
            ids = [article_id for article_id in ids if article_id in found]
        keep = self._current
        self.model.set_ids(ids)
        if keep is not None:
            self.select_article(keep)
        self._show_count()

    def _fill_sources(self, project: Project) -> None:
        """The sources in the project, keeping the one chosen if it is still there."""
        chosen = self.source.currentData()
        self.source.blockSignals(True)
        self.source.clear()
        self.source.addItem("All sources", None)
        for name in list_sources(project):
            self.source.addItem(name, name)
        self.source.setCurrentIndex(max(self.source.findData(chosen), 0))
        self.source.blockSignals(False)

    def _read_rows(self, ids: list[int]) -> list[ArticleRow]:
        """The rows the table is about to show, as the coder sees them."""
        if self._project is None or not ids:
            return []
        return rows_by_id(self._project, self._coder, ids)

    def _set_order(self, column: int, order: Qt.SortOrder) -> None:
        """A header click: the same filters, in the column's order (import order for -1).
        The order the list has already is not read again (`sortByColumn` asks twice)."""
        descending = order == Qt.SortOrder.DescendingOrder
        chosen = ArticleOrder(ORDER_COLUMNS[column], descending) if column >= 0 else None
        if chosen != self._order:
            self._order = chosen
            self._reload()

    def _show_count(self) -> None:
        shown = self.model.rowCount()
        if shown:
            mine = " assigned to you" if self.mine.isChecked() else ""
            self.count.setText(f"{shown} article{'' if shown == 1 else 's'}{mine}")
        elif any(
            (self.search.text(), self.status.currentData(), self.source.currentData(),
             self.codes.value(), self.dates.value(), self.attribute.value())
        ):  # fmt: skip
            self.count.setText("No articles match the search and filters")
        elif self.mine.isChecked():
            self.count.setText("No articles are assigned to you yet")
        else:
            self.count.setText("No articles yet: import files to begin")

    def _on_current(self, current: QModelIndex, _previous: QModelIndex) -> None:
        article_id = current.data(ID_ROLE) if current.isValid() else None
        if article_id is not None and article_id != self._current:
            self._current = article_id
            self.articleSelected.emit(article_id)
