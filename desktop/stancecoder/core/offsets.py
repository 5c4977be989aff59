"""Code points (our offsets) versus UTF-16 code units (Qt's text positions).

Python, pandas and REFI-QDA count code points; Qt counts UTF-16 units, so an emoji or
any character beyond the Basic Multilingual Plane shifts every later position by one.
The conversion happens only at the widget boundary, through this one map.
"""

from __future__ import annotations

import re
from bisect import bisect_right

_WIDE = re.compile("[\U00010000-\U0010ffff]")  # beyond the Basic Multilingual Plane


class OffsetMap:
    """Converts positions in one text; O(log n) per conversion after O(n) set-up."""

    def __init__(self, text: str) -> None:
        self.length = len(text)
        # code-point indices of characters that take two UTF-16 units, found by the regular
        # expression engine: a loop over the characters in Python took 0.2 ms an article
        self._wide = [found.start() for found in _WIDE.finditer(text)]

    def to_qt(self, point: int) -> int:
        return point + bisect_right(self._wide, point - 1)

    def from_qt(self, unit: int) -> int:
        """The code point at a UTF-16 position; the middle of a pair rounds down."""
        low, high = 0, len(self._wide)
        while low < high:  # wide characters that start before `unit`, counting a split one
            mid = (low + high) // 2
            if self._wide[mid] + mid + 1 <= unit:
                low = mid + 1
            else:
                high = mid
        return unit - low

    @property
    def qt_length(self) -> int:
        return self.length + len(self._wide)
