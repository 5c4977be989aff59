"""Starting the window: the project given, or the sample project on a first start."""

from __future__ import annotations

import sys

from PySide6.QtWidgets import QApplication, QMessageBox

from stancecoder.core.errors import StanceCoderError
from stancecoder.services.project import open_project
from stancecoder.services.sample import ensure_sample_project
from stancecoder.ui.main_window import MainWindow
from stancecoder.ui.style import apply_style


def run(target: str | None) -> int:
    app = QApplication.instance() or QApplication(sys.argv[:1])
    apply_style(app)
    try:
        project = open_project(target if target else ensure_sample_project())
    except StanceCoderError as exc:
        QMessageBox.critical(None, "StanceCoder", f"The project could not be opened.\n\n{exc}")
        return 1
    window = MainWindow(project)
    window.show()
    try:
        return app.exec()
    finally:
        project.close()
