"""How a chart looks on a light or a dark page.

Colour never carries a distinction alone: each series also has its own marker and line
style (lines) or hatch (bars), so a figure printed in greyscale reads the same, and the
stance scale runs through viridis, whose lightness rises steadily from one end to the
other. The colours are the Okabe–Ito set, told apart by colour-blind readers too.
"""

from __future__ import annotations

import math
import textwrap
from collections.abc import Iterable
from dataclasses import dataclass

from matplotlib.axes import Axes
from matplotlib.figure import Figure

from stancecoder.core.charts.data import Chart, Scale
from stancecoder.core.charts.interval import Estimate
from stancecoder.core.wording import counted

SERIES_COLOURS = ("#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9")
MARKERS = ("o", "s", "^", "D", "v", "P")
LINE_STYLES = ("-", "--", ":", "-.", (0, (5, 1, 1, 1)), (0, (1, 3)))
HATCHES = ("", "//", "..", "xx", "\\\\", "--")
SIZE = (7.0, 4.4)  # inches: a page's text width, legible at print size
NOTE_WIDTH = 110  # characters of the notes line before it wraps
LEGEND_WIDTH = 110  # characters the legend's columns share across the page


@dataclass(frozen=True)
class ChartStyle:
    background: str
    foreground: str
    muted: str
    grid: str

    def colour(self, index: int) -> str:
        return SERIES_COLOURS[index % len(SERIES_COLOURS)]

    def marker(self, index: int) -> str:
        return MARKERS[index % len(MARKERS)]

    def line_style(self, index: int) -> str | tuple[int, tuple[int, ...]]:
        return LINE_STYLES[index % len(LINE_STYLES)]

    def hatch(self, index: int) -> str:
        return HATCHES[index % len(HATCHES)]


LIGHT = ChartStyle(background="#ffffff", foreground="#1a1a1a", muted="#555555", grid="#d9d9d9")
DARK = ChartStyle(background="#1b1e23", foreground="#e6e9ef", muted="#a0a8b6", grid="#3a404a")


def style_of(dark: bool) -> ChartStyle:
    return DARK if dark else LIGHT


def prepare(figure: Figure, style: ChartStyle) -> Axes:
    """The figure cleared and painted for the style, with one axes to draw on."""
    figure.clear()
    figure.set_facecolor(style.background)
    figure.set_layout_engine("constrained")
    axes = figure.add_subplot()
    axes.set_facecolor(style.background)
    for spine in axes.spines.values():
        spine.set_color(style.muted)
    axes.tick_params(colors=style.foreground, labelcolor=style.foreground)
    axes.grid(True, color=style.grid, linewidth=0.6)
    axes.set_axisbelow(True)
    return axes


def label_axes(axes: Axes, style: ChartStyle, x: str, y: str) -> None:
    axes.set_xlabel(x, color=style.foreground)
    axes.set_ylabel(y, color=style.foreground)


def clipped(low: float | None, high: float | None, scale: Scale) -> tuple[float, float]:
    """An interval cut at the ends of the scale, where a mean can never lie; none where
    there is none."""
    values = [value for value, _ in scale.points]
    if low is None or high is None or not values:
        return (math.nan, math.nan) if low is None or high is None else (low, high)
    return max(low, min(values)), min(high, max(values))


CLIPPED_NOTE = "intervals cut at the ends of the scale"


def cut_notes(estimates: Iterable[Estimate | None], scale: Scale) -> tuple[str, ...]:
    """`CLIPPED_NOTE` where an interval reaches past the scale, so the figure says so."""
    values = [value for value, _ in scale.points]
    for found in estimates:
        if found is None or found.low is None or found.high is None or not values:
            continue
        if found.low < min(values) or found.high > max(values):
            return (CLIPPED_NOTE,)
    return ()


def finish(
    figure: Figure,
    axes: Axes,
    chart: Chart,
    style: ChartStyle,
    legend: bool,
    notes: tuple[str, ...] = (),
) -> None:
    """The title naming the layer, under it n and the notes, and the legend below."""
    figure.suptitle(chart.title, color=style.foreground, fontsize=11, fontweight="bold")
    said = "; ".join([f"n = {counted(chart.passages, 'passage')}", *chart.notes, *notes])
    axes.set_title(textwrap.fill(said, NOTE_WIDTH), color=style.muted, fontsize=8, loc="left")
    labels = axes.get_legend_handles_labels()[1]
    if legend and labels:
        columns = max(1, min(3, LEGEND_WIDTH // (max(map(len, labels)) + 6)))
        shown = figure.legend(loc="outside lower center", ncols=columns, fontsize=8, frameon=False)
        for text in shown.get_texts():
            text.set_color(style.foreground)
