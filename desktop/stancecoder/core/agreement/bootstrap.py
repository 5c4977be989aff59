"""Bootstrap interval for alpha by Hayes & Krippendorff (2007), as in KALPHA v3 and Stata kalpha.

Pairs of values are drawn from the observed coincidences (units are not resampled) and the
expected disagreement is held at its observed value; see the shared agreement notes.
"""

from __future__ import annotations

import math

import numpy as np

from stancecoder.core.agreement.alpha import krippendorff_alpha, prepare
from stancecoder.core.agreement.data import ReliabilityData, ReliabilityDataError
from stancecoder.core.agreement.result import Result

THRESHOLDS = (0.800, 0.667)
MIN_REPLICATES = 100


def _cells(o: np.ndarray, delta2: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """f(R): probability and δ² of each distinct cell c ≤ k (off-diagonal cells doubled)."""
    upper = np.triu_indices(len(o))
    n = o.sum()
    weight = np.where(upper[0] == upper[1], 1.0, 2.0)
    prob = weight * o[upper] / n
    keep = prob > 0
    return prob[keep] / prob[keep].sum(), delta2[upper][keep]


def _draws_per_replicate(o: np.ndarray, n_coders: int) -> int:
    # KALPHA v3 / Stata: M = min(25·Q, (m − 1)·n / 2), Q = non-zero cells of the full matrix.
    q_cells = int(np.count_nonzero(o > 1e-12))
    return max(1, math.floor(min(25 * q_cells, (n_coders - 1) * float(o.sum()) / 2.0)))


def _correct_perfect(
    replicates: np.ndarray, o: np.ndarray, draws: int, rng: np.random.Generator
) -> None:
    """Replicates that drew one diagonal cell only would be undefined, not 1: count them as 0."""
    diagonal = np.diag(o) / o.sum()
    perfect = np.flatnonzero(replicates == 1.0)
    if np.count_nonzero(diagonal > 0) == 1:
        replicates[perfect] = 0.0
        return
    expected = round(len(replicates) * float(np.sum(diagonal**draws)))
    chosen = rng.permutation(perfect)[: min(expected, len(perfect))]
    replicates[chosen] = 0.0


# The seed a report's intervals use unless the user picks another, the same on the command
# line, in the window and in the exports, so a run repeated gives the same interval.
DEFAULT_SEED = 1


def bootstrap_alpha(
    data: ReliabilityData, level: str, replicates: int = 1000, seed: int | None = None
) -> Result:
    """Alpha with a 95% bootstrap interval and the chance of the true alpha being below .800/.667.

    The same seed gives the same interval.
    """
    if replicates < MIN_REPLICATES:
        raise ReliabilityDataError(
            f"the bootstrap needs at least {MIN_REPLICATES} replicates, got {replicates}"
        )
    point = krippendorff_alpha(data, level)
    setup = prepare(data, level)
    if point.value is None or isinstance(setup, str):
        return point
    rng = np.random.default_rng(seed)
    prob, delta2 = _cells(setup.matrix, setup.delta2)
    draws = _draws_per_replicate(setup.matrix, data.n_coders)
    hits = rng.multinomial(draws, prob, size=replicates)
    sample = 1.0 - (hits @ delta2) / (draws * setup.expected)
    sample = np.maximum(sample, -1.0)
    _correct_perfect(sample, setup.matrix, draws, rng)
    sample.sort()
    low = max(math.floor(0.025 * replicates), 1)
    high = min(math.floor(0.975 * replicates) + 1, replicates)
    extra = dict(point.extra)
    extra.update({f"p_below_{t:.3f}": float(np.mean(sample < t)) for t in THRESHOLDS})
    extra.update({"replicates": float(replicates), "draws_per_replicate": float(draws)})
    return Result(
        name=point.name,
        level=point.level,
        value=point.value,
        n_units=point.n_units,
        n_coders=point.n_coders,
        ci95=(float(sample[low - 1]), float(sample[high - 1])),
        extra=extra,
    )
