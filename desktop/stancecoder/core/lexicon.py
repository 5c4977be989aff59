"""How common an English word is: the evidence that tells a split word from two words.

The frequencies are wordfreq's English list (about 320,000 words with their frequency in
news, books, subtitles and the web). Loading it costs about a third of a second, so it is
loaded on the first question and only then: opening a project never pays for it, and an
import pays once, only if some text has a wrap that needs it.
"""

from __future__ import annotations

import functools


@functools.cache
def _english() -> dict[str, float]:
    from wordfreq import get_frequency_dict

    return get_frequency_dict("en", wordlist="large")


def english_frequency(word: str) -> float:
    """How often `word` occurs among English words (0.0 if never); case does not matter."""
    return _english().get(word.casefold(), 0.0)
