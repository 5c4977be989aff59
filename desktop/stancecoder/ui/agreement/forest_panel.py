"""The forest plot of the report shown on the agreement view's first tab: α with its 95%
interval per variable against the .667 and .800 lines, the same figure the exported page
and PDF carry, drawn on an embedded matplotlib canvas in the window's light or dark look.
"""

from __future__ import annotations

from matplotlib.backends.backend_qtagg import FigureCanvasQTAgg
from matplotlib.figure import Figure
from PySide6.QtWidgets import QSizePolicy, QVBoxLayout, QWidget

from stancecoder.core.agreement.report import AgreementReport
from stancecoder.core.agreement.report_figures import ForestRow, forest_alt, forest_rows
from stancecoder.io.charts.forest import draw_forest, forest_size
from stancecoder.io.charts.style import style_of
from stancecoder.ui.common.theme import FollowsTheme

DPI = 90  # the canvas's inches to pixels: the figure keeps its proportions, not its print size
TALLEST = 240  # pixels: the figures per variable above it keep their room


class ForestPanel(FollowsTheme, QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.rows: list[ForestRow] = []
        self.figure = Figure(figsize=forest_size(0), dpi=DPI)
        self.canvas = FigureCanvasQTAgg(self.figure)
        self.canvas.setParent(self)
        self.canvas.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.canvas)
        self.setVisible(False)

    def show_report(self, report: AgreementReport) -> None:
        """Nothing to draw when the report has no variable: the panel hides."""
        self.rows = forest_rows(report)
        self.setVisible(bool(self.rows))
        self.canvas.setFixedHeight(min(TALLEST, round(forest_size(len(self.rows))[1] * DPI)))
        self.canvas.setAccessibleDescription(forest_alt(self.rows) if self.rows else "")
        self.canvas.setToolTip("α with its 95% CI per variable; lines at .667 and .800")
        self.redraw()

    def redraw(self) -> None:
        if self.rows:
            draw_forest(self.figure, self.rows, style_of(self.is_dark()))
            self.canvas.draw_idle()
