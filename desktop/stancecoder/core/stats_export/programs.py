"""What SPSS, Stata and R accept as a column's name and label, as measured on the files
pyreadstat writes: past a label's limit SPSS and Stata cut it without a mark (or refuse
the file), so the export cuts it first, visibly, and says so."""

from __future__ import annotations

import re
from dataclasses import dataclass


@dataclass(frozen=True)
class LabelLimit:
    """A label's room: in bytes of UTF-8 (SPSS, a Stata value label) or in characters (a
    Stata variable label)."""

    size: int
    unit: str  # "bytes" | "characters"


@dataclass(frozen=True)
class Program:
    name: str
    max_name: int  # names are ASCII, so characters and bytes are one
    reserved: frozenset[str]  # compared in lower case
    reserved_pattern: re.Pattern[str] | None
    variable_label: LabelLimit | None
    value_label: LabelLimit | None
    file_label: LabelLimit | None

    def is_reserved(self, name: str) -> bool:
        folded = name.lower()
        if folded in self.reserved:
            return True
        return self.reserved_pattern is not None and bool(self.reserved_pattern.fullmatch(folded))


SPSS_WORDS = "all and by eq ge gt le lt ne not or to with"
STATA_WORDS = (
    "_all _b byte _coef _cons double float if in int long _n _pi _pred _rc _se _skip strl "
    "using with"
)
# TRUE, NULL, NA and the like are reserved only in capitals, which no name has
R_WORDS = "if else repeat while function for in next break"

SPSS = Program(
    "SPSS", 64, frozenset(SPSS_WORDS.split(" ")), None, LabelLimit(256, "bytes"),
    LabelLimit(120, "bytes"), LabelLimit(64, "bytes"),
)  # fmt: skip
STATA = Program(
    "Stata", 32, frozenset(STATA_WORDS.split(" ")),
    re.compile(r"str[0-9]+"),  # str1 … str2045, the string types
    LabelLimit(80, "characters"), LabelLimit(32000, "bytes"), LabelLimit(80, "characters"),
)  # fmt: skip
R = Program("R", 10000, frozenset(R_WORDS.split(" ")), None, None, None, None)
PROGRAMS = {".sav": SPSS, ".dta": STATA, ".csv": R}
