"""Matched passages as units: the passages of double-coded articles paired across coders
(`core.matching`), and one variable's values on those units, all as arrays."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from stancecoder.core.agreement.codings import NO_CODES, Codings, Passages
from stancecoder.core.agreement.unit_table import Spans, UnitTable
from stancecoder.core.agreement.units import Scale
from stancecoder.core.errors import ValidationError
from stancecoder.core.matching import match_columns


@dataclass(frozen=True)
class MatchedUnits:
    """`members` is units × coders (the codings' coders, in order): the position of each
    coder's passage in the codings, -1 where the coder has none in the unit. `unmatched`
    are the positions of the passages no unit holds, in the order read."""

    members: np.ndarray
    unmatched: np.ndarray


def matched_units(codings: Codings, overlap: float) -> MatchedUnits:
    """The matched units of the double-coded articles, in the order of their first passage."""
    double = codings.in_double_coded()
    passages = codings.passages
    try:
        matching = match_columns(
            passages.article[double], passages.coder[double],
            passages.start[double], passages.end[double], overlap,
        )  # fmt: skip
    except ValueError as exc:
        raise ValidationError(str(exc)) from None
    members = np.full((len(matching.units), len(codings.coders)), -1, dtype=np.int64)
    found = matching.units
    members[:, : found.shape[1]] = np.where(found >= 0, double[found], -1)
    return MatchedUnits(members, double[matching.unmatched])


def given_values(scale: Scale, passages: Passages) -> np.ndarray:
    """Per passage, whether it gives the variable a value: any code of a nominal one, one
    value of an ordered one (codes of two values make it missing)."""
    combination = passages.codes_of(scale.variable.name)
    has = np.zeros(len(passages.combinations), dtype=bool)
    for k in np.unique(combination).tolist():
        ids = passages.combinations[k]
        has[k] = bool(ids) and (not scale.ordered or scale.value(ids) is not None)
    given: np.ndarray = has[combination]
    return given


def matched_table(
    codings: Codings, units: MatchedUnits, scale: Scale, coders: list[str]
) -> UnitTable:
    """The variable's value from each coder of each unit. A combination of codes not seen
    before becomes a category of a nominal scale where the units first show it (unit by
    unit, coder by coder), as it would if each unit were read in turn."""
    passages = codings.passages
    members = units.members[:, [codings.coders.index(c) for c in coders]]
    present = members >= 0
    combination = np.where(present, passages.codes_of(scale.variable.name)[members], NO_CODES)
    seen, first = np.unique(combination.ravel(), return_index=True)
    position = np.full(len(passages.combinations), -1, dtype=np.int64)
    values = {k: scale.value(passages.combinations[k]) for k in seen[np.argsort(first)].tolist()}
    for k, value in values.items():
        if value is not None:
            position[k] = scale.categories.index(value)
    codes = position[combination]
    anyone = np.where(present, members, -1).max(axis=1, initial=-1)
    article = passages.article[anyone] if len(anyone) else np.zeros(0, dtype=np.int64)

    def place(unit: int) -> tuple[str, Spans]:
        mine = [(c, p) for c, p in zip(coders, members[unit].tolist(), strict=True) if p >= 0]
        spans = {c: (int(passages.start[p]), int(passages.end[p])) for c, p in mine}
        first_start, first_end = min(spans.values(), key=lambda span: span[0])
        return f"article {int(article[unit])} [{first_start}, {first_end})", spans

    return UnitTable(article, codes, place)
