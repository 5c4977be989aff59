"""Changes committed by other processes reach the project's bus like the window's own.

Another coder on the team server, a second window on the same file or the `stancecoder`
command line writes the project; each of their transactions leaves a row in the project's
change log. While a window is open, its watcher reads the rows after the last one it saw,
every two seconds, and publishes what they name on the project's bus, so every open view
refreshes exactly as it does for a change made here. The look is one indexed query that
finds nothing most of the time, so it runs on the event loop.

A project that cannot be read for a moment (locked, the server gone) skips the look: no
dialog, nothing raised; if it lasts, `trouble` says so once (the window shows it in its
status bar), looks come less often, and the message is taken back when a look succeeds.
"""

from __future__ import annotations

import time

from PySide6.QtCore import QObject, QTimer, Signal

from stancecoder.core.changes import Changes
from stancecoder.core.errors import StanceCoderError
from stancecoder.services.live import Seen, changes_since, newest_change
from stancecoder.services.project import Project
from stancecoder.ui.common.changes_bus import bus_of

POLL_MS = 2000
SLOWEST_MS = 30_000  # the longest wait between looks while the project cannot be read
TROUBLE_AFTER = 3  # failed looks in a row before the window says so
AWAY_S = 24 * 3600  # longer without a look (a laptop asleep): old rows may be pruned


class ChangesWatcher(QObject):
    """Looks for others' changes while its parent (the project's window) lives."""

    trouble = Signal(str)  # why the project cannot be read; "" once it can again

    def __init__(self, project: Project, parent: QObject) -> None:
        super().__init__(parent)
        self.project = project
        self._bus = bus_of(project)
        self._last: int | None = None  # the newest log row seen; None: not known yet
        self._read_at = time.time()
        self._failures = 0
        self._looking = False
        self.timer = QTimer(self)
        self.timer.setInterval(POLL_MS)
        self.timer.timeout.connect(self.look)
        self._start()
        self.timer.start()

    def _start(self) -> None:
        try:
            self._last = newest_change(self.project)
        except StanceCoderError:
            self._last = None  # found at the first look that succeeds

    def stop(self) -> None:
        self.timer.stop()

    def look(self) -> None:
        """One look; a view refreshing from it may open a dialog whose event loop runs the
        timer again, hence the guard."""
        if self._looking:
            return
        self._looking = True
        try:
            self._look()
        finally:
            self._looking = False

    def _look(self) -> None:
        try:
            seen = self._read()
        except StanceCoderError as exc:
            self._failed(str(exc))
            return
        if self._failures >= TROUBLE_AFTER:
            self.trouble.emit("")
        self._failures = 0
        self.timer.setInterval(POLL_MS)
        self._last, self._read_at = seen.last, time.time()
        if seen.changes is not None:
            self._bus.publish(seen.changes)

    def _read(self) -> Seen:
        """The rows after the last one seen; everything when where to start is not known."""
        if self._last is None or time.time() - self._read_at > AWAY_S:
            return Seen(Changes(reload=True), newest_change(self.project))
        return changes_since(self.project, self._last)

    def _failed(self, reason: str) -> None:
        self._failures += 1
        if self._failures == TROUBLE_AFTER:
            self.trouble.emit(f"Changes made elsewhere cannot be seen just now: {reason}")
        self.timer.setInterval(min(POLL_MS * 2**self._failures, SLOWEST_MS))
