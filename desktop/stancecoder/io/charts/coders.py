"""Coders side by side: each coder's mean stance per group as a bar with its 95% interval
and n."""

from __future__ import annotations

import math

from matplotlib.figure import Figure

from stancecoder.core.charts.data import CoderMeans
from stancecoder.core.codebook_view import value_text
from stancecoder.io.charts.style import (
    ChartStyle,
    clipped,
    cut_notes,
    finish,
    label_axes,
    prepare,
)


def draw_coders(figure: Figure, chart: CoderMeans, style: ChartStyle) -> None:
    axes = prepare(figure, style)
    series = len(chart.coders)
    height = 0.8 / max(series, 1)
    positions = range(len(chart.groups) - 1, -1, -1)
    for index, row in enumerate(chart.coders):
        offset = (series - 1) / 2 * height - index * height
        where = [p + offset for p in positions]
        means = [math.nan if e is None else e.mean for e in row.estimates]
        bounds = [
            clipped(e.low, e.high, chart.scale) if e is not None else (math.nan, math.nan)
            for e in row.estimates
        ]
        spread = [
            [
                0.0 if math.isnan(low) else m - low
                for m, (low, _) in zip(means, bounds, strict=True)
            ],
            [
                0.0 if math.isnan(high) else high - m
                for m, (_, high) in zip(means, bounds, strict=True)
            ],
        ]
        axes.barh(
            where, means, height=height, xerr=spread, color=style.colour(index),
            edgecolor=style.foreground, linewidth=0.4, hatch=style.hatch(index),
            label=row.coder, error_kw={"ecolor": style.foreground, "capsize": 2, "lw": 0.8},
        )  # fmt: skip
        axes.plot(means, where, linestyle="none", marker=style.marker(index), markersize=4,
                  color=style.foreground)  # fmt: skip
        for y, estimate in zip(where, row.estimates, strict=True):
            if estimate is not None:
                axes.annotate(
                    f"n = {estimate.n}", (0, y), xytext=(-4 if estimate.mean >= 0 else 4, 0),
                    textcoords="offset points", va="center", fontsize=6.5,
                    ha="right" if estimate.mean >= 0 else "left", color=style.muted,
                )  # fmt: skip
    axes.axvline(0, color=style.muted, linewidth=0.8)
    values = [value for value, _ in chart.scale.points]
    if values:
        axes.set_xlim(min(values) - 0.3, max(values) + 0.3)
        axes.set_xticks(values, [value_text(v) for v in values])
    axes.set_yticks(list(positions), chart.groups)
    axes.tick_params(axis="y", labelsize=8)
    label_axes(axes, style, f"mean {chart.scale.unit} with 95% CI", chart.group)
    estimates = [e for row in chart.coders for e in row.estimates]
    finish(figure, axes, chart, style, legend=True, notes=cut_notes(estimates, chart.scale))
