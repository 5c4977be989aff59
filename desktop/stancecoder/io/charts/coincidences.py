"""A variable's coincidence matrix as a heatmap: which values the coders' pairs gave, each
count written in its cell, the scale in order for an ordered variable so that
disagreements near the diagonal read as near misses. One light-to-dark hue, so the shading
reads the same in greyscale; the text turns light on the dark cells."""

from __future__ import annotations

import textwrap

from matplotlib import colormaps
from matplotlib.colors import Normalize
from matplotlib.figure import Figure

from stancecoder.core.agreement.names import variable_title
from stancecoder.core.agreement.report_figures import CoincidenceTable, count_text
from stancecoder.io.charts.style import ChartStyle, prepare

CELL = 0.55  # inches per category
FRAME = (2.6, 1.9)  # inches for the labels and the title
MOST = 11.0  # inches: a large codebook's matrix still fits a page
LABEL_WIDTH = 24  # characters of a category's name before it wraps
SLANTED = 6  # categories up to which the column names are slanted and wrapped
CHARACTERS_PER_INCH = 13  # of the line under the title, at its size: it wraps to the axes
COLOURS = "Blues"


def coincidence_size(categories: int) -> tuple[float, float]:
    side = min(MOST, CELL * max(categories, 2))
    return min(MOST, FRAME[0] + side), FRAME[1] + side * 0.85


def draw_coincidences(figure: Figure, table: CoincidenceTable, style: ChartStyle) -> None:
    axes = prepare(figure, style)
    axes.grid(False)
    counts = table.counts
    top = max((n for row in counts for n in row), default=0.0) or 1.0
    shades = Normalize(0.0, top)
    # a mesh of cells, not an image: it stays vector in SVG and PDF
    axes.pcolormesh(counts, cmap=colormaps[COLOURS], norm=shades,
                            edgecolors=style.background, linewidth=0.5)  # fmt: skip
    axes.invert_yaxis()  # the first category on top, as a table reads
    for i, row in enumerate(counts):
        for j, n in enumerate(row):
            axes.text(
                j + 0.5, i + 0.5, count_text(n), ha="center", va="center", fontsize=8,
                color="#ffffff" if shades(n) > 0.55 else "#1a1a1a",
            )  # fmt: skip
    names = [textwrap.fill(c, LABEL_WIDTH, break_on_hyphens=False) for c in table.categories]
    places = [index + 0.5 for index in range(len(names))]
    if len(names) <= SLANTED:
        axes.set_xticks(places, names, rotation=35 if len(names) > 3 else 0,
                        ha="right" if len(names) > 3 else "center", fontsize=8)  # fmt: skip
    else:  # many columns: upright names of one line each, or they run into each other
        short = [textwrap.shorten(c, LABEL_WIDTH + 6, placeholder="…") for c in table.categories]
        axes.set_xticks(places, short, rotation=90, fontsize=8)
    axes.set_yticks(places, names, fontsize=8)
    axes.set_xlabel("value of the other coder of a pair", color=style.foreground)
    axes.set_ylabel("value of one coder", color=style.foreground)
    order = "scale in order" if table.level != "nominal" else "codes given"
    figure.suptitle(f"Coincidences: {variable_title(table.variable)}",
                    color=style.foreground, fontsize=11, fontweight="bold")  # fmt: skip
    said = f"{table.level}, {table.unit}; {order}; {count_text(table.pairable)} pairable values"
    width = round(CHARACTERS_PER_INCH * (figure.get_figwidth() - FRAME[0] + 1.0))
    axes.set_title(textwrap.fill(said, width), color=style.muted, fontsize=8, loc="left")


def new_coincidences(table: CoincidenceTable, style: ChartStyle) -> Figure:
    figure = Figure(figsize=coincidence_size(len(table.categories)))
    draw_coincidences(figure, table, style)
    return figure
