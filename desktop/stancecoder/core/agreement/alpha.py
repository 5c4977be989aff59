"""Krippendorff's alpha at any level of measurement, with missing data.

The value is the `krippendorff` package's, to the last bit (`alpha_value`); this module
decides beforehand when alpha is not defined (the package would divide by zero) and
gives the coincidences and disagreements that the report and the bootstrap need.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import partial

import numpy as np

from stancecoder.core.agreement.alpha_value import alpha_from_coincidences, unit_coincidences
from stancecoder.core.agreement.data import ReliabilityData, ReliabilityDataError, check_level
from stancecoder.core.agreement.result import Result


@dataclass(frozen=True)
class Coincidences:
    """What alpha is made of: o_ck, the metric δ²_ck and both disagreements."""

    matrix: np.ndarray
    delta2: np.ndarray
    observed: float
    expected: float

    @property
    def pairable(self) -> float:
        return float(self.matrix.sum())


def delta_squared(level: str, n_c: np.ndarray, values: np.ndarray | None) -> np.ndarray:
    """Krippendorff's squared difference δ²_ck on the category scale."""
    q = len(n_c)
    if level == "nominal":
        return 1.0 - np.eye(q)
    if level == "ordinal":
        # (Σ_{g=c..k} n_g − (n_c + n_k)/2)², from the marginals, not from ranks.
        upto = np.cumsum(n_c)
        positions = np.arange(q)
        lo = np.minimum.outer(positions, positions)
        hi = np.maximum.outer(positions, positions)
        between = upto[hi] - upto[lo] + n_c[lo]
        return (between - (n_c[:, None] + n_c[None, :]) / 2.0) ** 2
    assert values is not None
    diff = values[:, None] - values[None, :]
    if level == "interval":
        return diff**2
    total = values[:, None] + values[None, :]
    ratio = np.divide(diff, total, out=np.zeros_like(diff), where=total != 0)
    return ratio**2


def _scale_values(data: ReliabilityData, level: str) -> tuple[np.ndarray | None, str]:
    if level in ("nominal", "ordinal"):
        return None, ""
    values = data.numeric_scale()
    if values is None:
        raise ReliabilityDataError(
            f"the {level} level needs numeric categories, got {list(data.categories)!r}"
        )
    if level == "ratio" and (values < 0).any():
        return values, (
            "the ratio metric is not meaningful for a scale with negative values "
            "(use ordinal or interval)"
        )
    return values, ""


def prepare(data: ReliabilityData, level: str) -> Coincidences | str:
    """The coincidences behind alpha, or the reason alpha is not defined for this data."""
    check_level(level)
    values, reason = _scale_values(data, level)
    if reason:
        return reason
    if data.coders_with_values() < 2:
        return "only one coder gave any value, so nothing can be compared"
    o = unit_coincidences(data.codes, data.n_categories)
    n_c = o.sum(axis=1)
    n = float(n_c.sum())
    if n == 0:
        return "no pairable values: no unit was coded by two or more coders"
    d2 = delta_squared(level, n_c, values)
    expected = float(np.sum(np.outer(n_c, n_c) * d2) / (n * (n - 1.0)))
    if expected <= 0.0:
        return (
            "expected disagreement is zero (every pairable value is the same), "
            "so alpha is not defined"
        )
    observed = float(np.sum(o * d2) / n)
    return Coincidences(o, d2, observed, expected)


def krippendorff_alpha(data: ReliabilityData, level: str) -> Result:
    """Krippendorff's alpha; units with fewer than two values are unpairable and dropped."""
    setup = prepare(data, level)
    paired = int(np.count_nonzero((data.codes >= 0).sum(axis=1) >= 2))
    result = partial(
        Result,
        name="krippendorff_alpha",
        level=level,
        n_units=paired,
        n_coders=data.n_coders,
    )
    if isinstance(setup, str):
        return result(value=None, reason=setup)
    values = data.numeric_scale() if level in ("interval", "ratio") else None
    domain = values if values is not None else np.arange(data.n_categories)
    value = alpha_from_coincidences(setup.matrix, domain, check_level(level))
    extra = {
        "observed_disagreement": setup.observed,
        "expected_disagreement": setup.expected,
        "pairable_values": setup.pairable,
    }
    return result(value=float(value), extra=extra)
