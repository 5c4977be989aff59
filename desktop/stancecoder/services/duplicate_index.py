"""The MinHash index of a run that looks for copies: each article's shingles and signature,
banded by locality-sensitive hashing (datasketch), and the candidate pairs it names,
verified on the exact sets.

A module of its own because datasketch brings scipy, a third of a second to import:
`services.duplicates` imports it only when a run starts, so every other command of the
command line (and the window's start) does without it.
"""

from __future__ import annotations

from functools import cached_property

import numpy as np
import numpy.typing as npt
from datasketch import LeanMinHash, MinHash, MinHashLSH

from stancecoder.core.duplicates import (
    Item,
    Similarity,
    alike_by_counts,
    normalise,
    shared_count,
    shingles,
    similarity_of,
    text_key,
)

PERMUTATIONS = 126
BANDS = (42, 3)  # 42 bands of 3 rows: a pair at Jaccard 0.4 is a candidate 94 % of the time,
# at 0.5 99.6 %, and two unrelated news texts (Jaccard ≤ 0.02) 0.03 %
SCHEME = "affine32"  # datasketch 2.0's unbiased permutations of 32-bit hashes
SEED = 1  # the same permutations every run: the same corpus gives the same clusters
MARGIN = 0.2  # how far below a threshold the signatures' estimate may fall and the pair
# still be verified: four standard errors of a Jaccard estimate from 126 permutations


class ShingledArticles:
    """Each article's normalised key, shingles (a sorted array: a tenth of a set's memory
    at 100,000 articles) and MinHash signature, in the LSH index."""

    def __init__(self) -> None:
        self.permutations = MinHash(num_perm=PERMUTATIONS, seed=SEED, scheme=SCHEME).permutations
        self.lsh = MinHashLSH(num_perm=PERMUTATIONS, params=BANDS)
        self.keys: dict[int, str] = {}
        self.sets: dict[int, npt.NDArray[np.uint32]] = {}
        self.rows: dict[int, int] = {}  # an article's row in `signatures`
        self._signatures: list[LeanMinHash] = []
        self.items: dict[int, Item] = {}

    def add(self, article_id: int, text: str, published: str | None) -> None:
        words = normalise(text)
        found = shingles(words)
        self.keys[article_id] = text_key(words)
        self.sets[article_id] = found
        self.items[article_id] = Item(article_id, len(text), published)
        if len(found):
            minhash = MinHash(
                num_perm=PERMUTATIONS, seed=SEED, hashfunc=int,
                permutations=self.permutations, scheme=SCHEME,
            )  # fmt: skip
            minhash.update_batch(found)
            signature = LeanMinHash(minhash)
            self.rows[article_id] = len(self._signatures)
            self._signatures.append(signature)
            self.lsh.insert(article_id, signature, check_duplication=False)

    @cached_property
    def signatures(self) -> npt.NDArray[np.uint64]:
        """Every signature, one row each, once all are added."""
        return np.vstack([signature.hashvalues for signature in self._signatures])

    @cached_property
    def sizes(self) -> dict[int, int]:
        return {article_id: len(found) for article_id, found in self.sets.items()}

    def alike_later(self, article_id: int, jaccard: float, containment: float) -> list[int]:
        """The articles after this one that are copies of it: the LSH's candidates, those
        the signatures show may pass (most candidates of a corpus with much stock wording
        fail there, all at once), verified on the exact sets."""
        row = self.rows.get(article_id)
        if row is None:
            return []
        others = [
            i
            for i in self.lsh.query(
                LeanMinHash(seed=SEED, hashvalues=self.signatures[row], scheme=SCHEME)
            )
            if i > article_id
        ]
        if not others:
            return []
        rows = np.array([self.rows[i] for i in others])
        estimates = (self.signatures[rows] == self.signatures[row]).mean(axis=1)
        size = self.sizes[article_id]
        sizes = np.array([self.sizes[i] for i in others])
        contained = estimates * (size + sizes) / ((1 + estimates) * np.minimum(size, sizes))
        maybe = (estimates >= jaccard - MARGIN) | (contained >= containment - MARGIN)
        return [
            other
            for other, keep in zip(others, maybe, strict=True)
            if keep and self.alike(article_id, other, jaccard, containment)
        ]

    def alike(self, a: int, b: int, jaccard: float, containment: float) -> bool:
        shared = self.shared(a, b)
        return alike_by_counts(shared, self.sizes[a], self.sizes[b], jaccard, containment)

    def shared(self, a: int, b: int) -> int:
        return shared_count(self.sets[a], self.sets[b])

    def similarity(self, a: int, b: int) -> Similarity:
        return similarity_of(self.shared(a, b), self.sizes[a], self.sizes[b])
