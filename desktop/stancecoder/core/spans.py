"""Passage boundaries: half-open code-point offsets into an article's canonical text."""

from __future__ import annotations

import re

from stancecoder.core.context import short_quote
from stancecoder.core.errors import ValidationError


def check_span(text: str, start: int, end: int) -> str:
    """The quote for `[start, end)`, or a ValidationError saying what is wrong."""
    if not 0 <= start < end <= len(text):
        raise ValidationError(
            f"passage [{start}, {end}) is outside the text (0–{len(text)}) or empty"
        )
    quote = text[start:end]
    if not quote.strip():
        raise ValidationError(f"passage [{start}, {end}) holds only white space")
    return quote


def locate_quote(text: str, quote: str, occurrence: int | None = None) -> tuple[int, int]:
    """Find a quote made elsewhere; white space may differ (a wrapped line, two spaces).

    A quote found more than once needs `occurrence` (1-based) to say which one is meant.
    """
    needle = quote.strip()
    if not needle:
        raise ValidationError("the quote is empty")
    pattern = re.compile(r"\s+".join(re.escape(part) for part in needle.split()))
    matches = [(m.start(), m.end()) for m in pattern.finditer(text)]
    if not matches:
        raise ValidationError(f"quote not found in the article: {short_quote(needle, 60)!r}")
    if occurrence is None:
        if len(matches) > 1:
            raise ValidationError(
                f"quote found {len(matches)} times; say which with 'occurrence': "
                f"{short_quote(needle, 60)!r}"
            )
        return matches[0]
    if not 1 <= occurrence <= len(matches):
        raise ValidationError(
            f"occurrence {occurrence} asked, but the quote is found {len(matches)} time(s): "
            f"{short_quote(needle, 60)!r}"
        )
    return matches[occurrence - 1]
