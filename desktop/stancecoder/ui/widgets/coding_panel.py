"""The coding panel: one field per passage-level variable of the codebook, a memo, and
Save / Cancel, all reachable from the keyboard. It scrolls as one, heading to buttons, so a
short window cuts none of it apart.

Enter saves from anywhere in the panel: the pickers keep Enter only while a search is
typed, so the key that picks a code never also saves. In the memo Enter starts a new
line and Ctrl+Enter saves.

A passage is saved only with at least one code: Enter pressed before choosing one would
otherwise store a passage that says nothing (and count in the agreement units as text
marked but not coded). The panel says so where the coder looks, and keeps what was typed.
"""

from __future__ import annotations

from html import escape

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QKeyEvent, QPalette
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from stancecoder.core.codebook_view import CodebookView
from stancecoder.core.context import short_quote
from stancecoder.core.passage_view import PassageView
from stancecoder.ui.widgets.code_picker import ENTER_KEYS, CodePicker, field_for, make_picker
from stancecoder.ui.widgets.scale_picker import ScalePicker

QUOTE_SHOWN = 160  # characters of the quote in the heading; the reader shows the rest
NO_CODE = "Choose at least one code to save this passage."


def field_label(name: str, description: str) -> QLabel:
    label = QLabel(name[:1].upper() + name[1:])
    font = label.font()
    font.setBold(True)
    label.setFont(font)
    label.setToolTip(escape(description.strip()).replace("\n", "<br>"))
    return label


def hint_label(text: str) -> QLabel:
    label = QLabel(text)
    label.setWordWrap(True)
    label.setForegroundRole(QPalette.ColorRole.PlaceholderText)
    return label


