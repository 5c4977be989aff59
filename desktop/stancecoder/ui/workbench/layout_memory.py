"""The window as it was left, on this computer: its size and place, where the splitters
stood and the reader's zoom; saved when the window closes (the zoom as it changes).

The columns are fitted to the window's size afterwards (`window_fit`), so a layout saved on
a larger screen still leaves the text a readable measure.
"""

from __future__ import annotations

from PySide6.QtCore import QByteArray
from PySide6.QtWidgets import QSplitter, QWidget

from stancecoder.ui.common.settings import AppSettings
from stancecoder.ui.widgets.reader import Reader

FIRST_SIZE = (1440, 880)  # px, before a size was saved


def restore_layout(
    window: QWidget, splitters: dict[str, QSplitter], reader: Reader, settings: AppSettings
) -> None:
    geometry = settings.value("window/geometry")
    if isinstance(geometry, QByteArray):
        window.restoreGeometry(geometry)
    else:
        window.resize(*FIRST_SIZE)
    for name, splitter in splitters.items():
        state = settings.value(f"window/splitter-{name}")
        if isinstance(state, QByteArray):
            splitter.restoreState(state)
    zoom = str(settings.value("zoom", 0))
    reader.set_zoom(int(zoom) if zoom.lstrip("-").isdigit() else 0)


def save_layout(window: QWidget, splitters: dict[str, QSplitter], settings: AppSettings) -> None:
    settings.set_value("window/geometry", window.saveGeometry())
    for name, splitter in splitters.items():
        settings.set_value(f"window/splitter-{name}", splitter.saveState())
