"""The article search's index filled in the background, so that an import never waits
for it and the coder never has to ask for it (see `stancecoder.services.search_index`)."""

from __future__ import annotations

from PySide6.QtCore import QObject, QTimer, Signal

from stancecoder.core.errors import StanceCoderError
from stancecoder.services.project import Project
from stancecoder.services.search_index import index_waiting, waiting_for_index
from stancecoder.ui.common.errors import in_words
from stancecoder.ui.common.worker import Worker, run_in_thread

START_DELAY_MS = 1000  # after the window's first article is shown


class SearchIndexer(QObject):
    """One background job at a time; asked again while it runs, it runs once more after,
    for the articles imported meanwhile. Until it is done the search reads the waiting
    articles with LIKE: slower, never different."""

    trouble = Signal(str)  # why the index could not be filled; the search still works

    def __init__(self, project: Project, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._project = project
        self._worker: Worker | None = None
        self._again = False
        self._soon = QTimer(self)
        self._soon.setSingleShot(True)
        self._soon.timeout.connect(self.catch_up)

    def catch_up_soon(self) -> None:
        """`catch_up` a moment later, when the window opens: the first transaction's
        writes (0.7 s of SQLite's time for 200 articles) would compete with showing the
        first article for the CPU and the disk."""
        self._soon.start(START_DELAY_MS)

    def catch_up(self) -> None:
        """Index the articles waiting, if any (one cheap count when none wait)."""
        if self._project.read_only is not None:
            return
        if self._worker is not None:
            self._again = True
            return
        try:
            waiting = waiting_for_index(self._project)
        except StanceCoderError as error:
            self.trouble.emit(f"The search index waits: {in_words(error)}")
            return
        if waiting:
            self._worker = run_in_thread(
                lambda progress: index_waiting(self._project, progress),
                on_result=self._finished,
                on_error=self._failed,
                parent=self,
            )

    @property
    def running(self) -> bool:
        return self._worker is not None and self._worker.isRunning()

    def wait(self) -> None:
        """Until the job running now is done (tests; the window never blocks on it)."""
        if self._worker is not None:
            self._worker.wait()

    def stop(self) -> None:
        """Cancel after the transaction under way, and join: the window is closing."""
        self._soon.stop()
        self._again = False
        if self._worker is not None:
            self._worker.stop()

    def _finished(self, _indexed: object) -> None:
        self._worker = None
        if self._again:
            self._again = False
            self.catch_up()

    def _failed(self, error: BaseException) -> None:
        self._worker = None
        self._again = False
        if not isinstance(error, StanceCoderError):
            raise error  # a bug: the application's hook shows it with its traceback
        self.trouble.emit(f"The search index waits: {in_words(error)}")
