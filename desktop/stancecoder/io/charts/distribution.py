"""Stance distribution per group: a bar per group split at each point of the scale, as
shares of the group's passages, with n at the bar's end."""

from __future__ import annotations

from matplotlib import colormaps
from matplotlib.figure import Figure

from stancecoder.core.charts.data import StanceDistribution
from stancecoder.core.codebook_view import point_text
from stancecoder.io.charts.style import ChartStyle, finish, label_axes, prepare


def draw_distribution(figure: Figure, chart: StanceDistribution, style: ChartStyle) -> None:
    axes = prepare(figure, style)
    rows = list(reversed(chart.rows))  # the largest group on top
    points = chart.scale.points
    shades = colormaps["viridis"].resampled(max(len(points), 2))
    left = [0.0] * len(rows)
    for index, (value, label) in enumerate(points):
        shares = [100 * row.counts[index] / row.n if row.n else 0.0 for row in rows]
        axes.barh(
            [row.label for row in rows], shares, left=left, color=shades(index),
            edgecolor=style.background, hatch=style.hatch(index), linewidth=0.5,
            label=point_text(value, label),
        )  # fmt: skip
        left = [a + b for a, b in zip(left, shares, strict=True)]
    for position, row in enumerate(rows):
        axes.annotate(f"n = {row.n}", (100, position), xytext=(4, 0), textcoords="offset points",
                      va="center", fontsize=7, color=style.foreground)  # fmt: skip
    axes.set_xlim(0, 112)
    axes.set_xticks(range(0, 101, 20))
    axes.tick_params(axis="y", labelsize=8)
    label_axes(axes, style, "share of the group's passages (%)", chart.group)
    finish(figure, axes, chart, style, legend=True)
