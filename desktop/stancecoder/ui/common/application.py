"""The one QApplication, started the same way by the window, the smoke test, the UI tests
and the benchmarks."""

from __future__ import annotations

import os
import sys

from PySide6.QtWidgets import QApplication


def paint_on_one_thread() -> None:
    """Keep Qt's raster painting on the thread that paints; call before Qt paints at all.

    Qt hands every fill 96 or more pixels tall (a scroll bar, a panel's background, a
    tinted line) to a pool of threads and waits for them; the hand-over costs more than
    the fill. On a two-core machine a reader's scroll bar repainted in 1.9 ms instead of
    0.1, and a switch of article waited 4–5 ms for the pool. `QT_NO_GUI_THREADPOOL` is
    Qt's own switch for it, read once, when the pool is first wanted."""
    os.environ.setdefault("QT_NO_GUI_THREADPOOL", "1")


def application() -> QApplication:
    """The running QApplication, or a new one that paints on one thread."""
    paint_on_one_thread()
    running = QApplication.instance()
    return running if isinstance(running, QApplication) else QApplication(sys.argv[:1])
