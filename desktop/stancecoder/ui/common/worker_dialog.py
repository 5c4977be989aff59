"""A dialog that runs one long job on a worker thread, with a headline, progress and Cancel.

The export, the files for SPSS, Stata and R, REFI-QDA, coder files and the import each run
one job this way, and each must get the same things right: the thread is stopped and
joined before the dialog goes (a write must end whole, and a thread must not outlive its
window); Esc and Cancel first ask the job to stop instead of closing over it; the job's
result or error is read only once its thread has ended; and an error that is not a
`StanceCoderError` is a bug, raised for the application's handler to show. Written once
here, no dialog can get one of them wrong.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QProgressBar, QWidget

from stancecoder.core.errors import StanceCoderError
from stancecoder.ui.common.worker import Job, Worker

Button = QDialogButtonBox.StandardButton


class WorkerDialog(QDialog):
    """The headline, busy bar and buttons around one job; a dialog lays them out, prepares
    its job and says what the job's progress, result and error mean (`_show_progress`,
    `_finished`, `_failed`)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.headline = QLabel("")
        self.headline.setWordWrap(True)
        self.progress = QProgressBar()
        self.progress.setRange(0, 0)
        self.buttons = QDialogButtonBox(Button.Cancel)
        self.buttons.rejected.connect(self.reject)
        self.buttons.accepted.connect(self._confirm)
        self._worker: Worker | None = None
        self._started = False

    def start(self) -> None:
        """Run the job prepared; a dialog with choices locks them here first."""
        self._run()

    def is_running(self) -> bool:
        return self._worker is not None and self._worker.isRunning()

    def cancel(self) -> None:
        """Ask the job to stop at its next progress call: what it is doing ends whole. A job
        not started yet stops at its first call."""
        if self._worker is not None:
            self._worker.cancel()
            self.headline.setText("Cancelling…")

    def reject(self) -> None:
        """Esc and Cancel first ask the job to stop; then they close."""
        if self._stops_first():
            self.cancel()
            return
        super().reject()

    def closeEvent(self, event: QCloseEvent) -> None:
        self._stop()
        super().closeEvent(event)

    def done(self, result: int) -> None:
        self._stop()
        super().done(result)

    def _prepare(self, job: Job) -> None:
        """The worker of the job the dialog will run, its signals connected before it starts
        (so none is lost) and it cancellable before it starts."""
        self._worker = Worker(job, self)
        self._worker.progressed.connect(self._show_progress)
        self._worker.succeeded.connect(self._succeeded)
        self._worker.failed.connect(self._raised)
        self._started = False

    def _run(self) -> None:
        if self._worker is not None:
            self._started = True
            self._worker.start()

    def _stops_first(self) -> bool:
        """Whether Esc and Cancel now stop the job instead of closing: while it runs and has
        not been asked to stop yet, so a second press closes once the job has stopped."""
        return self.is_running() and not self._stopping()

    def _stopping(self) -> bool:
        """Whether the job was asked to stop: what it says after that is not shown."""
        return self._worker is not None and self._worker.cancelled

    def _stop(self) -> None:
        if self._worker is not None:
            self._worker.stop()

    def _confirm(self) -> None:
        """The one button that accepts: it starts the job before it, and closes after it."""
        if self._started:
            self.accept()
        else:
            self.start()

    def _succeeded(self, result: Any) -> None:
        self._join()  # the job has returned, so its thread ends at once
        self._finished(result)

    def _raised(self, error: BaseException) -> None:
        self._join()
        self._failed(error)
        if not isinstance(error, StanceCoderError):
            raise error  # a bug: the application's error handler shows the details

    def _join(self) -> None:
        if self._worker is not None:
            self._worker.wait()

    def _offer_ok(self) -> None:
        """The job is over: the bar goes and OK, focused, closes the dialog."""
        self.progress.hide()
        self.buttons.setStandardButtons(Button.Ok)
        self.buttons.button(Button.Ok).setFocus()

    def _show_progress(self, done: int, total: int, name: str) -> None:
        """What the job says it has done, shown while it runs."""
        raise NotImplementedError

    def _finished(self, result: Any) -> None:
        """The job's result shown, its thread ended."""
        raise NotImplementedError

    def _failed(self, error: BaseException) -> None:
        """The job's error shown, its thread ended; a bug is raised after."""
        raise NotImplementedError
