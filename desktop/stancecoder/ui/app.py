"""Starting the window: the project given, the last one, or the welcome screen."""

from __future__ import annotations

import sys

from PySide6.QtWidgets import QApplication

from stancecoder.ui.common.errors import install_excepthook
from stancecoder.ui.common.theme import apply_theme
from stancecoder.ui.workbench.launcher import Launcher


def run(target: str | None) -> int:
    app = QApplication.instance() or QApplication(sys.argv[:1])
    apply_theme(app)
    install_excepthook()
    launcher = Launcher()
    launcher.start(target)
    return app.exec()
