"""The app paints on one thread: Qt starts no pool of painting threads for a tall fill.

Each case runs in a fresh interpreter, since Qt decides once per process; the threads are
read from /proc, so the test runs on Linux only.
"""

from __future__ import annotations

import ast
import os
import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = pytest.mark.skipif(
    not Path("/proc/self/task").is_dir(), reason="needs /proc to list a process's threads"
)

PAINT_A_SCROLL_BAR = """
import glob
from PySide6.QtWidgets import QScrollBar
{make}
bar = QScrollBar()
bar.resize(16, 800)
bar.show()
app.processEvents()
bar.repaint()
print(sorted(open(p).read().strip() for p in glob.glob("/proc/self/task/*/comm")))
"""
QT_POOL_THREAD = "Thread (pooled)"


def _threads_after_painting(make: str) -> list[str]:
    environment = {k: v for k, v in os.environ.items() if k != "QT_NO_GUI_THREADPOOL"}
    environment["QT_QPA_PLATFORM"] = "offscreen"
    result = subprocess.run(
        [sys.executable, "-c", PAINT_A_SCROLL_BAR.format(make=make)],
        capture_output=True, text=True, check=True, env=environment, timeout=60,
    )  # fmt: skip
    threads = ast.literal_eval(result.stdout)
    assert threads, "no thread of the process was read"
    return threads


def test_a_plain_qt_application_hands_a_tall_fill_to_threads() -> None:
    """The control: what Qt does unless told otherwise."""
    threads = _threads_after_painting(
        "from PySide6.QtWidgets import QApplication\napp = QApplication([])"
    )
    assert QT_POOL_THREAD in threads


def test_the_application_paints_on_one_thread() -> None:
    threads = _threads_after_painting(
        "from stancecoder.ui.common.application import application\napp = application()"
    )
    assert QT_POOL_THREAD not in threads
