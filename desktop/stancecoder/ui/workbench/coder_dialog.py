"""Who is coding: every passage is stored under a coder, and agreement compares coders.

A name typed with other capitals than an existing coder's is taken as that coder, so
"alice" on a second computer does not become a second, disagreeing Alice.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QPalette, QShortcut
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

from stancecoder.core.errors import StanceCoderError
from stancecoder.services.coders import add_coder, list_coders
from stancecoder.services.project import Project

NAME_ROLE = Qt.ItemDataRole.UserRole + 1
NAME_LENGTH = 200  # what the coder table holds


class CoderDialog(QDialog):
    def __init__(self, project: Project, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Who is coding?")
        self.setMinimumWidth(420)
        self._project = project
        self._chosen = ""
        coders = list_coders(project, consensus=False)
        self._known = {coder.name.casefold(): coder.name for coder in coders}
        persons = {coder.name for coder in coders}
        self._reserved = {c.name.casefold() for c in list_coders(project) if c.name not in persons}

        intro = QLabel(
            "Your codings are saved under your name, so that the agreement between "
            "coders can be measured."
        )
        intro.setWordWrap(True)
        heading = QLabel("Who is coding?")
        font = heading.font()
        font.setPointSizeF(font.pointSizeF() * 1.25)
        font.setBold(True)
        heading.setFont(font)
        self.name = QLineEdit(placeholderText="Your name", maxLength=NAME_LENGTH)
        self.coders = QListWidget()
        for coder in coders:
            label = coder.name + ("  (lead)" if coder.role == "lead" else "")
            item = QListWidgetItem(label)
            item.setData(NAME_ROLE, coder.name)
            if not coder.active:
                item.setForeground(self.palette().color(QPalette.ColorRole.PlaceholderText))
            self.coders.addItem(item)
        self.coders.setVisible(self.coders.count() > 0)
        self.coders.setSizeAdjustPolicy(QListWidget.SizeAdjustPolicy.AdjustToContents)
        self.coders.setMaximumHeight(320)  # a team at a glance; a large one scrolls
        self.hint = QLabel(" ")
        self.hint.setForegroundRole(QPalette.ColorRole.PlaceholderText)
        self.problem = QLabel()
        self.problem.setWordWrap(True)
        self.problem.setStyleSheet(f"color: {_warning_colour(self.palette())}")
        self.problem.hide()
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok.setText("Continue")
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)

        layout = self.column = QVBoxLayout(self)
        layout.setContentsMargins(20, 18, 20, 14)
        layout.setSpacing(10)
        layout.addWidget(heading)
        layout.addWidget(intro)
        layout.addWidget(self.name)
        layout.addWidget(self.hint)
        layout.addWidget(self.coders)
        layout.addWidget(self.problem)
        layout.addWidget(self.buttons)

        self.name.textChanged.connect(self._typed)
        self.coders.currentItemChanged.connect(self._picked)
        self.coders.itemActivated.connect(lambda _item: self.accept())
        QShortcut(QKeySequence(Qt.Key.Key_Down), self.name, self._to_list).setContext(
            Qt.ShortcutContext.WidgetShortcut
        )
        self._typed("")

    def preselect(self, name: str) -> None:
        self.name.setText(name)
        self.name.selectAll()

    def chosen(self) -> str:
        """The coder's name as stored, once the dialog was accepted."""
        return self._chosen

    def accept(self) -> None:
        """Use the coder named, creating it if new; an empty name is refused visibly."""
        typed = self.name.text().strip()
        if not typed:
            self._refuse("Type your name or pick it from the list.")
            return
        try:
            self._chosen = self._coder_named(typed)
        except StanceCoderError as error:
            self._refuse(str(error))
            return
        super().accept()

    def _coder_named(self, typed: str) -> str:
        """The stored name, looked up afresh: another window may have added it meanwhile."""
        coders = list_coders(self._project, consensus=False)
        known = {coder.name.casefold(): coder.name for coder in coders}
        return known.get(typed.casefold()) or add_coder(self._project, typed).name

    def _refuse(self, message: str) -> None:
        self.problem.setText(message)
        self.problem.show()
        self._grow()
        self.name.setFocus(Qt.FocusReason.OtherFocusReason)

    def _grow(self) -> None:
        """Make room for the complaint below the list instead of squeezing the list (and
        clipping its names) into the height the dialog had without it."""
        self.column.activate()
        needed = self.column.totalHeightForWidth(self.width())
        if needed > self.height():
            self.resize(self.width(), needed)

    def _typed(self, text: str) -> None:
        self.problem.hide()
        existing = self._known.get(text.strip().casefold())
        if existing is not None:
            self.hint.setText(f"You will code as {existing}.")
        elif text.strip().casefold() in self._reserved:
            self.hint.setText(f"“{text.strip()}” is the adjudicated consensus: choose your name.")
        elif text.strip():
            self.hint.setText(f"A new coder, “{text.strip()}”, will be added to the project.")
        else:
            self.hint.setText("Pick your name below, or type it if you are new here.")
        match = next(
            (
                self.coders.item(row)
                for row in range(self.coders.count())
                if self.coders.item(row).data(NAME_ROLE) == existing
            ),
            None,
        )
        self.coders.blockSignals(True)
        self.coders.setCurrentItem(match)  # type: ignore[arg-type]  # None: no current item
        self.coders.blockSignals(False)

    def _picked(self, item: QListWidgetItem | None) -> None:
        if item is not None and item.data(NAME_ROLE) != self._known.get(
            self.name.text().strip().casefold()
        ):
            self.name.setText(item.data(NAME_ROLE))

    def _to_list(self) -> None:
        if self.coders.count():
            self.coders.setFocus(Qt.FocusReason.OtherFocusReason)
            if self.coders.currentItem() is None:
                self.coders.setCurrentRow(0)


def _warning_colour(palette: QPalette) -> str:
    """A red that stays readable on the window colour, light or dark."""
    dark = palette.color(QPalette.ColorRole.Window).lightness() < 128
    return "#ff8a80" if dark else "#b3261e"
