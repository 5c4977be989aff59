"""The window's columns fitted to its size, so the text always keeps a readable measure.

The reader comes first: it gets a column of `FULL_MEASURE` characters before the article
list grows past its least width, and never fewer than `MIN_MEASURE` while the list can
give way. The list narrows to `ARTICLES_MIN` and then folds away (Find, Ctrl+F, or a drag
of its handle brings it back, and the focus leaves it for the reader); the coding side
keeps a width between `SIDE_MIN` and `SIDE_MAX`, down to `SIDE_LEAST` on a small screen.
Down the side,
the coding panel takes what it needs to show everything when it can, the article form
its own height, and the passage list the rest, so no empty band opens on a tall screen.

It acts when the window is resized: a width the user drags stays until the next resize,
and the article list's width dragged is the one it returns to, on this computer.
"""

from __future__ import annotations

from typing import Protocol

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication, QSplitter, QWidget

from stancecoder.ui.common.actions import ActionRegistry
from stancecoder.ui.common.settings import AppSettings
from stancecoder.ui.widgets.coding_panel import CodingPanel
from stancecoder.ui.widgets.reader import Reader
from stancecoder.ui.widgets.reading_view import DOCUMENT_MARGIN
from stancecoder.ui.workbench.article_list import ArticlePanel

MIN_MEASURE = 60  # characters a line: below that the eye jumps back too often
# a column this wide is enough for the article list to take what is left; the reader
# centres up to LINE_LENGTH when it has more
FULL_MEASURE = 72
ARTICLES_MIN = 200  # px: a title and its status dot still read
ARTICLES_SHARE = 0.22  # of the window the article list takes when there is room, until dragged
SIDE_MIN, SIDE_MAX = 372, 520  # px: stance buttons in one row, passage list columns readable
SIDE_LEAST = 280  # px when even the folded list leaves the text short: the stance row wraps
SIDE_SHARE = 0.3
SETTING = "window/articles-width"
LIST_MIN = 140  # px of passage list kept under the coding panel: a header and three rows


class Fitted(Protocol):
    """What the fitting reads of the window."""

    settings: AppSettings
    articles: ArticlePanel
    reader: Reader
    panel: CodingPanel
    article_form: QWidget
    splitter: QSplitter
    side_splitter: QSplitter

    @property
    def registry(self) -> ActionRegistry:
        """Read only, so the window's own kind of registry will do."""
        ...


def measure(reader: Reader, characters: int) -> int:
    """The reader's width for lines of `characters` average characters: the text, its
    margins, the passage margin and the scroll bar."""
    text = reader.fontMetrics().averageCharWidth() * characters + 2 * DOCUMENT_MARGIN
    frame = 2 * reader.frameWidth()
    return text + reader.gutter() + reader.verticalScrollBar().sizeHint().width() + frame


def columns(width: int, ideal: int, least: int, articles: int) -> tuple[int, int, int]:
    """(article list, reader, side) for a splitter `width` wide, the reader's `ideal` and
    `least` widths and the article list's preferred width."""
    side = min(max(round(width * SIDE_SHARE), SIDE_MIN), SIDE_MAX)
    rest = width - side
    if rest - ideal >= ARTICLES_MIN:
        listed = min(articles, rest - ideal)
    elif rest - least >= ARTICLES_MIN:
        listed = ARTICLES_MIN
    else:
        listed = 0
        side = max(min(side, width - least), min(SIDE_LEAST, width // 2))
    return listed, width - listed - side, side


class WindowFit(QObject):
    def __init__(self, window: Fitted) -> None:
        super().__init__(window.splitter)
        self.window = window
        kept = str(window.settings.value(SETTING, ""))
        # the width the user dragged the list to; until then, a share of the window
        self.articles_width = max(int(kept), ARTICLES_MIN) if kept.isdigit() else None
        window.splitter.setCollapsible(0, True)
        window.splitter.setCollapsible(1, False)
        window.splitter.setCollapsible(2, False)
        window.splitter.splitterMoved.connect(self._moved)
        window.registry["find"].triggered.connect(self.unfold)
        # after the splitter has handled its resize, not inside Qt's own resizing
        self._timer = QTimer(self, singleShot=True, interval=0)
        self._timer.timeout.connect(self.fit)
        self._side_timer = QTimer(self, singleShot=True, interval=0)
        self._side_timer.timeout.connect(self.fit_side)
        window.splitter.installEventFilter(self)
        self.fit()

    def fit(self) -> None:
        w = self.window
        width = w.splitter.width() - 2 * w.splitter.handleWidth()
        if width <= 0:
            return
        # the full column is centred, so the margin's room is kept on its right side too
        ideal = measure(w.reader, FULL_MEASURE) + w.reader.gutter()
        least = measure(w.reader, MIN_MEASURE)
        articles = self.articles_width or round(width * ARTICLES_SHARE)
        sizes = columns(width, ideal, least, articles)
        w.splitter.setSizes(list(sizes))
        focus = QApplication.focusWidget()
        if sizes[0] == 0 and focus is not None and w.articles.isAncestorOf(focus):
            w.reader.setFocus()  # keys typed into a folded search box would filter unseen
        self.fit_side()

    def fit_side(self) -> None:
        """The panel as tall as its content when the window allows, the form its own
        height, the passage list the rest."""
        w = self.window
        body = w.panel.scroll_area.widget()
        if body is not None:  # a new codebook builds a new one; follow what it asks for
            body.installEventFilter(self)
        height = w.side_splitter.height() - 2 * w.side_splitter.handleWidth()
        if height <= 0:
            return
        form = w.article_form.sizeHint().height()
        panel = max(min(w.panel.content_height(), height - form - LIST_MIN), 0)
        w.side_splitter.setSizes([panel, form, max(height - panel - form, 0)])

    def unfold(self) -> None:
        """Bring a folded article list back, taking the width from the reader."""
        sizes = self.window.splitter.sizes()
        if sizes[0] == 0:
            wanted = self.articles_width or round(self.window.splitter.width() * ARTICLES_SHARE)
            give = max(ARTICLES_MIN, min(wanted, sizes[1] // 2))
            self.window.splitter.setSizes([give, sizes[1] - give, sizes[2]])

    def _moved(self, position: int, index: int) -> None:
        if index == 1 and position >= ARTICLES_MIN:
            self.articles_width = position
            self.window.settings.set_value(SETTING, position)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        kinds = (QEvent.Type.Resize, QEvent.Type.Show)  # on its first show Qt redistributes
        if event.type() in kinds and watched is self.window.splitter:
            self._timer.start()
        elif (
            event.type() == QEvent.Type.LayoutRequest
            and watched is self.window.panel.scroll_area.widget()
        ):
            self._side_timer.start()  # a passage with more codes, a stance row that wrapped
        return False
