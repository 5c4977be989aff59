"""Where words occur in an article's text, for the reader's find bar and for showing the
list's search words in the article opened from it.

Matching ignores case in every script (Python's Unicode case rules), so "путин" finds
"Путин" and "ПУТИН"; offsets are code points of the text as stored, like every offset.
"""

from __future__ import annotations

import re
from collections.abc import Iterable


def find_all(text: str, needles: Iterable[str]) -> list[tuple[int, int]]:
    """Spans `[start, end)` of every occurrence of any needle, in text order and never
    overlapping; at one place the longest needle wins, as a reader would mark it."""
    wanted = sorted({n for n in needles if n}, key=len, reverse=True)
    if not wanted:
        return []
    pattern = re.compile("|".join(re.escape(n) for n in wanted), re.IGNORECASE)
    return [match.span() for match in pattern.finditer(text)]


def next_hit(hits: list[tuple[int, int]], position: int) -> int:
    """The index of the first hit starting at or after `position`, wrapping to the first:
    find starts where the reader is."""
    return next((i for i, (start, _end) in enumerate(hits) if start >= position), 0)
