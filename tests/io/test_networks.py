"""The network files read back as their users' programs read them: GEXF 1.3 and GraphML
by networkx with every attribute and its type, the GraphML by igraph, the edge list by
pandas; the GEXF's namespace, version and attribute types checked against GEXF 1.3; and
the picture's nodes, lines and line styles read back from its Axes."""

from __future__ import annotations

from pathlib import Path

import defusedxml.ElementTree as SafeTree
import igraph
import networkx as nx
import pandas as pd
import pytest
from matplotlib.collections import LineCollection, PathCollection
from matplotlib.figure import Figure

from stancecoder.core.networks.network import Network, build
from stancecoder.core.networks.statements import Statement
from stancecoder.io.charts.network import draw_network
from stancecoder.io.charts.style import DARK, LIGHT
from stancecoder.io.networks import write_network

GEXF_13 = "http://gexf.net/1.3"
XSI = "http://www.w3.org/2001/XMLSchema-instance"
# the attribute types GEXF 1.3's schema allows (gexf.xsd, attrtype-type)
GEXF_TYPES = {"integer", "long", "double", "float", "boolean", "liststring", "string", "anyURI"}

STATEMENTS = [
    Statement(1, 1, "2024-06-03", ("Russia",), ("Sanctions",), 2.0),
    Statement(2, 1, "2024-06-03", ("Other",), ("Sanctions",), -1.0),
    Statement(3, 2, "2024-06-20", ("Russia",), ("Other",), None),
    Statement(4, 2, "2024-06-20", ("Other",), ("Other",), -2.0),
    Statement(5, 2, "2024-06-20", ("Russia",), (), 1.0),
]


def network(kind: str) -> Network:
    return build(kind, STATEMENTS, "Alice's codings", ["Sanctions", "Other"], "2024-06")


@pytest.mark.parametrize("suffix", [".gexf", ".graphml"])
def test_networkx_reads_back_every_attribute(tmp_path: Path, suffix: str) -> None:
    for kind in ("actor-topic", "actor-actor"):
        made = network(kind).graph
        path = tmp_path / f"{kind}{suffix}"
        write_network(network(kind), path)
        read = nx.read_gexf(path, version="1.3") if suffix == ".gexf" else nx.read_graphml(path)
        assert set(read.nodes) == set(made.nodes)
        for node, data in made.nodes(data=True):
            assert read.nodes[node] == data
        assert read.number_of_edges() == made.number_of_edges()
        for u, v, data in made.edges(data=True):
            found = dict(read.edges[u, v])
            found.pop("id", None)  # GEXF gives each edge an id
            assert found == pytest.approx(data)
            assert {type(found[k]) for k in data if k != "weight"} <= {int, float, str}


def test_a_label_of_both_modes_stays_two_nodes(tmp_path: Path) -> None:
    write_network(network("actor-topic"), tmp_path / "two.graphml")
    read = nx.read_graphml(tmp_path / "two.graphml")
    assert read.nodes["actor: Other"]["kind"] == "actor"
    assert read.nodes["topic: Other"]["kind"] == "topic"
    assert read.nodes["topic: Other"]["label"] == "Other"
    # the passage without a topic is in no node: Russia has two passages, not three
    assert read.nodes["actor: Russia"]["passages"] == 2


def test_igraph_reads_the_graphml(tmp_path: Path) -> None:
    write_network(network("actor-topic"), tmp_path / "net.graphml")
    graph = igraph.Graph.Read_GraphML(str(tmp_path / "net.graphml"))
    assert not graph.is_directed()
    assert sorted(graph.vs["label"]) == ["Other", "Other", "Russia", "Sanctions"]
    assert sorted(graph.vs["bipartite"]) == [0, 0, 1, 1]
    edge = graph.es[graph.get_eid(graph.vs.find(id="actor: Russia").index,
                                  graph.vs.find(id="topic: Sanctions").index)]  # fmt: skip
    assert (edge["weight"], edge["mean_stance"], edge["positive"]) == (1, 2.0, 1)
    assert graph["name"] == "Actor × topic network, 2024-06 — Alice's codings"


