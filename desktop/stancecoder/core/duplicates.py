"""Copies of one story among the articles: normalised text, word shingles, how alike two
texts are, and the clusters they fall into.

News databases deliver one story many times: the same article in overlapping downloads,
an agency's text reprinted by many outlets under their own header, a shortened print
version, an updated version with a new lead paragraph. Two measures on the sets of word
5-grams tell them apart from different stories: Jaccard (shared / all) finds copies of
about the same length, and containment (shared / the smaller set) finds a shortened or
extended version, whose Jaccard falls with the share cut or added while nearly all of the
shorter text still lies in the longer one. Edit distance relative to length misses those
(a copy cut to 60 % is 0.4 apart), which is why containment is used.

Clusters are the connected pairs (union-find), each cut to the members alike to its
centre, the member alike to most others (the original a wire service's versions were made
from): a member alike only to another member is clustered again with the rest, so a chain
of partial overlaps never joins two different stories.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt
import xxhash

SHINGLE_WORDS = 5
JACCARD = 0.5  # about the same text: wire copies with a new header or a few words edited
CONTAINMENT = 0.8  # nearly all of the shorter text lies in the longer one
MIN_CONTAINED = 20  # shingles a text needs before containment alone may join it: a short
# item (a headline, a two-line brief) lies in many longer texts by chance
KEPT_RULE = "the longest text, then the earliest date, then the first imported"

_NOT_WORD = re.compile(r"[\W_]+")
# an agency's dateline before the text: "BERLIN (dpa) -", "(Example Press) —", "LONDON, May 2
# (Reuters) -"; one outlet prints it and another not, and it says nothing of the story
_DATELINE = re.compile(r"^\s*[^\n()]{0,60}\([^()\n]{1,40}\)\s*[-–—:]+\s*")
_BYLINE = re.compile(r"^\s*(by|von|par|de)\s+[^\n]{1,80}\n", re.IGNORECASE)


def normalise(text: str) -> str:
    """The words of a text as a comparison sees them: case, quotes, punctuation, spacing,
    compatibility forms and a leading byline or agency dateline do not count."""
    text = unicodedata.normalize("NFKC", text)
    text = _BYLINE.sub("", text, count=1)
    text = _DATELINE.sub("", text, count=1)
    text = text.casefold()  # quotes of every kind go with the other punctuation
    return " ".join(_NOT_WORD.sub(" ", text).split())


def text_key(normalised: str) -> str:
    """Equal for texts equal after `normalise`: the exact copies."""
    return xxhash.xxh3_128_hexdigest(normalised.encode("utf-8"))


Shingles = npt.NDArray[np.uint32]
"""A text's shingles: sorted, each once."""


def shingles(normalised: str, size: int = SHINGLE_WORDS) -> Shingles:
    """The text's runs of `size` words, each as a 32-bit hash (the form MinHash takes); a
    text shorter than one run is one shingle of all its words. Each word is hashed once
    and a run's hash combined from its words' at once for the whole text: a tenth of the
    time of hashing every run's string."""
    words = normalised.split()
    if not words:
        return np.empty(0, dtype=np.uint32)
    digest = xxhash.xxh32_intdigest
    hashes = np.fromiter((digest(word.encode()) for word in words), np.uint64, len(words))
    runs = max(len(words) - size + 1, 1)
    combined = np.zeros(runs, dtype=np.uint64)
    for offset, factor in enumerate(_FACTORS[: min(size, len(words))]):
        combined = combined * factor + hashes[offset : offset + runs]  # wraps at 2**64
    combined ^= combined >> np.uint64(29)
    return np.unique((combined & np.uint64(0xFFFFFFFF)).astype(np.uint32))


_FACTORS = np.array([0x9E3779B97F4A7C15, 0xC2B2AE3D27D4EB4F, 0x165667B19E3779F9,
                     0xD6E8FEB86659FD93, 0xFF51AFD7ED558CCD], dtype=np.uint64)  # fmt: skip
"""Odd 64-bit constants (golden ratio, MurmurHash's and xxHash's primes) that spread a
run's word hashes, so a run and its words in another order differ."""


def shared_count(a: Shingles, b: Shingles) -> int:
    return len(np.intersect1d(a, b, assume_unique=True))


@dataclass(frozen=True)
class Similarity:
    jaccard: float
    containment: float


def similarity(a: Shingles, b: Shingles) -> Similarity:
    return similarity_of(shared_count(a, b), len(a), len(b))


def similarity_of(shared: int, size_a: int, size_b: int) -> Similarity:
    """The measures from the shingles two texts share and the sizes of their sets."""
    if not size_a or not size_b:
        return Similarity(0.0, 0.0)
    return Similarity(shared / (size_a + size_b - shared), shared / min(size_a, size_b))


