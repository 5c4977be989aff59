"""A mean with its confidence interval by Student's t, as the crosstabs and the charts
show it; the t quantile is computed here rather than bringing in a statistics library of
tens of megabytes for the one figure of the distribution they need.

Up to `EXACT_DF` degrees of freedom the quantile is found by bisection on the closed form
of the distribution for integer degrees of freedom (Abramowitz and Stegun 26.7.3–4);
beyond, the Cornish–Fisher expansion (26.7.5) agrees with it to better than 1e-9.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from functools import lru_cache
from statistics import NormalDist

CONFIDENCE = 0.95
EXACT_DF = 200
_STEPS = 80  # bisection halvings: far below the precision a table prints


def mean_interval(
    values: Sequence[float], confidence: float = CONFIDENCE
) -> tuple[float, float | None, float | None]:
    """The mean of `values` (at least one) and its interval's ends, None for one value (no
    spread to estimate it from)."""
    n = len(values)
    if not n:
        raise ValueError("a mean needs at least one value")
    mean = math.fsum(values) / n
    if n < 2:
        return mean, None, None
    # two passes in floats: statistics.stdev's exact fractions cost most of a second at
    # 100,000 passages, for digits nobody prints
    sd = math.sqrt(math.fsum((v - mean) ** 2 for v in values) / (n - 1))
    half = two_sided_t(confidence, n - 1) * sd / math.sqrt(n)
    return mean, mean - half, mean + half


def two_sided_t(confidence: float, df: int) -> float:
    """The t with P(|T| < t) = `confidence` for `df` degrees of freedom (12.706 for 95%
    and one degree of freedom)."""
    if not 0 < confidence < 1:
        raise ValueError(f"a confidence is between 0 and 1, not {confidence}")
    if df < 1:
        raise ValueError(f"a t distribution needs at least one degree of freedom, not {df}")
    return _quantile(confidence, df)


@lru_cache(maxsize=1024)
def _quantile(confidence: float, df: int) -> float:
    if df > EXACT_DF:
        return _cornish_fisher(confidence, df)
    low, high = 0.0, 1.0
    while _central(high, df) < confidence:
        high *= 2
    for _ in range(_STEPS):
        middle = (low + high) / 2
        if _central(middle, df) < confidence:
            low = middle
        else:
            high = middle
    return (low + high) / 2


def _central(t: float, df: int) -> float:
    """P(|T| < t), as a finite series in the angle atan(t / √df)."""
    theta = math.atan(t / math.sqrt(df))
    cos2 = math.cos(theta) ** 2
    if df % 2 == 1:
        term, total = 1.0, 0.0
        if df > 1:
            total = term = math.cos(theta)
            for k in range(3, df - 1, 2):
                term *= cos2 * (k - 1) / k
                total += term
        return 2 / math.pi * (theta + math.sin(theta) * total)
    term = total = 1.0
    for k in range(2, df - 1, 2):
        term *= cos2 * (k - 1) / k
        total += term
    return math.sin(theta) * total


def _cornish_fisher(confidence: float, df: int) -> float:
    x = NormalDist().inv_cdf((1 + confidence) / 2)
    g1 = (x**3 + x) / 4
    g2 = (5 * x**5 + 16 * x**3 + 3 * x) / 96
    g3 = (3 * x**7 + 19 * x**5 + 17 * x**3 - 15 * x) / 384
    g4 = (79 * x**9 + 776 * x**7 + 1482 * x**5 - 1920 * x**3 - 945 * x) / 92160
    return x + g1 / df + g2 / df**2 + g3 / df**3 + g4 / df**4
