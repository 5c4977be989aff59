"""The mean's 95% interval a chart draws, against the textbook formula worked here by
hand."""

from __future__ import annotations

import math
from statistics import fmean, stdev

import pytest

from stancecoder.core.charts.interval import Estimate, estimate


def test_an_estimate_is_the_mean_plus_minus_t_standard_errors() -> None:
    values = [1.0, 2.0, 2.0, -1.0, 0.0]
    half = 2.776445105 * stdev(values) / math.sqrt(5)
    found = estimate(values)
    assert found.mean == fmean(values) and found.n == 5
    assert found.low == pytest.approx(fmean(values) - half)
    assert found.high == pytest.approx(fmean(values) + half)


def test_one_value_has_no_interval() -> None:
    assert estimate([2.0]) == Estimate(2.0, 1)


def test_nothing_has_no_mean() -> None:
    with pytest.raises(ValueError):
        estimate([])
