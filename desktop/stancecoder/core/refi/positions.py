"""What the positions of a file's text selections count, found per source.

The standard counts Unicode code points from 0, the end exclusive (a Python slice), and so
do QualCoder and StanceCoder. NVivo for Windows counts UTF-16 code units, a character
beyond the Basic Multilingual Plane (an emoji) as two and a CRLF line end as two; a tool
that reads its text with universal newlines counts a CRLF as one. Nothing in a file says
which, so each source's selections are tried under every counting against their names,
which tools fill with the quote (often cut short with "…"): the counting under which the
most quotes agree is the source's, the standard's when none tells them apart.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from stancecoder.core.offsets import OffsetMap
from stancecoder.core.refi.model import RefiSelection

_SPACES = re.compile(r"\s+")
_CUT_MARKS = ("…", "...")


@dataclass(frozen=True)
class Counting:
    """One way of counting positions in a text as written in the file."""

    utf16: bool = False
    crlf_as_one: bool = False

    def describe(self) -> str:
        unit = "UTF-16 code units" if self.utf16 else "Unicode code points"
        line_ends = ", a CRLF line end as one" if self.crlf_as_one else ""
        usual = " (as NVivo counts)" if self.utf16 and not self.crlf_as_one else ""
        return f"{unit}{line_ends}{usual}"


STANDARD = Counting()


@dataclass(frozen=True)
class CountingFound:
    counting: Counting
    agreeing: int  # selections whose quote agrees with the text under the counting
    with_quotes: int  # selections whose name could be checked at all

    def describe(self) -> str:
        if not self.with_quotes:
            return f"{self.counting.describe()}: no quotes to check them by, as the standard says"
        return (
            f"{self.counting.describe()}: {self.agreeing} of {self.with_quotes} quotes agree "
            "with the text"
        )


class PositionReader:
    """Positions under one counting turned into code points of the text as written."""

    def __init__(self, text: str, counting: Counting) -> None:
        self.text = text
        self.counting = counting
        counted = text.replace("\r\n", "\n") if counting.crlf_as_one else text
        self._units = OffsetMap(counted) if counting.utf16 else None
        self._crlf = [m.start() for m in re.finditer("\r\n", text)] if counting.crlf_as_one else []

    def code_point(self, position: int) -> int | None:
        """The code point of the text at `position`, or None when it lies outside."""
        if position < 0:
            return None
        if self._units is not None:
            if position > self._units.qt_length:
                return None
            position = self._units.from_qt(position)
        if self._crlf:
            # each CRLF before the position counted one less than it is
            low, high = 0, len(self._crlf)
            while low < high:
                mid = (low + high) // 2
                if self._crlf[mid] - mid < position:
                    low = mid + 1
                else:
                    high = mid
            position += low
        return position if position <= len(self.text) else None

    def span(self, selection: RefiSelection) -> tuple[int, int] | None:
        start, end = self.code_point(selection.start), self.code_point(selection.end)
        if start is None or end is None or start >= end:
            return None
        return start, end


def detect_counting(text: str, selections: Sequence[RefiSelection]) -> CountingFound:
    """The counting under which the most selections' quotes agree with `text`; ties go
    to the standard, then to the counting listed first."""
    candidates = [STANDARD, Counting(utf16=True)]
    if "\r\n" in text:
        candidates += [Counting(crlf_as_one=True), Counting(utf16=True, crlf_as_one=True)]
    quoted = [(s, _quote_key(s.name)) for s in selections if _quote_key(s.name)]
    best = CountingFound(STANDARD, 0, len(quoted))
    for counting in candidates:
        reader = PositionReader(text, counting)
        agreeing = sum(1 for selection, quote in quoted if _agrees(reader, selection, quote))
        if agreeing > best.agreeing:
            best = CountingFound(counting, agreeing, len(quoted))
    return best


def _agrees(reader: PositionReader, selection: RefiSelection, quote: str) -> bool:
    span = reader.span(selection)
    if span is None:
        return False
    found = _SPACES.sub(" ", reader.text[span[0] : span[1]]).strip()
    return found.startswith(quote) if len(quote) < len(found) else found == quote


def _quote_key(name: str) -> str:
    """A selection's name as a quote to look for: white space as one space, without the
    mark a tool adds when it cuts a long quote short."""
    name = _SPACES.sub(" ", name).strip()
    for mark in _CUT_MARKS:
        name = name.removesuffix(mark).rstrip()
    return name
