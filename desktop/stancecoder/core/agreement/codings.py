"""The codings an agreement report is computed from, as plain values: read from a project
in one transaction (`services.agreement.data`), then everything after needs no database.

A large study has a million passages: they are held as columns (one numpy array per field,
row i of each being one passage) rather than an object each, so a report matches, counts and
compares them with array operations and makes Python objects only for what a reader sees.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field

import numpy as np

from stancecoder.core.codebook_view import VariableView

# a passage as the tests and benchmarks write one by hand:
# id, article, coder name, start, end, variable name -> code ids
PassageTuple = tuple[int, int, str, int, int, Mapping[str, Sequence[int]]]

NO_CODES = 0  # the index of the empty combination in every `Passages.combinations`


@dataclass(frozen=True)
class Passages:
    """Every passage as columns. `coder` is a position in the codings' coder list; a
    variable's `codes` are positions in `combinations`, the few distinct sorted tuples of code
    ids the study uses (a study repeats a few combinations of codes a million times), 0 being
    the empty one. A variable no passage was given a code of has no entry in `codes`."""

    id: np.ndarray
    article: np.ndarray
    coder: np.ndarray
    start: np.ndarray
    end: np.ndarray
    codes: dict[str, np.ndarray] = field(default_factory=dict)
    combinations: list[tuple[int, ...]] = field(default_factory=lambda: [()])

    def __len__(self) -> int:
        return len(self.id)

    def codes_of(self, variable: str) -> np.ndarray:
        """Each passage's combination of codes of the variable (`NO_CODES` where none)."""
        found = self.codes.get(variable)
        return found if found is not None else np.zeros(len(self), dtype=np.int64)

    @classmethod
    def from_rows(cls, coders: Sequence[str], rows: Iterable[PassageTuple]) -> Passages:
        """Passages written one by one (a test's or a benchmark's), in the order given."""
        position = {name: i for i, name in enumerate(coders)}
        listed = list(rows)
        combinations: dict[tuple[int, ...], int] = {(): NO_CODES}
        names = list(dict.fromkeys(name for row in listed for name in row[5]))
        codes = {name: np.zeros(len(listed), dtype=np.int64) for name in names}
        for i, row in enumerate(listed):
            for name, ids in row[5].items():
                combination = tuple(sorted(ids))
                codes[name][i] = combinations.setdefault(combination, len(combinations))
        return cls(
            id=np.array([row[0] for row in listed], dtype=np.int64),
            article=np.array([row[1] for row in listed], dtype=np.int64),
            coder=np.array([position[row[2]] for row in listed], dtype=np.int64),
            start=np.array([row[3] for row in listed], dtype=np.int64),
            end=np.array([row[4] for row in listed], dtype=np.int64),
            codes=codes,
            combinations=list(combinations),
        )


def grouped_codes(
    passage_ids: np.ndarray, links: np.ndarray, variable_names: Mapping[int, str]
) -> tuple[dict[str, np.ndarray], list[tuple[int, ...]]]:
    """Each variable's combination per passage of `passage_ids`, from the links (passage
    id, variable id, code id; one row each; those of other passages are left out): sorted
    together, so a combination is one run of rows, and made a size at a time."""
    combinations: dict[tuple[int, ...], int] = {(): NO_CODES}
    codes: dict[str, np.ndarray] = {}
    links = links[np.isin(links[:, 0], passage_ids)]
    if not len(links):
        return codes, list(combinations)
    passage, variable, code = links[:, 0], links[:, 1], links[:, 2]
    order = np.lexsort((code, passage, variable))
    passage, variable, code = passage[order], variable[order], code[order]
    starts = np.flatnonzero(
        np.concatenate(([True], (passage[1:] != passage[:-1]) | (variable[1:] != variable[:-1])))
    )
    sizes = np.diff(np.append(starts, len(passage)))
    group = np.empty(len(starts), dtype=np.int64)
    single = sizes == 1
    distinct, inverse = np.unique(code[starts[single]], return_inverse=True)
    table = np.array([combinations.setdefault((c,), len(combinations)) for c in distinct.tolist()])
    group[single] = table[inverse] if len(table) else inverse
    for size in np.unique(sizes[~single]).tolist():  # each size of combination at once
        groups = np.flatnonzero(sizes == size)
        rows = code[starts[groups, np.newaxis] + np.arange(size)]
        distinct, inverse = np.unique(rows, axis=0, return_inverse=True)
        numbers = [
            combinations.setdefault(tuple(ids), len(combinations)) for ids in distinct.tolist()
        ]
        group[groups] = np.array(numbers)[inverse.ravel()]
    by_id = np.argsort(passage_ids, kind="stable")
    rows = by_id[np.searchsorted(passage_ids, passage[starts], sorter=by_id)]
    for variable_id in np.unique(variable).tolist():
        mine = variable[starts] == variable_id
        column = np.zeros(len(passage_ids), dtype=np.int64)
        column[rows[mine]] = group[mine]
        codes[variable_names[variable_id]] = column
    return codes, list(combinations)


def no_passages() -> Passages:
    empty = np.zeros(0, dtype=np.int64)
    return Passages(empty, empty, empty, empty, empty)


@dataclass
class Codings:
    """The selected coders' passages and article codes, and the articles they coded.
    `coders` are in sorted order, the order in which pairs of coders are matched."""

    project: str
    codebook_version: str
    variables: tuple[VariableView, ...]
    coders: list[str]
    titles: dict[int, str] = field(default_factory=dict)  # of the double-coded articles
    texts: dict[int, str] = field(default_factory=dict)  # of the double-coded articles
    coded_by: dict[int, set[str]] = field(default_factory=dict)  # article -> coders
    passages: Passages = field(default_factory=no_passages)
    article_codes: dict[tuple[int, str, str], tuple[int, ...]] = field(default_factory=dict)

    def double_coded(self) -> list[int]:
        """Articles coded by at least two of the coders: the only ones agreement can use."""
        return sorted(a for a, who in self.coded_by.items() if len(who) >= 2)

    def in_double_coded(self) -> np.ndarray:
        """Positions of the passages of double-coded articles, in the order read."""
        double = np.array(self.double_coded(), dtype=np.int64)
        return np.flatnonzero(np.isin(self.passages.article, double))

    def by_article(self) -> dict[int, np.ndarray]:
        """Each article's passage positions in the order read: one pass over them all, where
        looking through every passage for each article grows with the square of the corpus."""
        article = self.passages.article
        if not len(article):
            return {}
        order = np.argsort(article, kind="stable")
        found, first = np.unique(article[order], return_index=True)
        groups = np.split(order, first[1:])
        return {int(a): group for a, group in zip(found.tolist(), groups, strict=True)}
