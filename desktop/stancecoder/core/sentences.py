"""Sentences of a canonical news text as half-open code-point spans.

Sentence units for agreement must not depend on the coders, so the split is fixed and
deterministic. News prose is full of full stops that end nothing: titles ("Gen. Kim"),
initials ("Donald J. Trump"), dotted abbreviations ("U.S.", "N.K."), so a full stop ends a
sentence only when it is not one of those, and the next word starts like a sentence.
A line break always ends a sentence: headlines and datelines have no full stop.
"""

from __future__ import annotations

import re


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


ABBREVIATIONS = _words(
    """mr mrs ms dr prof gen lt col maj capt cmdr adm sgt gov sen rep pres amb rev st jr sr
    vs etc approx dept est inc corp co ltd jan feb mar apr jun jul aug sep sept oct nov
    dec mt ft fig al"""
)
# Words that, after a dotted abbreviation such as "U.S.", show that a new sentence began.
SENTENCE_STARTERS = _words(
    """the a an he she it they we i this that these those but and in on at for as if when
    while after before meanwhile however his her its their our there"""
)

_END = re.compile(r"[.!?…]+[\"'”’»)\]]*")
_DOTTED = re.compile(r"(?:\b[^\W\d_]\.){2,}$")
_WORD_BEFORE = re.compile(r"([^\W\d_]+)$")
_NEXT_WORD = re.compile(r"\s+[\"'“‘«(\[]*([^\W_]+)")


def split_sentences(text: str) -> list[tuple[int, int]]:
    """Spans `[start, end)` of the sentences in order, without surrounding white space."""
    spans: list[tuple[int, int]] = []
    for line in re.finditer(r"[^\n]+", text):
        start = line.start()
        for end in _ends(text, line.start(), line.end()):
            _add(text, spans, start, end)
            start = end
        _add(text, spans, start, line.end())
    return spans


def _ends(text: str, begin: int, stop: int) -> list[int]:
    ends = []
    for match in _END.finditer(text, begin, stop):
        after = _NEXT_WORD.match(text, match.end(), stop)
        if after is None or not _starts_sentence(after.group(1)):
            continue
        if text[match.start()] == "." and _abbreviation(text, begin, match, after.group(1)):
            continue
        ends.append(match.end())
    return ends


def _starts_sentence(word: str) -> bool:
    return not word[0].islower()  # scripts without case (Korean) start anywhere


def _abbreviation(text: str, begin: int, stop: re.Match[str], next_word: str) -> bool:
    if stop.end() - stop.start() > 1 and text[stop.start() + 1] not in "\"'”’»)]":
        return False  # an ellipsis or "?." ends the sentence
    before = text[begin : stop.start() + 1]
    if _DOTTED.search(before):
        return next_word.casefold() not in SENTENCE_STARTERS
    word = _WORD_BEFORE.search(before[:-1])
    if word is None:
        return False
    token = word.group(1)
    if token in ("No", "Nos"):  # "No. 3", but "said no. He left."
        return next_word[0].isdigit()
    return (len(token) == 1 and token.isupper()) or token.casefold() in ABBREVIATIONS


def _add(text: str, spans: list[tuple[int, int]], start: int, end: int) -> None:
    piece = text[start:end]
    stripped = piece.strip()
    if stripped:
        lead = len(piece) - len(piece.lstrip())
        spans.append((start + lead, start + lead + len(stripped)))
