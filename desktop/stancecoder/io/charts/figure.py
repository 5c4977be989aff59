"""A chart's figure drawn for a page and written to a file: PDF and SVG as vectors with
their text kept as text (so a journal's editor can still change it), PNG at 300 dpi."""

from __future__ import annotations

from pathlib import Path

from matplotlib import rc_context
from matplotlib.figure import Figure

from stancecoder.core.charts.data import (
    ChartData,
    CodeFrequencies,
    CoderMeans,
    StanceDistribution,
    StanceOverTime,
)
from stancecoder.io.atomic_files import atomic_output
from stancecoder.io.charts.coders import draw_coders
from stancecoder.io.charts.distribution import draw_distribution
from stancecoder.io.charts.frequencies import draw_frequencies
from stancecoder.io.charts.over_time import draw_over_time
from stancecoder.io.charts.style import LIGHT, SIZE, ChartStyle
from stancecoder.io.sheets import blamed_on

DPI = 300


def draw(figure: Figure, chart: ChartData, style: ChartStyle) -> None:
    """Draw `chart` on `figure`, replacing what it held."""
    if isinstance(chart, StanceOverTime):
        draw_over_time(figure, chart, style)
    elif isinstance(chart, StanceDistribution):
        draw_distribution(figure, chart, style)
    elif isinstance(chart, CodeFrequencies):
        draw_frequencies(figure, chart, style)
    else:
        assert isinstance(chart, CoderMeans)
        draw_coders(figure, chart, style)


def new_figure(chart: ChartData, style: ChartStyle = LIGHT) -> Figure:
    figure = Figure(figsize=SIZE)
    draw(figure, chart, style)
    return figure


def write_chart(chart: ChartData, path: Path) -> None:
    """The chart on a light page to `path`, whose suffix names the format; whole or not
    at all. The caller checks the suffix (`FILE_SUFFIXES`) and the target first."""
    path = Path(path)
    figure = new_figure(chart)
    # TrueType in PDF and text as text in SVG: both stay editable and searchable
    settings = rc_context({"pdf.fonttype": 42, "svg.fonttype": "none"})
    with settings, atomic_output(path) as temporary, blamed_on(path):
        figure.savefig(
            temporary, format=path.suffix.lower()[1:], dpi=DPI,
            facecolor=figure.get_facecolor(), metadata=_metadata(chart, path),
        )  # fmt: skip


def _metadata(chart: ChartData, path: Path) -> dict[str, str | None]:
    """The title in the file; no creation date, so the same data gives the same file."""
    if path.suffix.lower() == ".png":
        return {"Title": chart.title, "Software": "StanceCoder"}
    date = "CreationDate" if path.suffix.lower() == ".pdf" else "Date"
    return {"Title": chart.title, "Creator": "StanceCoder", date: None}
