"""One registry of actions: menus, shortcuts, enabled state and the shortcut sheet.

Each action is declared once (id, text, shortcut, handler, when it is enabled); menus and
the F1 sheet are generated from the same list, so a shortcut cannot be documented wrong.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMenu, QWidget

from stancecoder.core.codebook_view import CodebookView


@dataclass(frozen=True)
class ActionSpec:
    id: str
    menu: str
    text: str
    handler: Callable[[], object]
    shortcuts: tuple[str | QKeySequence.StandardKey, ...] = ()
    enabled_when: Callable[[], bool] | None = None
    checkable: bool = False
    tip: str = ""


class ActionRegistry:
    def __init__(self, owner: QWidget) -> None:
        self.owner = owner
        self.specs: dict[str, ActionSpec] = {}
        self.actions: dict[str, QAction] = {}

    def add(self, spec: ActionSpec) -> QAction:
        action = QAction(spec.text, self.owner)
        keys = [QKeySequence(k) for k in spec.shortcuts]
        action.setShortcuts(keys)
        action.setCheckable(spec.checkable)
        action.setStatusTip(spec.tip)
        if spec.checkable:
            action.toggled.connect(lambda _checked: spec.handler())
        else:
            action.triggered.connect(lambda _checked=False: spec.handler())
        self.owner.addAction(action)
        self.specs[spec.id] = spec
        self.actions[spec.id] = action
        return action

    def __getitem__(self, action_id: str) -> QAction:
        return self.actions[action_id]

    def update_enabled(self) -> None:
        for action_id, spec in self.specs.items():
            if spec.enabled_when is not None:
                self.actions[action_id].setEnabled(bool(spec.enabled_when()))

    def fill_menu(self, menu: QMenu, name: str) -> None:
        for action_id, spec in self.specs.items():
            if spec.menu == name:
                menu.addAction(self.actions[action_id])

    def shortcut_rows(self) -> list[tuple[str, str, str]]:
        """(menu, action, keys) for every action, in declaration order."""
        rows = []
        for action_id, spec in self.specs.items():
            keys = ", ".join(
                k.toString(QKeySequence.SequenceFormat.NativeText)
                for k in self.actions[action_id].shortcuts()
            )
            rows.append((spec.menu, spec.text.replace("&", ""), keys))
        return rows


def code_shortcut_actions(
    codebook: CodebookView, owner: QWidget, choose: Callable[[int], object]
) -> list[QAction]:
    """One action per passage code with a key in the codebook, calling `choose(code_id)`.
    They act in the widgets they are added to (and their children), so the same key can
    pick a code in a coding panel and do something else elsewhere."""
    actions = []
    for variable in codebook.passage_variables():
        for code in variable.codes:
            if code.shortcut:
                action = QAction(code.path_text, owner)
                action.setShortcut(QKeySequence(code.shortcut))
                action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
                action.triggered.connect(lambda _c=False, i=code.id: choose(i))
                actions.append(action)
    return actions
