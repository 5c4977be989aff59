"""ReliabilityData: what it accepts, and the clear error for what it does not."""

from __future__ import annotations

import math

import pytest

from stancecoder.core.agreement import ReliabilityData, ReliabilityDataError, krippendorff_alpha
from stancecoder.core.errors import StanceCoderError


def test_missing_values_and_positions() -> None:
    data = ReliabilityData([["b", None], ["a", math.nan]], categories=["b", "a"])
    assert data.codes.tolist() == [[0, -1], [1, -1]]
    assert (data.n_units, data.n_coders, data.n_categories) == (2, 2, 2)


def test_categories_default_to_the_sorted_observed_values() -> None:
    data = ReliabilityData([[3, 1], [None, 2]])
    assert data.categories == (1, 2, 3)


def test_a_declared_unused_category_counts() -> None:
    data = ReliabilityData([[1, 1], [2, 2]], categories=[1, 2, 3])
    assert data.counts().shape == (2, 3)


@pytest.mark.parametrize(
    ("matrix", "categories", "message"),
    [
        ([], None, "no units"),
        ([[1, 2], [1]], None, "unit 2 has 1 values but unit 1 has 2"),
        ([[1], [2]], None, "at least 2 coders"),
        ([[1, 9]], [1, 2], "value 9 is not one of the categories"),
        ([[1, 2]], [1, 2, 1], "duplicates"),
        ([[1, 2]], [1, None], "must not contain None"),
    ],
)
def test_bad_data_is_refused_with_a_clear_message(matrix, categories, message) -> None:
    with pytest.raises(ReliabilityDataError, match=message) as caught:
        ReliabilityData(matrix, categories)
    assert isinstance(caught.value, ValueError)
    assert isinstance(caught.value, StanceCoderError)


def test_unknown_level_is_refused() -> None:
    with pytest.raises(ReliabilityDataError, match="unknown level of measurement 'nominel'"):
        krippendorff_alpha(ReliabilityData([[1, 2]]), "nominel")


def test_interval_needs_numeric_categories() -> None:
    data = ReliabilityData([["low", "high"], ["high", "high"]], categories=["low", "high"])
    with pytest.raises(ReliabilityDataError, match="interval level needs numeric categories"):
        krippendorff_alpha(data, "interval")
