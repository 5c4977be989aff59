"""A mean with its 95% confidence interval by Student's t distribution, as a chart draws
it (`core.student_t` computes it)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from stancecoder.core.student_t import mean_interval


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
    mean, low, high = mean_interval(values)
    return Estimate(mean, len(values), low, high)
