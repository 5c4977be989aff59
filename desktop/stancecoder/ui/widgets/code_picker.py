"""Pickers for one variable: a searchable list for nominal variables (an actor among dozens of
people and institutions) and, from `scale_picker`, a row of buttons for scales (stance −2…+2).

Both speak one small protocol so the coding panel and the article form treat every
variable alike: `codes()`, `set_codes(ids)` (silent, because loading a passage is not
editing it), `choose(id)` (a user's action, as from a shortcut) and `changed`, which fires
for the user's actions only.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Mapping
from functools import cache, partial

from PySide6.QtCore import QEvent, QObject, QPoint, QSize, Qt, Signal
from PySide6.QtGui import QColor, QIcon, QKeyEvent, QPixmap, QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListView,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from stancecoder.core.codebook_view import CodebookView, CodeView, VariableView
from stancecoder.ui.widgets.scale_picker import ScalePicker, check_codes, code_tooltip

CODE_ROLE = Qt.ItemDataRole.UserRole
POPUP_ROWS = 9
ENTER_KEYS = (Qt.Key.Key_Return, Qt.Key.Key_Enter)


def fold(text: str) -> str:
    """Coders type fast and without accents: "lavrov" finds "Lavrov", "sudkorea" does not
    find "Südkorea" but "sud" does."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def matches(query: str, code: CodeView) -> bool:
    """Every word typed must occur somewhere in the code's path, in any order."""
    path = fold(code.path_text)
    return all(word in path for word in fold(query).split())


@cache  # lists ask for the same few colours again for every row, on every repaint
def swatch(colour: str, size: int = 12) -> QIcon:
    """A colour square that stays true when its row is selected (a plain QColor
    decoration is tinted with the selection colour, so the code's colour is lost)."""
    pixmap = QPixmap(size, size)
    pixmap.fill(QColor(colour))
    icon = QIcon()
    for mode in (QIcon.Mode.Normal, QIcon.Mode.Selected, QIcon.Mode.Active):
        icon.addPixmap(pixmap, mode)
    return icon


def field_for(
    codebook: CodebookView | None, fields: Mapping[str, CodePicker | ScalePicker], code_id: int
) -> CodePicker | ScalePicker | None:
    """The field a code's shortcut acts on, or None when that code is not shown here."""
    try:
        return fields.get(codebook.code(code_id).variable) if codebook else None
    except KeyError:
        return None


def make_picker(variable: VariableView) -> CodePicker | ScalePicker:
    """Scales get buttons, which show the order of their values; everything else a search."""
    if variable.level in ("ordinal", "interval"):
        return ScalePicker(variable)
    return CodePicker(variable)


class _Chip(QFrame):
    """One chosen code: its colour, its path, and a way to remove it with the mouse (the
    keyboard removes the last chip with Backspace in the empty search field)."""

    def __init__(self, code: CodeView, remove: object) -> None:
        super().__init__()
        self.setObjectName("codeChip")
        self.setToolTip(code_tooltip(code))
        tint = QColor(code.colour)
        tint.setAlphaF(0.3)
        self.setStyleSheet(
            "#codeChip { border: 1px solid palette(mid); border-radius: 6px;"
            f" background: {tint.name(QColor.NameFormat.HexArgb)}; }}"
        )
        colour = QLabel(pixmap=swatch(code.colour).pixmap(12, 12))
        self.label = QLabel(code.path_text)
        self.label.setWordWrap(True)
        self.remove = QToolButton(text="×", autoRaise=True, toolTip="Remove this code")
        self.remove.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.remove.clicked.connect(remove)
        row = QHBoxLayout(self)
        row.setContentsMargins(8, 3, 3, 3)
        row.addWidget(colour)
        row.addWidget(self.label, 1)
        row.addWidget(self.remove)


