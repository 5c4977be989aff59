"""Choosing one code from a filtered list: where to move a code, what to merge it into."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QVBoxLayout,
    QWidget,
)

UID = Qt.ItemDataRole.UserRole


class CodePicker(QDialog):
    """`chosen(uid)` when the lead confirms; `choices` pairs a shown path with its uid."""

    chosen = Signal(str)

    def __init__(
        self,
        parent: QWidget,
        title: str,
        explanation: str,
        action: str,
        choices: list[tuple[str, str]],
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.resize(460, 420)
        self.explanation = QLabel(explanation)
        self.explanation.setWordWrap(True)
        self.filter = QLineEdit()
        self.filter.setPlaceholderText("Type to filter")
        self.filter.setClearButtonEnabled(True)
        self.filter.textChanged.connect(self._narrow)
        self.list = QListWidget()
        for shown, uid in choices:
            item = QListWidgetItem(shown)
            item.setData(UID, uid)
            self.list.addItem(item)
        self.list.setCurrentRow(0)
        self.list.itemActivated.connect(lambda _item: self.accept())
        self.buttons = QDialogButtonBox()
        self.confirm = self.buttons.addButton(action, QDialogButtonBox.ButtonRole.AcceptRole)
        self.buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.setSpacing(8)
        for widget in (self.explanation, self.filter, self.list, self.buttons):
            layout.addWidget(widget)
        self.confirm.setDefault(True)  # once it sits in the dialog: Enter confirms the choice
        self.filter.setFocus()

    def accept(self) -> None:
        item = self.list.currentItem()
        if item is None or item.isHidden():
            return
        super().accept()
        self.chosen.emit(item.data(UID))

    def keyPressEvent(self, event: QKeyEvent) -> None:
        # arrows typed in the filter box walk the list, so the mouse is never needed
        steps = {Qt.Key.Key_Up: -1, Qt.Key.Key_Down: 1}
        if event.key() in steps and self.filter.hasFocus():
            self._step(steps[Qt.Key(event.key())])
            return
        super().keyPressEvent(event)

    def _step(self, step: int) -> None:
        rows = [r for r in range(self.list.count()) if not self.list.item(r).isHidden()]
        if rows:
            here = self.list.currentRow()
            later = [r for r in rows if (r - here) * step > 0]
            if later:
                self.list.setCurrentRow(later[0] if step > 0 else later[-1])

    def _narrow(self, text: str) -> None:
        wanted = text.casefold().strip()
        first = None
        for row in range(self.list.count()):
            item = self.list.item(row)
            item.setHidden(wanted not in item.text().casefold())
            if first is None and not item.isHidden():
                first = item
        current = self.list.currentItem()
        if current is None or current.isHidden():
            self.list.setCurrentItem(first)
