"""A mean with its 95% confidence interval by Student's t distribution.

The t quantile is computed here rather than taken from scipy, which the project does not
depend on: for the integer degrees of freedom a mean of n passages has, the t distribution's
two-sided probability has a closed form (Abramowitz and Stegun 26.7.3 and 26.7.4), solved
for the quantile by bisection; above 200 degrees of freedom the Cornish–Fisher expansion
around the normal quantile is exact to the printed digits and needs no long series.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from statistics import NormalDist, fmean, stdev

LEVEL = 0.95
SERIES_LIMIT = 200  # degrees of freedom from which the expansion replaces the series


@dataclass(frozen=True)
class Estimate:
    """A mean of `n` values; `low` and `high` are None where n is 1 (no spread to
    estimate an interval from)."""

    mean: float
    n: int
    low: float | None = None
    high: float | None = None


def estimate(values: Sequence[float]) -> Estimate:
    """The mean of `values` (at least one) with its 95% interval."""
    if not values:
        raise ValueError("a mean needs at least one value")
    mean = fmean(values)
    n = len(values)
    if n == 1:
        return Estimate(mean, 1)
    half = t_quantile(n - 1) * stdev(values) / math.sqrt(n)
    return Estimate(mean, n, mean - half, mean + half)


def t_quantile(df: int, level: float = LEVEL) -> float:
    """The t value whose two-sided interval holds `level` of the distribution."""
    if df < 1:
        raise ValueError("the t distribution needs at least one degree of freedom")
    if df > SERIES_LIMIT:
        return _cornish_fisher(df, level)
    low, high = 0.0, 1.0
    while _central(high, df) < level:
        high *= 2
    for _ in range(100):
        middle = (low + high) / 2
        if _central(middle, df) < level:
            low = middle
        else:
            high = middle
    return (low + high) / 2


def _central(t: float, df: int) -> float:
    """P(|T| < t) for `df` degrees of freedom."""
    theta = math.atan(t / math.sqrt(df))
    cos2 = math.cos(theta) ** 2
    if df % 2 == 0:
        term = total = 1.0
        for k in range(2, df - 1, 2):
            term *= cos2 * (k - 1) / k
            total += term
        return math.sin(theta) * total
    if df == 1:
        return 2 * theta / math.pi
    term = total = 1.0
    for k in range(3, df - 1, 2):
        term *= cos2 * (k - 1) / k
        total += term
    return 2 / math.pi * (theta + math.sin(theta) * math.cos(theta) * total)


def _cornish_fisher(df: int, level: float) -> float:
    z = NormalDist().inv_cdf((1 + level) / 2)
    return (
        z
        + (z**3 + z) / (4 * df)
        + (5 * z**5 + 16 * z**3 + 3 * z) / (96 * df**2)
        + (3 * z**7 + 19 * z**5 + 17 * z**3 - 15 * z) / (384 * df**3)
    )
