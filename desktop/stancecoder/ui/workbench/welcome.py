"""The first screen when no project is open: three ways in, and the projects used lately.

The screen only says what the user asked for; the window opens the file dialogs and the
projects, so this stays a plain widget that a test can drive by keyboard.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import PurePath

from PySide6.QtCore import QItemSelectionModel, Qt, Signal, SignalInstance
from PySide6.QtGui import QFont, QIcon, QPalette
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from stancecoder.ui.common.theme import RESOURCES

PURPOSE = (
    "Code news passages by actor, topic and stance, measure how well coders agree, "
    "and export the results to Excel."
)
PATH_ROLE = Qt.ItemDataRole.UserRole + 1


class WelcomeScreen(QWidget):
    sampleRequested = Signal()
    newRequested = Signal()
    openRequested = Signal()
    recentRequested = Signal(str)

    def __init__(self, recent: Sequence[str] = (), parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAutoFillBackground(True)
        self.setBackgroundRole(QPalette.ColorRole.Window)

        icon = QLabel()
        icon.setPixmap(QIcon(str(RESOURCES / "icons" / "stancecoder.svg")).pixmap(64, 64))
        name = QLabel("StanceCoder")
        name.setFont(_scaled(name.font(), 2.0, bold=True))
        purpose = QLabel(PURPOSE)
        purpose.setWordWrap(True)
        purpose.setFont(_scaled(purpose.font(), 1.1))
        purpose.setForegroundRole(QPalette.ColorRole.PlaceholderText)
        heading = QHBoxLayout()
        heading.setSpacing(16)
        heading.addWidget(icon, 0, Qt.AlignmentFlag.AlignTop)
        titles = QVBoxLayout()
        titles.setSpacing(4)
        titles.addWidget(name)
        titles.addWidget(purpose)
        heading.addLayout(titles, 1)

        self.sample_button = _button("Open the &sample project", self.sampleRequested)
        self.new_button = _button("&New project…", self.newRequested)
        self.open_button = _button("&Open project…", self.openRequested)
        self.sample_button.setToolTip("Two news articles and a ready codebook, to try things out")
        self.sample_button.setDefault(True)
        buttons = QHBoxLayout()
        buttons.setSpacing(8)
        for button in (self.sample_button, self.new_button, self.open_button):
            buttons.addWidget(button)
        buttons.addStretch(1)

        recent_heading = QLabel("&Recent projects")
        recent_heading.setFont(_scaled(recent_heading.font(), 1.0, bold=True))
        self.recent = QTreeWidget()
        self.recent.setColumnCount(2)
        self.recent.setHeaderHidden(True)
        self.recent.setRootIsDecorated(False)
        self.recent.setUniformRowHeights(True)
        self.recent.setSizeAdjustPolicy(QTreeWidget.SizeAdjustPolicy.AdjustToContents)
        self.recent.header().setStretchLastSection(True)
        self.recent.setStyleSheet("QTreeView::item { padding: 7px 6px; }")  # as list items
        self.recent.itemActivated.connect(self._open_recent)
        recent_heading.setBuddy(self.recent)
        self.no_recent = QLabel("Projects you open will be listed here.")
        self.no_recent.setForegroundRole(QPalette.ColorRole.PlaceholderText)

        column = QVBoxLayout()
        column.setSpacing(14)
        column.addStretch(1)
        column.addLayout(heading)
        column.addSpacing(6)
        column.addLayout(buttons)
        column.addSpacing(10)
        column.addWidget(_rule())
        column.addWidget(recent_heading)
        column.addWidget(self.recent)
        column.addWidget(self.no_recent)
        column.addStretch(2)  # a little above the middle, where the eye starts
        body = QWidget()
        body.setLayout(column)
        body.setMaximumWidth(640)
        outer = QHBoxLayout(self)
        outer.setContentsMargins(32, 32, 32, 32)
        outer.addWidget(body)
        self.setFocusProxy(self.sample_button)
        self.set_recent(recent)

    def set_recent(self, paths: Sequence[str]) -> None:
        """Projects most recent first: files by name and folder, servers by their URL."""
        self.recent.clear()
        muted = self.palette().brush(QPalette.ColorRole.PlaceholderText)
        for path in paths:
            item = QTreeWidgetItem(self.recent, _describe(path))
            item.setData(0, PATH_ROLE, path)
            item.setToolTip(0, path)
            item.setToolTip(1, path)
            item.setForeground(1, muted)
        if paths:
            # current, so Enter opens it once the list has focus, but not highlighted before
            self.recent.setCurrentItem(
                self.recent.topLevelItem(0),  # type: ignore[arg-type]  # one per path
                0,
                QItemSelectionModel.SelectionFlag.NoUpdate,
            )
            self.recent.resizeColumnToContents(0)
            self.recent.setColumnWidth(0, self.recent.columnWidth(0) + 24)
        self.recent.setVisible(bool(paths))
        self.no_recent.setVisible(not paths)

    def _open_recent(self, item: QTreeWidgetItem, _column: int) -> None:
        self.recentRequested.emit(item.data(0, PATH_ROLE))


def _describe(path: str) -> list[str]:
    """Name and where it lives: a file's folder, or a server URL's host and database."""
    if "://" in path:
        return [path.rsplit("/", 1)[-1], path]
    pure = PurePath(path)
    return [pure.stem, str(pure.parent)]


def _button(text: str, signal: SignalInstance) -> QPushButton:
    button = QPushButton(text)
    button.setAutoDefault(True)  # Enter presses the focused button, as in a dialog
    button.setMinimumHeight(36)
    button.setMinimumWidth(button.sizeHint().width() + 16)
    button.clicked.connect(lambda: signal.emit())
    return button


def _rule() -> QFrame:
    line = QFrame()
    line.setFrameShape(QFrame.Shape.HLine)
    line.setFrameShadow(QFrame.Shadow.Plain)
    line.setForegroundRole(QPalette.ColorRole.Mid)  # a quiet line in light and dark palettes
    return line


def _scaled(font: QFont, factor: float, *, bold: bool = False) -> QFont:
    font = QFont(font)
    font.setPointSizeF(font.pointSizeF() * factor)
    font.setBold(bold)
    return font
