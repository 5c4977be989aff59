"""Light and dark looks that follow the system's colour scheme."""

from __future__ import annotations

from importlib.resources import files
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QColor, QGuiApplication, QIcon, QPalette
from PySide6.QtWidgets import QApplication, QWidget

RESOURCES = files("stancecoder.resources")


def system_is_dark() -> bool:
    return QGuiApplication.styleHints().colorScheme() == Qt.ColorScheme.Dark


def palette_is_dark(palette: QPalette) -> bool:
    """Whether a widget is drawn in the dark look, so its figure is painted to match."""
    return palette.color(QPalette.ColorRole.Window).lightness() < 128


# the mixin is a widget to the type checker; at run time a plain class, so that a Qt class
# it is mixed into stays the only Qt class of the widget
_Widget = QWidget if TYPE_CHECKING else object


class FollowsTheme(_Widget):
    """Mixed into a widget that paints a figure in the window's look itself (a matplotlib
    canvas, which no palette reaches): View › Theme has it draw the figure again."""

    def redraw(self) -> None:
        raise NotImplementedError

    def is_dark(self) -> bool:
        return palette_is_dark(self.palette())

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.PaletteChange:
            self.redraw()
        super().changeEvent(event)


def dark_palette() -> QPalette:
    palette = QPalette()
    roles = {
        QPalette.ColorRole.Window: "#23272e",
        QPalette.ColorRole.WindowText: "#e6e9ef",
        QPalette.ColorRole.Base: "#1b1e23",
        QPalette.ColorRole.AlternateBase: "#262a31",
        QPalette.ColorRole.Text: "#e6e9ef",
        QPalette.ColorRole.Button: "#2d323a",
        QPalette.ColorRole.ButtonText: "#e6e9ef",
        QPalette.ColorRole.Highlight: "#4f78b8",
        QPalette.ColorRole.HighlightedText: "#ffffff",
        QPalette.ColorRole.ToolTipBase: "#2d323a",
        QPalette.ColorRole.ToolTipText: "#e6e9ef",
        QPalette.ColorRole.PlaceholderText: "#8a93a3",
        QPalette.ColorRole.Mid: "#3a404a",
        QPalette.ColorRole.Link: "#8ab4f8",
    }
    for role, colour in roles.items():
        palette.setColor(role, QColor(colour))
    palette.setColor(QPalette.ColorGroup.Disabled, QPalette.ColorRole.Text, QColor("#6b7280"))
    palette.setColor(QPalette.ColorGroup.Disabled, QPalette.ColorRole.ButtonText, QColor("#6b7280"))
    return palette


def is_dark(theme: str) -> bool | None:
    """What `apply_theme` takes for a theme the user chose; None follows the system."""
    return {"light": False, "dark": True}.get(theme)


def apply_theme(app: QApplication, dark: bool | None = None) -> None:
    """Identity, icon and style sheet; `dark=None` follows the system."""
    app.setApplicationName("StanceCoder")
    app.setOrganizationName("StanceCoder")
    app.setDesktopFileName("io.github.stancecoder.StanceCoder")
    app.setWindowIcon(QIcon(str(RESOURCES / "icons" / "stancecoder.svg")))
    dark = system_is_dark() if dark is None else dark
    app.setStyle("Fusion")
    app.setPalette(dark_palette() if dark else app.style().standardPalette())
    sheet = "style-dark.qss" if dark else "style.qss"
    app.setStyleSheet((RESOURCES / sheet).read_text(encoding="utf-8"))