class CodingPanel(QWidget):
    saveRequested = Signal()
    cancelRequested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.codebook: CodebookView | None = None
        self.fields: dict[str, CodePicker | ScalePicker] = {}
        self.viewer: str | None = None  # who codes here: another coder's passage says whose
        self.lead = False  # a lead is told how to change another coder's passage
        self.editable = True  # False: another coder's passage, shown but not changed
        self.heading = QLabel(wordWrap=True, textFormat=Qt.TextFormat.RichText)
        self.heading.setTextInteractionFlags(Qt.TextInteractionFlag.NoTextInteraction)
        self.heading.setContentsMargins(0, 0, 0, 4)
        self.scroll_area = QScrollArea(widgetResizable=True, frameShape=QFrame.Shape.NoFrame)
        self.scroll_area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.memo_box = QPlainTextEdit(tabChangesFocus=True)
        self.memo_box.setPlaceholderText("Memo: a note for yourself or the lead")
        self.memo_box.setFixedHeight(self.memo_box.fontMetrics().lineSpacing() * 3 + 16)
        self.memo_box.installEventFilter(self)
        self.save_button = QPushButton("Save", autoDefault=True, toolTip="Save the coding (Enter)")
        self.cancel_button = QPushButton("Cancel", autoDefault=True, toolTip="Discard (Esc)")
        self.notice = QLabel(NO_CODE, objectName="codingNotice", wordWrap=True)
        self.notice.setStyleSheet(
            "#codingNotice { border: 1px solid #d99a1e; border-radius: 4px; padding: 4px 8px; }"
        )
        self.notice.hide()
        self.save_button.clicked.connect(self.ask_to_save)
        self.cancel_button.clicked.connect(self.cancelRequested)
        self.buttons = QWidget()
        buttons = QHBoxLayout(self.buttons)
        buttons.setContentsMargins(0, 4, 0, 0)
        buttons.addWidget(hint_label("Enter saves · Esc cancels"), 1)
        buttons.addWidget(self.cancel_button)
        buttons.addWidget(self.save_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.scroll_area, 1)
        self._passage: PassageView | None = None
        self._quote: str | None = None
        self._build()
        self.load(None, None)

    def set_codebook(self, codebook: CodebookView) -> None:
        """Rebuild the fields; codes chosen but not saved survive if they still exist."""
        kept = self.values()
        memo = self.memo()
        self.codebook = codebook
        self._build()
        for name, picker in self.fields.items():
            own = {code.id for code in picker.variable.codes}
            ids = [i for i in kept.get(name, []) if i in own]
            picker.set_codes(ids if picker.variable.multiple else ids[:1])
        self.memo_box.setPlainText(memo)
        self._apply_editable()

    def load(self, passage: PassageView | None, quote: str | None, editable: bool = True) -> None:
        """Show an existing passage, a new selection (`quote`), or nothing to code; a
        passage that is not `editable` (another coder's) is shown with its codes, read-only."""
        grouped: dict[str, list[int]] = {name: [] for name in self.fields}
        for code_id in passage.codes if passage else ():
            grouped.setdefault(self._variable_of(code_id), []).append(code_id)
        for name, picker in self.fields.items():
            picker.set_codes(grouped[name])
        self.memo_box.setPlainText(passage.memo if passage else "")
        self.notice.hide()
        self._passage, self._quote = passage, quote
        self.editable = editable or passage is None
        self._apply_editable()
        self._show_heading()
        self.set_enabled_for(passage is not None or quote is not None)

    def choose_code(self, code_id: int) -> bool:
        """Set a code from its shortcut; False when it is not a passage code shown here
        (an article-level code, say), so the caller can offer it elsewhere."""
        field = field_for(self.codebook, self.fields, code_id) if self.isEnabled() else None
        if field is not None and self.editable:
            field.choose(code_id)
        return field is not None

    def has_codes(self) -> bool:
        return any(self.values().values())

    def values(self) -> dict[str, list[int]]:
        return {name: picker.codes() for name, picker in self.fields.items()}

    def memo(self) -> str:
        return self.memo_box.toPlainText()

    def _apply_editable(self) -> None:
        for field in self.fields.values():
            field.setEnabled(self.editable)
        if self.memo_box.isReadOnly() == self.editable:  # Qt passes on a repeat all the same
            self.memo_box.setReadOnly(not self.editable)
        self.buttons.setVisible(self.editable)

    def set_enabled_for(self, has_target: bool) -> None:
        self.setEnabled(has_target)

    def _build(self) -> None:
        variables = self.codebook.passage_variables() if self.codebook else []
        self.fields = {v.name: make_picker(v) for v in variables}
        for picker in self.fields.values():
            picker.changed.connect(self._codes_changed)
        body = QWidget()
        column = QVBoxLayout(body)
        column.setContentsMargins(10, 10, 10, 10)
        column.setSpacing(4)
        column.addWidget(self.heading)
        for variable in variables:
            column.addWidget(field_label(variable.name, variable.description))
            column.addWidget(self.fields[variable.name])
            column.addSpacing(8)
        column.addWidget(field_label("memo", "A note on this passage; Ctrl+Enter saves."))
        column.addWidget(self.memo_box)
        column.addWidget(self.notice)
        column.addWidget(self.buttons)
        column.addStretch(1)
        old = self.scroll_area.takeWidget()
        if old is not None:  # its heading, memo, notice and buttons now live in the new body
            old.deleteLater()
        self.scroll_area.setWidget(body)
        first = next(iter(self.fields.values()), None)
        self.setFocusProxy(first or self.memo_box)

    def _variable_of(self, code_id: int) -> str:
        try:
            return self.codebook.code(code_id).variable  # type: ignore[union-attr]  # None: caught
        except (AttributeError, KeyError):
            raise ValueError(
                f"the passage has code {code_id}, which the codebook shown here does not have;"
                " reload the codebook"
            ) from None

    def _show_heading(self) -> None:
        if self._passage is not None:
            title, quote = self._whose(self._passage.coder), self._passage.quote
        elif self._quote is not None:
            title, quote = "New passage", self._quote
        else:
            self.heading.setText(
                "<b>Nothing to code</b><br>Select text in the article, or pick a passage."
            )
            return
        text = f"<b>{title}:</b> <i>“{escape(short_quote(quote, QUOTE_SHOWN))}”</i>"
        if not self.editable and self._passage is not None:
            text += f"<br><span style='color:gray'>{self._read_only_note()}</span>"
        self.heading.setText(text)

    def _read_only_note(self) -> str:
        """Why the codes cannot be changed here, and, for a lead, how they can be."""
        if self.lead:
            return "Read-only: Code › Edit as lead changes another coder's work."
        owner = escape(self._passage.coder) if self._passage is not None else ""
        return f"Read-only: only {owner} changes this passage."

    def ask_to_save(self) -> None:
        """Pass the request on only with a code chosen; otherwise say what is missing.
        With nothing to code (the panel disabled) there is nothing to say."""
        if not self.isEnabled() or not self.editable:
            return
        if self.has_codes():
            self.notice.hide()
            self.saveRequested.emit()
        else:
            self.notice.show()

    def _codes_changed(self) -> None:
        if self.has_codes():
            self.notice.hide()

    def _whose(self, coder: str) -> str:
        if self.viewer is None:
            return f"Passage by {escape(coder)}"
        return "Your passage" if coder == self.viewer else f"{escape(coder)}’s passage"

    def content_height(self) -> int:
        """The height that shows everything without scrolling."""
        body = self.scroll_area.widget()
        return body.sizeHint().height() + 2 * self.scroll_area.frameWidth() if body else 0

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in ENTER_KEYS:
            self.ask_to_save()
        elif event.key() == Qt.Key.Key_Escape:
            self.cancelRequested.emit()
        else:
            super().keyPressEvent(event)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        # the ignores: a KeyPress event is a QKeyEvent, which the type of `event` does not say
        if (
            watched is self.memo_box
            and event.type() == QEvent.Type.KeyPress
            and event.key() in ENTER_KEYS  # type: ignore[attr-defined]
            and event.modifiers() & Qt.KeyboardModifier.ControlModifier  # type: ignore[attr-defined]
        ):
            self.ask_to_save()
            return True
        return False
