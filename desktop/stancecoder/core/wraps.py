"""What a hard wrap between two letters was: one word broken in two, or the space between two.

"resolut|ion" must become "resolution", "Washington|on" must become "Washington on". Gluing
two words corrupts the text every offset refers to without anyone seeing it, while a split
word is a visible and harmless artefact; so a wrap is joined only on evidence that it broke
a word. The evidence, strongest first:

- the joined word occurs elsewhere in the same text: join;
- the case changes where no word changes it ("Korea|The", "NATO|allies"), or the line
  ends a hyphenated word the text uses whole ("Jong-un|told"): a space;
- the two sides are in different scripts, or a letter meets a digit: a space; scripts
  written without spaces between words (Chinese, Japanese, Thai, …) are joined;
- the text was cut at a fixed column and this line ends short of it: the cut was not here,
  so a space;
- English text (most of its words in the lexicon): the joined form must be an English word,
  and when both halves are words too, it must be far more common than the pair;
- another language, for which there is no lexicon: a space if both halves occur as words
  elsewhere in the text, otherwise joined as before, so such texts come out unchanged.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections import Counter

from stancecoder.core.lexicon import english_frequency

_WORD = re.compile(r"[^\W_]+")
# A word with hyphens inside ("Jong-un"), counted whole as well as by its parts.
_COMPOUND = re.compile(r"(?<![^\W_])[^\W_]++(?:-[^\W_]++)+")
_COMPOUND_END = re.compile(r"(?<![^\W_])[^\W_]++(?:-[^\W_]++)+$")
# Scripts that put no spaces between words: a wrap inside them never took a space away.
_UNSPACED = {"CJK", "HIRAGANA", "KATAKANA", "KATAKANA-HIRAGANA", "THAI", "LAO", "KHMER",
             "MYANMAR", "TIBETAN", "YI"}  # fmt: skip
# A word at least this frequent (once per million words) is taken as a word of its own.
_COMMON = 1e-6
# Both halves are words: joined only if the joined word is this much likelier than the pair.
_JOIN_ODDS = 10.0
# Share of a text's words the lexicon must know for the text to be taken as English.
_ENGLISH_SHARE = 0.8
# Text cut at a fixed column: at least this many wrapped lines, most of exactly one width.
_MIN_CUT_LINES, _CUT_SHARE = 3, 0.6


class WrapJudge:
    """Decides the wraps of one text, with what the rest of that text says."""

    def __init__(self, paragraphs: list[list[str]], wrapped: list[str]) -> None:
        self._paragraphs = paragraphs
        self.column = cut_column(wrapped)
        self._english: bool | None = None

    @functools.cached_property
    def _seen(self) -> Counter[str]:
        """Counted only once a wrap needs it: a text wrapped at spaces never does."""
        return _interior(self._paragraphs, _WORD, slice(0, 1))

    @functools.cached_property
    def _seen_compounds(self) -> Counter[str]:
        """Hyphenated words, counted only once a wrap follows one."""
        return _interior(self._paragraphs, _COMPOUND, slice(1, 2))

    def broke_a_word(self, before: str, after: str) -> bool:
        """Whether the wrap between line `before` and line `after` split one word.

        Both lines are stripped at the wrap, and `before` ends and `after` starts with a
        letter or digit.
        """
        head, tail_text = _last_words(before)[0], _first_words(after)[0]
        joined = head + tail_text
        if self._seen[joined.casefold()]:
            return True
        if _case_breaks(head, tail_text) or self._ends_a_compound(before, tail_text):
            return False
        script, next_script = _script(head[-1]), _script(tail_text[0])
        if script in _UNSPACED and next_script in _UNSPACED:
            return True
        if script != next_script:
            return False
        if self.column is not None and len(before) < self.column:
            return False
        if script == "LATIN" and self._is_english():
            return self._english_word(head, tail_text)
        return not (self._seen[head.casefold()] and self._seen[tail_text.casefold()])

    def _ends_a_compound(self, before: str, tail: str) -> bool:
        """ "Jong-un|told": the text uses "Jong-un" whole, so "untold" is not meant."""
        compounds = _last_words(before.casefold())[1:]
        whole = bool(compounds) and self._seen_compounds[compounds[0]] > 0
        return whole and self._frequency(tail) >= _COMMON

    def _english_word(self, head: str, tail: str) -> bool:
        joined = english_frequency(head + tail)
        first, second = self._frequency(head), self._frequency(tail)
        if first >= _COMMON and second >= _COMMON:
            return joined > _JOIN_ODDS * first * second
        return joined > 0.0

    def _frequency(self, word: str) -> float:
        """A word of this text counts as a word even if the lexicon does not know it."""
        seen = _COMMON if self._seen[word.casefold()] else 0.0
        return max(english_frequency(word), seen)

    def _is_english(self) -> bool:
        if self._english is None:
            latin = {word: n for word, n in self._seen.items() if _script(word[0]) == "LATIN"}
            known = sum(n for word, n in latin.items() if english_frequency(word) >= _COMMON)
            total = sum(latin.values())
            self._english = total > 0 and known >= _ENGLISH_SHARE * total
        return self._english


def cut_column(wrapped: list[str]) -> int | None:
    """The column at which the text was cut regardless of words, if it was.

    A word wrapper leaves a ragged right edge; a text cut at a column (a terminal, a fixed
    record width) has most of its wrapped lines exactly as long as the longest. So has a
    justified text, but it was wrapped at spaces and pads its lines with more of them.
    """
    justified = sum(1 for line in wrapped if "  " in line.strip(" \t"))
    if len(wrapped) < _MIN_CUT_LINES or justified * 2 >= len(wrapped):
        return None
    widths = Counter(len(line) for line in wrapped)
    widest = max(widths)
    return widest if widths[widest] >= _CUT_SHARE * len(wrapped) else None


def _interior(paragraphs: list[list[str]], pattern: re.Pattern[str], part: slice) -> Counter[str]:
    """The text's words (or hyphenated words) that `pattern` finds, casefolded, less those
    cut by wraps (`part` of what `_last_words` and `_first_words` give): counted over the
    whole text at once, then the cut ones taken away."""
    lines = [line.casefold() for paragraph in paragraphs for line in paragraph]
    words = Counter(pattern.findall("\n".join(lines)))
    number = 0
    for paragraph in paragraphs:
        for index in range(len(paragraph)):
            line = lines[number]
            number += 1
            if index < len(paragraph) - 1 and line[-1].isalnum():
                words.subtract(_last_words(line)[part])
            line = line.lstrip(" \t")
            if index > 0 and line[:1].isalnum():
                words.subtract(_first_words(line)[part])
    return +words  # a one-word line between two wraps was taken away twice


def _last_words(line: str) -> list[str]:
    """The word that ends `line`, then the hyphenated word it ends, if any."""
    start = len(line)
    while start > 0 and line[start - 1].isalnum():
        start -= 1
    compound = _COMPOUND_END.search(line) if line[start - 1 : start] == "-" else None
    return [line[start:]] + ([compound.group()] if compound else [])


def _first_words(line: str) -> list[str]:
    """The word that starts `line`, then the hyphenated word it starts, if any."""
    end = 0
    while end < len(line) and line[end].isalnum():
        end += 1
    compound = _COMPOUND.match(line) if line[end : end + 1] == "-" else None
    return [line[:end]] + ([compound.group()] if compound else [])


def _case_breaks(head: str, tail: str) -> bool:
    """No word goes from lower to upper case, or from an acronym on in lower case."""
    lower_to_upper = head[-1].islower() and tail[0].isupper()
    acronym_then_lower = len(head) >= 2 and head.isupper() and tail[0].islower()
    return lower_to_upper or acronym_then_lower


def _script(char: str) -> str:
    if char.isascii():
        return "LATIN" if char.isalpha() else "DIGIT"
    if char.isdecimal():
        return "DIGIT"
    return unicodedata.name(char, "").split(" ", 1)[0]
