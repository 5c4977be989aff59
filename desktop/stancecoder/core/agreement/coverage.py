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

from stancecoder.core.agreement.codings import Codings, PassageRow
from stancecoder.core.agreement.result import Result
from stancecoder.core.agreement.unitizing import NAME as UNITIZING
from stancecoder.core.agreement.unitizing import unitizing_alpha
from stancecoder.core.agreement.units import Scale, UnitRow, covers, unitizing_units


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
    codings: Codings,
    scale: Scale,
    coders: list[str],
    units: list[dict[str, PassageRow]],
    unmatched: list[PassageRow],
) -> Coverage:
    """A passage is compared when its unit has a value of the variable from two coders or
    more; one without a partner, or whose partner gave the variable no code, is not."""
    coded, compared = dict.fromkeys(coders, 0), dict.fromkeys(coders, 0)
    for unit in units:
        given = [c for c, p in unit.items() if _has_value(scale, p)]
        for coder in given:
            coded[coder] += 1
            compared[coder] += len(given) >= 2
    for passage in unmatched:
        if _has_value(scale, passage):
            coded[passage.coder] += 1
    return Coverage(coded, compared, where_alpha(codings, scale, coders))


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
    for passage in _double_coded(codings):
        if _has_value(scale, passage):
            coded[passage.coder] += 1
            compared[passage.coder] += any(
                pairable and covers(passage, span)
                for span, pairable in sentences.get(passage.article, [])
            )
    return Coverage(coded, compared, where_alpha(codings, scale, coders))


def unitized_coverage(codings: Codings, scale: Scale, coders: list[str]) -> Coverage:
    """Unitizing compares every marked stretch: nothing is left out."""
    coded = dict.fromkeys(coders, 0)
    for passage in _double_coded(codings):
        coded[passage.coder] += _has_value(scale, passage)
    return Coverage(coded, dict(coded), where_alpha(codings, scale, coders))


def where_alpha(codings: Codings, scale: Scale, coders: list[str]) -> Result:
    """Unitizing α with one category, "coded": how alike the coders marked the text they
    gave this variable a code, whichever code it was."""
    units, length = unitizing_units(codings, scale, by_code=False)
    if length == 0 or len(coders) < 2:
        reason = "no article was coded by two coders"
        return Result(UNITIZING, None, None, 0, len(coders), reason=reason)
    return unitizing_alpha(units, 0, length, coders=coders)


def _has_value(scale: Scale, passage: PassageRow) -> bool:
    """Whether the passage gives the variable a value: any code of a nominal one, one value
    of an ordered one (codes of two values make it missing, as in the units)."""
    ids = passage.codes.get(scale.variable.name, ())
    return bool(ids) and (not scale.ordered or scale.value(ids) is not None)


def _double_coded(codings: Codings) -> list[PassageRow]:
    double = set(codings.double_coded())
    return [p for p in codings.passages if p.article in double]
