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


@pytest.mark.parametrize(
    ("size", "strata", "expected"),
    [
        # shares 4.5, .3, .15, .05 → a: 5 by largest remainders; b, c, d each raised to one,
        # the smallest first, every article taken from a, the only quota above one
        (5, {"a": 90, "b": 6, "c": 3, "d": 1}, {"a": 2, "b": 1, "c": 1, "d": 1}),
        # shares 6, 1.4, .4, .2 → a: 6, b: 2 (b ties c at .4 and sorts first); d is raised
        # from b (2 lies .6 above 1.4, a's 6 none above 6), then c from a
        (8, {"A": 30, "B": 7, "C": 2, "D": 1}, {"A": 5, "B": 1, "C": 1, "D": 1}),
        # shares 3, 2.7, .3 → a: 3, b: 3; c is raised from b, the quota furthest above its share
        (6, {"a": 50, "b": 45, "c": 5}, {"a": 3, "b": 2, "c": 1}),
        # no room for one of each: largest remainders alone (1, .6, .4)
        (2, {"a": 5, "b": 3, "c": 2}, {"a": 1, "b": 1, "c": 0}),
    ],
)
def test_every_stratum_gets_one_when_the_sample_has_room(
    size: int, strata: dict[str, int], expected: dict[str, int]
) -> None:
    quotas = proportional_quotas(size, strata)
    assert quotas == expected and sum(quotas.values()) == size


@pytest.mark.parametrize(
    ("attributes", "key"),
    [
        ({"section": "World"}, "World"),
        ({"section": " "}, NO_VALUE),
        ({}, NO_VALUE),
        (None, NO_VALUE),
    ],
)
def test_an_attribute_stratum_is_its_value(attributes: dict[str, str] | None, key: str) -> None:
    assert stratum_of("attribute:section", "Daily A", "2024-06-18", attributes) == key


def test_an_attribute_without_a_name_is_refused() -> None:
    with pytest.raises(ValidationError, match="source, month or attribute:NAME"):
        stratum_of("attribute:", None, None)


def test_the_description_names_the_attribute_and_the_strata_raised() -> None:
    pool = [(n, "A") for n in range(1, 31)] + [(n, "B") for n in range(31, 38)]
    pool += [(38, "C"), (39, "C"), (40, "D")]
    drawn = draw(pool, 8, 3)
    assert drawn.quotas == {"A": 5, "B": 1, "C": 1, "D": 1} and drawn.raised == ("C", "D")
    assert describe(drawn, 40, 3, "attribute:section", exclude_sampled=False) == (
        "8 of 40 articles drawn at random (seed 3), stratified proportionally by the "
        "attribute 'section' (A: 5, B: 1, C: 1, D: 1), at least one from each (C, D raised "
        "to one)"
    )
