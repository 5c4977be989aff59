"""Krippendorff's unitizing alpha (1995; 2004, sec. 12.4): do coders mark the same stretches?

This is the 1995/2004 definition, the one DKPro Statistics implements and the published
worked examples use; the incompatible 2016 family (u, |u, cu-alpha) is not computed here.
Each category is judged on its own: a coder's continuum is cut into that category's units
and the gaps between them, so units of different categories may overlap freely.

Two kinds of trouble are kept apart. Data that cannot be a unitization (an empty unit, a unit
outside the continuum, two units of one coder and category that overlap) raises `ValueError`:
the data must be fixed, and no number should be reported for it. Data that is well formed but
leaves the coefficient undefined (fewer than two coders, no unit of the category, no expected
disagreement) gives a `Result` whose value is None and whose `reason` says why, so a report
can show "not defined" next to the figures that are.

Everything is summed in integers and divided once, so long continua lose no precision; the
work is linear in the number of units per pair of coders (after sorting).
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Hashable, Sequence
from dataclasses import dataclass, field
from itertools import accumulate, combinations, pairwise

from stancecoder.core.agreement.result import Result

NAME = "unitizing_alpha"

Span = tuple[int, int]


@dataclass(frozen=True, slots=True)
class Unit:
    """One stretch `[start, end)` that `coder` marked with `category`."""

    coder: str | int
    start: int
    end: int
    category: str

    def __post_init__(self) -> None:
        if self.end <= self.start:
            raise ValueError(
                f"unit [{self.start}, {self.end}) of coder {self.coder!r} is empty: "
                "a unit must end after it starts"
            )


@dataclass(frozen=True, slots=True)
class _Study:
    """The units of one study, sorted per category and coder, checked once for all statistics."""

    coders: tuple[Hashable, ...]
    begin: int
    end: int
    spans: dict[str, dict[Hashable, list[Span]]]  # category -> coder -> sorted spans
    # the overall value needs every category, so unitizing_alpha_all would compute each twice
    computed: dict[str, tuple[float, float]] = field(default_factory=dict, compare=False)

    def disagreements(self, category: str) -> tuple[float, float]:
        """Observed and expected disagreement (D_o, D_e) for one category."""
        if category not in self.computed:
            self.computed[category] = self._disagreements(category)
        return self.computed[category]

    def _disagreements(self, category: str) -> tuple[float, float]:
        by_coder = self.spans.get(category, {})
        per_coder = [by_coder.get(coder, []) for coder in self.coders]
        m, length = len(self.coders), self.end - self.begin
        observed = 2 * sum(_pair_disagreement(a, b) for a, b in combinations(per_coder, 2))
        d_o = observed / (m * (m - 1) * length * length)
        lengths = [e - s for spans in per_coder for s, e in spans]
        gaps = sorted(g for spans in per_coder for g in _gaps(spans, self.begin, self.end))
        # Sum of gaps from each index on, so the placements of a unit in all gaps at least
        # as long as it come from one bisection instead of a scan of every gap.
        from_here = list(accumulate(reversed(gaps), initial=0))[::-1]
        n_c = len(lengths)
        numerator = 0
        for ln in lengths:
            first = bisect_left(gaps, ln)
            placements = from_here[first] - (len(gaps) - first) * (ln - 1)
            numerator += (n_c - 1) * ln * (ln - 1) * (2 * ln - 1) // 3 + ln * ln * placements
        denominator = m * length * (m * length - 1) - sum(ln * (ln - 1) for ln in lengths)
        d_e = 2 * numerator / (length * denominator)
        return d_o, d_e


def unitizing_alpha(
    units: Sequence[Unit],
    begin: int,
    end: int,
    category: str | None = None,
    *,
    coders: Sequence[str | int] | None = None,
) -> Result:
    """Unitizing alpha on the continuum `[begin, end)`, for one category or overall.

    Overall is 1 - mean_c D_o(c) / mean_c D_e(c) over the categories that occur (DKPro's
    convention), not a mean of per-category alphas. `coders` names every coder of the study,
    so one who marked nothing still counts (all gap); by default the coders are those of
    `units`. Malformed units raise ValueError (see the module docstring).
    """
    study = _study(units, begin, end, coders)
    if category is None:
        return _overall(study, units)
    return _for_category(study, units, category)


def unitizing_alpha_all(
    units: Sequence[Unit],
    begin: int,
    end: int,
    *,
    coders: Sequence[str | int] | None = None,
) -> list[Result]:
    """The overall alpha first, then one alpha per category in sorted order."""
    study = _study(units, begin, end, coders)
    categories = sorted(study.spans)
    return [_overall(study, units)] + [_for_category(study, units, c) for c in categories]


def _overall(study: _Study, units: Sequence[Unit]) -> Result:
    n_coders = len(study.coders)
    if n_coders < 2:
        return _undefined(None, len(units), n_coders, _too_few_coders(n_coders))
    if not study.spans:
        return _undefined(None, 0, n_coders, "no coder marked any unit")
    pairs = [study.disagreements(c) for c in study.spans]
    d_o = sum(o for o, _ in pairs) / len(pairs)
    d_e = sum(e for _, e in pairs) / len(pairs)
    return _from_disagreements(None, len(units), n_coders, d_o, d_e)


def _for_category(study: _Study, units: Sequence[Unit], category: str) -> Result:
    n_coders = len(study.coders)
    n_units = sum(1 for u in units if u.category == category)
    if n_coders < 2:
        return _undefined(category, n_units, n_coders, _too_few_coders(n_coders))
    if n_units == 0:
        return _undefined(category, 0, n_coders, f"no coder marked a unit of {category!r}")
    d_o, d_e = study.disagreements(category)
    return _from_disagreements(category, n_units, n_coders, d_o, d_e)


def _from_disagreements(
    category: str | None, n_units: int, n_coders: int, d_o: float, d_e: float
) -> Result:
    extra = {"observed_disagreement": d_o, "expected_disagreement": d_e}
    if d_e == 0:
        reason = "the expected disagreement is 0: the units leave no room to be placed otherwise"
        return Result(NAME, None, None, n_units, n_coders, reason, category=category, extra=extra)
    return Result(NAME, None, 1 - d_o / d_e, n_units, n_coders, category=category, extra=extra)


def _undefined(category: str | None, n_units: int, n_coders: int, reason: str) -> Result:
    return Result(NAME, None, None, n_units, n_coders, reason, category=category)


def _too_few_coders(n_coders: int) -> str:
    return f"agreement needs at least 2 coders, the study has {n_coders}"


def _study(
    units: Sequence[Unit], begin: int, end: int, coders: Sequence[str | int] | None
) -> _Study:
    if end <= begin:
        raise ValueError(f"the continuum [{begin}, {end}) is empty")
    known = tuple(dict.fromkeys(coders if coders is not None else (u.coder for u in units)))
    if coders is not None and len(known) != len(coders):
        raise ValueError("a coder is named twice in coders")
    allowed = set(known)
    spans: dict[str, dict[Hashable, list[Span]]] = {}
    for u in units:
        if u.start < begin or u.end > end:
            raise ValueError(
                f"unit [{u.start}, {u.end}) of coder {u.coder!r} lies outside "
                f"the continuum [{begin}, {end})"
            )
        if u.coder not in allowed:
            raise ValueError(f"unit [{u.start}, {u.end}) is by {u.coder!r}, not a listed coder")
        spans.setdefault(u.category, {}).setdefault(u.coder, []).append((u.start, u.end))
    for category, by_coder in spans.items():
        for coder, coder_spans in by_coder.items():
            coder_spans.sort()
            for (s1, e1), (s2, e2) in pairwise(coder_spans):
                if s2 < e1:
                    raise ValueError(
                        f"coder {coder!r} has overlapping units [{s1}, {e1}) and [{s2}, {e2}) "
                        f"of category {category!r}; merge or split them first"
                    )
    return _Study(known, begin, end, spans)


def _pair_disagreement(a: list[Span], b: list[Span]) -> int:
    """Sum of squared boundary differences between two coders' units of one category.

    Overlapping units count (b1-b2)^2 + (e1-e2)^2; a unit that meets none of the other
    coder's units lies inside one of their gaps and counts its squared length.
    """
    total = 0
    met_a = [False] * len(a)
    met_b = [False] * len(b)
    i = j = 0
    while i < len(a) and j < len(b):
        (sa, ea), (sb, eb) = a[i], b[j]
        if sa < eb and sb < ea:
            total += (sa - sb) ** 2 + (ea - eb) ** 2
            met_a[i] = met_b[j] = True
        if ea <= eb:
            i += 1
        else:
            j += 1
    total += sum((e - s) ** 2 for (s, e), met in zip(a, met_a, strict=True) if not met)
    total += sum((e - s) ** 2 for (s, e), met in zip(b, met_b, strict=True) if not met)
    return total


def _gaps(spans: list[Span], begin: int, end: int) -> list[int]:
    """Lengths of the uncoded stretches of `[begin, end)` around sorted spans."""
    gaps: list[int] = []
    position = begin
    for unit_start, unit_end in spans:
        if unit_start > position:
            gaps.append(unit_start - position)
        position = unit_end
    if end > position:
        gaps.append(end - position)
    return gaps
