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

import numpy as np


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
    articles: dict[Hashable, int] = {}
    for passage in passages:
        articles.setdefault(passage.article, len(articles))
    coders = sorted({p.coder for p in passages})
    number = {coder: i for i, coder in enumerate(coders)}
    found = match_columns(
        np.array([articles[p.article] for p in passages], dtype=np.int64),
        np.array([number[p.coder] for p in passages], dtype=np.int64),
        np.array([p.start for p in passages], dtype=np.int64),
        np.array([p.end for p in passages], dtype=np.int64),
        threshold,
    )
    return Matching(
        units=[
            {coders[c]: passages[p].key for c, p in enumerate(unit) if p >= 0}
            for unit in found.units.tolist()
        ],
        unmatched=[passages[p] for p in found.unmatched.tolist()],
    )


@dataclass(frozen=True)
class ColumnMatching:
    """`units` is units × coders (coder numbers as given): the position of each coder's
    passage, -1 where the unit has none; `unmatched` the positions left over, in order."""

    units: np.ndarray
    unmatched: np.ndarray


def match_columns(
    article: np.ndarray, coder: np.ndarray, start: np.ndarray, end: np.ndarray, threshold: float
) -> ColumnMatching:
    """The matching of passages given as columns (row i of each array is passage i; coders
    numbered in the order their pairs are taken, articles by any integer), with the rules
    above. Units are in the order of their first passage."""
    if not 0.0 < threshold <= 1.0:
        raise ValueError(f"the overlap threshold must be above 0 and at most 1, got {threshold}")
    n_coders = int(coder.max()) + 1 if len(coder) else 0
    first, second = _pairs(article, coder, start, end, threshold)
    units = _units(first, second, coder, len(coder), n_coders)
    used = np.zeros(len(coder), dtype=bool)
    used[units[units >= 0]] = True
    return ColumnMatching(units, np.flatnonzero(~used))


def _candidates(
    article: np.ndarray, coder: np.ndarray, start: np.ndarray, end: np.ndarray, threshold: float
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Every pair (i, j) of passages of one article by coders c_i < c_j whose overlap is at
    least `threshold` of their union, with that share."""
    n_coders = int(coder.max()) + 1
    group = article * n_coders + coder
    order = np.argsort(group, kind="stable")
    keys, first, sizes = np.unique(group[order], return_index=True, return_counts=True)
    empty = np.zeros(0, dtype=np.int64)
    mine, theirs, shares = [empty], [empty], [np.zeros(0)]
    for other in range(1, n_coders):  # a coder's candidates kept before the next are made
        lower = np.flatnonzero(coder < other)
        partner = article[lower] * n_coders + other
        where = np.searchsorted(keys, partner).clip(max=max(len(keys) - 1, 0))
        has = keys[where] == partner
        lower, where = lower[has], where[has]
        counts = sizes[where]
        i = np.repeat(lower, counts)
        offsets = np.arange(counts.sum()) - np.repeat(np.cumsum(counts) - counts, counts)
        j = order[np.repeat(first[where], counts) + offsets]
        common = np.minimum(end[i], end[j]) - np.maximum(start[i], start[j])
        union = np.maximum(end[i], end[j]) - np.minimum(start[i], start[j])
        share = np.where(common > 0, common / np.maximum(union, 1), 0.0)
        keep = share >= threshold - 1e-12
        mine.append(i[keep])
        theirs.append(j[keep])
        shares.append(share[keep])
    return np.concatenate(mine), np.concatenate(theirs), np.concatenate(shares)


def _pairs(
    article: np.ndarray, coder: np.ndarray, start: np.ndarray, end: np.ndarray, threshold: float
) -> tuple[np.ndarray, np.ndarray]:
    """The pairs chosen, in the order they are taken: article by article (in the order of
    their first passage), coder pair by coder pair, best overlap first within each, and a
    passage paired at most once with each other coder."""
    if not len(article):
        empty = np.zeros(0, dtype=np.int64)
        return empty, empty
    i, j, share = _candidates(article, coder, start, end, threshold)
    _, first_seen, article_rank = np.unique(article, return_index=True, return_inverse=True)
    rank = np.argsort(np.argsort(first_seen))[article_rank]
    order = np.lexsort((j, i, start[j], start[i], -share, coder[j], coder[i], rank[i]))
    i, j = i[order], j[order]
    n_coders = int(coder.max()) + 1
    # i may pair once with coder c_j, j once with coder c_i: one flag for each
    mine, theirs = i * n_coders + coder[j], j * n_coders + coder[i]
    size = len(article) * n_coders
    alone = (_count(mine, size) == 1) & (_count(theirs, size) == 1)  # no rival: always taken
    chosen = alone.copy()
    taken: set[int] = set()
    for k, a, b in zip(np.flatnonzero(~alone).tolist(), mine[~alone].tolist(),
                       theirs[~alone].tolist(), strict=True):  # fmt: skip
        if a not in taken and b not in taken:
            taken.update((a, b))
            chosen[k] = True
    return i[chosen], j[chosen]


def _count(keys: np.ndarray, size: int) -> np.ndarray:
    """How often each element's key (below `size`) occurs among all of them."""
    counts: np.ndarray = np.bincount(keys, minlength=size)[keys]
    return counts


def _units(
    first: np.ndarray, second: np.ndarray, coder: np.ndarray, n: int, n_coders: int
) -> np.ndarray:
    """Pairs joined into units while a unit holds one passage per coder; a chain that would
    hold two of one coder's passages stays as its pairs, each a unit."""
    component = np.arange(n)
    while True:  # each passage takes the smallest number of the passages it is paired with
        joined = component.copy()
        np.minimum.at(joined, first, component[second])
        np.minimum.at(joined, second, component[first])
        joined = joined[joined]
        if np.array_equal(joined, component):
            break
        component = joined
    in_pair = np.zeros(n, dtype=bool)
    in_pair[first] = in_pair[second] = True
    paired = np.flatnonzero(in_pair)
    owner = component[paired]
    per_coder = _count(owner * n_coders + coder[paired], n * n_coders)
    split = np.zeros(n, dtype=bool)
    split[owner[per_coder > 1]] = True
    pair_split = split[component[first]]
    whole = paired[~split[owner]]
    is_root = np.zeros(n, dtype=bool)
    is_root[component[whole]] = True
    number = np.cumsum(is_root) - 1  # the roots numbered in order
    chained = np.full((int(is_root.sum()), n_coders), -1, dtype=np.int64)
    chained[number[component[whole]], coder[whole]] = whole
    pairs = np.full((int(pair_split.sum()), n_coders), -1, dtype=np.int64)
    pairs[np.arange(len(pairs)), coder[first[pair_split]]] = first[pair_split]
    pairs[np.arange(len(pairs)), coder[second[pair_split]]] = second[pair_split]
    units = np.concatenate((chained, pairs))
    lowest = np.where(units >= 0, units, n).min(axis=1, initial=n)
    taken = np.concatenate((np.zeros(len(chained)), np.flatnonzero(pair_split)))
    return units[np.lexsort((taken, lowest))]
