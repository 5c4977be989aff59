"""A network written for Gephi, igraph, networkx and R: GEXF 1.3, GraphML, or an edge list
in CSV, chosen by the file's suffix, each whole or not at all.

Every attribute is a plain number or string, never None and never a list (lists are
joined with "; " before they get here), so the three programs read every file with the
same types; the GraphML has no yEd or visone extensions, which Gephi refuses.
"""

from __future__ import annotations

from pathlib import Path
from xml.etree.ElementTree import SubElement

import networkx as nx
from networkx.readwrite.gexf import GEXFWriter

from stancecoder.core.networks.network import Network
from stancecoder.io.atomic_files import atomic_output
from stancecoder.io.csv_writer import write_csv
from stancecoder.io.sheets import Column, ColumnKind, blamed_on

GEXF_VERSION = "1.3"
XML_SCHEMA_INSTANCE = "http://www.w3.org/2001/XMLSchema-instance"
CREATOR = "StanceCoder"


def write_network(network: Network, path: Path) -> None:
    """`network` to `path`, in the format its suffix names (.gexf, .graphml or .csv); the
    caller checks the suffix and the target first."""
    path = Path(path)
    graph = _described(network)
    suffix = path.suffix.lower()
    if suffix == ".csv":
        write_edge_list(network, path)
        return
    with atomic_output(path) as temporary, blamed_on(path):
        if suffix == ".gexf":
            _write_gexf(graph, temporary)
        else:
            nx.write_graphml(graph, temporary)


def write_edge_list(network: Network, path: Path) -> int:
    """One row per edge: its two nodes (the actor first in an actor × topic network), its
    weight and every other attribute it has, then the layer and the period; returns the
    rows written."""
    graph = network.graph
    edges = [
        (target, source, data) if graph.nodes[source].get("bipartite") else (source, target, data)
        for source, target, data in graph.edges(data=True)
    ]
    names = ["weight", *sorted({key for *_, data in edges for key in data} - {"weight"})]
    columns = [Column(name, _kind(name, edges)) for name in ("source", "target", *names)]
    columns += [Column("layer"), Column("period")]
    rows = (
        [source, target, *(data.get(name) for name in names), network.layer, network.period]
        for source, target, data in edges
    )
    return write_csv(path, columns, rows)


def _kind(name: str, edges: list[tuple[str, str, dict[str, object]]]) -> ColumnKind:
    values = [data[name] for *_, data in edges if name in data]
    if values and all(isinstance(v, int) for v in values):
        return "int"
    if values and all(isinstance(v, int | float) for v in values):
        return "float"
    return "text"


def _described(network: Network) -> nx.Graph[str]:
    """The graph with its title, kind, layer and period as graph attributes."""
    graph = network.graph.copy()
    graph.graph.update(name=network.title, kind=network.kind, layer=network.layer)
    if network.period is not None:
        graph.graph["period"] = network.period
    return graph


class _Gexf13Writer(GEXFWriter):
    """networkx's GEXF 1.3 with the XML Schema instance namespace spelt right (networkx
    3.6 drops its "www.", so a validating reader sees an unknown attribute) and this
    program named as its creator."""

    def set_version(self, version: str) -> None:
        super().set_version(version)
        self.NS_XSI = XML_SCHEMA_INSTANCE


def _write_gexf(graph: nx.Graph[str], path: Path) -> None:
    """The title goes in the meta's description: GEXF 1.3's graph has no name."""
    writer = _Gexf13Writer(version=GEXF_VERSION)
    meta = writer.xml.find("meta")
    assert meta is not None  # the writer makes it first
    meta.find("creator").text = CREATOR
    SubElement(meta, "description").text = graph.graph["name"]
    writer.add_graph(graph)
    writer.graph_element.attrib.pop("name", None)
    writer.write(path)
