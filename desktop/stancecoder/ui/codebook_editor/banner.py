"""A calm strip above the editor for what the lead must know now: a refused change, why
the codebook cannot be saved, and for a code in use the way out (merging it)."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton

ACCENT = QColor("#d08a2e")  # amber: reads as "look here" on light and dark palettes


def _blend(base: QColor, tint: QColor, share: float) -> QColor:
    mix = [
        round(a * (1 - share) + b * share)
        for a, b in zip(base.getRgb()[:3], tint.getRgb()[:3], strict=True)
    ]
    return QColor(*mix)


class Banner(QFrame):
    """`merge_requested(uid)` when the lead takes the way out offered for a used code."""

    merge_requested = Signal(str)

    def __init__(self) -> None:
        super().__init__()
        self.setObjectName("banner")
        base = self.palette().color(QPalette.ColorRole.Base)
        self.setStyleSheet(
            f"QFrame#banner {{ background: {_blend(base, ACCENT, 0.16).name()};"
            f" border: 1px solid {_blend(base, ACCENT, 0.55).name()}; border-radius: 4px; }}"
        )
        self.text = QLabel()
        self.text.setWordWrap(True)
        self.text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.merge = QPushButton("&Merge into…")
        self.merge.clicked.connect(lambda: self.merge_requested.emit(self._uid))
        layout = QHBoxLayout(self)
        layout.setContentsMargins(12, 8, 8, 8)
        layout.addWidget(self.text, 1)
        layout.addWidget(self.merge, 0, Qt.AlignmentFlag.AlignVCenter)
        self._uid = ""
        self.hide()

    def say(self, message: str, merge_uid: str | None = None) -> None:
        self.text.setText(message)
        self._uid = merge_uid or ""
        self.merge.setVisible(merge_uid is not None)
        self.show()

    def clear(self) -> None:
        self._uid = ""
        self.hide()
