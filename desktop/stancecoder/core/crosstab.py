"""Crosstabs of coded passages: for each pair of categories of two dimensions (actor ×
topic, actor × month), the number of passages, the number of their articles, and the mean
stance with its 95% confidence interval.

Counted from plain values (`Unit`), so the counting needs no database; the services give
each passage its categories. A passage is counted once in every row and every column it
falls in: one with two codes of a multiple-choice variable counts in both rows, so the
rows of such a variable may add up to more than the total, which counts each passage once.
A passage without a category on either dimension is in no cell, and counted as left out.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Literal

from stancecoder.core.periods import period_of
from stancecoder.core.student_t import mean_interval

SOURCE, YEAR, MONTH, WEEK = "source", "year", "month", "week"
ARTICLE_DIMENSIONS = (SOURCE, YEAR, MONTH, WEEK)
"""The article's attributes a table may cross, after the codebook's variables."""

Value = Literal["passages", "articles", "mean-stance"]
VALUES: tuple[Value, ...] = ("passages", "articles", "mean-stance")


def article_category(dimension: str, source: str | None, published: str | None) -> str | None:
    """An article's category on an attribute dimension: its source, or the year, month
    ("2024-06") or ISO week ("2024-W25") of its date; None where the date is not that
    precise (a week needs the day)."""
    if dimension == SOURCE:
        return source or None
    published = published or ""
    if dimension == YEAR:
        return published[:4] if len(published) >= 4 else None
    if dimension in (MONTH, WEEK):
        period = period_of(published, dimension)
        return period[0] if period else None
    raise ValueError(f"{dimension!r} is no article attribute")


@dataclass(frozen=True)
class Unit:
    """One passage as a table sees it: its categories on each dimension (several for a
    multiple-choice variable, none where it is not coded) and its stance value."""

    passage_id: int
    article_id: int
    categories: Mapping[str, tuple[str, ...]]
    stance: float | None


@dataclass(frozen=True)
class Mean:
    """A mean stance over `n` passages with a t-based 95% interval; no interval below two
    passages, no mean without one."""

    n: int
    mean: float | None
    low: float | None
    high: float | None

    @classmethod
    def of(cls, values: Sequence[float]) -> Mean:
        if not values:
            return cls(0, None, None, None)
        return cls(len(values), *mean_interval(values))


@dataclass(frozen=True)
class Cell:
    passages: int
    articles: int
    stance: Mean
    passage_ids: tuple[int, ...]


EMPTY = Cell(0, 0, Mean(0, None, None, None), ())


@dataclass(frozen=True)
class Crosstab:
    """`rows` and `columns` name the dimensions, `row_keys` and `column_keys` their
    categories in order. `cell(row, None)` is a row's total, `cell(None, None)` the table's."""

    rows: str
    columns: str
    row_keys: tuple[str, ...]
    column_keys: tuple[str, ...]
    cells: Mapping[tuple[str | None, str | None], Cell]
    left_out: int

    def cell(self, row: str | None, column: str | None) -> Cell:
        return self.cells.get((row, column), EMPTY)


def crosstab(
    units: Iterable[Unit],
    rows: str,
    columns: str,
    order: Mapping[str, Sequence[str]] | None = None,
) -> Crosstab:
    """Count `units` by their categories on `rows` and `columns`. A row or column is
    shown for each category that has passages, in the order `order` gives for its
    dimension (a codebook's), else sorted."""
    order = order or {}
    members: dict[tuple[str | None, str | None], list[Unit]] = {}
    seen_rows: set[str] = set()
    seen_columns: set[str] = set()
    left_out = 0
    for unit in units:
        in_rows = _distinct(unit.categories.get(rows, ()))
        in_columns = _distinct(unit.categories.get(columns, ()))
        if not in_rows or not in_columns:
            left_out += 1
            continue
        seen_rows.update(in_rows)
        seen_columns.update(in_columns)
        keys: list[tuple[str | None, str | None]] = [(r, c) for r in in_rows for c in in_columns]
        keys += [(r, None) for r in in_rows] + [(None, c) for c in in_columns] + [(None, None)]
        for key in keys:
            members.setdefault(key, []).append(unit)
    return Crosstab(
        rows, columns, ordered(seen_rows, order.get(rows)),
        ordered(seen_columns, order.get(columns)),
        {key: _cell(units) for key, units in members.items()}, left_out,
    )  # fmt: skip


@dataclass(frozen=True)
class Cooccurrence:
    """Per pair of categories, the passages holding both and the articles holding both
    (in one passage or in two); the diagonal holds each category's own passages and
    articles."""

    keys: tuple[str, ...]
    passages: Mapping[tuple[str, str], tuple[int, ...]]
    articles: Mapping[tuple[str, str], tuple[int, ...]]

    def in_passages(self, first: str, second: str) -> tuple[int, ...]:
        return self.passages.get((first, second), ())

    def in_articles(self, first: str, second: str) -> tuple[int, ...]:
        return self.articles.get((first, second), ())


def cooccurrence(
    units: Iterable[Unit], dimensions: Sequence[str], order: Sequence[str] | None = None
) -> Cooccurrence:
    """Which categories of `dimensions` occur together. Each category is named
    "dimension: category" when there is more than one dimension, so one code of two
    variables stays two."""
    named = len(dimensions) > 1
    passages: dict[tuple[str, str], set[int]] = {}
    by_article: dict[int, set[str]] = {}
    for unit in units:
        found = {
            f"{d}: {c}" if named else c for d in dimensions for c in unit.categories.get(d, ())
        }
        by_article.setdefault(unit.article_id, set()).update(found)
        for first in found:
            for second in found:
                passages.setdefault((first, second), set()).add(unit.passage_id)
    articles: dict[tuple[str, str], set[int]] = {}
    for article_id, found in by_article.items():
        for first in found:
            for second in found:
                articles.setdefault((first, second), set()).add(article_id)
    keys = ordered({key for key, _ in passages}, order)
    return Cooccurrence(
        keys,
        {key: tuple(sorted(ids)) for key, ids in passages.items()},
        {key: tuple(sorted(ids)) for key, ids in articles.items()},
    )


def _distinct(categories: Iterable[str]) -> list[str]:
    """Each category once: two sub-codes rolled up to one code are one row."""
    return list(dict.fromkeys(categories))


def ordered(seen: set[str], order: Sequence[str] | None) -> tuple[str, ...]:
    """`seen` in the order `order` gives, those it does not name after them, sorted."""
    if order is None:
        return tuple(sorted(seen))
    return (*(key for key in order if key in seen), *sorted(seen - set(order)))


def _cell(units: Sequence[Unit]) -> Cell:
    stances = [u.stance for u in units if u.stance is not None]
    return Cell(
        len(units), len({u.article_id for u in units}), Mean.of(stances),
        tuple(u.passage_id for u in units),
    )  # fmt: skip
