"""The article search's index filled in the background, so that an import never waits
for it and the coder never has to ask for it (see `stancecoder.services.search_index`)."""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal

from stancecoder.core.errors import StanceCoderError
from stancecoder.services.project import Project
from stancecoder.services.search_index import index_waiting, waiting_for_index
from stancecoder.ui.common.errors import in_words
from stancecoder.ui.common.worker import Worker, run_in_thread


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
