"""The choice boxes and text fields of the views' filter rows, made alike everywhere: a box
of (label, value) choices and a clearable field with a hint, each calling back on a change."""

from __future__ import annotations

from collections.abc import Callable, Iterable

from PySide6.QtCore import SignalInstance
from PySide6.QtWidgets import QComboBox, QLineEdit, QWidget

OnChange = Callable[[], object] | SignalInstance


def choice_box(
    parent: QWidget, choices: Iterable[tuple[str, object]], changed: OnChange
) -> QComboBox:
    box = QComboBox(parent)
    for text, data in choices:
        box.addItem(text, data)
    box.currentIndexChanged.connect(changed)
    return box


def text_field(parent: QWidget, placeholder: str, changed: OnChange) -> QLineEdit:
    field = QLineEdit(parent)
    field.setPlaceholderText(placeholder)
    field.setClearButtonEnabled(True)
    field.textChanged.connect(changed)
    return field
