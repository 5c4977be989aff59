"""The mean's 95% interval: the t quantile against printed tables, the interval against
the textbook formula worked here by hand."""

from __future__ import annotations

import math
from statistics import fmean, stdev

import pytest

from stancecoder.core.charts.interval import Estimate, estimate, t_quantile

# t(0.975, df) to nine digits, as printed in NIST/SEMATECH's table of the t distribution
# and in Abramowitz and Stegun table 26.10
PRINTED = {1: 12.706204736, 2: 4.302652730, 3: 3.182446305, 5: 2.570581836,
           10: 2.228138852, 30: 2.042272456, 100: 1.983971519, 1000: 1.962339081}  # fmt: skip


@pytest.mark.parametrize(("df", "value"), PRINTED.items())
def test_t_quantile_matches_the_printed_table(df: int, value: float) -> None:
    assert t_quantile(df) == pytest.approx(value, abs=1e-8)


def test_t_quantile_of_other_levels() -> None:
    assert t_quantile(4, 0.90) == pytest.approx(2.131846786, abs=1e-8)
    assert t_quantile(9, 0.99) == pytest.approx(3.249835542, abs=1e-8)


def test_the_series_and_the_expansion_agree_where_they_meet() -> None:
    assert t_quantile(200) == pytest.approx(1.971896224, abs=1e-8)
    assert t_quantile(201) == pytest.approx(1.971836506, abs=1e-7)


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
    with pytest.raises(ValueError):
        t_quantile(0)
