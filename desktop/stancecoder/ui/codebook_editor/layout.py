"""How the codebook editor is arranged: variables, code tree and form side by side, the
codebook's name and version above, and below them undo, what just happened, and Save."""

from __future__ import annotations

from typing import Protocol

from PySide6.QtWidgets import (
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QLayout,
    QLineEdit,
    QListWidget,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from stancecoder.ui.codebook_editor.actions import EditorActions

PANES = (170, 460, 470)  # starting widths: variables, code tree, form


class EditorParts(Protocol):
    """The editor's widgets, made by the dialog and placed here."""

    banner: QWidget
    name: QLineEdit
    version: QLineEdit
    variables: QListWidget
    summary: QLabel
    tree: QWidget
    commands: EditorActions
    details: QWidget
    status: QLabel
    buttons: QDialogButtonBox


def lay_out(editor: EditorParts) -> QVBoxLayout:
    """The dialog's layout, for `setLayout`."""
    header = QHBoxLayout()
    header.setSpacing(8)
    for text, field, stretch in (("Code&book", editor.name, 1), ("V&ersion", editor.version, 0)):
        header.addWidget(_buddy(text, field))
        header.addWidget(field, stretch)
    variables = _column(_buddy("&Variables", editor.variables), editor.variables)
    codes = _column(editor.summary, editor.tree, editor.commands.bar())
    splitter = QSplitter()
    for widget in (variables, codes, editor.details):
        splitter.addWidget(widget)
        splitter.setCollapsible(splitter.indexOf(widget), False)
    splitter.setSizes(list(PANES))
    bottom = QHBoxLayout()
    bottom.addLayout(editor.commands.history_bar())
    bottom.addWidget(editor.status, 1)
    bottom.addWidget(editor.buttons)
    layout = QVBoxLayout()
    layout.setContentsMargins(14, 12, 14, 12)
    layout.setSpacing(10)
    layout.addWidget(editor.banner)
    layout.addLayout(header)
    layout.addWidget(splitter, 1)
    layout.addLayout(bottom)
    return layout


def _column(heading: QWidget, body: QWidget, foot: QLayout | None = None) -> QWidget:
    column = QWidget()
    layout = QVBoxLayout(column)
    layout.setContentsMargins(0, 0, 0, 0)
    layout.addWidget(heading)
    layout.addWidget(body, 1)
    if foot is not None:
        layout.addLayout(foot)
    return column


def _buddy(text: str, field: QWidget) -> QLabel:
    label = QLabel(text)
    label.setBuddy(field)
    return label
