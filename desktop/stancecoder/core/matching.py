"""Pairing the passages of different coders that mark the same stretch of an article.

Two passages match when they are the same span, or when their overlap is at least
`threshold` of their union (the Jaccard share, so a short passage inside a long one does
not count as the same passage). Within each pair of coders the best-overlapping candidates
are paired first and every passage is used at most once, so a coder who split a passage in
two gets one match and one unmatched passage, not two matches.
Pairs chain into units across coders (A–B and B–C make one unit A, B, C) as long as a
unit holds at most one passage per coder; otherwise each pair stays a unit of its own.
"""

from __future__ import annotations

from collections.abc import Hashable, Sequence
from dataclasses import dataclass
from itertools import combinations


@dataclass(frozen=True)
class Marked:
    """A passage as matching sees it: who marked which span of which article."""

    key: Hashable
    coder: str
    article: Hashable
    start: int
    end: int


@dataclass(frozen=True)
class Matching:
    """`units` map each coder to the key of their passage; `unmatched` are left over."""

    units: list[dict[str, Hashable]]
    unmatched: list[Marked]


def overlap_share(a: Marked, b: Marked) -> float:
    common = min(a.end, b.end) - max(a.start, b.start)
    if common <= 0:
        return 0.0
    return common / (max(a.end, b.end) - min(a.start, b.start))


def match_passages(passages: Sequence[Marked], threshold: float = 0.5) -> Matching:
    """Threshold 1.0 asks for exact spans; any share in (0, 1] is allowed."""
    if not 0.0 < threshold <= 1.0:
        raise ValueError(f"the overlap threshold must be above 0 and at most 1, got {threshold}")
    pairs = _pairs(passages, threshold)
    order = {id(p): i for i, p in enumerate(passages)}
    units = sorted(_units(pairs), key=lambda unit: min(order[id(p)] for p in unit))
    used = {id(p) for unit in units for p in unit}
    return Matching(
        units=[{p.coder: p.key for p in unit} for unit in units],
        unmatched=[p for p in passages if id(p) not in used],
    )


def _pairs(passages: Sequence[Marked], threshold: float) -> list[tuple[Marked, Marked]]:
    groups: dict[tuple[Hashable, str], list[Marked]] = {}
    for passage in passages:
        groups.setdefault((passage.article, passage.coder), []).append(passage)
    articles: dict[Hashable, list[str]] = {}
    for article, coder in groups:
        articles.setdefault(article, []).append(coder)
    chosen = []
    for article, coders in articles.items():
        for first, second in combinations(sorted(coders), 2):
            chosen += _greedy(groups[article, first], groups[article, second], threshold)
    return chosen


def _greedy(
    mine: list[Marked], theirs: list[Marked], threshold: float
) -> list[tuple[Marked, Marked]]:
    candidates = []
    for i, a in enumerate(mine):
        for j, b in enumerate(theirs):
            share = overlap_share(a, b)
            if share >= threshold - 1e-12:
                candidates.append((-share, a.start, b.start, i, j))
    candidates.sort()
    taken_a: set[int] = set()
    taken_b: set[int] = set()
    pairs = []
    for _, _, _, i, j in candidates:
        if i not in taken_a and j not in taken_b:
            taken_a.add(i)
            taken_b.add(j)
            pairs.append((mine[i], theirs[j]))
    return pairs


def _units(pairs: list[tuple[Marked, Marked]]) -> list[list[Marked]]:
    parent: dict[int, int] = {}
    members: dict[int, Marked] = {}

    def root(x: int) -> int:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for a, b in pairs:
        for p in (a, b):
            parent.setdefault(id(p), id(p))
            members[id(p)] = p
        parent[root(id(a))] = root(id(b))
    components: dict[int, list[Marked]] = {}
    for key, passage in members.items():
        components.setdefault(root(key), []).append(passage)
    own_pairs: dict[int, list[tuple[Marked, Marked]]] = {}  # a component's pairs, in order
    for a, b in pairs:
        own_pairs.setdefault(root(id(a)), []).append((a, b))
    units: list[list[Marked]] = []
    for top, component in components.items():
        coders = [p.coder for p in component]
        if len(set(coders)) == len(coders):
            units.append(sorted(component, key=lambda p: p.coder))
        else:
            units += [[a, b] for a, b in own_pairs[top]]
    return units
