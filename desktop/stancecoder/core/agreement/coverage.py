"""What a passage variable's α rests on: per coder, the passages given a code of the variable
and how many of them reached a compared unit; and Krippendorff's unitizing α of where the
variable was coded at all.

α is computed only on units two coders both coded, so a variable can show α = 1.00 on eight
units while most of what the coders marked was never compared: they did not mark the same
text. Coverage and unitizing α say so beside α, so agreement on *what* is never read without
agreement on *where*.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from stancecoder.core.agreement.codings import NO_CODES, Codings
from stancecoder.core.agreement.matched import MatchedUnits, given_values
from stancecoder.core.agreement.result import Result
from stancecoder.core.agreement.unitizing import NAME as UNITIZING
from stancecoder.core.agreement.unitizing_spans import unitizing_alpha_of_spans
from stancecoder.core.agreement.units import Scale, UnitRow, covers


@dataclass(frozen=True)
class Coverage:
    coded: dict[str, int]  # coder -> passages with a code of the variable
    compared: dict[str, int]  # coder -> of those, in a unit two or more coders gave a value
    where: Result  # unitizing α of where the variable was coded, its codes set aside

    @property
    def not_compared(self) -> dict[str, int]:
        return {c: n - self.compared.get(c, 0) for c, n in self.coded.items()}

    @property
    def total_coded(self) -> int:
        return sum(self.coded.values())

    @property
    def total_compared(self) -> int:
        return sum(self.compared.values())


def matched_coverage(
    codings: Codings, scale: Scale, coders: list[str], units: MatchedUnits
) -> Coverage:
    """A passage is compared when its unit has a value of the variable from two coders or
    more; one without a partner, or whose partner gave the variable no code, is not."""
    passages = codings.passages
    has = given_values(scale, passages)
    members = units.members[:, [codings.coders.index(c) for c in coders]]
    given = (members >= 0) & has[members]
    compared = given & (given.sum(axis=1) >= 2)[:, np.newaxis]
    alone = units.unmatched[has[units.unmatched]]
    left = np.bincount(passages.coder[alone], minlength=len(codings.coders))
    return Coverage(
        {
            c: int(n) + int(left[codings.coders.index(c)])
            for c, n in zip(coders, given.sum(axis=0), strict=True)
        },
        {c: int(n) for c, n in zip(coders, compared.sum(axis=0), strict=True)},
        where_alpha(codings, scale, coders),
    )


def sentence_coverage(
    codings: Codings, scale: Scale, coders: list[str], rows: list[UnitRow]
) -> Coverage:
    """A passage is compared when it covers by half a sentence that two coders or more gave
    a value (for a nominal variable "not coded" is one, so every such sentence counts)."""
    sentences: dict[int, list[tuple[tuple[int, int], bool]]] = {}
    for row in rows:
        pairable = sum(v is not None for v in row.values.values()) >= 2
        sentences.setdefault(row.article, []).append((next(iter(row.spans.values())), pairable))
    coded, compared = dict.fromkeys(coders, 0), dict.fromkeys(coders, 0)
    passages = codings.passages
    double = _with_value(codings, scale)
    for article, c, s, e in zip(passages.article[double].tolist(), passages.coder[double].tolist(),
                                passages.start[double].tolist(), passages.end[double].tolist(),
                                strict=True):  # fmt: skip
        coder = codings.coders[c]
        coded[coder] += 1
        compared[coder] += any(
            pairable and covers(s, e, span) for span, pairable in sentences.get(article, [])
        )
    return Coverage(coded, compared, where_alpha(codings, scale, coders))


def unitized_coverage(codings: Codings, scale: Scale, coders: list[str]) -> Coverage:
    """Unitizing compares every marked stretch: nothing is left out."""
    coded = dict.fromkeys(coders, 0)
    for c in codings.passages.coder[_with_value(codings, scale)].tolist():
        coded[codings.coders[c]] += 1
    return Coverage(coded, dict(coded), where_alpha(codings, scale, coders))


def where_alpha(codings: Codings, scale: Scale, coders: list[str]) -> Result:
    """Unitizing α with one category, "coded": how alike the coders marked the text they
    gave this variable a code, whichever code it was."""
    double = codings.double_coded()
    length = sum(len(codings.texts[a]) for a in double)
    if length == 0 or len(coders) < 2:
        reason = "no article was coded by two coders"
        return Result(UNITIZING, None, None, 0, len(coders), reason=reason)
    return unitizing_alpha_of_spans(coded_stretches(codings, scale, coders), length, coders)


def coded_stretches(
    codings: Codings, scale: Scale, coders: list[str]
) -> dict[str, tuple[np.ndarray, np.ndarray]]:
    """Per coder, the stretches of the continuum (the double-coded articles end to end, in
    id order) their passages with a code of the variable cover, overlapping ones merged
    into one: starts and ends, in order."""
    double = np.array(codings.double_coded(), dtype=np.int64)
    lengths = np.array([len(codings.texts[a]) for a in double.tolist()], dtype=np.int64)
    offsets = np.concatenate(([0], np.cumsum(lengths)[:-1])) if len(lengths) else lengths
    passages = codings.passages
    coded = codings.in_double_coded()
    coded = coded[passages.codes_of(scale.variable.name)[coded] != NO_CODES]
    offset = offsets[np.searchsorted(double, passages.article[coded])]
    starts, ends = passages.start[coded] + offset, passages.end[coded] + offset
    out = {}
    for coder in coders:
        mine = passages.coder[coded] == codings.coders.index(coder)
        out[coder] = merged_stretches(starts[mine], ends[mine])
    return out


def merged_stretches(starts: np.ndarray, ends: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Overlapping spans of one coder count as one stretch, not two units (spans that only
    touch stay apart)."""
    if not len(starts):
        return starts, ends
    order = np.lexsort((ends, starts))
    starts, ends = starts[order], ends[order]
    reach = np.maximum.accumulate(ends)
    begins = np.concatenate(([True], starts[1:] >= reach[:-1]))
    first = np.flatnonzero(begins)
    return starts[first], np.maximum.reduceat(ends, first)


def _with_value(codings: Codings, scale: Scale) -> np.ndarray:
    """Positions of the passages of double-coded articles that give the variable a value."""
    double = codings.in_double_coded()
    found: np.ndarray = double[given_values(scale, codings.passages)[double]]
    return found
