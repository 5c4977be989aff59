"""A passage as a person recognises it: its words with a few words either side, never its
offsets, which mean something to a program and nothing to a reader."""

from __future__ import annotations

import re
from dataclasses import dataclass

QUOTE_LIMIT = 80  # characters of the quote itself; a longer one keeps its start and end
AROUND = 40  # characters of text either side
_SPACES = re.compile(r"\s+")


@dataclass(frozen=True)
class InContext:
    """The quote (shortened in the middle when long) and the text just before and after,
    cut at words, each with "…" where the article goes on."""

    before: str
    quote: str
    after: str

    def plain(self) -> str:
        return f"{self.before}“{self.quote}”{self.after}"


def in_context(
    text: str, start: int, end: int, limit: int = QUOTE_LIMIT, around: int = AROUND
) -> InContext:
    start, end = max(0, min(start, len(text))), max(0, min(end, len(text)))
    before = _flat(text[max(0, start - around) : start])
    after = _flat(text[end : end + around])
    if start > around:  # the article goes on before: drop the word cut in half
        before = "…" + before.split(" ", 1)[-1] if " " in before else "…" + before
    if end + around < len(text):
        after = after.rsplit(" ", 1)[0] + "…" if " " in after else after + "…"
    return InContext(before, elide_middle(_flat(text[start:end]), limit), after)


def short_quote(text: str, limit: int = QUOTE_LIMIT) -> str:
    """A passage's words on one line, shortened in the middle: where it is named in a list
    or a message."""
    return elide_middle(_flat(text).strip(), limit)


def elide_middle(words: str, limit: int = QUOTE_LIMIT) -> str:
    """A long quote's first and last words with "…" between, so both ends are seen."""
    if len(words) <= limit:
        return words
    half = (limit - 3) // 2
    head = words[:half].rsplit(" ", 1)[0] if " " in words[:half] else words[:half]
    tail = words[-half:].split(" ", 1)[-1] if " " in words[-half:] else words[-half:]
    return f"{head} … {tail}"


def _flat(text: str) -> str:
    """Line breaks and runs of white space as one space; an edge space stays, so the quote
    does not run into the words beside it."""
    return _SPACES.sub(" ", text)
