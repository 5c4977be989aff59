"""The sites of an article as table rows (one column per coder, then the consensus), and
the selected site in full beside them.

Cells are small rich-text notes (the quote's start, then the codes) so a disputed variable
can be bold inside the cell; rows where the coders differ get an amber tint blended from
the palette's base colour, so the same table reads calmly in a light and a dark look.
"""

from __future__ import annotations

from html import escape

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QPoint, QSize, Qt, Signal
from PySide6.QtGui import (
    QAbstractTextDocumentLayout,
    QBrush,
    QColor,
    QKeyEvent,
    QPainter,
    QPalette,
    QTextDocument,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableWidget,
    QTableWidgetItem,
    QWidget,
)

from stancecoder.core.agreement.comparison import ArticleComparison, Site
from stancecoder.core.codebook_view import CodebookView, code_text
from stancecoder.core.context import QUOTE_LIMIT, in_context, short_quote
from stancecoder.core.passage_view import PassageView
from stancecoder.ui.common.actions import Key, key_text
from stancecoder.ui.widgets.code_picker import ENTER_KEYS, swatch

HTML_ROLE = Qt.ItemDataRole.UserRole + 1
ACCENT = QColor("#d08a2e")  # the amber of the codebook editor's banner
QUOTE_CHARS = 44
PAD = 8
Index = QModelIndex | QPersistentModelIndex


def blend(base: QColor, tint: QColor, share: float) -> QColor:
    mix = [
        round(a * (1 - share) + b * share)
        for a, b in zip(base.getRgb()[:3], tint.getRgb()[:3], strict=True)
    ]
    return QColor(*mix)


def codes_html(passage: PassageView, codebook: CodebookView, differing: tuple[str, ...]) -> str:
    """One line of codes in codebook order; a disputed variable is bold, and one this
    coder left empty says so, because a missing code is a disagreement too."""
    parts = []
    for variable in codebook.passage_variables():
        labels = [
            code_text(codebook.code(i)) for i in passage.codes
            if codebook.code(i).variable == variable.name
        ]  # fmt: skip
        text = escape(", ".join(labels)) if labels else ""
        if variable.name in differing:
            parts.append(f"<b>{text or 'no ' + escape(variable.name)}</b>")
        elif text:
            parts.append(text)
    return " · ".join(parts) or "<i>not coded</i>"


def dispute_text(site: Site, coders: tuple[str, ...]) -> str:
    """What the coders disagree on at a site, in a sentence; empty where they agree."""
    parts = []
    silent = [c for c in coders if c not in site.passages]
    if site.passages and silent:
        parts.append(f"{' and '.join(silent)} marked nothing here")
    elif not site.span_agrees and site.passages:
        parts.append("they marked different stretches of text")
    if site.differing:
        parts.append(f"they differ on {', '.join(site.differing)}")
    return "; ".join(parts).capitalize() + "." if parts else ""


def cell_html(passage: PassageView | None, codebook: CodebookView, site: Site) -> str:
    if passage is None:
        return "—"
    quote = f"“{escape(short_quote(passage.quote, QUOTE_CHARS))}”"
    if not site.span_agrees and site.passages:
        quote = f"<b>{quote}</b>"
    return f"{quote}<br>{codes_html(passage, codebook, site.differing)}"


def summary_text(comparison: ArticleComparison) -> str:
    sites = comparison.sites
    differ = sum(not s.agrees for s in sites)
    decided = sum(s.consensus is not None for s in sites)
    return (
        f"{len(sites)} passages compared · the coders differ on {differ} · "
        f"consensus written for {decided}"
    )


def detail_html(
    site: Site | None,
    consensus_coder: str,
    codebook: CodebookView,
    quiet: QColor,
    edit: Key,
    text: str,
) -> str:
    """Each version at the site whole (its words in the article `text`, every code, the
    memo), and in the `quiet` colour how to go on from there (`edit`: the key that edits)."""
    hint = (
        f"<p style='color:{quiet.name()}'>Enter or {key_text(edit)} edits the consensus here;"
        " selecting text in the article codes a new one.</p>"
    )
    if site is None:
        return "<p>No passages in this article yet.</p>" + hint
    blocks = [
        _version_html(p, codebook, site.differing, text, quiet) for p in site.passages.values()
    ]
    if site.consensus is not None:
        blocks.append(_version_html(site.consensus, codebook, (), text, quiet))
    else:
        blocks.append(f"<p><b>{escape(consensus_coder)}</b>: not decided</p>")
    return "".join(blocks) + hint


def _version_html(
    passage: PassageView,
    codebook: CodebookView,
    differing: tuple[str, ...],
    text: str,
    quiet: QColor,
) -> str:
    memo = f"<br><i>memo: {escape(passage.memo)}</i>" if passage.memo else ""
    return (
        f"<p><b>{escape(passage.coder)}</b> — {codes_html(passage, codebook, differing)}<br>"
        f"{context_html(text, passage.start, passage.end, quiet, len(text))}{memo}</p>"
    )


