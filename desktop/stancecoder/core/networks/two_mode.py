"""The two-mode (affiliation) network of actors and topics: an edge where an actor took a
stance on a topic, weighted by the number of passages.

Node ids name their mode ("actor: Russia", "topic: Sanctions", as a co-occurrence table
names codes of two variables), since a codebook may give both variables a code of one
label ("Other"); the label is the code alone. `kind` says actor or topic in words and
`bipartite` as 0 or 1, the attribute networkx's bipartite functions read.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from statistics import fmean

import networkx as nx

from stancecoder.core.networks.statements import Statement

ACTOR, TOPIC = "actor", "topic"


def node_id(mode: str, label: str) -> str:
    return f"{mode}: {label}"


def actor_topic(statements: Sequence[Statement]) -> nx.Graph[str]:
    """Per actor and topic: `weight` (passages), `articles`, `positive`, `negative` and
    `neutral` passages, and where any passage has a stance, `mean_stance` over those
    (`rated` of them). A passage with two actors or two topics counts on each pair; one
    without an actor or a topic is in no pair and no node. Each node has its `passages`
    and `articles`."""
    pairs: dict[tuple[str, str], list[Statement]] = defaultdict(list)
    members: dict[tuple[str, str], list[Statement]] = defaultdict(list)
    for statement in statements:
        if not statement.actors or not statement.topics:
            continue
        for actor in statement.actors:
            members[(ACTOR, actor)].append(statement)
            for topic in statement.topics:
                pairs[(actor, topic)].append(statement)
        for topic in statement.topics:
            members[(TOPIC, topic)].append(statement)
    graph: nx.Graph[str] = nx.Graph()
    for (mode, label), found in members.items():
        graph.add_node(
            node_id(mode, label), label=label, kind=mode, bipartite=int(mode == TOPIC),
            passages=len(found), articles=len({s.article_id for s in found}),
        )  # fmt: skip
    for (actor, topic), found in pairs.items():
        graph.add_edge(node_id(ACTOR, actor), node_id(TOPIC, topic), **_edge(found))
    return graph


def _edge(found: Sequence[Statement]) -> dict[str, object]:
    stances = [s.stance for s in found if s.stance is not None]
    data: dict[str, object] = {
        "weight": len(found),
        "articles": len({s.article_id for s in found}),
        "positive": sum(1 for value in stances if value > 0),
        "negative": sum(1 for value in stances if value < 0),
        "neutral": sum(1 for value in stances if value == 0),
        "rated": len(stances),
    }
    if stances:  # no None in a file: an edge without a stance has no mean at all
        data["mean_stance"] = fmean(stances)
    return data
