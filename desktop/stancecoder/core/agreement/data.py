"""Reliability data: units × coders, checked once so every statistic can trust it."""

from __future__ import annotations

import math
from collections.abc import Sequence
from numbers import Real
from typing import Literal, get_args

import numpy as np

from stancecoder.core.errors import StanceCoderError

Level = Literal["nominal", "ordinal", "interval", "ratio"]
LEVELS: tuple[Level, ...] = get_args(Level)


class ReliabilityDataError(StanceCoderError, ValueError):
    """Reliability data that no statistic can use; the message says what to fix."""


def _is_missing(value: object) -> bool:
    # An empty spreadsheet cell arrives as None from openpyxl and as NaN from pandas.
    return value is None or (isinstance(value, float) and math.isnan(value))


def _default_order(values: list[object]) -> list[object]:
    try:
        return sorted(values)  # type: ignore[type-var]  # mixed kinds: the TypeError is caught
    except TypeError:
        return values


def _numeric_array(matrix: object) -> np.ndarray | None:
    """A numeric numpy matrix as it comes from pandas or a statistics script, as floats."""
    if isinstance(matrix, np.ndarray) and matrix.ndim == 2 and matrix.dtype.kind in "iuf":
        return matrix.astype(float)
    return None


def _checked_rows(
    matrix: Sequence[Sequence[object | None]], n_units: int
) -> list[list[object | None]]:
    rows = [list(row) for row in matrix]
    if not n_units or not rows:
        raise ReliabilityDataError("reliability data has no units (the matrix is empty)")
    n_coders = len(rows[0])
    for number, row in enumerate(rows, start=1):
        if len(row) != n_coders:
            raise ReliabilityDataError(
                f"unit {number} has {len(row)} values but unit 1 has {n_coders}: "
                "every unit needs one entry per coder (None where a coder gave no code)"
            )
    if n_coders < 2:
        raise ReliabilityDataError(
            f"reliability data needs at least 2 coders (columns), got {n_coders}"
        )
    return rows


def _numbers(rows: list[list[object | None]]) -> np.ndarray | None:
    """The matrix as floats (NaN where missing) when it holds only numbers: the scale and
    the positions then come from numpy instead of a dictionary lookup per value, several
    times faster at 300,000 values."""
    plain = (int, float, type(None))
    if not all(type(value) in plain for row in rows for value in row):
        return None
    return np.array(rows, dtype=float)


def _has_floats(rows: list[list[object | None]]) -> bool:
    return any(type(value) is float and value == value for row in rows for value in row)


def _numbers_scale(numbers: np.ndarray, floats: bool) -> tuple[object, ...]:
    """The observed values in order, as the ints they were unless some were floats."""
    observed = np.unique(numbers[~np.isnan(numbers)])
    return tuple(float(v) for v in observed) if floats else tuple(int(v) for v in observed)


def _codes_of_numbers(numbers: np.ndarray, categories: tuple[object, ...]) -> np.ndarray | None:
    """Positions in `categories`, or None when a value is not on the scale (the general
    path then names it)."""
    scale = np.array(categories, dtype=float)
    order = np.argsort(scale, kind="stable")
    ordered = scale[order]
    present = ~np.isnan(numbers)
    values = numbers[present]
    places = np.searchsorted(ordered, values).clip(max=max(len(ordered) - 1, 0))
    if len(values) and (not len(ordered) or not np.array_equal(ordered[places], values)):
        return None
    codes = np.full(numbers.shape, -1, dtype=np.int64)
    codes[present] = order[places]
    return codes


