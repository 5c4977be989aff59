"""ReliabilityData: what it accepts, and the clear error for what it does not."""

from __future__ import annotations

import math

import numpy as np
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


def test_numbers_keep_their_type_and_missing_nan_does_not_make_them_floats() -> None:
    data = ReliabilityData([[1, math.nan], [2, 1], [None, 3]])
    assert data.categories == (1, 2, 3)
    assert all(type(c) is int for c in data.categories)
    assert data.codes.tolist() == [[0, -1], [1, 0], [-1, 2]]
    assert ReliabilityData([[1.5, 1], [2, None]]).categories == (1.0, 1.5, 2.0)


def test_numbers_take_their_position_on_a_given_scale_in_its_order() -> None:
    data = ReliabilityData([[3, 1], [2, None]], categories=[3, 2, 1])
    assert data.codes.tolist() == [[0, 2], [1, -1]]


def test_a_number_off_the_given_scale_is_named() -> None:
    with pytest.raises(ReliabilityDataError, match=r"unit 2, coder 1: value 5 is not one of"):
        ReliabilityData([[1, 2], [5, 1]], categories=[1, 2])


def test_mixed_numbers_and_words_take_the_general_path() -> None:
    data = ReliabilityData([["a", 1], [1, "a"]], categories=["a", 1])
    assert data.codes.tolist() == [[0, 1], [1, 0]]


def test_a_numpy_matrix_gives_what_its_lists_give() -> None:
    matrix = np.array([[1.0, np.nan], [2.0, 1.0], [np.nan, 3.0]])
    from_array, from_lists = ReliabilityData(matrix), ReliabilityData(matrix.tolist())
    assert from_array.categories == from_lists.categories == (1.0, 2.0, 3.0)
    assert from_array.codes.tolist() == from_lists.codes.tolist() == [[0, -1], [1, 0], [-1, 2]]
    integers = ReliabilityData(np.array([[2, 1], [1, 1]]), categories=[2, 1])
    assert integers.codes.tolist() == [[0, 1], [1, 1]]
    with pytest.raises(ReliabilityDataError, match="value 7"):
        ReliabilityData(np.array([[1, 7], [1, 1]]), categories=[1, 2])
    with pytest.raises(ReliabilityDataError, match="at least 2 coders"):
        ReliabilityData(np.array([[1], [2]]))
