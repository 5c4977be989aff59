"""The units of one variable as the statistics see them: units × coders of positions on the
scale, with where each unit is and which spans the coders marked made into words only when
a reader asks for a unit (a report of a million passages shows a few thousand of them)."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from typing import overload

import numpy as np

from stancecoder.core.agreement.data import ReliabilityData
from stancecoder.core.agreement.units import Scale, UnitRow

Spans = dict[str, tuple[int, int]]  # coder -> the span of their passage
RawRow = tuple[int, str, dict[str, str], Spans]  # article, where, coder -> label, spans


@dataclass(frozen=True)
class UnitTable:
    """`codes` is units × coders (the report's coders, in order): a position in the scale's
    categories, -1 where the coder gave no value. `place(i)` says where unit i is and the
    spans its coders marked (empty for units that are not passages)."""

    article: np.ndarray
    codes: np.ndarray
    place: Callable[[int], tuple[str, Spans]]

    def __len__(self) -> int:
        return len(self.article)

    def disputed(self) -> np.ndarray:
        """Units given two different values or more: the only ones that can be listed as
        disagreements (the list itself compares the labels)."""
        given = self.codes >= 0
        high = np.where(given, self.codes, -1).max(axis=1, initial=-1)
        low = np.where(given, self.codes, np.iinfo(np.int64).max).min(
            axis=1, initial=np.iinfo(np.int64).max
        )
        return np.flatnonzero(given.any(axis=1) & (high != low))


def rows_table(rows: list[UnitRow], scale: Scale, coders: list[str]) -> UnitTable:
    """Units written out one by one (articles, sentences): their values placed on the
    scale as any reliability data is."""
    matrix = [[row.values.get(c) for c in coders] for row in rows]
    codes = (
        ReliabilityData(matrix, scale.categories).codes
        if rows
        else np.zeros((0, len(coders)), dtype=np.int64)
    )
    return UnitTable(
        np.array([row.article for row in rows], dtype=np.int64),
        codes,
        lambda i: (rows[i].where, rows[i].spans),
    )


class RawRows(Sequence[RawRow]):
    """Every unit as the report's raw data lists it, made when it is read."""

    def __init__(self, table: UnitTable, labels: list[str], coders: list[str]) -> None:
        self._table = table
        self._labels = [*labels, ""]  # position -1, no value, has no label
        self._coders = coders

    def __len__(self) -> int:
        return len(self._table)

    @overload
    def __getitem__(self, index: int) -> RawRow: ...
    @overload
    def __getitem__(self, index: slice) -> list[RawRow]: ...
    def __getitem__(self, index: int | slice) -> RawRow | list[RawRow]:
        if isinstance(index, slice):
            return [self[i] for i in range(*index.indices(len(self)))]
        if not -len(self) <= index < len(self):
            raise IndexError(index)
        index %= len(self)
        where, spans = self._table.place(index)
        codes = self._table.codes[index].tolist()
        labels = {c: self._labels[code] for c, code in zip(self._coders, codes, strict=True)}
        return int(self._table.article[index]), where, labels, spans

    def __iter__(self) -> Iterator[RawRow]:
        return (self[i] for i in range(len(self)))
