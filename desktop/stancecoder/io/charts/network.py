"""A stance network's picture: a spring layout from networkx with a fixed seed, so the
same network is drawn the same way each time, drawn with matplotlib's own artists (never
pyplot). Parts of the network that share no edge are held near one another (`_layout`), and
each name stands on the side of its node away from its edges, outlined in the page's colour
so that a line crossing it leaves it legible.

Node area follows activity (passages for actors and topics, DNA's activity in the actor
networks), edge width the weight. Sign is never carried by colour alone: agreement and a
positive mean stance are solid lines, conflict and a negative mean dashed, neutral dotted;
actors are circles, topics squares; so a greyscale print reads the same.
"""

from __future__ import annotations

import textwrap
from collections.abc import Mapping, Sequence
from typing import Literal

import networkx as nx
import numpy as np
from matplotlib import patheffects
from matplotlib.axes import Axes
from matplotlib.collections import LineCollection
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from numpy.typing import NDArray

from stancecoder.core.networks.network import Network
from stancecoder.core.networks.statements import ACTOR_ACTOR, ACTOR_TOPIC, AGREEMENT, CONFLICT
from stancecoder.io.charts.style import NOTE_WIDTH, SERIES_COLOURS, ChartStyle, prepare

LineStyle = Literal["-", "--", ":"]
SEED = 7  # the layout's: a network drawn again looks the same
MIDDLE = "\0middle"  # the layout's own node, named as no code can be
PULL = 0.5  # of the mean edge's weight: how strongly the middle holds every node
MOST_LABELS = 30  # the largest nodes are named; more names cover the picture
# a name's alignment by the rounded direction from its node it lies in: (across, up)
NAME_ALIGN = {-1: ("right", "top"), 0: ("center", "center"), 1: ("left", "bottom")}
ACTOR_COLOUR, TOPIC_COLOUR = SERIES_COLOURS[0], SERIES_COLOURS[4]
POSITIVE_COLOUR, NEGATIVE_COLOUR = SERIES_COLOURS[2], SERIES_COLOURS[1]
LEGENDS = {
    ACTOR_TOPIC: ((1, "mean stance positive"), (-1, "negative"), (0, "neutral or none")),
    AGREEMENT: ((1, "agreement"),),
    CONFLICT: ((-1, "conflict"),),
    ACTOR_ACTOR: ((1, "agreement prevails"), (-1, "conflict prevails"), (0, "balanced")),
}
NODE_AREA = (40.0, 900.0)
EDGE_WIDTH = (0.6, 5.0)


def draw_network(figure: Figure, network: Network, style: ChartStyle) -> None:
    """Draw `network` on `figure`, replacing what it held."""
    axes = prepare(figure, style)
    axes.set_axis_off()
    figure.suptitle(network.title, color=style.foreground, fontsize=11, fontweight="bold")
    said = "; ".join([network.summary, *network.notes])
    axes.set_title(textwrap.fill(said, NOTE_WIDTH), color=style.muted, fontsize=8, loc="left")
    graph = network.graph
    if graph.number_of_nodes() == 0:
        empty = "No passage with an actor, a topic and a side to show"
        axes.text(0.5, 0.5, empty, ha="center", va="center", color=style.muted,
                  transform=axes.transAxes)  # fmt: skip
        return
    position = _layout(graph)
    _edges(axes, graph, position, network.kind, style)
    size_key = "passages" if network.kind == ACTOR_TOPIC else "activity"
    areas = _scaled([d[size_key] for _, d in graph.nodes(data=True)], NODE_AREA)
    area = dict(zip(graph.nodes, areas, strict=True))
    for kind, marker, colour in (("actor", "o", ACTOR_COLOUR), ("topic", "s", TOPIC_COLOUR)):
        nodes = [n for n, d in graph.nodes(data=True) if d["kind"] == kind]
        if nodes:
            axes.scatter([position[n][0] for n in nodes], [position[n][1] for n in nodes],
                         s=[area[n] for n in nodes], marker=marker, c=colour,
                         edgecolors=style.background, linewidths=1.0, zorder=3)  # fmt: skip
    named = sorted(graph.nodes, key=lambda n: -area[n])[:MOST_LABELS]
    halo = [patheffects.withStroke(linewidth=3, foreground=style.background)]
    for node in named:
        dx, dy = _away(graph, position, node)
        gap = area[node] ** 0.5 / 2 + 3  # points: the marker's half width and a gap
        x, y = position[node]
        axes.annotate(graph.nodes[node]["label"], (x, y), xytext=(dx * gap, dy * gap),
                      textcoords="offset points", ha=NAME_ALIGN[round(dx)][0],
                      va=NAME_ALIGN[round(dy)][1], fontsize=8, color=style.foreground,
                      path_effects=halo, zorder=4)  # fmt: skip
    axes.margins(0.15)
    _legend(figure, network.kind, style)


