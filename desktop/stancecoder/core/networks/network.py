"""A network of one layer's codings, whole or for one period, with what it says about
itself: the kind, the layer, the period and how many passages it rests on."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

import networkx as nx

from stancecoder.core.charts.data import PERIODS
from stancecoder.core.errors import ValidationError
from stancecoder.core.networks.one_mode import actor_network
from stancecoder.core.networks.statements import ACTOR_TOPIC, KIND_TITLES, KINDS, Statement
from stancecoder.core.networks.two_mode import actor_topic
from stancecoder.core.periods import period_of
from stancecoder.core.wording import counted


@dataclass(frozen=True)
class Network:
    kind: str
    layer: str
    """The layer's words: "consensus", "Alice's codings"."""
    period: str | None
    """"2024-06", "2024-W25", or None for every date the filters let in."""
    graph: nx.Graph[str]
    passages: int
    """The passages with an actor and a topic, each once, that the network rests on."""
    notes: tuple[str, ...] = ()

    @property
    def title(self) -> str:
        when = f", {self.period}" if self.period else ""
        return f"{KIND_TITLES[self.kind].capitalize()} network{when} — {self.layer}"

    @property
    def summary(self) -> str:
        g = self.graph
        nodes, edges = counted(g.number_of_nodes(), "node"), counted(g.number_of_edges(), "edge")
        return f"{nodes}, {edges}, {counted(self.passages, 'passage')}"


def check_kind(kind: str) -> None:
    if kind not in KINDS:
        raise ValidationError(f"unknown network {kind!r} (choose {', '.join(KINDS)})")


def build(
    kind: str,
    statements: Sequence[Statement],
    layer: str,
    topic_order: Sequence[str] | None = None,
    period: str | None = None,
) -> Network:
    """The `kind` network of `statements`; those without an actor or a topic are left out
    and said so in a note."""
    check_kind(kind)
    used = [s for s in statements if s.actors and s.topics]
    graph = actor_topic(used) if kind == ACTOR_TOPIC else actor_network(used, kind, topic_order)
    left_out = len(statements) - len(used)
    notes = (f"{counted(left_out, 'passage')} without an actor or a topic left out",)
    return Network(kind, layer, period, graph, len(used), notes if left_out else ())


def by_period(
    statements: Sequence[Statement], by: str
) -> tuple[list[tuple[str, list[Statement]]], int]:
    """The statements of each calendar month or ISO week, in time order, and how many had
    no date precise enough for one."""
    if by not in PERIODS:
        raise ValidationError(f"unknown period {by!r} (choose {' or '.join(PERIODS)})")
    found: dict[tuple[date, str], list[Statement]] = defaultdict(list)
    undated = 0
    for statement in statements:
        period = period_of(statement.published, by)
        if period is None:
            undated += 1
            continue
        name, first = period
        found[(first, name)].append(statement)
    return [(name, found[(first, name)]) for first, name in sorted(found)], undated
