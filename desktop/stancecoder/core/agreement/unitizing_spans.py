"""Krippendorff's unitizing α (`core.agreement.unitizing`) of one category whose units are
given as arrays, each coder's already sorted and apart: where a passage variable was coded
at all, over a million passages, without an object per unit. The sums are the same integer
sums, so the value is the same to the last bit."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from itertools import combinations

import numpy as np

from stancecoder.core.agreement.result import Result
from stancecoder.core.agreement.unitizing import NAME

Stretches = tuple[np.ndarray, np.ndarray]  # starts, ends: sorted, none overlapping another
SAFE = 2**62  # below it a term of the sums is exact in int64; above, Python's integers


def unitizing_alpha_of_spans(
    spans: Mapping[str, Stretches], length: int, coders: Sequence[str]
) -> Result:
    """Unitizing α on the continuum [0, length) of one category, every coder named in
    `coders` (one who marked nothing counts, all gap) and the units of each in `spans`."""
    m = len(coders)
    per_coder = [spans.get(c, _nothing()) for c in coders]
    n_units = sum(len(starts) for starts, _ in per_coder)
    if m < 2:
        reason = f"agreement needs at least 2 coders, the study has {m}"
        return Result(NAME, None, None, n_units, m, reason)
    if n_units == 0:
        return Result(NAME, None, None, 0, m, "no coder marked any unit")
    observed = 2 * sum(_pair_disagreement(a, b) for a, b in combinations(per_coder, 2))
    d_o = observed / (m * (m - 1) * length * length)
    d_e = _expected(per_coder, m, length)
    extra = {"observed_disagreement": d_o, "expected_disagreement": d_e}
    if d_e == 0:
        reason = "the expected disagreement is 0: the units leave no room to be placed otherwise"
        return Result(NAME, None, None, n_units, m, reason, extra=extra)
    return Result(NAME, None, 1 - d_o / d_e, n_units, m, extra=extra)


def _nothing() -> Stretches:
    return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.int64)


def _exact(values: np.ndarray, bound: float) -> np.ndarray:
    """The values as Python integers where a product of them could leave int64."""
    return values.astype(object) if bound >= SAFE else values


def _total(values: np.ndarray) -> int:
    return sum(values.tolist())


def _pair_disagreement(a: Stretches, b: Stretches) -> int:
    """Overlapping units count (b1-b2)^2 + (e1-e2)^2; a unit that meets none of the other
    coder's units lies in one of their gaps and counts its squared length."""
    (sa, ea), (sb, eb) = a, b
    first = np.searchsorted(eb, sa, side="right")  # b's units ending after a's start
    last = np.searchsorted(sb, ea, side="left")  # and starting before a's end
    counts = np.maximum(last - first, 0)
    i = np.repeat(np.arange(len(sa)), counts)
    j = first[i] + np.arange(len(i)) - np.repeat(np.cumsum(counts) - counts, counts)
    met_b = np.zeros(len(sb), dtype=bool)
    met_b[j] = True
    longest = max(_longest(a), _longest(b), 1)
    both = _exact((sa[i] - sb[j]) ** 2 + (ea[i] - eb[j]) ** 2, 2.0 * longest * longest)
    alone_a = _exact((ea - sa)[counts == 0], 1.0 * longest * longest) ** 2
    alone_b = _exact((eb - sb)[~met_b], 1.0 * longest * longest) ** 2
    return _total(both) + _total(alone_a) + _total(alone_b)


def _longest(stretches: Stretches) -> int:
    starts, ends = stretches
    return int((ends - starts).max()) if len(starts) else 0


def _expected(per_coder: list[Stretches], m: int, length: int) -> float:
    lengths = np.concatenate([ends - starts for starts, ends in per_coder])
    gaps = np.sort(np.concatenate([_gaps(starts, ends, length) for starts, ends in per_coder]))
    # sum of gaps from each index on: a unit's placements in all gaps at least as long
    from_here = np.concatenate((np.cumsum(gaps[::-1])[::-1], [0]))
    n_c = len(lengths)
    longest = float(lengths.max())
    ln = _exact(lengths, max(longest**3 * 2, longest**2 * float(from_here[0]) * 2))
    first = np.searchsorted(gaps, lengths, side="left")
    placements = _exact(from_here[first], longest**2 * float(from_here[0]) * 2) - (
        len(gaps) - first
    ) * (ln - 1)
    cubes = _total(ln * (ln - 1) * (2 * ln - 1) // 3)
    numerator = (n_c - 1) * cubes + _total(ln * ln * placements)
    denominator = m * length * (m * length - 1) - _total(ln * (ln - 1))
    return 2 * numerator / (length * denominator)


def _gaps(starts: np.ndarray, ends: np.ndarray, length: int) -> np.ndarray:
    """Lengths of the uncoded stretches of [0, length) around one coder's sorted units."""
    before = starts - np.concatenate(([0], ends[:-1]))
    after = np.array([length - (int(ends[-1]) if len(ends) else 0)])
    found = np.concatenate((before, after))
    return found[found > 0]
