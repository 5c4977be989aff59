"""How a variable of the codebook becomes columns: a variable taking one code is one
number with value labels (a nominal code's number is its place in the codebook, a point
of a scale its value: stance −2 … +2); a variable taking several is one 0/1 column per
code. A row without any code of the variable is missing in all of its columns, so "not
coded" never reads as "coded as none of these"."""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass, field

from stancecoder.core.codebook_view import VariableView
from stancecoder.core.stats_export.table import Measure, StatColumn

MEASURES: dict[str, Measure] = {"nominal": "nominal", "ordinal": "ordinal", "interval": "scale"}
YES_NO = ((0, "no"), (1, "yes"))


def code_numbers(variable: VariableView) -> tuple[dict[int, int], str | None]:
    """Each code's number, and a note when a scale could not keep its own values.

    Value labels take whole numbers in Stata, so a scale's values are kept when they are
    whole and differ from code to code; otherwise its codes are numbered 1, 2, … in
    codebook order, which keeps their order, and the note says so.
    """
    codes = variable.codes
    if variable.level == "nominal":
        return {c.id: place for place, c in enumerate(codes, start=1)}, None
    values = [c.value for c in codes]
    whole = all(v is not None and float(v).is_integer() for v in values)
    if whole and len({v for v in values}) == len(values):
        return {c.id: int(c.value or 0) for c in codes}, None
    note = (
        f"{variable.name}: its codes' values are not whole numbers, one per code, so its "
        "codes are numbered 1, 2, … in codebook order (the value labels name them)"
    )
    return {c.id: place for place, c in enumerate(codes, start=1)}, note


@dataclass
class VariableColumns:
    """The columns of one variable and the values a row's codes give them."""

    variable: VariableView
    of_article: bool = False
    columns: list[StatColumn] = field(init=False)
    note: str | None = field(init=False)

    def __post_init__(self) -> None:
        v = self.variable
        name = f"{v.name} (the coder's code for the article)" if self.of_article else v.name
        if v.multiple:
            self._numbers: dict[int, int] = {}
            self.note = None
            self.columns = [
                StatColumn(f"{v.name}_{c.path_text}", f"{name}: {c.path_text}", "int",
                           "nominal", YES_NO)
                for c in v.codes
            ]  # fmt: skip
            return
        self._numbers, self.note = code_numbers(v)
        labels = tuple((self._numbers[c.id], c.path_text) for c in v.codes)
        measure = MEASURES.get(v.level, "nominal")
        self.columns = [
            StatColumn(v.name, name, "int", measure, labels, labels_in_csv=measure == "nominal")
        ]

    def values(self, code_ids: Collection[int]) -> list[object]:
        chosen = [c.id for c in self.variable.codes if c.id in code_ids]
        if not chosen:
            return [None] * len(self.columns)
        if self.variable.multiple:
            return [int(c.id in chosen) for c in self.variable.codes]
        return [self._numbers[chosen[0]]]
