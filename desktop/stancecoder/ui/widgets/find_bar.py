"""The reader's find bar: a phrase found in the article, every hit marked, "3 of 12".

Enter and Shift+Enter (or F3 and Shift+F3 from anywhere in the window) go to the next and
previous hit, wrapping round; Esc closes the bar and unmarks the hits. The search runs on
the text the reader holds, so it costs no database read and follows the article shown.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QKeyEvent, QPalette
from PySide6.QtWidgets import QHBoxLayout, QLabel, QLineEdit, QToolButton, QWidget

from stancecoder.core.find import find_all, next_hit
from stancecoder.ui.widgets.reader import Reader


class FindBar(QWidget):
    def __init__(self, reader: Reader, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.reader = reader
        self.field = QLineEdit(placeholderText="Find in the article", clearButtonEnabled=True)
        self.count = QLabel()
        self.count.setForegroundRole(QPalette.ColorRole.PlaceholderText)
        self.count.setMinimumWidth(self.count.fontMetrics().horizontalAdvance("999 of 999"))
        buttons = []
        for arrow, tip, step in (
            (Qt.ArrowType.UpArrow, "Previous (Shift+Enter, Shift+F3)", -1),
            (Qt.ArrowType.DownArrow, "Next (Enter, F3)", 1),
        ):
            button = QToolButton(arrowType=arrow, toolTip=tip, autoRaise=True)
            button.clicked.connect(lambda _checked=False, s=step: self.step(s))
            buttons.append(button)
        close = QToolButton(text="×", toolTip="Close (Esc)", autoRaise=True)
        close.clicked.connect(self.close_bar)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(16, 4, 16, 4)
        layout.setSpacing(4)
        layout.addWidget(self.field, 1)
        layout.addWidget(self.count)
        for button in (*buttons, close):
            layout.addWidget(button)
        self.field.textChanged.connect(lambda _text: self.search())
        self.field.installEventFilter(self)
        self._words: list[str] = []  # shown while the bar is closed: the list's search
        self.hide()

    def open_bar(self) -> None:
        """Show the bar with its phrase selected, to type over or to step through."""
        self.show()
        self.field.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.field.selectAll()
        self.search()

    def close_bar(self) -> None:
        self.hide()
        self.search()
        self.reader.setFocus(Qt.FocusReason.OtherFocusReason)

    def show_words(self, words: Sequence[str]) -> None:
        """Words to mark while the bar is closed (those searched for in the article list,
        so the article opened from it shows why it was found), and a search again in the
        article now shown."""
        self._words = list(words)
        self.search()

    def search(self) -> None:
        """Mark the bar's phrase, or with the bar closed the list's words, in the article
        shown; the first hit from the caret on becomes current."""
        phrase = "" if self.isHidden() else self.field.text()
        hits = find_all(self.reader.text, [phrase] if phrase else self._words)
        if not phrase:
            self.reader.show_hits(hits)
        else:
            caret = self.reader.offsets.from_qt(self.reader.textCursor().selectionStart())
            self.reader.show_hits(hits, next_hit(hits, caret) if hits else None)
        self._show_count()

    def step(self, step: int) -> None:
        """The next (step > 0) or previous hit, wrapping round; opens a closed bar."""
        if self.isHidden():
            self.open_bar()
            return
        hits, current = self.reader.hits, self.reader.current_hit
        if not hits:
            return
        index = 0 if current is None else (current + (1 if step > 0 else -1)) % len(hits)
        self.reader.show_hits(hits, index)
        self._show_count()

    def _show_count(self) -> None:
        hits, current = self.reader.hits, self.reader.current_hit
        if not self.field.text():
            self.count.setText("")
        elif not hits:
            self.count.setText("Not found")
        else:
            self.count.setText(f"{(current or 0) + 1} of {len(hits)}")

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """Enter, Shift+Enter and Esc act in the field ahead of the window's shortcuts."""
        kinds = (QEvent.Type.ShortcutOverride, QEvent.Type.KeyPress)
        if watched is self.field and event.type() in kinds and isinstance(event, QKeyEvent):
            key, shift = event.key(), event.modifiers() == Qt.KeyboardModifier.ShiftModifier
            plain = event.modifiers() in (
                Qt.KeyboardModifier.NoModifier,
                Qt.KeyboardModifier.KeypadModifier,
            )
            handler = None
            if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and (plain or shift):
                handler = lambda: self.step(-1 if shift else 1)  # noqa: E731
            elif key == Qt.Key.Key_Escape and plain:
                handler = self.close_bar
            if handler is not None:
                event.accept()
                if event.type() == QEvent.Type.KeyPress:
                    handler()
                return True
        return super().eventFilter(watched, event)