def alike(
    a: Shingles,
    b: Shingles,
    jaccard: float = JACCARD,
    containment: float = CONTAINMENT,
) -> bool:
    return alike_by_counts(shared_count(a, b), len(a), len(b), jaccard, containment)


def alike_by_counts(
    shared: int,
    size_a: int,
    size_b: int,
    jaccard: float = JACCARD,
    containment: float = CONTAINMENT,
) -> bool:
    """Copies of one story: about the same text, or nearly all of the shorter (of at least
    `MIN_CONTAINED` shingles) within the longer."""
    found = similarity_of(shared, size_a, size_b)
    if found.jaccard >= jaccard:
        return True
    return min(size_a, size_b) >= MIN_CONTAINED and found.containment >= containment


@dataclass(frozen=True)
class Item:
    """An article as the clustering needs it."""

    id: int
    length: int  # characters of its text
    published: str | None  # ISO date, possibly partial


def keep_order(item: Item) -> tuple[int, str, int]:
    """Sorts the copy to keep first (`KEPT_RULE`): the longest holds every shorter version's
    words, so coding it loses nothing; an undated copy comes after a dated one."""
    return (-item.length, item.published or "\uffff", item.id)


class UnionFind:
    def __init__(self, ids: Iterable[int]) -> None:
        self.parent = {i: i for i in ids}

    def find(self, i: int) -> int:
        root = i
        while self.parent[root] != root:
            root = self.parent[root]
        while self.parent[i] != root:  # path compression
            self.parent[i], i = root, self.parent[i]
        return root

    def union(self, a: int, b: int) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            self.parent[max(ra, rb)] = min(ra, rb)

    def groups(self) -> list[list[int]]:
        found: dict[int, list[int]] = {}
        for i in self.parent:
            found.setdefault(self.find(i), []).append(i)
        return [sorted(group) for group in found.values() if len(group) > 1]


@dataclass(frozen=True)
class Cluster:
    """Copies of one story: `kept` is coded, `copies` are the others."""

    kept: int
    copies: tuple[int, ...]


def clusters(items: Mapping[int, Item], pairs: Iterable[tuple[int, int]]) -> list[Cluster]:
    """The clusters the alike `pairs` make. Each connected group is cut to its centre (the
    member alike to most others) and the members alike to the centre itself; the rest are
    clustered again among themselves. The copy kept is then chosen by `KEPT_RULE`."""
    links: dict[int, set[int]] = {}
    for a, b in pairs:
        if a != b:
            links.setdefault(a, set()).add(b)
            links.setdefault(b, set()).add(a)
    found: list[Cluster] = []
    pending = [set(links)]
    while pending:
        ids = pending.pop()
        union = UnionFind(ids)
        for a in ids:
            for b in links[a] & ids:
                union.union(a, b)
        for group in map(set, union.groups()):
            centre = min(group, key=lambda i: (-len(links[i] & group), keep_order(items[i])))
            members = {centre} | (links[centre] & group)
            kept = min(members, key=lambda i: keep_order(items[i]))
            found.append(Cluster(kept, tuple(sorted(members - {kept}))))
            if len(group - members) > 1:
                pending.append(group - members)
    return sorted(found, key=lambda cluster: cluster.kept)


def exact_groups(keys: Mapping[int, str]) -> list[list[int]]:
    """Articles whose normalised texts are equal, by `text_key`."""
    by_key: dict[str, list[int]] = {}
    for article_id, key in keys.items():
        by_key.setdefault(key, []).append(article_id)
    return [sorted(group) for group in by_key.values() if len(group) > 1]


def chain(groups: Sequence[Sequence[int]]) -> list[tuple[int, int]]:
    """A group of equal texts as pairs joining each to the first."""
    return [(group[0], other) for group in groups for other in group[1:]]


def paragraph_differences(kept: str, copy: str) -> tuple[list[str], list[str]]:
    """The paragraphs only the kept copy has and those only the other copy has, compared
    normalised: where a wire copy's header, lead or ending differs, in the copy's words."""
    kept_paragraphs = [p.strip() for p in kept.split("\n\n") if p.strip()]
    copy_paragraphs = [p.strip() for p in copy.split("\n\n") if p.strip()]
    in_kept = {normalise(p) for p in kept_paragraphs}
    in_copy = {normalise(p) for p in copy_paragraphs}
    return (
        [p for p in kept_paragraphs if normalise(p) not in in_copy],
        [p for p in copy_paragraphs if normalise(p) not in in_kept],
    )