def context_html(text: str, start: int, end: int, quiet: QColor, limit: int = QUOTE_LIMIT) -> str:
    """The passage's words, bold (a longer one than `limit` shortened in the middle), with
    the text either side in the `quiet` colour."""
    shown = in_context(text, start, end, limit)
    return (
        f"<span style='color:{quiet.name()}'>{escape(shown.before)}</span>"
        f"<b>“{escape(shown.quote)}”</b>"
        f"<span style='color:{quiet.name()}'>{escape(shown.after)}</span>"
    )


class HtmlDelegate(QStyledItemDelegate):
    """Paints the cell's rich text over the normal item background and selection."""

    def _document(self, option: QStyleOptionViewItem, index: Index) -> QTextDocument:
        document = QTextDocument()
        document.setDocumentMargin(0)
        document.setDefaultFont(option.font)
        document.setHtml(index.data(HTML_ROLE) or "")
        document.setTextWidth(max(option.rect.width() - 2 * PAD, 40))
        return document

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: Index) -> None:
        item = QStyleOptionViewItem(option)
        self.initStyleOption(item, index)
        item.text = ""
        widget = item.widget
        style = widget.style() if widget is not None else None
        if style is not None:
            style.drawControl(QStyle.ControlElement.CE_ItemViewItem, item, painter, widget)
        selected = bool(item.state & QStyle.StateFlag.State_Selected)
        role = QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.Text
        context = QAbstractTextDocumentLayout.PaintContext()
        context.palette.setColor(QPalette.ColorRole.Text, item.palette.color(role))
        document = self._document(item, index)
        painter.save()
        painter.translate(item.rect.topLeft() + QPoint(PAD, PAD))
        painter.setClipRect(0, 0, item.rect.width() - 2 * PAD, item.rect.height() - 2 * PAD)
        document.documentLayout().draw(painter, context)
        painter.restore()

    def sizeHint(self, option: QStyleOptionViewItem, index: Index) -> QSize:
        item = QStyleOptionViewItem(option)
        self.initStyleOption(item, index)
        document = self._document(item, index)
        return QSize(int(document.idealWidth()) + 2 * PAD, int(document.size().height()) + 2 * PAD)


class SiteTable(QTableWidget):
    """Read-only rows; the dialog acts on the selected row. Enter or a double click on a
    row asks to edit its consensus."""

    editRequested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.doubleClicked.connect(lambda _index: self.editRequested.emit())
        self.setItemDelegate(HtmlDelegate(self))
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setTabKeyNavigation(False)  # Tab goes on to the article, not along the row
        self.setWordWrap(True)
        self.setShowGrid(False)
        self.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)

    def show_comparison(
        self, comparison: ArticleComparison, codebook: CodebookView, colours: dict[str, str]
    ) -> None:
        """`colours` (coder name -> "#rrggbb") mark the column headers, the key to the
        colours of the article pane."""
        columns = [*comparison.coders, comparison.consensus_coder]
        self.clear()
        self.setColumnCount(len(columns))
        for column, coder in enumerate(columns):
            self.setHorizontalHeaderItem(column, QTableWidgetItem(swatch(colours[coder]), coder))
        self.setRowCount(len(comparison.sites))
        base = self.palette().color(QPalette.ColorRole.Base)
        tint = QBrush(blend(base, ACCENT, 0.14))
        for row, site in enumerate(comparison.sites):
            mark = "✓" if site.agrees else "≠"
            header = QTableWidgetItem(f"{row + 1} {mark}")
            header.setToolTip(dispute_text(site, comparison.coders) or "The coders agree.")
            self.setVerticalHeaderItem(row, header)
            for column, coder in enumerate(comparison.coders):
                passage = site.passages.get(coder)
                self._put(row, column, cell_html(passage, codebook, site), site, tint)
            consensus = cell_html(site.consensus, codebook, _calm(site))
            self._put(row, len(comparison.coders), consensus, site, tint)
        self.resizeRowsToContents()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in ENTER_KEYS and not event.modifiers():
            self.editRequested.emit()
            return
        super().keyPressEvent(event)

    def _put(self, row: int, column: int, html: str, site: Site, tint: QBrush) -> None:
        item = QTableWidgetItem()
        item.setData(HTML_ROLE, html)
        if not site.agrees and column < self.columnCount() - 1:
            item.setBackground(tint)
        self.setItem(row, column, item)


def _calm(site: Site) -> Site:
    """The consensus is the answer, not a side in the dispute: shown without marks."""
    return Site({}, site.consensus, True, ())
