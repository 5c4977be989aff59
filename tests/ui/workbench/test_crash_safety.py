"""Killing the app while a coder codes loses at most the action in flight.

A real process runs the real window offscreen and codes passages through it as fast as it
can, printing each passage's id once `save_coding` has returned (the moment the coder sees
it). We kill it with SIGKILL mid-stream and reopen the project: every passage it reported
is there, and the project checks clean.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from stancecoder.services.articles import list_articles
from stancecoder.services.check import check_project
from stancecoder.services.passages import passages_of
from stancecoder.services.project import Project, open_project

CODER = """
import os, sys
os.environ["QT_QPA_PLATFORM"] = "offscreen"
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QApplication
from stancecoder.services.project import open_project
from stancecoder.ui.workbench.main_window import MainWindow
from stancecoder.ui.common.settings import AppSettings

app = QApplication([])
project = open_project(sys.argv[1])
settings = AppSettings(QSettings(sys.argv[2], QSettings.Format.IniFormat))
window = MainWindow(project, "Alice", settings=settings)
window.show()
article = window.articles.shown()[0].id
window.show_article(article)
topic = window.codebook.passage_variables()[1].codes[0].id
text = window.article.text
for n in range(100000):
    start = (n * 7) % (len(text) - 20)
    window.reader.select_span(start, start + 12)
    window.panel.choose_code(topic)
    window.commands.save_coding()
    app.processEvents()
    if window.current is not None:
        print(window.current.id, flush=True)
"""

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL is POSIX")


def test_sigkill_while_coding_loses_nothing_that_was_shown(
    ui_project: Project, tmp_path: Path
) -> None:
    location = ui_project.location
    ui_project.close()
    process = subprocess.Popen(
        [sys.executable, "-c", CODER, location, str(tmp_path / "settings.ini")],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    reported: list[int] = []
    deadline = time.monotonic() + 60
    assert process.stdout is not None
    while len(reported) < 40 and time.monotonic() < deadline:
        line = process.stdout.readline()
        if not line:
            break
        reported.append(int(line))
    os.kill(process.pid, signal.SIGKILL)
    process.wait(timeout=10)
    assert len(reported) >= 40, process.stderr.read() if process.stderr else ""

    with open_project(location) as project:
        kept = {p.id for row in list_articles(project) for p in passages_of(project, row.id, None)}
        assert set(reported) <= kept
        assert check_project(project) == []
