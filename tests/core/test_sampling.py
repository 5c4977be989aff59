"""Seeded, proportionally stratified sampling, without a database."""

from __future__ import annotations

import pytest

from stancecoder.core.errors import ValidationError
from stancecoder.core.sampling import (
    NO_VALUE,
    describe,
    draw,
    proportional_quotas,
    sample_size,
    stratum_of,
)


@pytest.mark.parametrize(
    ("size", "strata", "expected"),
    [
        (6, {"a": 15, "b": 10, "c": 5}, {"a": 3, "b": 2, "c": 1}),
        # exact shares 3.5, 2.1, 1.4: the largest remainder (.5) gets the extra article
        (7, {"a": 10, "b": 6, "c": 4}, {"a": 4, "b": 2, "c": 1}),
        # equal remainders: the stratum that sorts first wins the tie
        (1, {"b": 5, "a": 5}, {"a": 1, "b": 0}),
        (20, {"a": 10, "b": 6, "c": 4}, {"a": 10, "b": 6, "c": 4}),
    ],
)
def test_quotas_are_proportional_and_add_up(
    size: int, strata: dict[str, int], expected: dict[str, int]
) -> None:
    quotas = proportional_quotas(size, strata)
    assert quotas == expected and sum(quotas.values()) == size


def test_a_draw_depends_only_on_the_pool_and_the_seed() -> None:
    pool = [(n, "x" if n % 3 else "y") for n in range(1, 61)]
    first, again, other = draw(pool, 12, 42), draw(pool, 12, 42), draw(pool, 12, 43)
    assert first == again and first.article_ids != other.article_ids
    assert first.quotas == {"x": 8, "y": 4}
    assert sum(1 for n in first.article_ids if n % 3 == 0) == 4
    assert list(first.article_ids) == sorted(set(first.article_ids))


@pytest.mark.parametrize(
    ("by", "source", "published", "key"),
    [
        ("source", " Daily A ", None, "Daily A"),
        ("source", "", "2024-06-01", NO_VALUE),
        ("month", None, "2024-06-18", "2024-06"),
        ("month", None, "2024-06", "2024-06"),
        ("month", None, "2024", NO_VALUE),
        ("month", None, None, NO_VALUE),
        (None, "Daily A", "2024-06-18", ""),
    ],
)
def test_strata_keys(by: str | None, source: str | None, published: str | None, key: str) -> None:
    assert stratum_of(by, source, published) == key


def test_an_unknown_stratification_is_refused() -> None:
    with pytest.raises(ValidationError, match="unknown stratification 'author'"):
        stratum_of("author", None, None)


@pytest.mark.parametrize(
    ("available", "share", "count", "size"),
    [(30, 0.2, None, 6), (5, 0.5, None, 3), (10, 0.15, None, 2), (30, None, 30, 30)],
)
def test_sizes_round_a_share_half_up(
    available: int, share: float | None, count: int | None, size: int
) -> None:
    assert sample_size(available, share, count) == size


@pytest.mark.parametrize(
    ("available", "share", "count", "message"),
    [
        (0, None, 1, "no articles to sample from"),
        (10, 0.0, None, "share must be above 0"),
        (10, 0.01, None, "is no article"),
        (10, None, 0, "between 1 and 10, got 0"),
        (10, None, None, "either a share or a count"),
    ],
)
def test_impossible_sizes_are_refused(
    available: int, share: float | None, count: int | None, message: str
) -> None:
    with pytest.raises(ValidationError, match=message):
        sample_size(available, share, count)


def test_the_description_states_size_seed_and_strata() -> None:
    drawn = draw([(1, "a"), (2, "a"), (3, "b"), (4, "b")], 2, 5)
    text = describe(drawn, 4, 5, "source", exclude_sampled=False)
    assert text == (
        "2 of 4 articles drawn at random (seed 5), stratified proportionally by source (a: 1, b: 1)"
    )
