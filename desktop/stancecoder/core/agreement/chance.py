"""Multi-coder chance-corrected coefficients in Gwet's framework, which tolerates missing codes.

Percent agreement, Fleiss, AC1/AC2 and Brennan–Prediger share one observed agreement p_a
(averaged over units with at least two codes) and differ only in the chance agreement p_e.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import partial
from weakref import WeakKeyDictionary

import numpy as np

from stancecoder.core.agreement.data import ReliabilityData
from stancecoder.core.agreement.result import Result
from stancecoder.core.agreement.weights import check_weights, weight_matrix


@dataclass(frozen=True)
class _Parts:
    pa: float | None
    pi: np.ndarray
    n_units: int
    reason: str


# p_a and π of one data set at one weighting, shared by up to four coefficients (a report
# draws them all on a million units): worked out once, kept while the data lives
_computed: WeakKeyDictionary[ReliabilityData, dict[bytes, _Parts]] = WeakKeyDictionary()


def _parts(data: ReliabilityData, weights: np.ndarray) -> _Parts:
    known = _computed.setdefault(data, {})
    key = weights.tobytes()
    if key not in known:
        known[key] = _parts_of(data, weights)
    return known[key]


def _parts_of(data: ReliabilityData, weights: np.ndarray) -> _Parts:
    counts = data.counts().astype(float)
    r = counts.sum(axis=1)
    rated = r >= 1
    paired = r >= 2
    n_paired = int(np.count_nonzero(paired))
    if data.coders_with_values() < 2:
        return _Parts(None, np.zeros(0), n_paired, "only one coder gave any code")
    if n_paired == 0:
        return _Parts(None, np.zeros(0), 0, "no unit was coded by two or more coders")
    c, rr = counts[paired], r[paired]
    agreeing = (c * (c @ weights.T - 1.0)).sum(axis=1)
    pa = float(np.mean(agreeing / (rr * (rr - 1.0))))
    pi = (counts[rated] / r[rated, None]).mean(axis=0)
    return _Parts(pa, pi, n_paired, "")


def _coefficient(
    name: str, data: ReliabilityData, parts: _Parts, pe: float | None, why: str = ""
) -> Result:
    result = partial(Result, name=name, level=None, n_units=parts.n_units, n_coders=data.n_coders)
    if parts.pa is None:
        return result(value=None, reason=parts.reason)
    if pe is None:
        return result(value=None, reason=why)
    if np.isclose(pe, 1.0):
        return result(
            value=None,
            reason="chance agreement is 1 (every code is the same category), "
            "so agreement beyond chance is not defined",
        )
    extra = {"observed_agreement": parts.pa, "chance_agreement": pe}
    return result(value=(parts.pa - pe) / (1.0 - pe), extra=extra)


def percent_agreement(data: ReliabilityData) -> Result:
    """Gwet's p_a: the share of agreeing coder pairs, averaged over units with ≥ 2 codes."""
    parts = _parts(data, np.eye(max(data.n_categories, 1)))
    result = partial(Result, name="percent_agreement", level=None, n_coders=data.n_coders)
    return result(value=parts.pa, reason=parts.reason, n_units=parts.n_units)


def fleiss_kappa(data: ReliabilityData) -> Result:
    """Fleiss' kappa, in Gwet's generalisation for units with missing codes.

    With the same number of codes on every unit this is exactly Fleiss (1971); otherwise
    p_e = Σ π_k² with π_k the mean over units of each unit's share of category k.
    """
    parts = _parts(data, np.eye(max(data.n_categories, 1)))
    return _coefficient("fleiss_kappa", data, parts, float(np.sum(parts.pi**2)))


def _gwet(name: str, data: ReliabilityData, weights: str | None) -> Result:
    q = data.n_categories
    w = weight_matrix(max(q, 1), weights if q >= 2 else None)
    parts = _parts(data, w)
    if q < 2:
        return _coefficient(name, data, parts, None, "AC1/AC2 need at least 2 categories")
    pe = float(w.sum() / (q * (q - 1)) * np.sum(parts.pi * (1.0 - parts.pi)))
    return _coefficient(name, data, parts, pe)


def gwet_ac1(data: ReliabilityData) -> Result:
    """Gwet's AC1, whose chance term stays small when one category dominates."""
    return _gwet("gwet_ac1", data, None)


def gwet_ac2(data: ReliabilityData, weights: str = "linear") -> Result:
    """Gwet's AC2: AC1 with partial credit for near misses on an ordered scale."""
    check_weights(weights)
    return _gwet(f"gwet_ac2_{weights}", data, weights)


def brennan_prediger(data: ReliabilityData) -> Result:
    """Brennan–Prediger (free-marginal) kappa: p_e = 1/q over the *declared* categories."""
    q = data.n_categories
    parts = _parts(data, np.eye(max(q, 1)))
    if q < 2:
        return _coefficient(
            "brennan_prediger", data, parts, None, "Brennan–Prediger needs at least 2 categories"
        )
    return _coefficient("brennan_prediger", data, parts, 1.0 / q)
