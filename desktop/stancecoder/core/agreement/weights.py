"""Agreement weights on category positions, shared by weighted kappa, AC2 and Brennan–Prediger."""

from __future__ import annotations

import numpy as np

from stancecoder.core.agreement.data import ReliabilityDataError

WEIGHTS = ("linear", "quadratic")


def check_weights(weights: str) -> str:
    if weights not in WEIGHTS:
        raise ReliabilityDataError(f"unknown weights {weights!r}; use 'linear' or 'quadratic'")
    return weights


def weight_matrix(q: int, weights: str | None) -> np.ndarray:
    """q × q agreement weights (1 on the diagonal); None gives the identity.

    Positions, not values, define the distance, as in scikit-learn, statsmodels and irrCAC,
    so a declared but unused category still widens the scale.
    """
    if weights is None:
        return np.eye(q)
    check_weights(weights)
    positions = np.arange(q, dtype=float)
    gap = np.abs(positions[:, None] - positions[None, :]) / (q - 1)
    return 1.0 - gap if weights == "linear" else 1.0 - gap**2
