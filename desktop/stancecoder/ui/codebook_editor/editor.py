"""The codebook editor: the lead changes a copy of the codebook and saves it in one go.

Every edit is checked at once and can be undone until the codebook is saved; codes keep
their codings through renames and moves because they are saved by uid. Merging a code
that codings use is the one edit written at once, after the lead confirms it.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QSize, Qt, QTimer
from PySide6.QtGui import QKeyEvent, QPalette
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QTreeWidgetItem,
    QWidget,
)

from stancecoder.core.changes import Changes
from stancecoder.core.codebook import VariableSpec, iter_codes
from stancecoder.core.errors import StanceCoderError
from stancecoder.services.codebook_edit import codebook_for_editing, save_codebook, usage_by_uid
from stancecoder.services.codebook_rows import CodebookChanges
from stancecoder.services.project import Project
from stancecoder.ui.codebook_editor import ops
from stancecoder.ui.codebook_editor.actions import EditorActions
from stancecoder.ui.codebook_editor.banner import Banner
from stancecoder.ui.codebook_editor.details import CodeDetails
from stancecoder.ui.codebook_editor.fields import FieldEdits
from stancecoder.ui.codebook_editor.history import EditHistory, friendly, problem
from stancecoder.ui.codebook_editor.host import Edit
from stancecoder.ui.codebook_editor.layout import lay_out
from stancecoder.ui.codebook_editor.structure import StructureEdits
from stancecoder.ui.codebook_editor.tree import UID, CodeTree
from stancecoder.ui.common.actions import key_text
from stancecoder.ui.common.changes_bus import bus_of

VARIABLE_ROW = 30  # pixels: the variable list is short, its rows can breathe


def describe(variable: VariableSpec) -> str:
    """What kind of variable the tree shows, e.g. "Ordinal · one code per passage"."""
    count = "several codes" if variable.multiple else "one code"
    return f"{variable.level.capitalize()} · {count} per {variable.scope}"


class CodebookEditor(QDialog):
    """`changes` says what was written to the project (None: nothing) once it closes; each
    write is also published on the project's bus at once, for the open views. The edits
    are made by `fields` (a code's label, value, key, colour, rule) and `structure` (add,
    move, delete, merge), which reach the dialog only through `change` and what it shows."""

    def __init__(self, project: Project, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.project = project
        self.history = EditHistory(codebook_for_editing(project))
        self.usage = usage_by_uid(project)
        self.changes: CodebookChanges | None = None
        self.question: QMessageBox | None = None
        self._index = 0
        self.setWindowTitle("Codebook")
        self.resize(1100, 720)

        self.fields = FieldEdits(self)
        self.structure = StructureEdits(self)
        self.banner = Banner()
        self.banner.merge_requested.connect(self.structure.open_merge_picker)
        self.name = QLineEdit()
        self.name.editingFinished.connect(lambda: self.fields.set_field("name", self.name.text()))
        self.version = QLineEdit()
        self.version.setMaximumWidth(110)
        self.version.setToolTip("Every coding records the codebook version it was made under")
        self.version.editingFinished.connect(
            lambda: self.fields.set_field("version", self.version.text())
        )
        self.variables = QListWidget()
        for variable in self.history.spec.variables:
            item = QListWidgetItem(variable.name, self.variables)
            item.setToolTip(variable.description)
            item.setSizeHint(QSize(0, VARIABLE_ROW))
        self.summary = QLabel()
        self.summary.setForegroundRole(QPalette.ColorRole.PlaceholderText)
        self.variables.currentRowChanged.connect(self._variable_chosen)
        self.tree = CodeTree()
        self.tree.currentItemChanged.connect(lambda *_: self._show_details())
        self.tree.itemChanged.connect(self._item_renamed)
        self.tree.move_requested.connect(
            lambda uid, to, at: self.structure.move_to(uid, to or None, at)
        )
        self.details = CodeDetails()
        self._connect_details()
        self.commands = EditorActions(self)
        self.status = QLabel()
        self.status.setForegroundRole(QPalette.ColorRole.PlaceholderText)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        self.setLayout(lay_out(self))
        self.variables.setCurrentRow(0)
        self._show_problem()
        self.tree.setFocus()

    def _connect_details(self) -> None:
        d, f = self.details, self.fields
        d.label_edited.connect(lambda text: f.rename(self.current_uid(), text))
        d.value_edited.connect(lambda text: f.set_value(self.current_uid(), text))
        d.shortcut_edited.connect(lambda key: f.set_shortcut(self.current_uid(), key))
        d.active_toggled.connect(lambda on: f.set_active(self.current_uid(), on))
        d.description_edited.connect(lambda text: f.set_description(self.current_uid(), text))
        d.colour_clicked.connect(f.choose_colour)
        d.colour_cleared.connect(lambda: f.set_colour(self.current_uid(), None))

    # what the dialog shows

    @property
    def variable(self) -> VariableSpec:
        return self.history.spec.variables[self._index]

    @property
    def variable_index(self) -> int:
        return self._index

    def current_uid(self) -> str:
        return self.tree.current_uid() or ""

    def select_variable(self, name: str) -> None:
        names = [v.name for v in self.history.spec.variables]
        self.variables.setCurrentRow(names.index(name))

    def select_code(self, label: str) -> str:
        """Make the code with `label` (in the shown variable) current; returns its uid."""
        uid = next(c.uid for _, c in iter_codes(self.variable) if c.label == label)
        self.tree.select(uid)
        return uid or ""

    def _variable_chosen(self, row: int) -> None:
        if row >= 0:
            self._index = row
            self._show_problem()  # a refusal about the other variable's code no longer applies
            self._refresh()

    def _refresh(self, select: str | None = None) -> None:
        spec = self.history.spec
        self.tree.show_variable(self.variable, self.usage)
        self.summary.setText(describe(self.variable))
        if select:
            self.tree.select(select)
        self._show_details()
        for field, text in ((self.name, spec.name), (self.version, spec.version)):
            if field.text() != text:
                field.setText(text)
        self.setWindowTitle(f"Codebook{' — unsaved changes' if self.history.dirty else ''}")

    def _show_details(self) -> None:
        uid = self.current_uid()
        variable = self.variable
        code = ops.code_of(variable, uid) if uid else None
        path = ops.path_of(variable, uid) if uid else ()
        colour = ops.colour_source(variable, uid) if uid else (None, "")
        scale = variable.level != "nominal"
        self.details.show_code(code, path, scale, self.usage.get(uid, 0), colour)
        self.commands.update(self.history, variable, uid)

    def tell(self, message: str) -> None:
        self.status.setText(message)

    def merged(self, removed: str, into_uid: str, message: str) -> None:
        """A merge is written at once: the codings moved, so the open views hear of it."""
        self.usage = usage_by_uid(self.project)
        self.changes = self.changes or CodebookChanges(version=self.history.saved.version)
        self.changes.removed.append(removed)
        bus_of(self.project).publish(Changes(codebook=True))
        self.banner.clear()
        self._refresh(into_uid)
        self.tell(message)

    # edits: each one validated and undoable

    def change(self, text: str, edit: Edit, key: object = None) -> bool:
        """Apply `edit` to the draft as one undo step (edits with the same `key` make one
        step), or say on the banner why it is refused; the edits' one way in."""
        try:
            changed = self.history.change(text, edit, key)
        except StanceCoderError as exc:
            self.banner.say(f"Not changed. {friendly(exc)}")
            self._refresh()
            return False
        self._show_problem()
        if changed:
            self.tell(f"{text}. {key_text(self.commands.undo.shortcut())} undoes it.")
        self._refresh()
        return changed

    def _show_problem(self) -> None:
        error = problem(self.history.spec)
        if error is None:
            self.banner.clear()
        else:
            self.banner.say(f"The codebook cannot be saved yet. {friendly(error)}")

    def _item_renamed(self, item: QTreeWidgetItem, column: int) -> None:
        """An inline rename; applied once the item editor has finished with the item."""
        uid, label = item.data(0, UID), item.text(0)
        if column == 0:
            QTimer.singleShot(0, lambda: self.fields.rename(uid, label))

    def step_variable(self, step: int) -> None:
        row = self.variables.currentRow() + step
        if 0 <= row < self.variables.count():
            self.variables.setCurrentRow(row)

    def undo(self) -> bool:
        return self._travel(self.history.undo_text, self.history.undo, "Undone")

    def redo(self) -> bool:
        return self._travel(self.history.redo_text, self.history.redo, "Redone")

    def _travel(self, text: str | None, step: Callable[[], bool], done: str) -> bool:
        if not step():
            return False
        self._show_problem()
        self._refresh()
        self.tell(f"{done}: {text}.")
        return True

    # closing

    def save(self) -> bool:
        """Write the codebook to the project and close; refused (and shown) if invalid."""
        if not self.history.dirty:
            self.accept()
            return True
        try:
            changes = save_codebook(self.project, self.history.spec)
        except StanceCoderError as exc:
            self.banner.say(f"Nothing was saved. {friendly(exc)}")
            return False
        if self.changes is not None:
            changes.removed[:0] = self.changes.removed
        self.changes = changes
        self.history.saved = self.history.spec
        bus_of(self.project).publish(Changes(codebook=True))
        self.accept()
        return True

    def keyPressEvent(self, event: QKeyEvent) -> None:
        # Enter finishes typing in a field; it must not save and close the whole dialog
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            return
        super().keyPressEvent(event)

    def reject(self) -> None:
        if self.history.dirty:
            self.discard_question()
        else:
            super().reject()

    def discard_question(self) -> QMessageBox:
        """Asks before unsaved edits are thrown away; opened, not run, so nothing blocks."""
        box = QMessageBox(
            QMessageBox.Icon.Question,
            "Unsaved changes",
            "The codebook has changes that are not saved. Discard them?",
            QMessageBox.StandardButton.Discard | QMessageBox.StandardButton.Cancel,
            self,
        )
        box.setDefaultButton(QMessageBox.StandardButton.Cancel)
        discard = box.button(QMessageBox.StandardButton.Discard)
        discard.clicked.connect(lambda: QDialog.reject(self))
        self.question = box
        box.open()
        return box
