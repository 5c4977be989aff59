"""Long work off the GUI thread, so the window keeps painting and Cancel stays clickable.

The job is an ordinary function that takes a `progress(done, total, name) -> bool`
callback, the same shape the services accept; it stops when the callback returns False.
Cancelling is cooperative because a database write must never be cut off half way.
Results, errors and progress cross back to the GUI thread as queued signals, so slots
may touch widgets.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QThread, Signal

Progress = Callable[[int, int, str], bool]
Job = Callable[[Progress], Any]


class Worker(QThread):
    """Runs one job once; connect the signals before `start()` or early ones are lost."""

    progressed = Signal(int, int, str)  # done, total, current name
    succeeded = Signal(object)  # what the job returned
    failed = Signal(object)  # the exception the job raised, with its traceback

    def __init__(self, job: Job, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._job = job
        self._cancelled = threading.Event()

    def run(self) -> None:
        try:
            result = self._job(self._progress)
        except Exception as error:  # a bug in the job must reach the GUI, not vanish
            self.failed.emit(error)
        else:
            self.succeeded.emit(result)

    def cancel(self) -> None:
        """Ask the job to stop at its next progress call; it finishes what it is doing."""
        self._cancelled.set()

    @property
    def cancelled(self) -> bool:
        return self._cancelled.is_set()

    def stop(self) -> None:
        """Cancel and join: a window that goes away must not leave the thread running."""
        self.cancel()
        self.wait()

    def _progress(self, done: int, total: int, name: str) -> bool:
        self.progressed.emit(done, total, name)
        return not self._cancelled.is_set()


def run_in_thread(
    job: Job,
    *,
    on_result: Callable[[Any], None] | None = None,
    on_error: Callable[[BaseException], None] | None = None,
    on_progress: Callable[[int, int, str], None] | None = None,
    parent: QObject | None = None,
) -> Worker:
    """Start `job` in a new thread with the handlers connected first."""
    worker = Worker(job, parent)
    if on_progress is not None:
        worker.progressed.connect(on_progress)
    if on_result is not None:
        worker.succeeded.connect(on_result)
    if on_error is not None:
        worker.failed.connect(on_error)
    worker.start()
    return worker
