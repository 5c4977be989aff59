"""Selections snapped to whole words: coders drag fast and miss a letter at either end."""

from __future__ import annotations

import unicodedata


def _inside_word(ch: str) -> bool:
    """Letters, digits, joiners, and combining marks (an accent belongs to its letter)."""
    return ch.isalnum() or ch in "'’-_" or unicodedata.category(ch).startswith("M")


def snap_to_words(text: str, start: int, end: int) -> tuple[int, int]:
    """Grow `[start, end)` to word boundaries and trim white space at both ends."""
    start, end = max(0, min(start, end)), min(len(text), max(start, end))
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if start == end:
        return start, end
    while start > 0 and _inside_word(text[start - 1]) and _inside_word(text[start]):
        start -= 1
    while end < len(text) and _inside_word(text[end - 1]) and _inside_word(text[end]):
        end += 1
    return start, end
