"""Canonical article text: the one form of an article that every stored offset refers to.

The text is made canonical once, at import, and never changes afterwards; so each rule
below is conservative and the whole is idempotent (`canonical_text(canonical_text(x)) ==
canonical_text(x)`), which lets a re-import recognise the same article.
"""

from __future__ import annotations

import itertools
import re
import unicodedata
from collections.abc import Iterable

from stancecoder.core.wraps import WrapJudge

# Line breaks other than "\n", replaced in this order (CRLF before a lone CR): a text
# without any, as most are, is scanned once for each and not copied.
_LINE_BREAKS = ("\r\n", "\r", "\u2028", "\u2029")
# A line that ends a sentence, possibly followed by closing quotes or brackets.
_SENTENCE_END = re.compile(r"[.!?\u2026][\"'\u2019\u201d\u00bb)\]]*$")
# A line that starts a list item: its break is structure, never a wrap.
_LIST_ITEM = re.compile(r"[ \t]*(?:[-*\u2022]|\d{1,3}[.)])[ \t]")
# Fixed-width wrapping (mail, plain-text exports) breaks lines at spaces, never past this.
_MAX_FIXED_WIDTH = 120


def canonical_text(raw: str) -> str:
    """Return the canonical form of `raw`.

    - A leading byte order mark is dropped; CRLF, CR, U+2028 and U+2029 become "\\n".
    - The text is NFC-normalised; no other character changes (no-break spaces stay).
    - Trailing spaces and tabs of each line are dropped; leading and trailing blank lines
      are removed and any run of blank lines becomes exactly one ("\\n\\n").
    - Hard wraps are rejoined, but only in a text that separates its paragraphs with blank
      lines: there, a single line break inside a paragraph is an artefact of the export.
      A text counts as such when it has at least two paragraphs and at most half of its
      single line breaks follow a sentence end; otherwise (one paragraph per line, perhaps
      under a title set off by a blank line) every line break is kept. A short line
      standing alone, such as a title or a section label, is a paragraph of its own
      because a blank line follows it. A break before a list item ("- ", "* ", "1. ") is
      always kept.
    - A wrap between two letters or digits is joined without a space only on evidence that
      it broke a word ("resolut|ion"), weighed in `WrapJudge`; two words ("Washington|on")
      get a space, and so does a wrap with white space on either side. Any other wrap
      becomes one space, except in a text cut at a fixed column regardless of words: a
      line as long as the column was cut between two characters written together. A text
      whose wrapped lines have about the same width of at most 120 characters, with a
      ragged edge, was wrapped at spaces, so there every wrap becomes one space (a wrap
      after a hyphen inside a word joins without one: "well-|known").
    """
    text = raw.lstrip("\ufeff")
    for line_break in _LINE_BREAKS:
        if line_break in text:
            text = text.replace(line_break, "\n")
    text = unicodedata.normalize("NFC", text)
    # Lines keep their trailing white space until the wraps are decided: it is evidence.
    raw_paragraphs = _paragraphs(text.split("\n"))
    paragraphs = [[line.rstrip(" \t") for line in paragraph] for paragraph in raw_paragraphs]
    wrapped = [line for paragraph in paragraphs for line in _wrapped_lines(paragraph)]
    if wrapped and len(paragraphs) >= 2 and _mostly_mid_sentence(wrapped):
        judge = WrapJudge(paragraphs, wrapped)
        at_spaces = judge.column is None and _wrapped_at_fixed_width(wrapped)
        paragraphs = [_rejoin(paragraph, judge, at_spaces) for paragraph in raw_paragraphs]
    joined = "\n\n".join("\n".join(paragraph) for paragraph in paragraphs)
    # Joining lines can bring together characters that compose, such as Hangul jamo.
    return unicodedata.normalize("NFC", joined)


def _paragraphs(lines: Iterable[str]) -> list[list[str]]:
    """Group lines into paragraphs, dropping the blank lines between them."""
    paragraphs: list[list[str]] = []
    current: list[str] = []
    for line in lines:
        if line.rstrip(" \t"):
            current.append(line)
        elif current:
            paragraphs.append(current)
            current = []
    if current:
        paragraphs.append(current)
    return paragraphs


def _wrapped_lines(paragraph: list[str]) -> list[str]:
    """Lines of `paragraph` followed by a single break that is not before a list item."""
    return [
        line for line, following in itertools.pairwise(paragraph) if not _LIST_ITEM.match(following)
    ]


def _mostly_mid_sentence(wrapped: list[str]) -> bool:
    after_sentence = sum(1 for line in wrapped if _SENTENCE_END.search(line))
    return after_sentence * 2 <= len(wrapped)


def _wrapped_at_fixed_width(wrapped: list[str]) -> bool:
    if len(wrapped) < 2:
        return False
    widths = [len(line) for line in wrapped]
    widest = max(widths)
    near_widest = sum(1 for width in widths if width >= widest * 0.75)
    return widest <= _MAX_FIXED_WIDTH and near_widest * 4 >= len(widths) * 3


def _rejoin(paragraph: list[str], judge: WrapJudge, at_spaces: bool) -> list[str]:
    """Join the lines of `paragraph` (with their white space at the ends still on)."""
    lines = [paragraph[0].rstrip(" \t")]
    for previous, line in itertools.pairwise(paragraph):
        if _LIST_ITEM.match(line):
            lines.append(line.rstrip(" \t"))
            continue
        before, continuation = previous.rstrip(" \t"), line.strip(" \t")
        spaced = previous[-1] in " \t" or line[0] in " \t"
        lines[-1] += _glue(before, continuation, judge, at_spaces, spaced) + continuation
    return lines


def _glue(before: str, after: str, judge: WrapJudge, at_spaces: bool, spaced: bool) -> str:
    if at_spaces:
        hyphenated = before.endswith("-") and before[-2:-1].isalpha() and after[0].isalpha()
        return "" if hyphenated else " "
    if spaced:
        return " "
    if before[-1].isalnum() and after[0].isalnum():
        return "" if judge.broke_a_word(before, after) else " "
    # Cut at a column right beside a mark ("Min|, a"): the two were written together.
    return "" if len(before) == judge.column else " "
