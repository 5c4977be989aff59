"""Passages per code of a variable, one set of bars per coder in the each-coder layer,
with each count at its bar's end."""

from __future__ import annotations

from matplotlib.figure import Figure
from matplotlib.ticker import MaxNLocator

from stancecoder.core.charts.data import CodeFrequencies
from stancecoder.io.charts.style import ChartStyle, finish, label_axes, prepare


def draw_frequencies(figure: Figure, chart: CodeFrequencies, style: ChartStyle) -> None:
    axes = prepare(figure, style)
    series = len(chart.bars)
    height = 0.8 / max(series, 1)
    positions = range(len(chart.codes) - 1, -1, -1)  # the codebook's first code on top
    for index, bars in enumerate(chart.bars):
        offset = (series - 1) / 2 * height - index * height
        drawn = axes.barh(
            [p + offset for p in positions], bars.counts, height=height,
            color=style.colour(index), edgecolor=style.foreground, linewidth=0.4,
            hatch=style.hatch(index), label=bars.label if series > 1 else None,
        )  # fmt: skip
        axes.bar_label(drawn, padding=2, fontsize=7, color=style.foreground)
    axes.set_yticks(list(positions), chart.codes)
    axes.tick_params(axis="y", labelsize=8)
    axes.margins(x=0.1)
    axes.xaxis.set_major_locator(MaxNLocator(integer=True))
    label_axes(axes, style, "passages (count)", chart.variable)
    finish(figure, axes, chart, style, legend=series > 1)
