"""Krippendorff's α per variable as a forest plot: a point and its 95% interval on one row
per variable, n at the right, and the lines at .667 (tentative) and .800 (reliable) a
methods reviewer reads the figures against."""

from __future__ import annotations

from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.ticker import FuncFormatter

from stancecoder.core.agreement.apa import apa
from stancecoder.core.agreement.report_figures import ForestRow
from stancecoder.core.agreement.variable_stats import RELIABLE, TENTATIVE
from stancecoder.io.charts.style import SIZE, ChartStyle, prepare

ROW_HEIGHT = 0.42  # inches per variable
FRAME = 1.5  # inches for the title, the axis and its label
LOWEST = -0.2  # the axis starts here unless an interval reaches lower


def forest_size(rows: int) -> tuple[float, float]:
    return SIZE[0], FRAME + ROW_HEIGHT * max(rows, 1)


def draw_forest(figure: Figure, rows: list[ForestRow], style: ChartStyle) -> None:
    axes = prepare(figure, style)
    axes.grid(False, axis="y")
    positions = list(range(len(rows) - 1, -1, -1))  # the report's first variable on top
    shown = [(y, r) for y, r in zip(positions, rows, strict=True) if r.value is not None]
    values = [r.value or 0.0 for _, r in shown]  # all defined: `or` only narrows the type
    low = min([LOWEST, *(r.ci95[0] for _, r in shown if r.ci95), *values])
    for y, row in zip(positions, rows, strict=True):
        if row.value is None:
            axes.annotate("not defined", (low, y), xytext=(6, 0), textcoords="offset points",
                          va="center", fontsize=8, style="italic", color=style.muted)  # fmt: skip
    # intervals and points drawn apart: a percentile interval need not hold its estimate
    bounded = [(y, r.ci95) for y, r in shown if r.ci95]
    if bounded:
        ys = [y for y, _ in bounded]
        lows, highs = [c[0] for _, c in bounded], [c[1] for _, c in bounded]
        axes.hlines(ys, lows, highs, color=style.foreground, linewidth=1.2, label="95% CI")
        axes.plot(lows + highs, ys + ys, linestyle="none", marker="|", markersize=7,
                  color=style.foreground)  # fmt: skip
    if shown:
        axes.plot(values, [y for y, _ in shown], linestyle="none",
                  marker="o", markersize=6, color=style.colour(0),
                  markeredgecolor=style.foreground, label="α", zorder=3)  # fmt: skip
    _thresholds(axes, style)
    for y, row in zip(positions, rows, strict=True):
        value = f"{apa(row.value)}   " if row.value is not None else ""
        axes.annotate(
            f"{value}n = {row.n_units}", (1.0, y), xycoords=("axes fraction", "data"),
            xytext=(6, 0), textcoords="offset points", va="center", fontsize=8,
            color=style.foreground,
        )  # fmt: skip
    axes.set_xlim(low - 0.05, 1.05)
    axes.xaxis.set_major_formatter(FuncFormatter(lambda x, _: apa(x)))
    axes.set_ylim(-0.7, len(rows) - 0.3)
    axes.set_yticks(positions, [r.label for r in rows])
    axes.tick_params(axis="y", labelsize=9)
    axes.set_xlabel("Krippendorff's α with 95% CI (bootstrap)", color=style.foreground)
    figure.suptitle("Agreement per variable", color=style.foreground, fontsize=11,
                    fontweight="bold")  # fmt: skip


def _thresholds(axes: Axes, style: ChartStyle) -> None:
    """The two lines, each named at the top so the figure reads without a legend."""
    lines = ((TENTATIVE, "tentative", "--", "right"), (RELIABLE, "reliable", ":", "left"))
    for value, name, dashes, side in lines:
        axes.axvline(value, color=style.muted, linestyle=dashes, linewidth=1.0)
        axes.annotate(
            f"{name} {apa(value, 3)}", (value, 1.0), xycoords=("data", "axes fraction"),
            xytext=(0, 3), textcoords="offset points", ha=side, va="bottom",
            fontsize=7.5, color=style.muted,
        )  # fmt: skip


def new_forest(rows: list[ForestRow], style: ChartStyle) -> Figure:
    figure = Figure(figsize=forest_size(len(rows)))
    draw_forest(figure, rows, style)
    return figure
