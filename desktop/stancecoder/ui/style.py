"""The application's look: icon, names and the style sheet shipped in resources/."""

from __future__ import annotations

from importlib.resources import files

from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication

RESOURCES = files("stancecoder.resources")


def apply_style(app: QApplication) -> None:
    app.setApplicationName("StanceCoder")
    app.setOrganizationName("StanceCoder")
    app.setDesktopFileName("io.github.stancecoder.StanceCoder")
    app.setWindowIcon(QIcon(str(RESOURCES / "icons" / "stancecoder.svg")))
    app.setStyleSheet((RESOURCES / "style.qss").read_text(encoding="utf-8"))
