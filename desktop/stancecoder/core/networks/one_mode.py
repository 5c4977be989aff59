"""One-mode actor networks: agreement (congruence), conflict, and the two combined, as the
Discourse Network Analyzer builds them (P. Leifeld, J. Gruber and F. R. Bossner,
*Discourse Network Analyzer Manual*, ch. 2, "Methods for Network Construction", sections
on congruence, conflict, the subtract method and average activity normalisation; P.
Leifeld, "Discourse network analysis", in *The Oxford Handbook of Political Networks*,
2017).

The qualifier is the stance's sign (`statements.sign_of`), a binary k ∈ {+, −}, and
x_ijk = 1 where actor i took sign k on topic j in at least one passage: as in DNA with
duplicate statements left out, so a weight counts topics, not how often they were said.

- agreement (congruence): ω⁺(i, i') = Σ_j Σ_k x_ijk · x_i'jk, the topics on which both
  took the same side;
- conflict: ω⁻(i, i') = Σ_j Σ_{k ≠ k'} x_ijk · x_i'jk', the topics on which they took
  opposite sides;
- average activity normalisation divides each by the two actors' mean activity,
  Φ(ω) = ω / (½ (a_i + a_i')) with a_i = Σ_j Σ_k x_ijk, so that actors who speak on
  many topics do not sit in the middle of the network only for their verbosity;
- actor-actor is DNA's subtract method, y⁺ − y⁻ of the normalised weights: positive
  where two actors agree on more than they disagree, negative where conflict prevails,
  0 where the two balance (such an edge is kept, since the two actors did meet).

An actor who took both sides of one topic counts that topic once on each side: it agrees
and disagrees with an actor who took either side. Actors with no signed passage (only
neutral ones) have no activity and are left out.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from itertools import combinations

import networkx as nx

from stancecoder.core.crosstab import ordered
from stancecoder.core.networks.statements import (
    ACTOR_ACTOR,
    AGREEMENT,
    CONFLICT,
    LIST_SEPARATOR,
    Sign,
    Statement,
    sign_of,
)


def actor_network(
    statements: Sequence[Statement], kind: str, topic_order: Sequence[str] | None = None
) -> nx.Graph[str]:
    """The `kind` (agreement, conflict or actor-actor) network of the actors in
    `statements`. Edges carry `weight` (normalised), the unnormalised count and the topics
    behind it in `topic_order` (the codebook's), joined by "; "."""
    sides: dict[str, dict[str, set[Sign]]] = defaultdict(lambda: defaultdict(set))
    passages: dict[str, set[int]] = defaultdict(set)
    for statement in statements:
        sign = sign_of(statement.stance)
        if sign is None or not statement.topics:
            continue
        for actor in statement.actors:
            passages[actor].add(statement.passage_id)
            for topic in statement.topics:
                sides[actor][topic].add(sign)
    activity = {actor: sum(map(len, topics.values())) for actor, topics in sides.items()}
    graph: nx.Graph[str] = nx.Graph()
    for actor in sorted(sides):
        graph.add_node(
            actor, label=actor, kind="actor", activity=activity[actor],
            topic_count=len(sides[actor]), passages=len(passages[actor]),
        )  # fmt: skip
    for first, second in combinations(sorted(sides), 2):
        same, opposite = _compare(sides[first], sides[second])
        if not same and not opposite:
            continue
        mean_activity = (activity[first] + activity[second]) / 2
        agree, conflict = len(same) / mean_activity, len(opposite) / mean_activity
        if kind == AGREEMENT and same:
            graph.add_edge(first, second, weight=agree, count=len(same),
                           topics=_listed(same, topic_order))  # fmt: skip
        elif kind == CONFLICT and opposite:
            graph.add_edge(first, second, weight=conflict, count=len(opposite),
                           topics=_listed(opposite, topic_order))  # fmt: skip
        elif kind == ACTOR_ACTOR:
            graph.add_edge(
                first, second, weight=agree - conflict, agreement=agree, conflict=conflict,
                agreement_count=len(same), conflict_count=len(opposite),
                agreement_topics=_listed(same, topic_order),
                conflict_topics=_listed(opposite, topic_order),
            )  # fmt: skip
    return graph


def _compare(one: dict[str, set[Sign]], other: dict[str, set[Sign]]) -> tuple[list[str], list[str]]:
    """Each shared topic once per pair of sides that match (agreement) or differ
    (conflict): the terms of DNA's sums that are 1."""
    same: list[str] = []
    opposite: list[str] = []
    for topic in one.keys() & other.keys():
        for side in one[topic]:
            for other_side in other[topic]:
                (same if side == other_side else opposite).append(topic)
    return same, opposite


def _listed(topics: list[str], order: Sequence[str] | None) -> str:
    return LIST_SEPARATOR.join(ordered(set(topics), order))