def test_the_gexf_is_version_1_3(tmp_path: Path) -> None:
    write_network(network("actor-actor"), tmp_path / "net.gexf")
    root = SafeTree.parse(tmp_path / "net.gexf").getroot()
    assert root.tag == f"{{{GEXF_13}}}gexf" and root.get("version") == "1.3"
    assert root.get(f"{{{XSI}}}schemaLocation").startswith(GEXF_13 + " ")
    assert all(element.tag.startswith(f"{{{GEXF_13}}}") for element in root.iter())
    graph = root.find(f"{{{GEXF_13}}}graph")
    assert set(graph.attrib) <= {"defaultedgetype", "idtype", "mode"}  # 1.3 has no name
    types = {a.get("type") for a in root.iter(f"{{{GEXF_13}}}attribute")}
    assert types and types <= GEXF_TYPES
    assert root.find(f"{{{GEXF_13}}}meta/{{{GEXF_13}}}description").text == (
        "Actor agreement minus conflict network, 2024-06 — Alice's codings"
    )


def test_the_edge_list_puts_the_actor_first(tmp_path: Path) -> None:
    write_network(network("actor-topic"), tmp_path / "net.csv")
    table = pd.read_csv(tmp_path / "net.csv", encoding="utf-8-sig")
    assert list(table.columns[:3]) == ["source", "target", "weight"]
    assert table["source"].str.startswith("actor: ").all()
    assert table["target"].str.startswith("topic: ").all()
    assert set(table["layer"]) == {"Alice's codings"} and set(table["period"]) == {"2024-06"}
    row = table.set_index(["source", "target"]).loc[("actor: Russia", "topic: Other")]
    assert row["weight"] == 1 and pd.isna(row["mean_stance"])  # no stance: an empty field


@pytest.mark.parametrize("style", [LIGHT, DARK])
def test_the_picture_draws_each_node_and_edge(style) -> None:
    figure = Figure()
    draw_network(figure, network("actor-topic"), style)
    axes = figure.axes[0]
    points = sum(len(c.get_offsets()) for c in axes.collections if isinstance(c, PathCollection))
    assert points == 4
    lines = [c for c in axes.collections if isinstance(c, LineCollection)]
    assert sum(len(c.get_segments()) for c in lines) == 4
    # positive solid, negative dashed, no stance dotted: told apart without colour
    assert len({str(c.get_linestyle()) for c in lines}) == 3
    labels = {t.get_text() for t in axes.texts}
    assert labels == {"Russia", "Other", "Sanctions"}
    assert figure.get_facecolor()[:3] == pytest.approx(
        tuple(int(style.background[i : i + 2], 16) / 255 for i in (1, 3, 5))
    )


# two actors on topics of their own: two stars that share no edge
STARS = [("Russia", "Sanctions"), ("Russia", "Trade"), ("Russia", "Energy"),
         ("Other", "Treaty"), ("Other", "Talks")]  # fmt: skip


def drawn_stars() -> tuple[Figure, dict[str, tuple[float, float]]]:
    """The stars drawn, and each node's place by its name, read from the annotation that
    names it."""
    statements = [Statement(n, n, "2024-06-03", (actor,), (topic,), 1.0)
                  for n, (actor, topic) in enumerate(STARS)]  # fmt: skip
    figure = Figure()
    draw_network(figure, build("actor-topic", statements, "Alice's codings", None, None), LIGHT)
    return figure, {t.get_text(): tuple(t.xy) for t in figure.axes[0].texts}


def test_parts_sharing_no_edge_are_drawn_near_one_another() -> None:
    """The stars' gap is no wider than their own edges are long, rather than the corners
    of the picture with edges a few points long."""
    _, at = drawn_stars()

    def apart(a: str, b: str) -> float:
        return float(((at[a][0] - at[b][0]) ** 2 + (at[a][1] - at[b][1]) ** 2) ** 0.5)

    longest = max(apart(actor, topic) for actor, topic in STARS)
    gap = min(apart(a, b) for a in ("Russia", "Sanctions", "Trade", "Energy")
              for b in ("Other", "Treaty", "Talks"))  # fmt: skip
    assert gap < 2 * longest


def test_a_name_lies_away_from_its_edge_and_stays_legible_over_lines() -> None:
    figure, at = drawn_stars()
    for text in figure.axes[0].texts:
        assert text.get_path_effects(), "no halo: a line crossing the name hides it"
    for actor, topic in STARS:  # a topic has one edge: its name is on the far side
        away = (at[topic][0] - at[actor][0], at[topic][1] - at[actor][1])
        offset = next(t.xyann for t in figure.axes[0].texts if t.get_text() == topic)
        assert away[0] * offset[0] + away[1] * offset[1] > 0, topic
