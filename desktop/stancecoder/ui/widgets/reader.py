"""The article text with its coded passages: tints, margin bars, the current passage.

Passages arrive and leave in code points of the article text, as stored; Qt positions
stay inside, converted through the view's one `OffsetMap`.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from contextlib import AbstractContextManager

from PySide6.QtCore import QEvent, QPointF, Qt, QTimer, Signal
from PySide6.QtGui import QColor, QHelpEvent, QHideEvent, QMouseEvent, QPalette, QShowEvent
from PySide6.QtWidgets import QApplication, QToolTip, QWidget

from stancecoder.core.offsets import OffsetMap
from stancecoder.core.passage_view import PassageView
from stancecoder.core.segments import Span, flatten
from stancecoder.services.coders import initials_of
from stancecoder.ui.widgets.highlighter import Paint, PassageHighlighter
from stancecoder.ui.widgets.margin import WIDTH as MARGIN_WIDTH
from stancecoder.ui.widgets.margin import PassageMargin
from stancecoder.ui.widgets.reader_decor import Decorations
from stancecoder.ui.widgets.reader_layout import LINE_HEIGHT
from stancecoder.ui.widgets.reading_view import ReadingView
from stancecoder.ui.widgets.text_geometry import char_at, line_rect

FLASH_MS = 600


class Reader(ReadingView):
    passageClicked = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._passages: dict[int, PassageView] = {}
        self._colours: dict[int, str] = {}
        # whose reading this is: other coders' passages are drawn as theirs (dotted, dashed)
        self.viewer: str | None = None
        self._describe: Callable[[int], str] = lambda key: self._passages[key].coder
        self._press: QPointF | None = None
        self._highlighter = PassageHighlighter(self.document())
        self.margin = PassageMargin(self)
        self.margin.describe = lambda key: self._describe(key)
        self.margin.barClicked.connect(self._choose)
        self._decor = Decorations(self, self.margin)
        self._flash_timer = QTimer(self, singleShot=True, interval=FLASH_MS)
        self._flash_timer.timeout.connect(self._end_flash)
        # Qt asks for repaints from inside its layout code, where asking the layout about
        # geometry crashes; so follow the view from the event loop, once per burst.
        self._sync_timer = QTimer(self, singleShot=True, interval=0)
        self._sync_timer.timeout.connect(self._decor.sync)
        self.updateRequest.connect(lambda _rect, _dy: self._sync_timer.start())
        self.place()

    # ---- content ------------------------------------------------------------------------

    def show_article(
        self, text: str, passages: Sequence[PassageView], colours: Mapping[int, str]
    ) -> None:
        """Show an article and its passages; `colours` maps passage id to "#rrggbb".

        The text is replaced only when it differs, so showing the same article again
        keeps the scroll position and the selection."""
        fresh = text != self.text
        if fresh:
            self._flash_timer.stop()
            self._decor.current = self._decor.flashing = None
            self._decor.hits, self._decor.hit = [], None
            self.text, self.offsets = text, OffsetMap(text)
        self._store(passages, colours, redraw=not fresh)
        if fresh:  # after the passages, so the highlighter paints each block as it arrives
            self.setPlainText(text)
        self.place()
        self._decor.refresh()

    def set_passages(self, passages: Sequence[PassageView], colours: Mapping[int, str]) -> None:
        """New or changed passages on the article shown: only changed lines repaint."""
        self._store(passages, colours, redraw=True)
        self.place()
        self._decor.refresh()

    def refreshing_once(self) -> AbstractContextManager[None]:
        """The marks (current passage, bars) redrawn once for all changes made inside."""
        return self._decor.held()

    def set_describer(self, describe: Callable[[int], str]) -> None:
        """What the tooltip says of a passage (the window knows the codebook)."""
        self._describe = describe

    def _store(
        self, passages: Sequence[PassageView], colours: Mapping[int, str], *, redraw: bool
    ) -> None:
        size = len(self.text)
        self._passages = {p.id: p for p in passages}
        self._colours = dict(colours)
        spans = [Span(p.id, max(p.start, 0), min(p.end, size)) for p in passages]
        spans = [s for s in spans if s.start < s.end]
        to_qt = self.offsets.to_qt
        decor = self._decor
        decor.spans = {s.key: (to_qt(s.start), to_qt(s.end)) for s in spans}
        chosen = {s.key: self._colours.get(s.key, "") for s in spans}
        tints = {name: self._tint(name) for name in set(chosen.values())}  # a few colours
        decor.colours = {key: tints[name] for key, name in chosen.items()}
        initials = {name: initials_of(name) for name in {p.coder for p in passages}}
        decor.labels = {p.id: initials[p.coder] for p in passages}
        others = {p.id for p in passages if self.viewer is not None and p.coder != self.viewer}
        decor.others = others
        decor.current = decor.current if decor.current in decor.spans else None
        decor.flashing = decor.flashing if decor.flashing in decor.spans else None
        length = {s.key: s.end - s.start for s in spans}
        names = {name: tint.name() for name, tint in tints.items()}
        paints = [
            Paint(
                to_qt(segment.start),
                to_qt(segment.end),
                names[chosen[shortest]],
                len(segment.keys) > 1,
                shortest in others,
            )
            for segment in flatten(spans)
            for shortest in [
                segment.keys[0]
                if len(segment.keys) == 1
                else min(segment.keys, key=lambda k: (length[k], k))
            ]
        ]
        ink = self.palette().color(QPalette.ColorRole.Text)
        self._highlighter.set_paints(paints, self._base(), redraw=redraw, ink=ink)

    def _tint(self, name: str) -> QColor:
        colour = QColor(name)
        return colour if colour.isValid() else self.palette().color(QPalette.ColorRole.Mid)

    def _base(self) -> QColor:
        return self.palette().color(QPalette.ColorRole.Base)

    # ---- the current passage ------------------------------------------------------------

    @property
    def current_passage(self) -> int | None:
        return self._decor.current

    def set_current_passage(self, passage_id: int | None) -> None:
        chosen = passage_id if passage_id in self._decor.spans else None
        if chosen != self._decor.current:
            self._decor.current = chosen
            self._decor.refresh()

    def flash_passage(self, passage_id: int) -> None:
        """Scroll to a passage and light it up briefly, so the eye finds it."""
        if passage_id not in self._decor.spans:
            return
        self.reveal_passage(passage_id)
        self._decor.flashing = passage_id
        self._flash_timer.start()
        self._decor.refresh()

    def _end_flash(self) -> None:
        if self._decor.flashing is not None:
            self._decor.flashing = None
            self._decor.refresh()

    def reveal_passage(self, passage_id: int) -> None:
        """Scroll a passage into view, a third down the screen, leaving the caret and the
        selection alone: the coder may be halfway through selecting something else."""
        if passage_id in self._decor.spans:
            self._reveal(self._decor.spans[passage_id][0])

    def _reveal(self, start: int) -> None:
        """Scroll the Qt position `start` into view, a third down, unless it is on screen."""
        rect = line_rect(self, start)
        if rect.top() >= 0 and rect.bottom() <= self.viewport().height():
            return
        block = self.document().findBlock(start)
        line = block.layout().lineForTextPosition(start - block.position()).lineNumber()
        on_screen = self.viewport().height() / max(rect.height() * LINE_HEIGHT, 1.0)
        top = block.firstLineNumber() + max(line, 0) - int(on_screen / 3)
        self.verticalScrollBar().setValue(max(top, 0))

    def step_passage(self, step: int) -> int | None:
        """Make the next (step > 0) or previous passage current, in text order, counting
        from the current passage or else the caret: the keyboard's click on a highlight."""
        spans = self._decor.spans
        order = sorted(spans, key=lambda k: (*spans[k], k))
        if not order:
            return None
        if self._decor.current in order:
            index = order.index(self._decor.current) + (1 if step > 0 else -1)
        else:
            caret = self.textCursor().position()
            after = next((n for n, k in enumerate(order) if spans[k][0] >= caret), len(order))
            index = after if step > 0 else after - 1
        key = order[min(max(index, 0), len(order) - 1)]
        self.reveal_passage(key)
        self._choose(key)
        return key

    def _choose(self, passage_id: int) -> None:
        self.set_current_passage(passage_id)
        self.passageClicked.emit(passage_id)

    # ---- found words ----------------------------------------------------------------------

    def show_hits(self, hits: Sequence[tuple[int, int]], current: int | None = None) -> None:
        """Mark found words (code points of the text) over the passages; the one at index
        `current` stands out and is scrolled into view. The caret and selection stay."""
        to_qt = self.offsets.to_qt
        marks = [(to_qt(start), to_qt(end)) for start, end in hits]
        hit = current if current is not None and 0 <= current < len(hits) else None
        if marks == self._decor.hits and hit is None and self._decor.hit is None:
            return  # as marked (none, after an article is shown anew): nothing to redraw
        self._decor.hits, self._decor.hit = marks, hit
        if self._decor.hit is not None:
            self._reveal(self._decor.hits[self._decor.hit][0])
        self._decor.refresh()

    @property
    def hits(self) -> list[tuple[int, int]]:
        """The found words marked, in code points."""
        from_qt = self.offsets.from_qt
        return [(from_qt(start), from_qt(end)) for start, end in self._decor.hits]

    @property
    def current_hit(self) -> int | None:
        return self._decor.hit

    # ---- what is under the mouse --------------------------------------------------------

    def passage_at(self, point: QPointF) -> int | None:
        """The passage under a viewport point; of overlapping ones, the shortest."""
        keys = self._keys_at(point)
        length = {k: self._passages[k].end - self._passages[k].start for k in keys}
        return min(keys, key=lambda k: (length[k], k)) if keys else None

    def tooltip_at(self, point: QPointF) -> str:
        """One line (or more) per passage under the point, in text order."""
        return "\n".join(self._describe(k) for k in self._keys_at(point))

    def _keys_at(self, point: QPointF) -> list[int]:
        position = char_at(self, point)
        if position is None:
            return []
        spans = self._decor.spans
        return sorted(
            (k for k, (start, end) in spans.items() if start <= position < end),
            key=lambda k: (*spans[k], k),
        )

    # ---- layout and events --------------------------------------------------------------

    def gutter(self) -> int:
        return MARGIN_WIDTH

    def placed(self) -> None:
        """Lanes follow the lines as they now break; the margin hangs left of the column."""
        if hasattr(self, "_decor"):  # else still being built
            self._decor.relane()
            view = self.viewport().geometry()
            self.margin.setGeometry(
                view.left() - MARGIN_WIDTH, view.top(), MARGIN_WIDTH, view.height()
            )

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        kinds = (QEvent.Type.PaletteChange, QEvent.Type.StyleChange)
        if event.type() in kinds and hasattr(self, "_decor"):
            self.set_passages(list(self._passages.values()), self._colours)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self._sync_timer.start()

    def hideEvent(self, event: QHideEvent) -> None:
        """Nothing keeps running behind a hidden reader."""
        self._flash_timer.stop()
        self._end_flash()
        super().hideEvent(event)
        self._sync_timer.stop()

    def viewportEvent(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ToolTip and isinstance(event, QHelpEvent):
            text = self.tooltip_at(QPointF(event.pos()))
            if text:
                QToolTip.showText(event.globalPos(), text, self.viewport())
            else:
                QToolTip.hideText()
            return True
        return super().viewportEvent(event)

    def mousePressEvent(self, event: QMouseEvent) -> None:
        left = event.button() == Qt.MouseButton.LeftButton
        self._press = event.position() if left else None
        super().mousePressEvent(event)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        """A click that did not drag out a selection picks the passage under it."""
        super().mouseReleaseEvent(event)
        press, self._press = self._press, None
        if press is None or event.button() != Qt.MouseButton.LeftButton:
            return
        moved = (event.position() - press).manhattanLength()
        if moved < QApplication.startDragDistance() and not self.textCursor().hasSelection():
            key = self.passage_at(event.position())
            if key is not None:
                self._choose(key)