def _edges(
    axes: Axes, graph: nx.Graph[str], position: Mapping[str, NDArray[np.float64]], kind: str,
    style: ChartStyle,
) -> None:  # fmt: skip
    """One collection per side, widths by weight."""
    edges = list(graph.edges(data=True))
    widths = _scaled([abs(d["weight"]) for *_, d in edges], EDGE_WIDTH)
    groups: dict[
        int, tuple[list[tuple[NDArray[np.float64], NDArray[np.float64]]], list[float]]
    ] = {}
    for (u, v, data), width in zip(edges, widths, strict=True):
        segments, sizes = groups.setdefault(_side(kind, data), ([], []))
        segments.append((position[u], position[v]))
        sizes.append(width)
    for side, (segments, sizes) in groups.items():
        line_style, colour = _look(side, style)
        axes.add_collection(LineCollection(segments, linewidths=sizes, linestyles=line_style,
                                           colors=colour, alpha=0.8, zorder=2))  # fmt: skip


def _layout(graph: nx.Graph[str]) -> dict[str, NDArray[np.float64]]:
    """A spring layout by the edges' strength, every node also tied weakly to a middle
    point that is then left out: parts of the network that share no edge stay near one
    another, where they would drift to the picture's corners and leave their own edges a
    few points long between them."""
    strength: nx.Graph[str] = nx.Graph()
    strength.add_nodes_from(graph)
    weights = [abs(d["weight"]) for *_, d in graph.edges(data=True)]
    strength.add_edges_from((u, v, {"w": abs(d["weight"])}) for u, v, d in graph.edges(data=True))
    mean = (sum(weights) / len(weights) if weights else 0.0) or 1.0
    strength.add_edges_from((MIDDLE, node, {"w": PULL * mean}) for node in graph)
    position = nx.spring_layout(strength, weight="w", seed=SEED)
    del position[MIDDLE]
    return position


def _away(
    graph: nx.Graph[str], position: Mapping[str, NDArray[np.float64]], node: str
) -> tuple[float, float]:
    """The unit direction from the middle of a node's neighbours to the node: its name
    goes on that side, off its edges; straight up for a node alone or in their middle."""
    neighbours = list(graph.neighbors(node))
    if neighbours:
        middle = np.mean([position[n] for n in neighbours], axis=0)
        direction = position[node] - middle
        length = float(np.hypot(*direction))
        if length > 1e-9:
            return float(direction[0]) / length, float(direction[1]) / length
    return 0.0, 1.0


def _side(kind: str, data: Mapping[str, float]) -> int:
    """1 for agreement or a positive mean stance, -1 for conflict or a negative one, 0
    for neither."""
    if kind == ACTOR_TOPIC:
        value = data.get("mean_stance", 0.0)
    elif kind == CONFLICT:
        value = -1.0
    else:
        value = data["weight"]
    return (value > 0) - (value < 0)


def _look(side: int, style: ChartStyle) -> tuple[LineStyle, str]:
    """The line style and colour of a side."""
    looks: dict[int, tuple[LineStyle, str]] = {
        1: ("-", POSITIVE_COLOUR),
        -1: ("--", NEGATIVE_COLOUR),
    }
    return looks.get(side, (":", style.muted))


def _scaled(values: Sequence[float], bounds: tuple[float, float]) -> list[float]:
    low, high = bounds
    top = max(values, default=0) or 1
    return [low + (high - low) * value / top for value in values]


def _legend(figure: Figure, kind: str, style: ChartStyle) -> None:
    handles = [_marker("o", ACTOR_COLOUR, "actor")]
    if kind == ACTOR_TOPIC:
        handles.append(_marker("s", TOPIC_COLOUR, "topic"))
    for side, label in LEGENDS[kind]:
        line_style, colour = _look(side, style)
        handles.append(Line2D([], [], linestyle=line_style, color=colour, label=label))
    shown = figure.legend(handles=handles, loc="outside lower center", ncols=len(handles),
                          fontsize=8, frameon=False)  # fmt: skip
    for text in shown.get_texts():
        text.set_color(style.foreground)


def _marker(marker: str, colour: str, label: str) -> Line2D:
    return Line2D([], [], linestyle="", marker=marker, color=colour, label=label, markersize=7)
