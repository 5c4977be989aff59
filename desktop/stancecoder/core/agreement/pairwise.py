"""Cohen's kappa and weighted kappa: two coders, units both of them coded."""

from __future__ import annotations

from functools import partial

import numpy as np

from stancecoder.core.agreement.data import ReliabilityData
from stancecoder.core.agreement.result import Result
from stancecoder.core.agreement.weights import check_weights, weight_matrix


def _kappa(name: str, data: ReliabilityData, weights: str | None) -> Result:
    result = partial(Result, name=name, level=None, n_coders=data.n_coders)
    if data.n_coders != 2:
        return result(
            value=None,
            n_units=0,
            reason=f"defined for exactly 2 coders, got {data.n_coders}; "
            "use Fleiss' kappa or Krippendorff's alpha",
        )
    both = (data.codes >= 0).all(axis=1)
    pairs = data.codes[both]
    n = len(pairs)
    if n == 0:
        return result(value=None, n_units=0, reason="no unit was coded by both coders")
    q = data.n_categories
    if weights is not None and q < 2:
        return result(value=None, n_units=n, reason="weights need at least 2 categories")
    table = np.zeros((q, q))
    np.add.at(table, (pairs[:, 0], pairs[:, 1]), 1.0)
    table /= n
    w = weight_matrix(q, weights)
    po = float(np.sum(w * table))
    pe = float(np.sum(w * np.outer(table.sum(axis=1), table.sum(axis=0))))
    if np.isclose(pe, 1.0):
        return result(
            value=None,
            n_units=n,
            reason="chance agreement is 1 (both coders used one and the same category), "
            "so kappa is not defined",
        )
    extra = {"observed_agreement": po, "chance_agreement": pe}
    return result(value=(po - pe) / (1.0 - pe), n_units=n, extra=extra)


def cohen_kappa(data: ReliabilityData) -> Result:
    """Cohen's (1960) kappa on the units both coders coded; other units are left out."""
    return _kappa("cohen_kappa", data, None)


def weighted_kappa(data: ReliabilityData, weights: str = "linear") -> Result:
    """Cohen's weighted kappa with linear or quadratic weights on category positions."""
    check_weights(weights)
    return _kappa(f"weighted_kappa_{weights}", data, weights)
