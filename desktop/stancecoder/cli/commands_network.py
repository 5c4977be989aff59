"""`stancecoder network`: a stance network of one layer's codings for Gephi, igraph,
networkx or R: actor × topic, actors' agreement, conflict, or the two combined."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from stancecoder.cli.filter_options import add_filter_options, filters_of
from stancecoder.cli.parsing import add_command
from stancecoder.core.charts.data import PERIODS
from stancecoder.core.layer import Layer
from stancecoder.core.networks.statements import KINDS


def add_network_parser(commands: argparse._SubParsersAction) -> None:
    text = (
        "a stance network of one layer's codings, written as GEXF 1.3 (Gephi), GraphML "
        "(Gephi, igraph, networkx) or an edge list in CSV: actor-topic (two-mode, weighted "
        "by passages), agreement or conflict between actors on topics (normalised by "
        "average activity, as the Discourse Network Analyzer does), or actor-actor "
        "(agreement minus conflict)"
    )
    sub = add_command(commands, "network", text, network)
    sub.add_argument("project")
    sub.add_argument("--kind", required=True, choices=KINDS, help="which network")
    sub.add_argument("--out", type=Path, required=True, metavar="FILE.gexf|FILE.graphml|FILE.csv",
                     help="the file; its suffix names the format")  # fmt: skip
    sub.add_argument("--by", choices=PERIODS, help="one file per month or ISO week, "
                     "named FILE-2024-06.gexf, FILE-2024-W25.gexf, …")  # fmt: skip
    sub.add_argument(
        "--sub-codes", action="store_true", help="each sub-code apart, not rolled up to its code"
    )
    sub.add_argument("--actors", default="actor", metavar="VARIABLE",
                     help="the variable whose codes are the actors (default actor)")  # fmt: skip
    sub.add_argument("--topics", default="topic", metavar="VARIABLE",
                     help="the variable whose codes are the topics (default topic)")  # fmt: skip
    layer = sub.add_mutually_exclusive_group()
    layer.add_argument("--coder", metavar="NAME", help="this coder's codings")
    layer.add_argument("--consensus", action="store_true", help="the adjudicated consensus")
    add_filter_options(sub)


def network(args: argparse.Namespace) -> int:
    # networkx is imported with the services of networks: only when a network is asked for
    from stancecoder.services.networks import (
        check_network_path,
        save_networks,
        stance_networks,
    )
    from stancecoder.services.project import open_project

    check_network_path(args.out)
    layer = (
        Layer.of_coder(args.coder) if args.coder is not None
        else Layer.consensus() if args.consensus
        else None
    )  # fmt: skip
    with open_project(args.project) as project:
        found = stance_networks(
            project, args.kind, layer, filters_of(args), args.by, args.sub_codes,
            args.actors, args.topics,
        )  # fmt: skip
        paths = save_networks(project, found, args.out)
    for path, one in zip(paths, found.networks, strict=True):
        print(f"wrote {path}: {one.title} ({one.summary})")
        for note in one.notes:
            print(note, file=sys.stderr)
    for note in found.notes:
        print(note, file=sys.stderr)
    return 0
