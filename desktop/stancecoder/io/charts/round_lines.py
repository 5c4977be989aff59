"""Krippendorff's α round by round, a line per variable with each round's 95% interval:
whether training made the coders agree. The lines are set a little apart at each round so
overlapping intervals stay readable, and each has its own marker and dash for greyscale."""

from __future__ import annotations

from matplotlib.figure import Figure
from matplotlib.ticker import FuncFormatter

from stancecoder.core.agreement.apa import apa
from stancecoder.core.agreement.names import variable_title
from stancecoder.core.agreement.rounds import RoundsReport
from stancecoder.core.agreement.variable_stats import RELIABLE, TENTATIVE
from stancecoder.io.charts.style import SIZE, ChartStyle, prepare

SPREAD = 0.25  # of the distance between rounds, shared by the lines at one round


def draw_round_lines(figure: Figure, rounds: RoundsReport, style: ChartStyle) -> None:
    axes = prepare(figure, style)
    names = [r.name for r in rounds.rounds]
    series = max(len(rounds.variables), 1)
    lowest = 0.0
    for index, variable in enumerate(rounds.variables):
        offset = (index - (series - 1) / 2) * SPREAD / series
        defined = [f for f in variable.figures if f.value is not None]
        points = [(names.index(f.round) + offset, f) for f in defined]
        if not points:
            continue
        xs, values = [x for x, _ in points], [f.value or 0.0 for _, f in points]
        bounded = [(x, f.ci95) for x, f in points if f.ci95]
        lowest = min([lowest, *values, *(c[0] for _, c in bounded)])
        colour = style.colour(index)
        # intervals apart from the line: a percentile interval need not hold its estimate
        axes.vlines([x for x, _ in bounded], [c[0] for _, c in bounded],
                    [c[1] for _, c in bounded], color=colour, linewidth=0.8)  # fmt: skip
        axes.plot(xs, values, color=colour, marker=style.marker(index),
                  linestyle=style.line_style(index), linewidth=1.4, markersize=5,
                  label=variable_title(variable.name))  # fmt: skip
    for value, dashes in ((TENTATIVE, "--"), (RELIABLE, ":")):
        axes.axhline(value, color=style.muted, linestyle=dashes, linewidth=1.0)
        axes.annotate(apa(value, 3), (1.0, value), xycoords=("axes fraction", "data"),
                      xytext=(3, 0), textcoords="offset points", va="center", fontsize=7.5,
                      color=style.muted)  # fmt: skip
    axes.set_xticks(range(len(names)), names)
    axes.set_xlim(-0.5, len(names) - 0.5)
    axes.set_ylim(min(lowest, 0.0) - 0.05, 1.05)
    axes.yaxis.set_major_formatter(FuncFormatter(lambda y, _: apa(y)))
    axes.set_xlabel("reliability round, in the order drawn", color=style.foreground)
    axes.set_ylabel("Krippendorff's α with 95% CI", color=style.foreground)
    figure.suptitle("Agreement per round", color=style.foreground, fontsize=11,
                    fontweight="bold")  # fmt: skip
    if axes.get_legend_handles_labels()[1]:
        legend = figure.legend(loc="outside lower center", ncols=min(series, 4), fontsize=8,
                               frameon=False)  # fmt: skip
        for text in legend.get_texts():
            text.set_color(style.foreground)


def new_round_lines(rounds: RoundsReport, style: ChartStyle) -> Figure:
    figure = Figure(figsize=SIZE)
    draw_round_lines(figure, rounds, style)
    return figure