class CodePicker(QWidget):
    """Chosen codes as chips above a search field; typing lists the codes whose path
    contains the words typed ("put" finds "Russia › Vladimir Putin"), Down and Up move in
    the list, Enter picks. Enter in an empty field is left to the panel, which saves."""

    changed = Signal()

    def __init__(self, variable: VariableView, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.variable = variable
        self._chosen: list[int] = []
        self._codes = {code.id: code for code in variable.codes}
        self._rows = {code.id: row for row, code in enumerate(variable.codes)}
        # Parented at once: a parentless field keeps a focus chain of its own with its
        # clear button, and Tab would never leave it.
        self.search = QLineEdit(self, clearButtonEnabled=True)
        self.search.installEventFilter(self)
        self.search.textEdited.connect(self._edited)
        self.popup = self._make_popup()
        self._chips = QVBoxLayout()
        self._made: dict[int, _Chip] = {}  # by code id
        self._chips.setSpacing(4)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(4)
        layout.addLayout(self._chips)
        layout.addWidget(self.search)
        self.setFocusProxy(self.search)
        self._show_chips()

    def codes(self) -> list[int]:
        return list(self._chosen)

    def set_codes(self, ids: list[int]) -> None:
        check_codes(self.variable, ids)
        self._chosen = list(dict.fromkeys(ids))
        self.popup.hide()
        self.search.clear()  # a half-typed search belongs to the passage shown before
        self._show_chips()

    def choose(self, code_id: int) -> None:
        """Set the code; on a variable with several values, add it or take it away."""
        if code_id in self._chosen and self.variable.multiple:
            self._chosen.remove(code_id)
        elif self.variable.multiple:
            self._chosen.append(code_id)
        else:
            self._chosen = [code_id]
        self._show_chips()
        self.changed.emit()

    def visible_matches(self) -> list[int]:
        """The ids the list offers for what is typed, top to bottom."""
        model = self.popup.model()
        return [
            model.index(row, 0).data(CODE_ROLE)
            for row in range(model.rowCount())
            if not self.popup.isRowHidden(row) and model.index(row, 0).data(CODE_ROLE)
        ]

    def _make_popup(self) -> QListView:
        popup = QListView(self)
        popup.setWindowFlags(Qt.WindowType.Popup)
        popup.setFocusProxy(self.search)
        popup.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        popup.setUniformItemSizes(True)
        popup.setIconSize(QSize(12, 12))
        popup.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        model = QStandardItemModel(popup)
        for code in self.variable.codes:
            item = QStandardItem(code.path_text)
            item.setData(code.id, CODE_ROLE)
            item.setIcon(swatch(code.colour))
            item.setToolTip(code_tooltip(code))
            model.appendRow(item)
        none = QStandardItem("No code matches")
        none.setFlags(Qt.ItemFlag.NoItemFlags)
        model.appendRow(none)
        popup.setModel(model)
        popup.installEventFilter(self)
        popup.clicked.connect(lambda index: self._pick(index.data(CODE_ROLE)))
        return popup

    def _edited(self, text: str) -> None:
        """Typing narrows the list; emptying the field closes it (Down opens it whole)."""
        if text.strip():
            self._filter(text)
        else:
            self.popup.hide()

    def _filter(self, text: str) -> None:
        found = False
        for row, code in enumerate(self.variable.codes):
            hidden = not (code.active and matches(text, code))
            self.popup.setRowHidden(row, hidden)
            found = found or not hidden
        self.popup.setRowHidden(len(self.variable.codes), found)
        first = self.visible_matches()[:1]
        if first:
            self.popup.setCurrentIndex(self.popup.model().index(self._rows[first[0]], 0))
        self._place_popup()

    def _place_popup(self) -> None:
        rows = max(1, len(self.visible_matches()))
        frame = 2 * self.popup.frameWidth()
        height = min(rows, POPUP_ROWS) * self.popup.sizeHintForRow(0) + frame
        width = max(self.search.width(), min(460, self.popup.sizeHintForColumn(0) + frame + 20))
        below = self.search.mapToGlobal(QPoint(0, self.search.height()))
        screen = self.search.screen().availableGeometry()
        if below.y() + height > screen.bottom():
            below = self.search.mapToGlobal(QPoint(0, -height))
        self.popup.setGeometry(below.x(), below.y(), width, height)
        if not self.popup.isVisible():
            self.popup.show()

    def _step(self, by: int) -> None:
        if not self.popup.isVisible():
            self._filter(self.search.text())
            return
        offered = self.visible_matches()
        if not offered:
            return
        current = self.popup.currentIndex().data(CODE_ROLE)
        at = offered.index(current) + by if current in offered else 0
        target = offered[max(0, min(at, len(offered) - 1))]
        self.popup.setCurrentIndex(self.popup.model().index(self._rows[target], 0))

    def _pick(self, code_id: int | None) -> None:
        if code_id is None:
            return
        self.popup.hide()
        self.search.clear()
        if code_id not in self._chosen:
            self.choose(code_id)

    def _remove(self, code_id: int) -> None:
        self._chosen.remove(code_id)
        self._show_chips()
        self.changed.emit()

    def _show_chips(self) -> None:
        """A chip made for a code is kept, hidden, for when the code is chosen again (the
        next article often has it): making one costs more than the rest of the picker's
        update."""
        while self._chips.count():
            self._chips.takeAt(0).widget().hide()
        for code_id in self._chosen:
            chip = self._made.get(code_id)
            if chip is None:
                chip = self._made[code_id] = _Chip(
                    self._codes[code_id], partial(self._remove, code_id)
                )
            self._chips.addWidget(chip)
            chip.raise_()  # first among its siblings to last, as they stand in the layout
            chip.show()  # now, not on the next turn of the event loop
        verb = "add" if self.variable.multiple else "change"
        prompt = f"Search to {verb} {self.variable.name}" if self._chosen else "Search"
        self.search.setPlaceholderText(f"{prompt}… (↓ lists all)")

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() != QEvent.Type.KeyPress:
            return False
        if watched is self.popup:  # the open list has the keyboard; the field does the work
            QApplication.sendEvent(self.search, event)
            return True
        return self._key(event)  # type: ignore[arg-type]  # KeyPress: a QKeyEvent

    def _key(self, event: QKeyEvent) -> bool:
        key, open_, typed = event.key(), self.popup.isVisible(), self.search.text()
        if key in ENTER_KEYS and (open_ or typed.strip()):
            offered = self.visible_matches()
            current = self.popup.currentIndex().data(CODE_ROLE) if open_ else None
            self._pick(current if current in offered else (offered or [None])[0])
            return True
        if key == Qt.Key.Key_Down or (key == Qt.Key.Key_Up and open_):
            self._step(1 if key == Qt.Key.Key_Down else -1)
            return True
        if key == Qt.Key.Key_Escape and (open_ or typed):
            self.popup.hide() if open_ else self.search.clear()
            return True
        if key == Qt.Key.Key_Backspace and not typed and self._chosen:
            self._remove(self._chosen[-1])
            return True
        if key == Qt.Key.Key_Tab and open_:
            self.popup.hide()
        return False
