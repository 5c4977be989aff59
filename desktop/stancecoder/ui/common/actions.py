"""One registry of actions: menus, shortcuts, enabled state and the shortcut sheet.

Each action is declared once (id, text, shortcut, handler, when it is enabled); menus and
the F1 sheet are generated from the same list, so a shortcut cannot be documented wrong.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QActionGroup, QKeySequence
from PySide6.QtWidgets import QMenu, QMenuBar, QWidget

from stancecoder.core.codebook_view import CodebookView

Key = str | QKeySequence | QKeySequence.StandardKey


def key_text(key: Key) -> str:
    """A key as the platform writes it (a Mac in its symbols), so a label shown next to a
    button or in a tip is made from the key itself and follows it when it changes."""
    return QKeySequence(key).toString(QKeySequence.SequenceFormat.NativeText)


def with_key(text: str, key: Key) -> str:
    """A button's text with its key, as "Undo  (Ctrl+Z)"."""
    return f"{text}  ({key_text(key)})"


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
    submenu: str = ""  # actions sharing one are listed under it, checkable ones as a choice


class ActionRegistry:
    def __init__(self, owner: QWidget) -> None:
        self.owner = owner
        self.specs: dict[str, ActionSpec] = {}
        self.actions: dict[str, QAction] = {}
        self._menus: Sequence[str] = ()
        self._elsewhere: Mapping[str, Sequence[QAction]] = {}

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

    def build_menus(
        self,
        bar: QMenuBar,
        names: Sequence[str],
        made_elsewhere: Mapping[str, Sequence[QAction]] | None = None,
    ) -> None:
        """One menu per name, in that order, with its actions in the order declared;
        `made_elsewhere` puts actions the registry does not own (the undo stack's) in
        their menu, ahead of the declared ones; the F1 sheet names them by their icon
        text, which stays "Undo" while the menu's text says what would be undone."""
        given = made_elsewhere or {}
        self._menus, self._elsewhere = names, given
        for name in names:
            menu = bar.addMenu(name)
            menu.addActions(list(given.get(name, ())))
            submenus: dict[str, tuple[QMenu, QActionGroup]] = {}
            for action_id, spec in self.specs.items():
                action = self.actions[action_id]
                if spec.menu != name:
                    continue
                if not spec.submenu:
                    menu.addAction(action)
                    continue
                if spec.submenu not in submenus:
                    sub = menu.addMenu(spec.submenu)
                    submenus[spec.submenu] = sub, QActionGroup(sub)  # one choice of the kind
                sub, group = submenus[spec.submenu]
                sub.addAction(action)
                if spec.checkable:
                    group.addAction(action)

    def shortcut_rows(self) -> list[tuple[str, str, str]]:
        """(menu, action, keys) for every action, menu by menu as the menu bar has them
        (those made elsewhere first), as a person reads them: no `&` marks."""
        menus = [*self._menus, *(s.menu for s in self.specs.values() if s.menu not in self._menus)]
        rows = []
        for menu in dict.fromkeys(menus):
            shown = menu.replace("&", "")
            for action in self._elsewhere.get(menu, ()):
                rows.append((shown, action.iconText().replace("&", ""), _keys(action)))
            for action_id, spec in self.specs.items():
                if spec.menu == menu:
                    text = spec.text.replace("&", "")
                    rows.append((shown, text, _keys(self.actions[action_id])))
        return rows


def _keys(action: QAction) -> str:
    return ", ".join(key_text(k) for k in action.shortcuts() if not k.isEmpty())


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
