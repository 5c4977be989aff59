"""Passages as several coders would mark them on the same articles.

Each article gets a few "sites" (a sentence or two worth coding) with the codes a careful
coder would give. Each coder then codes a site the same way (same span and codes, as in
a well-trained team), with a shifted boundary, with another topic or a neighbouring
stance, or not at all. Totals are exact: `passage_counts` shares the passages asked for
among the articles, and every article gets exactly its share.
"""

from __future__ import annotations

import math
import random
from collections.abc import Sequence
from dataclasses import dataclass

HEAVY_SHARE = 50
"""Passages of a "heavy" article: the reader shows this many highlights at once."""
HEAVY_EVERY = 100
"""One article in this many is heavy (at least one when the passages allow)."""
UNCODED_SHARE = 0.1


@dataclass(frozen=True)
class CodePools:
    """Code ids to draw from, per passage variable; stance ordered from −2 to +2."""

    actors: Sequence[int]
    topics: Sequence[int]
    stances: Sequence[int]


@dataclass(frozen=True)
class PlannedPassage:
    coder: int  # index into the project's coders
    start: int
    end: int
    actor: int
    topic: int
    stance: int | None
    memo: str


def passage_counts(articles: int, passages: int, seed: int) -> list[int]:
    """How many passages each article gets, summing to exactly `passages`.

    One article in HEAVY_EVERY gets HEAVY_SHARE; a tenth of the others none (not coded
    yet); the rest share what is left in proportion to random weights.
    """
    if articles < 1 or passages < 0:
        raise ValueError("need at least one article and a non-negative number of passages")
    rng = random.Random(seed)
    heavy = min(max(1, articles // HEAVY_EVERY), passages // HEAVY_SHARE, articles - 1)
    step = articles // heavy if heavy else 0
    counts = [0] * articles
    heavy_rows = set(range(0, step * heavy, step)) if heavy else set()
    for row in heavy_rows:
        counts[row] = HEAVY_SHARE
    rest = passages - heavy * HEAVY_SHARE
    others = [row for row in range(articles) if row not in heavy_rows]
    weights = {
        row: 0.0 if rng.random() < UNCODED_SHARE else rng.uniform(0.3, 1.7) for row in others
    }
    if rest and not any(weights.values()):
        weights = dict.fromkeys(others, 1.0)
    total = sum(weights.values())
    shares = {row: rest * weight / total for row, weight in weights.items()} if rest else {}
    for row, share in shares.items():
        counts[row] = math.floor(share)
    leftover = rest - sum(counts[row] for row in others)
    by_remainder = sorted(shares, key=lambda row: shares[row] - math.floor(shares[row]))
    for row in reversed(by_remainder[-leftover:] if leftover else []):
        counts[row] += 1
    return counts


def plan_passages(
    rng: random.Random,
    text: str,
    sentences: Sequence[tuple[int, int]],
    count: int,
    coders: int,
    pools: CodePools,
) -> list[PlannedPassage]:
    """Exactly `count` passages on this article by `coders` coders, in reading order."""
    if count == 0:
        return []
    sites = max(1, min(len(sentences), math.ceil(count / (coders * 0.8))))
    chosen = sorted(rng.sample(range(len(sentences)), sites))
    planned: list[PlannedPassage] = []
    while len(planned) < count:
        for index in chosen:
            start, end = sentences[index]
            if rng.random() < 0.2 and index + 1 < len(sentences):
                end = sentences[index + 1][1]
            truth = (rng.choice(pools.actors), rng.choice(pools.topics), _stance(rng, pools))
            for coder in range(coders):
                variant = _variant(rng, text, start, end, truth, coder, pools)
                if variant is not None:
                    planned.append(variant)
    kept = sorted(rng.sample(range(len(planned)), count))
    return sorted((planned[i] for i in kept), key=lambda p: (p.start, p.end, p.coder))


def _stance(rng: random.Random, pools: CodePools) -> int | None:
    if rng.random() < 0.05:
        return None  # the coder left the stance open
    return rng.choices(pools.stances, weights=[15, 25, 30, 20, 10][: len(pools.stances)])[0]


def _variant(
    rng: random.Random,
    text: str,
    start: int,
    end: int,
    truth: tuple[int, int, int | None],
    coder: int,
    pools: CodePools,
) -> PlannedPassage | None:
    """How one coder codes a site: mostly as the others do, sometimes not quite."""
    actor, topic, stance = truth
    roll = rng.random()
    if roll < 0.1:
        return None
    if roll < 0.3:
        start, end = _shifted(rng, text, start, end)
    elif roll < 0.4:
        topic = rng.choice(pools.topics)
    elif roll < 0.5 and stance is not None:
        position = pools.stances.index(stance) + rng.choice((-1, 1))
        stance = pools.stances[min(max(position, 0), len(pools.stances) - 1)]
    memo = "check the translation" if rng.random() < 0.02 else ""
    return PlannedPassage(coder, start, end, actor, topic, stance, memo)


def _shifted(rng: random.Random, text: str, start: int, end: int) -> tuple[int, int]:
    """Drop the first word, or the last one, as a hurried coder's selection would."""
    inner = text[start:end]
    if rng.random() < 0.5:
        cut = inner.find(" ")
        return (start + cut + 1, end) if 0 < cut < len(inner) - 1 else (start, end)
    cut = inner.rfind(" ")
    return (start, start + cut) if cut > 0 else (start, end)
