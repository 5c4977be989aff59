"""The chart view: the figure a paper would print, drawn on an embedded matplotlib canvas
in the window's light or dark look, for the layer chosen (its title says whose codings
it shows), and Save as… for PDF, SVG or PNG at 300 dpi on a light page.

Modeless, like the retrieval view, and it follows the project's changes while open. The
numbers are read on a worker thread (a hundred thousand passages take seconds), with a busy
bar and Cancel; a result that arrives after the choices changed again is dropped (the
figure view's frame, `ui/widgets/figure_view`). matplotlib is imported with this module,
which the window imports when the view is first opened, so the window starts as fast as
before.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QWidget

from stancecoder.core.charts.data import ChartData
from stancecoder.io.charts.figure import draw
from stancecoder.io.charts.style import ChartStyle
from stancecoder.services.charts import chart_data, chart_variables, save_chart
from stancecoder.services.codebook_view import codebook_view
from stancecoder.services.coded_data import layer_choices
from stancecoder.services.project import Project
from stancecoder.services.retrieval import known_sources
from stancecoder.ui.charts.choices import ChartChoices
from stancecoder.ui.common.worker import Job, Progress
from stancecoder.ui.widgets.figure_view import FigureView

SAVE_FORMATS = "PDF (*.pdf);;SVG (*.svg);;PNG, 300 dpi (*.png)"


class ChartView(FigureView):
    choices: ChartChoices
    data: ChartData | None

    def __init__(self, project: Project, parent: QWidget | None = None) -> None:
        super().__init__(project, "Charts", "&Save as…", parent)
        self.resize(1000, 720)
        self.refresh()

    def _make_choices(self) -> ChartChoices:
        project = self.project
        return ChartChoices(
            layer_choices(project), codebook_view(project), chart_variables(project),
            known_sources(project), self,
        )  # fmt: skip

    def choose_file(self) -> None:
        path = self._ask_file("Save chart", "chart.pdf", SAVE_FORMATS)
        if path is not None:
            self.save_to(path)

    def save_to(self, path: Path) -> None:
        data = self.data
        if data is not None:
            self._write(lambda: save_chart(self.project, data, path), f"Saved to {path.name}")

    def _job(self) -> Job:
        c = self.choices
        kind, layer, filters = c.kind.currentData(), c.layer.currentData(), c.filters()
        by, per = c.by.currentData(), c.per.currentData()

        def job(_progress: Progress) -> ChartData:
            return chart_data(self.project, kind, layer, filters, by, per)

        return job

    def _draw(self, data: ChartData, style: ChartStyle) -> None:
        draw(self.figure, data, style)

    def _said(self, data: ChartData) -> str:
        return data.title
