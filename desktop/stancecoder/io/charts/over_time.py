"""Mean stance per period, one line per group: its 95% interval as a band and error bar,
and n beside each point. Periods sit at their first day, as day numbers, and the axis
names them as the data does ("2024-06", "2024-W23")."""

from __future__ import annotations

import math

from matplotlib.figure import Figure

from stancecoder.core.charts.data import StanceOverTime
from stancecoder.core.codebook_view import point_text
from stancecoder.io.charts.style import (
    ChartStyle,
    clipped,
    cut_notes,
    finish,
    label_axes,
    prepare,
)

MOST_TICKS = 12
AXIS = {"month": "month", "week": "ISO week (Monday to Sunday)"}


def draw_over_time(figure: Figure, chart: StanceOverTime, style: ChartStyle) -> None:
    axes = prepare(figure, style)
    for index, line in enumerate(chart.lines):
        starts = [p.start.toordinal() for p in line.points]
        means = [p.estimate.mean for p in line.points]
        bounds = [clipped(p.estimate.low, p.estimate.high, chart.scale) for p in line.points]
        lows, highs = [low for low, _ in bounds], [high for _, high in bounds]
        colour = style.colour(index)
        n = sum(p.estimate.n for p in line.points)
        axes.fill_between(starts, lows, highs, color=colour, alpha=0.12, linewidth=0)
        axes.errorbar(
            starts, means,
            yerr=[[m - low for m, low in zip(means, lows, strict=True)],
                  [high - m for m, high in zip(means, highs, strict=True)]],
            color=colour, marker=style.marker(index), linestyle=style.line_style(index),
            linewidth=1.4, markersize=5, capsize=2, elinewidth=0.8,
            label=f"{line.label} (n = {n})",
        )  # fmt: skip
        for point in line.points:
            axes.annotate(
                str(point.estimate.n), (point.start.toordinal(), point.estimate.mean),
                textcoords="offset points", xytext=(5, -9), fontsize=6.5, color=colour,
            )  # fmt: skip
    ticks = sorted({(p.start, p.period) for line in chart.lines for p in line.points})
    step = max(1, math.ceil(len(ticks) / MOST_TICKS))
    axes.set_xticks([start.toordinal() for start, _ in ticks[::step]],
                    [name for _, name in ticks[::step]])  # fmt: skip
    axes.tick_params(axis="x", labelrotation=30, labelsize=8)
    values = [value for value, _ in chart.scale.points]
    if values:
        axes.set_ylim(min(values) - 0.3, max(values) + 0.3)
        axes.set_yticks(values, [point_text(v, label) for v, label in chart.scale.points])
        axes.tick_params(axis="y", labelsize=8)
    label_axes(axes, style, AXIS[chart.by], f"mean {chart.scale.name} (95% CI; n per point)")
    estimates = [p.estimate for line in chart.lines for p in line.points]
    finish(figure, axes, chart, style, legend=True, notes=cut_notes(estimates, chart.scale))
