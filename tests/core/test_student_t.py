"""Student's t against printed tables, and the mean's interval against the textbook
formula worked here by hand."""

from __future__ import annotations

import math
from statistics import fmean, stdev

import pytest

from stancecoder.core.student_t import mean_interval, two_sided_t


def test_t_is_continuous_where_the_method_changes() -> None:
    assert two_sided_t(0.95, 200) == pytest.approx(two_sided_t(0.95, 201), abs=1e-4)
    assert two_sided_t(0.99, 1) == pytest.approx(63.6567, abs=5e-4)
    assert two_sided_t(0.95, 10**7) == pytest.approx(1.959964, abs=1e-6)


@pytest.mark.parametrize(("confidence", "df"), [(0, 3), (1, 3), (0.95, 0)])
def test_t_refuses_what_has_no_quantile(confidence: float, df: int) -> None:
    with pytest.raises(ValueError, match=r"confidence|degree"):
        two_sided_t(confidence, df)


# t(0.975, df) to nine digits, as printed in NIST/SEMATECH's table of the t distribution
# and in Abramowitz and Stegun table 26.10
PRINTED = {1: 12.706204736, 2: 4.302652730, 3: 3.182446305, 5: 2.570581836,
           10: 2.228138852, 30: 2.042272456, 100: 1.983971519, 1000: 1.962339081}  # fmt: skip


@pytest.mark.parametrize(("df", "value"), PRINTED.items())
def test_t_matches_the_printed_table(df: int, value: float) -> None:
    assert two_sided_t(0.95, df) == pytest.approx(value, abs=1e-8)


def test_t_of_other_levels() -> None:
    assert two_sided_t(0.90, 4) == pytest.approx(2.131846786, abs=1e-8)
    assert two_sided_t(0.99, 9) == pytest.approx(3.249835542, abs=1e-8)


def test_the_series_and_the_expansion_agree_where_they_meet() -> None:
    assert two_sided_t(0.95, 200) == pytest.approx(1.971896224, abs=1e-8)
    assert two_sided_t(0.95, 201) == pytest.approx(1.971836506, abs=1e-7)


def test_a_mean_is_plus_minus_t_standard_errors() -> None:
    values = [1.0, 2.0, 2.0, -1.0, 0.0]
    half = 2.776445105 * stdev(values) / math.sqrt(5)
    mean, low, high = mean_interval(values)
    assert mean == fmean(values)
    assert low == pytest.approx(fmean(values) - half)
    assert high == pytest.approx(fmean(values) + half)


def test_one_value_has_no_interval_and_none_no_mean() -> None:
    assert mean_interval([2.0]) == (2.0, None, None)
    with pytest.raises(ValueError):
        mean_interval([])
