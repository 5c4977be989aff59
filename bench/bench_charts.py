"""A chart of every passage: its numbers read for a layer, against the plain read of the
same codings every table of coded data starts from as the peer, and its figure written as
a PDF.

The product path is `services.charts.chart_data` for stance over time per month, each
coder separately (the largest layer), then `save_chart` to a new .pdf. The peer is
`coded_data.read_codings` of the same coders in one transaction: what the chart adds to
it is the filters' work, the codes' paths and the series.
"""

from __future__ import annotations

import tempfile
from functools import partial
from pathlib import Path

from measure import Figure, measured

from stancecoder.core.layer import Layer
from stancecoder.services.charts import chart_data, save_chart
from stancecoder.services.coded_data import layer_coders, read_codings
from stancecoder.services.project import Project


def chart_figures(project: Project, passages: int, runs: int) -> list[Figure]:
    peer = measured(Figure("the same codings read for a table", "s"), partial(_read, project), runs)
    figure = Figure(f"chart data of {passages:,} passages, each coder", "s")
    figure.peer = peer
    measured(figure, partial(chart_data, project, "stance-over-time", Layer.each_coder()), runs)
    data = chart_data(project, "stance-over-time", Layer.each_coder())
    with tempfile.TemporaryDirectory() as scratch:
        save_chart(project, data, Path(scratch) / "first.pdf")  # matplotlib's import, untimed
        written = Figure("the chart written as PDF", "s")
        measured(written, partial(save_chart, project, data, Path(scratch) / "chart.pdf"), runs)
    return [figure, peer, written]


def _read(project: Project) -> None:
    with project.reading() as session:
        read_codings(session, layer_coders(session, Layer.each_coder()))
