"""The editor's commands with their keys, and the buttons that show them.

Keys that mean something else while typing (Delete, F2) act only in the code tree; the
rest work anywhere in the dialog, except that a text field keeps Ctrl+Z for its own text.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Protocol

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QHBoxLayout, QToolButton, QWidget

from stancecoder.core.codebook import VariableSpec
from stancecoder.ui.codebook_editor.history import EditHistory
from stancecoder.ui.codebook_editor.structure import StructureEdits
from stancecoder.ui.codebook_editor.tree import CodeTree
from stancecoder.ui.common.actions import key_text

IN_DIALOG = Qt.ShortcutContext.WidgetWithChildrenShortcut
IN_TREE = Qt.ShortcutContext.WidgetShortcut


class Commanded(Protocol):
    """What the editor's commands call on the dialog."""

    tree: CodeTree
    structure: StructureEdits

    def window(self) -> QWidget:
        """The dialog itself: the keys that are not the tree's act anywhere in it."""
        ...

    def undo(self) -> bool: ...
    def redo(self) -> bool: ...
    def save(self) -> bool: ...
    def step_variable(self, step: int) -> None: ...


class EditorActions:
    def __init__(self, editor: Commanded) -> None:
        self.owner = editor.window()
        tree, edits = editor.tree, editor.structure
        make = self._make
        self.add = make("Add code", "Ctrl+N", edits.add_code)
        self.add_sub = make("Add sub-code", "Ctrl+Shift+N", edits.add_sub_code)
        self.rename = make("Rename", "F2", edits.start_rename, tree)
        self.up = make("Up", "Alt+Up", lambda: edits.move_by(-1))
        self.down = make("Down", "Alt+Down", lambda: edits.move_by(1))
        self.move = make("Move to…", "Ctrl+M", edits.open_move_picker)
        self.delete = make("Delete", "Del", edits.delete_current, tree)
        self.undo = make("Undo", "Ctrl+Z", editor.undo)
        self.redo = make("Redo", "Ctrl+Shift+Z", editor.redo)
        self.redo.setShortcuts([QKeySequence("Ctrl+Shift+Z"), QKeySequence("Ctrl+Y")])
        self.save = make("Save", "Ctrl+S", editor.save)
        self.previous = make("Previous variable", "Ctrl+PgUp", lambda: editor.step_variable(-1))
        self.next = make("Next variable", "Ctrl+PgDown", lambda: editor.step_variable(1))

    def _make(
        self, text: str, key: str, handler: Callable[[], object], owner: QWidget | None = None
    ) -> QAction:
        owner = owner or self.owner
        action = QAction(text, owner)
        action.setShortcut(QKeySequence(key))
        action.setShortcutContext(IN_TREE if owner is not self.owner else IN_DIALOG)
        action.setToolTip(f"{text} ({key_text(key)})")
        action.triggered.connect(lambda: handler())
        owner.addAction(action)
        return action

    def bar(self) -> QHBoxLayout:
        """The buttons under the code tree."""
        return self._buttons(
            [self.add, self.add_sub, self.rename, self.up, self.down, self.move, self.delete]
        )

    def history_bar(self) -> QHBoxLayout:
        return self._buttons([self.undo, self.redo])

    def _buttons(self, actions: list[QAction]) -> QHBoxLayout:
        row = QHBoxLayout()
        row.setSpacing(4)
        for action in actions:
            button = QToolButton()
            button.setDefaultAction(action)
            button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
            button.setAutoRaise(False)
            row.addWidget(button)
        row.addStretch(1)
        return row

    def update(self, history: EditHistory, variable: VariableSpec, uid: str) -> None:
        """Enable what can be done to the current code and name what undo would undo."""
        nested = variable.level == "nominal"
        for action in (self.rename, self.up, self.down, self.delete):
            action.setEnabled(bool(uid))
        self.add_sub.setEnabled(bool(uid) and nested)
        self.move.setEnabled(bool(uid) and nested)
        for action, name, what in (
            (self.undo, "Undo", history.undo_text),
            (self.redo, "Redo", history.redo_text),
        ):
            action.setEnabled(what is not None)
            action.setToolTip(f"{name}: {what[0].lower()}{what[1:]}" if what else name)
