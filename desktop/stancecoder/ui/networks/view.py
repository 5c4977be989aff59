"""The network view: the network of the choices drawn on an embedded matplotlib canvas in
the window's light or dark look (node size by activity, edge width by weight, sides told
by line style), and Export… to GEXF 1.3, GraphML or an edge list in CSV, exactly the
network shown.

Modeless, like the chart view, and it follows the project's changes while open. The
network is read on a worker thread with a busy bar and Cancel; a result that arrives after
the choices changed again is dropped (the figure view's frame, `ui/widgets/figure_view`).
networkx and matplotlib are imported with this module, which the window imports when the
view is first opened.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QWidget

from stancecoder.io.charts.network import draw_network
from stancecoder.io.charts.style import ChartStyle
from stancecoder.services.networks import Networks, network_layers, save_networks, stance_networks
from stancecoder.services.project import Project
from stancecoder.ui.common.worker import Job, Progress
from stancecoder.ui.networks.choices import NetworkChoices
from stancecoder.ui.widgets.figure_view import FigureView

EXPORT_FORMATS = "GEXF 1.3, for Gephi (*.gexf);;GraphML (*.graphml);;Edge list, CSV (*.csv)"


class NetworkView(FigureView):
    choices: NetworkChoices
    data: Networks | None

    def __init__(self, project: Project, parent: QWidget | None = None) -> None:
        super().__init__(project, "Stance networks", "&Export…", parent)
        self.file_button.setToolTip("Write the network shown for Gephi, igraph or R")
        self.resize(1000, 760)
        self.refresh()

    def _make_choices(self) -> NetworkChoices:
        return NetworkChoices(network_layers(self.project), self)

    def choose_file(self) -> None:
        name = f"{self.choices.kind.currentData()}.gexf"
        path = self._ask_file("Export network", name, EXPORT_FORMATS)
        if path is not None:
            self.export_to(path)

    def export_to(self, path: Path) -> None:
        data = self.data
        if data is not None:
            self._write(lambda: save_networks(self.project, data, path), f"Exported to {path.name}")

    def _job(self) -> Job:
        c = self.choices
        kind, layer, filters = c.kind.currentData(), c.layer.currentData(), c.filters()
        detail = c.sub_codes.isChecked()

        def job(_progress: Progress) -> Networks:
            return stance_networks(self.project, kind, layer, filters, detail=detail)

        return job

    def _draw(self, data: Networks, style: ChartStyle) -> None:
        draw_network(self.figure, data.networks[0], style)

    def _said(self, data: Networks) -> str:
        shown = data.networks[0]
        return f"{shown.title}: {shown.summary}"
