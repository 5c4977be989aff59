"""The code tree of one variable: label, shortcut and how many codings use each code.

The tree only shows the spec; a drag and drop is turned into a move request that the
dialog applies to the spec (validated, undoable), after which the tree is built again.
"""

from __future__ import annotations

from PySide6.QtCore import (
    QModelIndex,
    QPersistentModelIndex,
    QPoint,
    QRect,
    QRectF,
    QSize,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import QColor, QDropEvent, QFont, QIcon, QPainter, QPalette, QPixmap
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTreeWidget,
    QTreeWidgetItem,
)

from stancecoder.core.codebook import CodeSpec, VariableSpec

UID = Qt.ItemDataRole.UserRole
SWATCH = 14
ROW_PADDING = 6
COLUMNS = ("Code", "Shortcut", "Used")


def usage_text(count: int) -> str:
    if count == 0:
        return "no codings"
    return "1 coding" if count == 1 else f"{count} codings"


def swatch(colour: str | None, own: bool) -> QIcon:
    """A rounded square in the code's own colour; an inherited colour is a small dot, so
    the lead sees at a glance which codes have a colour of their own."""
    pixmap = QPixmap(SWATCH, SWATCH)
    pixmap.fill(Qt.GlobalColor.transparent)
    if colour:
        painter = QPainter(pixmap)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        fill = QColor(colour)
        painter.setPen(fill.darker(140))
        painter.setBrush(fill)
        if own:
            painter.drawRoundedRect(QRectF(0.5, 0.5, SWATCH - 1, SWATCH - 1), 3, 3)
        else:
            painter.drawEllipse(QRectF(SWATCH / 2 - 3.5, SWATCH / 2 - 3.5, 7, 7))
        painter.end()
    return QIcon(pixmap)


class _Roomy(QStyledItemDelegate):
    """Rows a little taller than the style's minimum: easier on the eye all day."""

    def sizeHint(
        self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex
    ) -> QSize:
        size = super().sizeHint(option, index)
        return QSize(size.width(), size.height() + ROW_PADDING)


class CodeTree(QTreeWidget):
    """`move_requested(uid, parent_uid or "", index)`: a drop asks to move a code."""

    move_requested = Signal(str, str, int)

    def __init__(self) -> None:
        super().__init__()
        self.setColumnCount(len(COLUMNS))
        self.setHeaderLabels(list(COLUMNS))
        header = self.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for column in (1, 2):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        self.setIconSize(QSize(SWATCH, SWATCH))
        self.setUniformRowHeights(True)
        self.setAlternatingRowColors(True)
        self.setAnimated(False)
        self.setItemDelegate(_Roomy(self))
        self.setEditTriggers(
            QAbstractItemView.EditTrigger.EditKeyPressed
            | QAbstractItemView.EditTrigger.DoubleClicked
        )
        self.setDragDropMode(QAbstractItemView.DragDropMode.InternalMove)
        self.setDefaultDropAction(Qt.DropAction.MoveAction)
        self.nested = True  # whether codes may get sub-codes (nominal variables only)
        self._shown = ""  # the variable on show

    def show_variable(self, variable: VariableSpec, usage: dict[str, int]) -> None:
        """Fill the tree from `variable`; after an edit of the same variable the current
        code, the collapsed branches and the scroll position stay as they were."""
        current = self.current_uid()
        collapsed = {
            item.data(0, UID)
            for item in self._items()
            if item.childCount() and not item.isExpanded()
        }
        scrolled = self.verticalScrollBar().value() if variable.name == self._shown else 0
        self._shown = variable.name
        self.nested = variable.level == "nominal"
        self.blockSignals(True)
        self.clear()
        self._add(self.invisibleRootItem(), variable.codes, None, usage)
        for item in self._items():
            item.setExpanded(item.data(0, UID) not in collapsed)
        self.blockSignals(False)
        self.verticalScrollBar().setValue(scrolled)
        self.select(current)

    def current_uid(self) -> str | None:
        item = self.currentItem()
        return item.data(0, UID) if item is not None else None

    def select(self, uid: str | None) -> None:
        """Make the code current, or the first code if there is no such code here."""
        found = self.item_of(uid) if uid else None
        self.setCurrentItem(found or self.topLevelItem(0))

    def item_of(self, uid: str) -> QTreeWidgetItem | None:
        return next((i for i in self._items() if i.data(0, UID) == uid), None)

    def _add(
        self,
        parent: QTreeWidgetItem,
        codes: list[CodeSpec],
        inherited: str | None,
        usage: dict[str, int],
    ) -> None:
        muted = self.palette().color(QPalette.ColorRole.PlaceholderText)
        for code in codes:
            count = usage.get(code.uid or "", 0)
            used = usage_text(count) if count else ""
            item = QTreeWidgetItem(parent, [code.label, code.shortcut or "", used])
            item.setData(0, UID, code.uid)
            item.setIcon(0, swatch(code.colour or inherited, own=code.colour is not None))
            item.setToolTip(0, code.description)
            item.setTextAlignment(2, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            if not code.active:
                font = QFont(item.font(0))
                font.setItalic(True)
                item.setFont(0, font)
                item.setForeground(0, muted)
                item.setToolTip(0, f"Inactive: not offered to coders. {code.description}")
            flags = item.flags() | Qt.ItemFlag.ItemIsEditable | Qt.ItemFlag.ItemIsDragEnabled
            if not self.nested:
                flags &= ~Qt.ItemFlag.ItemIsDropEnabled
            item.setFlags(flags)
            self._add(item, code.children, code.colour or inherited, usage)

    def _items(self) -> list[QTreeWidgetItem]:
        found: list[QTreeWidgetItem] = []
        stack = [self.topLevelItem(i) for i in reversed(range(self.topLevelItemCount()))]
        while stack:
            item = stack.pop()
            found.append(item)
            stack.extend(item.child(i) for i in reversed(range(item.childCount())))
        return found

    def drop_target(self, point: QPoint) -> tuple[str, int]:
        """Where a drop at `point` puts the dragged code: (parent uid or "", index).

        The same zones as Qt's drop indicator: the top and bottom edges of a row mean
        before and after it, the middle means into it (where sub-codes are allowed).
        """
        item = self.itemAt(point)
        if item is None:
            return "", self.topLevelItemCount()
        rect: QRect = self.visualItemRect(item)
        margin = max(2, min(int(rect.height() / 5.5), 12))
        parent = item.parent()
        parent_uid = parent.data(0, UID) if parent is not None else ""
        index = (parent or self.invisibleRootItem()).indexOfChild(item)
        if self.nested and rect.top() + margin <= point.y() <= rect.bottom() - margin:
            return item.data(0, UID), item.childCount()
        after = point.y() > rect.center().y()
        return parent_uid, index + 1 if after else index

    def dropEvent(self, event: QDropEvent) -> None:
        uid = self.current_uid()
        parent_uid, index = self.drop_target(event.position().toPoint())
        # the view must not move items itself: the spec is moved and the tree rebuilt
        event.setDropAction(Qt.DropAction.IgnoreAction)
        event.accept()
        if uid is not None and uid != parent_uid:
            # after the drag has finished with the items it holds
            QTimer.singleShot(0, lambda: self.move_requested.emit(uid, parent_uid, index))
