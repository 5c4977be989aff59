"""Figures for one variable: every statistic, per code, per coder pair, coincidences."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from itertools import combinations
from typing import TypedDict

import numpy as np

from stancecoder.core.agreement import (
    ReliabilityData,
    Result,
    all_statistics,
    krippendorff_alpha,
    percent_agreement,
)
from stancecoder.core.agreement.alpha_value import unit_coincidences
from stancecoder.core.agreement.coverage import Coverage
from stancecoder.core.agreement.unit_table import RawRow, RawRows, UnitTable
from stancecoder.core.agreement.units import Scale
from stancecoder.core.wording import counted, times


class Disagreement(TypedDict):
    """A unit the coders gave different labels, as the report lists it and exports it."""

    article: int
    title: str
    where: str
    variable: str
    codes: dict[str, str]  # coder -> label
    spans: dict[str, tuple[int, int]]  # coder -> passage span (passage units only)
    quote: str  # the words the coders' passages cover, shortened
    before: str  # a few words of the text before the quote, "…" where the article goes on
    after: str  # and after it


class Bootstrap(TypedDict):
    """How alpha's interval is drawn, the same for every variable of one report."""

    replicates: int
    seed: int | None


RELIABLE, TENTATIVE = 0.800, 0.667
MIN_UNITS, MIN_VALUES = 50, 5


@dataclass
class VariableAgreement:
    """Everything the report says about one variable under one unit of analysis."""

    name: str
    scope: str
    level: str
    unit: str
    coders: list[str]
    results: list[Result]  # Krippendorff's alpha (or unitizing alpha) first
    per_code: list[Result] = field(default_factory=list)
    per_pair: list[tuple[str, str, Result, Result]] = field(default_factory=list)
    categories: list[str] = field(default_factory=list)
    coincidences: list[list[float]] = field(default_factory=list)
    # article, where, coder -> label, coder -> span (passage units only)
    raw: Sequence[RawRow] = field(default_factory=list)
    disagreements: list[Disagreement] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    rare: dict[str, int] = field(default_factory=dict)  # category -> times, when < MIN_VALUES
    coverage: Coverage | None = None  # passage variables: what was compared, and where

    @property
    def main(self) -> Result:
        return self.results[0]

    @property
    def n_units(self) -> int:
        return self.main.n_units


def interpret(result: Result) -> str:
    if result.value is None:
        return f"not defined: {result.reason}"
    if result.value >= RELIABLE:
        return "reliable"
    return "tentative" if result.value >= TENTATIVE else "discard"


def undefined(level: str | None, coders: list[str], reason: str) -> Result:
    return Result("krippendorff_alpha", level, None, 0, len(coders), reason=reason)


def variable_agreement(
    scale: Scale, unit: str, table: UnitTable, coders: list[str], boot: Bootstrap
) -> VariableAgreement:
    """`table`'s columns are `coders`, its codes positions in the scale's categories."""
    v = scale.variable
    out = VariableAgreement(v.name, v.scope, v.level, unit, coders, [])
    if not len(table) or len(coders) < 2:
        why = "fewer than two coders" if len(coders) < 2 else "no unit was coded by two coders"
        out.results = [undefined(v.level, coders, why)]
        out.warnings.append(f"{v.name}: {why}, so agreement cannot be computed")
        return out
    data = ReliabilityData.from_codes(table.codes, scale.categories)
    results = all_statistics(data, v.level, **boot)
    alpha = next(r for r in results if r.name == "krippendorff_alpha")
    others = [r for r in results if r is not alpha]
    out.results = [replace(r, level=r.level or v.level) for r in [alpha, *others]]
    out.categories = [scale.label(c) for c in data.categories]
    pairable = (data.codes >= 0).sum(axis=1) >= 2
    coincidences = unit_coincidences(data.codes, data.n_categories)
    out.coincidences = coincidences.round(6).tolist() if pairable.any() else []
    if not scale.ordered:
        out.per_code = _per_code(data)
    out.per_pair = _per_pair(data, coders, v.level)
    out.raw = RawRows(table, out.categories, coders)
    values = data.codes[pairable]
    totals = np.bincount(values[values >= 0], minlength=data.n_categories)
    out.rare = {
        label: int(count)
        for label, count in zip(out.categories, totals, strict=False)
        if 0 < count < MIN_VALUES
    }
    out.warnings = _warnings(v.name, alpha, out.rare)
    return out


def _per_code(data: ReliabilityData) -> list[Result]:
    """Each used code against all the others: the variable's data split in two (the code
    first, so the binary scale is (True, False)), missing where it was missing."""
    results = []
    used = np.unique(data.codes[data.codes >= 0])  # a code nobody used has no α
    missing = data.codes < 0
    for position in used.tolist():
        binary = np.where(missing, -1, np.where(data.codes == position, 0, 1))
        result = krippendorff_alpha(ReliabilityData.from_codes(binary, (True, False)), "nominal")
        results.append(replace(result, category=str(data.categories[position])))
    return results


def _per_pair(
    data: ReliabilityData, coders: list[str], level: str
) -> list[tuple[str, str, Result, Result]]:
    """Each pair of coders on the units both of them gave a value."""
    pairs = []
    for i, j in combinations(range(len(coders)), 2):
        both = data.codes[:, [i, j]]
        both = both[(both >= 0).all(axis=1)]
        if not len(both):
            reason = "the two coders coded no unit in common"
            none = undefined(level, [coders[i], coders[j]], reason)
            pairs.append((coders[i], coders[j], none, replace(none, name="percent_agreement")))
            continue
        pair = ReliabilityData.from_codes(both, data.categories)
        pairs.append(
            (coders[i], coders[j], krippendorff_alpha(pair, level), percent_agreement(pair))
        )
    return pairs


def _warnings(name: str, alpha: Result, rare: dict[str, int]) -> list[str]:
    warnings = []
    if alpha.n_units < MIN_UNITS:
        warnings.append(
            f"{name}: only {counted(alpha.n_units, 'unit')} "
            f"{'was' if alpha.n_units == 1 else 'were'} coded by two or more coders; with fewer "
            f"than {MIN_UNITS} the confidence interval is wide and α is not trustworthy"
        )
    for label, count in rare.items():
        warnings.append(
            f"{name}: category {label!r} was used only {times(count)} (fewer than "
            f"{MIN_VALUES}); α depends heavily on these few values"
        )
    return warnings