class ReliabilityData:
    """Codes of several coders on the same units, with the category scale made explicit.

    `categories` fixes the scale: its order is the order of ordinal statistics and weights,
    and its length is the q of Brennan–Prediger and Gwet, so a category nobody used still
    counts. Without it, the observed values are used in sorted order.
    """

    def __init__(
        self,
        matrix: Sequence[Sequence[object | None]],
        categories: Sequence[object] | None = None,
    ) -> None:
        array = _numeric_array(matrix)
        rows = _checked_rows(matrix if array is None else array[:1].tolist(), len(matrix))
        numbers = array if array is not None else _numbers(rows)
        if numbers is not None and categories is None:
            floats = array.dtype.kind == "f" if array is not None else _has_floats(rows)
            self.categories: tuple[object, ...] = _numbers_scale(numbers, floats)
        else:
            self.categories = self._scale(rows if array is None else array.tolist(), categories)
        codes = None
        if numbers is not None and all(type(c) in (int, float) for c in self.categories):
            codes = _codes_of_numbers(numbers, self.categories)
        if codes is None:
            codes = self._codes(rows if array is None else array.tolist(), len(rows[0]))
        self.codes = codes
        """Position of each value in `categories`; -1 where the value is missing."""

    @classmethod
    def from_codes(cls, codes: np.ndarray, categories: Sequence[object]) -> ReliabilityData:
        """Data whose values are already positions in `categories` (-1 where missing), such
        as some columns or units of checked data: nothing is looked up or checked again, so a
        variable's per-code and per-pair figures cost numpy work, not a pass over Python
        values each."""
        data = cls.__new__(cls)
        data.categories = tuple(categories)
        data.codes = codes
        return data

    def _codes(self, rows: list[list[object | None]], n_coders: int) -> np.ndarray:
        index = {category: position for position, category in enumerate(self.categories)}
        codes = np.full((len(rows), n_coders), -1, dtype=np.int64)
        for u, row in enumerate(rows):
            for c, value in enumerate(row):
                if _is_missing(value):
                    continue
                try:
                    codes[u, c] = index[value]
                except (KeyError, TypeError):
                    raise ReliabilityDataError(
                        f"unit {u + 1}, coder {c + 1}: value {value!r} is not one of the "
                        f"categories {list(self.categories)!r}"
                    ) from None
        return codes

    @staticmethod
    def _scale(
        rows: list[list[object | None]], categories: Sequence[object] | None
    ) -> tuple[object, ...]:
        if categories is None:
            seen: dict[object, None] = {}
            for row in rows:
                for value in row:
                    if not _is_missing(value):
                        seen.setdefault(value, None)
            return tuple(_default_order(list(seen)))
        scale = tuple(categories)
        if any(_is_missing(category) for category in scale):
            raise ReliabilityDataError("categories must not contain None or NaN")
        if len(set(scale)) != len(scale):
            raise ReliabilityDataError(f"categories contain duplicates: {list(scale)!r}")
        return scale

    @property
    def n_units(self) -> int:
        return int(self.codes.shape[0])

    @property
    def n_coders(self) -> int:
        return int(self.codes.shape[1])

    @property
    def n_categories(self) -> int:
        return len(self.categories)

    def counts(self) -> np.ndarray:
        """Units × categories: how many coders gave each category to each unit."""
        q = max(self.n_categories, 1)
        units = np.repeat(np.arange(self.n_units), self.n_coders)
        flat = self.codes.ravel()
        keep = flat >= 0
        cells = units[keep] * q + flat[keep]
        return np.bincount(cells, minlength=self.n_units * q).reshape(self.n_units, q)

    def coders_with_values(self) -> int:
        return int(np.count_nonzero((self.codes >= 0).any(axis=0)))

    def numeric_scale(self) -> np.ndarray | None:
        """The categories as numbers, or None when they are not all real numbers."""
        if not all(isinstance(c, Real) and not isinstance(c, bool) for c in self.categories):
            return None
        return np.asarray(self.categories, dtype=float)


def check_level(level: str) -> Level:
    """The level as one of `LEVELS`, typed so, or an error naming the levels there are."""
    if level not in LEVELS:
        raise ReliabilityDataError(
            f"unknown level of measurement {level!r}; use one of {', '.join(LEVELS)}"
        )
    return LEVELS[LEVELS.index(level)]
