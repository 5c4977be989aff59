"""The form for the selected code: label, value, colour, shortcut, active flag, rule.

It only reports what the lead typed, as signals; the dialog turns each into a validated,
undoable change of the spec and then shows the code again.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QDoubleValidator, QFont, QKeySequence, QPalette
from PySide6.QtWidgets import (
    QCheckBox,
    QFormLayout,
    QHBoxLayout,
    QKeySequenceEdit,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from stancecoder.core.codebook import PATH_SEPARATOR, CodeSpec
from stancecoder.ui.codebook_editor.tree import swatch, usage_text


def editable_value(value: float | None) -> str:
    """A code's value as its field edits it: plain digits it parses back ("2", not the
    "+2" the scale's buttons show)."""
    if value is None:
        return ""
    return str(int(value)) if value.is_integer() else str(value)


class CodeDetails(QWidget):
    label_edited = Signal(str)
    value_edited = Signal(str)
    shortcut_edited = Signal(object)  # "Alt+1", or None to remove it
    active_toggled = Signal(bool)
    description_edited = Signal(str)
    colour_clicked = Signal()
    colour_cleared = Signal()

    def __init__(self) -> None:
        super().__init__()
        self.title = QLabel()
        font = QFont(self.title.font())
        font.setPointSizeF(font.pointSizeF() * 1.25)
        font.setBold(True)
        self.title.setFont(font)
        self.title.setWordWrap(True)
        self.usage = _muted(QLabel())

        self.label = QLineEdit()
        self.label.editingFinished.connect(lambda: self.label_edited.emit(self.label.text()))
        self.value = QLineEdit()
        self.value.setValidator(QDoubleValidator(self.value))
        self.value.setMaximumWidth(120)
        self.value.editingFinished.connect(lambda: self.value_edited.emit(self.value.text()))

        self.colour = QPushButton("&Colour…")
        self.colour.clicked.connect(self.colour_clicked)
        self.inherit = QPushButton("&No own colour")
        self.inherit.setToolTip("Draw the code in its parent's colour")
        self.inherit.clicked.connect(self.colour_cleared)
        self.colour_note = _muted(QLabel())
        colour_row = _row(self.colour, self.inherit, self.colour_note)

        self.shortcut = QKeySequenceEdit()
        self.shortcut.setMaximumSequenceLength(1)
        self.shortcut.setMaximumWidth(200)
        self.shortcut.setToolTip("Click or tab here, then press the keys")
        self.shortcut.editingFinished.connect(self._shortcut_finished)
        # the edit empties itself whenever a key press starts, so clearing is a button
        self.no_shortcut = QPushButton("&Remove")
        self.no_shortcut.clicked.connect(lambda: self.shortcut_edited.emit(None))
        shortcut_row = _row(self.shortcut, self.no_shortcut)

        self.active = QCheckBox("&Offered to coders")
        self.active.toggled.connect(self.active_toggled)
        self.description = QPlainTextEdit()
        self.description.setTabChangesFocus(True)
        self.description.setPlaceholderText(
            "What the code means, when to use it and when not, with an example from the corpus"
        )
        self.description.textChanged.connect(
            lambda: self.description_edited.emit(self.description.toPlainText())
        )

        self.form = QFormLayout()
        self.form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.form.setVerticalSpacing(10)
        self.form.addRow(_buddy("&Label", self.label), self.label)
        self.form.addRow(_buddy("&Value", self.value), self.value)
        self.form.addRow("Colour", colour_row)
        self.form.addRow(_buddy("S&hortcut", self.shortcut), shortcut_row)
        self.form.addRow("Active", self.active)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 8, 8, 8)
        layout.setSpacing(6)
        layout.addWidget(self.title)
        layout.addWidget(self.usage)
        layout.addSpacing(8)
        layout.addLayout(self.form)
        layout.addSpacing(6)
        layout.addWidget(_buddy("&Description and coding rule", self.description))
        layout.addWidget(self.description, 1)

    def show_code(
        self,
        code: CodeSpec | None,
        path: tuple[str, ...],
        scale: bool,
        usage: int,
        colour_from: tuple[str | None, str],
    ) -> None:
        """Fill the form without reporting the values as edits."""
        self.setEnabled(code is not None)
        code = code or CodeSpec(label="")
        for widget in self._editors():
            widget.blockSignals(True)
        self.title.setText(PATH_SEPARATOR.join(path) or "No code selected")
        used = f"Used in {usage_text(usage)}" if usage else "Not used in any coding yet"
        self.usage.setText(used if path else "")
        self.label.setText(code.label)
        self.form.setRowVisible(self.value, scale)
        self.value.setText(editable_value(code.value))
        colour, source = colour_from
        self.colour.setIcon(swatch(colour, own=code.colour is not None))
        self.inherit.setVisible(code.colour is not None)
        if code.colour:
            self.colour_note.setText(code.colour)
        else:
            self.colour_note.setText(f"as ‘{source}’" if colour else "none: drawn in grey")
        self.shortcut.setKeySequence(QKeySequence(code.shortcut or ""))
        self.no_shortcut.setVisible(code.shortcut is not None)
        self.active.setChecked(code.active)
        if self.description.toPlainText() != code.description:
            self.description.setPlainText(code.description)
        for widget in self._editors():
            widget.blockSignals(False)

    def _editors(self) -> list[QWidget]:
        return [self.label, self.value, self.shortcut, self.active, self.description]

    def _shortcut_finished(self) -> None:
        text = self.shortcut.keySequence().toString(QKeySequence.SequenceFormat.PortableText)
        if text:
            self.shortcut_edited.emit(text)


def _row(*widgets: QWidget) -> QHBoxLayout:
    row = QHBoxLayout()
    row.setContentsMargins(0, 0, 0, 0)
    row.setSpacing(8)
    for widget in widgets:
        row.addWidget(widget)
    row.addStretch(1)
    return row


def _buddy(text: str, widget: QWidget) -> QLabel:
    label = QLabel(text)
    label.setBuddy(widget)
    return label


def _muted(label: QLabel) -> QLabel:
    label.setForegroundRole(QPalette.ColorRole.PlaceholderText)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.NoTextInteraction)
    return label
