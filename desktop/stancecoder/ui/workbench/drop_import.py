"""Files dropped on the window are imported as articles, as with File › Import articles….

An event filter on the window rather than drag and drop handlers of its own, so the
window's class stays with showing what it reads; the import itself is the File menu's
(`file_actions.import_articles`).
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject
from PySide6.QtGui import QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import QWidget

from stancecoder.services.project import Project
from stancecoder.ui.workbench.file_actions import import_articles


class DropImport(QObject):
    def __init__(self, project: Project, target: QWidget) -> None:
        super().__init__(target)
        self.project = project
        self.target = target
        target.setAcceptDrops(True)
        target.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """Takes a drag that carries links, and imports the local files of its drop."""
        kind = event.type()
        if kind == QEvent.Type.DragEnter and isinstance(event, QDragEnterEvent):
            if event.mimeData().hasUrls():
                event.acceptProposedAction()
                return True
        elif kind == QEvent.Type.Drop and isinstance(event, QDropEvent):
            paths = [url.toLocalFile() for url in event.mimeData().urls() if url.isLocalFile()]
            if paths:
                event.acceptProposedAction()
                import_articles(self.project, paths, self.target)
                return True
        return False
