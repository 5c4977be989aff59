"""The adjudication dialog's buttons and keys, and which of them work when.

While a consensus is being edited, the keys that act on a whole site (accept a version,
remove, undo) rest, and the codebook's code keys work instead, as in the coding window:
Alt+1 accepts the first coder's version when nothing is open and picks the first topic
while a coding is. Both sets are never live at once, so no key is ever ambiguous.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Protocol

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QHBoxLayout, QPushButton, QWidget

from stancecoder.core.agreement.comparison import ArticleComparison, Site
from stancecoder.core.codebook_view import CodebookView
from stancecoder.ui.adjudication.editor import ConsensusEditor
from stancecoder.ui.adjudication.text import ComparisonReader
from stancecoder.ui.common.actions import Key, code_shortcut_actions, with_key
from stancecoder.ui.common.undo import UndoRunner

MAX_KEYED_CODERS = 9  # Alt+1 … Alt+9
EDIT: Key = "F2"
REMOVE: Key = "Del"
NEXT: Key = "Ctrl+Down"
PREVIOUS: Key = "Ctrl+Up"
UNDO: Key = QKeySequence.StandardKey.Undo
REDO: tuple[Key, ...] = (QKeySequence.StandardKey.Redo, "Ctrl+Shift+Z")


def accept_key(index: int) -> Key:
    """The key that accepts the version of the coder in column `index` (from 1)."""
    return f"Alt+{index}"


class Adjudication(Protocol):
    """What the keys read and call on the adjudication dialog."""

    comparison: ArticleComparison
    codebook: CodebookView
    undo: UndoRunner
    editor: ConsensusEditor
    reader: ComparisonReader

    @property
    def editing(self) -> bool: ...

    def window(self) -> QWidget:
        """The dialog itself: the owner of its keys."""
        ...

    def current_site(self) -> Site | None: ...
    def accept_version(self, coder: str) -> None: ...
    def edit_site(self) -> None: ...
    def remove_consensus(self) -> None: ...
    def next_disagreement(self, step: int = 1) -> None: ...
    def accept(self) -> None: ...


class DialogKeys(QObject):
    def __init__(self, view: Adjudication) -> None:
        super().__init__(view.window())  # owned by the dialog, so no signal reaches it once closed
        self.view = view
        self.owner = view.window()
        self.accept_buttons: list[QPushButton] = []
        self.site_actions: list[QAction] = []  # rest while a coding is edited
        self.code_actions: list[QAction] = []  # work only while a coding is edited
        self._can_undo = False
        for index, coder in enumerate(view.comparison.coders[:MAX_KEYED_CODERS], start=1):
            button = QPushButton(with_key(f"Accept {coder}", accept_key(index)))
            button.setToolTip(f"Copy {coder}’s version of this passage into the consensus")
            button.clicked.connect(lambda _c=False, name=coder: view.accept_version(name))
            self.accept_buttons.append(button)
            self._site_key(accept_key(index), handler=lambda name=coder: view.accept_version(name))
        self.edit_button = QPushButton(with_key("Edit consensus", EDIT))
        self.edit_button.clicked.connect(view.edit_site)
        self.remove_button = QPushButton(with_key("Remove consensus", REMOVE))
        self.remove_button.clicked.connect(view.remove_consensus)
        self.next_button = QPushButton(with_key("Next disagreement", NEXT))
        self.next_button.clicked.connect(lambda: view.next_disagreement())
        self.undo_button = QPushButton(with_key("Undo", UNDO))
        self.undo_button.clicked.connect(view.undo.undo)
        self.close_button = QPushButton("Close")
        self.close_button.clicked.connect(view.accept)
        self._site_key(EDIT, handler=view.edit_site)
        self._site_key(REMOVE, handler=view.remove_consensus)
        self._site_key(UNDO, handler=view.undo.undo)
        self._site_key(*REDO, handler=view.undo.redo)
        self._key(NEXT, handler=view.next_disagreement)
        self._key(PREVIOUS, handler=lambda: view.next_disagreement(-1))
        self._bind_codes()
        view.undo.stack.canUndoChanged.connect(self._undo_changed)

    def button_row(self) -> QHBoxLayout:
        """What acts on the site on the left, what moves on or closes on the right; none
        is a default button, so Enter is left to the table and the editor."""
        row = QHBoxLayout()
        row.setSpacing(8)
        site = [*self.accept_buttons, self.edit_button, self.remove_button]
        for button in site:
            row.addWidget(button)
        row.addStretch(1)
        for button in (self.next_button, self.undo_button, self.close_button):
            row.addWidget(button)
        for button in (*site, self.next_button, self.undo_button, self.close_button):
            button.setAutoDefault(False)
        return row

    def update_enabled(self) -> None:
        view = self.view
        site, editing = view.current_site(), view.editing
        for action in self.site_actions:
            action.setEnabled(not editing)
        for action in self.code_actions:
            action.setEnabled(editing)
        for button, coder in zip(self.accept_buttons, view.comparison.coders, strict=False):
            button.setEnabled(not editing and site is not None and coder in site.passages)
        decided = site is not None and site.consensus is not None
        self.edit_button.setEnabled(not editing and site is not None)
        self.edit_button.setText(with_key(f"{'Edit' if decided else 'Write'} consensus", EDIT))
        self.remove_button.setEnabled(not editing and decided)
        self.undo_button.setEnabled(not editing and self._can_undo)

    def _undo_changed(self, can_undo: bool) -> None:
        """Told, not asked: the stack may be going away when it says so."""
        self._can_undo = can_undo
        self.update_enabled()

    def _key(self, *keys: Key, handler: Callable[[], object]) -> QAction:
        action = QAction(self.owner)
        action.setShortcuts([QKeySequence(k) for k in keys])
        action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        action.triggered.connect(lambda _c=False: handler())
        self.owner.addAction(action)
        return action

    def _site_key(self, *keys: Key, handler: Callable[[], object]) -> None:
        self.site_actions.append(self._key(*keys, handler=handler))

    def _bind_codes(self) -> None:
        """Each code's key picks it in the consensus editor, from the text or the editor."""
        view = self.view
        self.code_actions = code_shortcut_actions(
            view.codebook, self.owner, view.editor.choose_code
        )
        for action in self.code_actions:
            view.reader.addAction(action)
            view.editor.addAction(action)
