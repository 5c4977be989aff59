"""Starting the window: the project given, the last one, or the welcome screen."""

from __future__ import annotations

from stancecoder.core.errors import StanceCoderError
from stancecoder.ui.common.application import application
from stancecoder.ui.common.errors import install_excepthook
from stancecoder.ui.common.settings import AppSettings
from stancecoder.ui.common.theme import apply_theme, is_dark
from stancecoder.ui.common.x11_libraries import missing_x11_libraries, x11_advice
from stancecoder.ui.workbench.launcher import Launcher


def run(target: str | None) -> int:
    if missing := missing_x11_libraries():
        raise StanceCoderError(x11_advice(missing))
    app = application()
    settings = AppSettings()
    apply_theme(app, is_dark(settings.theme()))
    install_excepthook()
    launcher = Launcher(settings)
    launcher.start(target)
    return app.exec()
