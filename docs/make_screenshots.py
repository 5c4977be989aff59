"""Render the README screenshots from the sample project, offscreen.

Run from the repository root: `python docs/make_screenshots.py`.
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtWidgets import QApplication

from stancecoder.services.project import open_project
from stancecoder.services.sample import ensure_sample_project
from stancecoder.ui.main_window import MainWindow
from stancecoder.ui.style import apply_style

DOCS = Path(__file__).resolve().parent


def main() -> int:
    app = QApplication(sys.argv[:1])
    apply_style(app)
    with tempfile.TemporaryDirectory() as data:
        os.environ["STANCECODER_DATA_DIR"] = data
        with open_project(ensure_sample_project()) as project:
            window = MainWindow(project)
            window.resize(1280, 800)
            window.show()
            window.articles.setCurrentRow(1)
            app.processEvents()
            window.grab().save(str(DOCS / "main-window.png"))
            window.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
