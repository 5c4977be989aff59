"""Positions in a text as a file wrote it carried to its canonical form (`core.text`).

An import keeps an article's text canonical: line ends as "\\n", NFC, trailing spaces and
extra blank lines gone, hard wraps rejoined. Those rules only drop, merge or replace white
space and compose characters, so walking both texts side by side, white space against
white space, finds for every position of the raw text its place in the canonical one.
"""

from __future__ import annotations

import unicodedata

_COMPOSE_AT_MOST = 8  # characters NFC may merge into one (a letter and its marks)


def canonical_positions(raw: str, canonical: str) -> list[int] | None:
    """For each position 0…len(raw) of `raw`, the position in `canonical` of the first
    character at or after it; None when the two are not one text."""
    places = [0] * (len(raw) + 1)
    i = j = 0
    while i < len(raw):
        places[i] = j
        char = raw[i]
        if j < len(canonical) and char == canonical[j]:
            i, j = i + 1, j + 1
        elif char.isspace() or char == "\ufeff":
            i += 1
            if j < len(canonical) and canonical[j].isspace():
                j += 1
        elif j < len(canonical) and canonical[j].isspace():
            j += 1
        else:
            length = _composed(raw, i, canonical, j)
            if length is None:
                return None
            for k in range(i, i + length[0]):
                places[k] = j
            i, j = i + length[0], j + length[1]
    places[len(raw)] = j
    return places if canonical[j:].strip() == "" else None


def _composed(raw: str, i: int, canonical: str, j: int) -> tuple[int, int] | None:
    """How many characters of `raw` at i compose into how many of `canonical` at j."""
    for size in range(2, _COMPOSE_AT_MOST + 1):
        composed = unicodedata.normalize("NFC", raw[i : i + size])
        if composed and canonical.startswith(composed, j) and len(composed) < size:
            return size, len(composed)
    return None
