"""Repair of the text that Factiva and ProQuest exports carry, before it becomes canonical.

These exports pass through Windows code pages, RTF escapes and web pages on their way, and
arrive with mojibake ("CafÃ©", "â€œ"), stray C1 controls for curly quotes, soft hyphens,
no-break and zero-width spaces, and words hyphenated at a line end. Each repair here is one
that cannot damage clean text: ftfy only undoes mojibake it is sure of (quotes stay curly,
full-width letters and ligatures stay as written, HTML entities stay text), invisible
characters are dropped or become plain spaces, and a line-end hyphen is dropped only where
the text itself writes the joined word without one. Plain hard wraps are left to
`canonical_text`, which rejoins them on its own evidence. Text of other origins (the seed
articles, one file per article) is not touched by any of this.
"""

from __future__ import annotations

import re
from collections import Counter

from ftfy import TextFixerConfig, fix_text

_SURE_FIXES = TextFixerConfig(
    unescape_html=False,
    remove_terminal_escapes=False,
    fix_encoding=True,
    # a space after "Ã" may be a real space: restoring it to 0xA0 is ftfy's riskier guess
    restore_byte_a0=False,
    replace_lossy_sequences=False,
    decode_inconsistent_utf8=True,
    fix_c1_controls=True,
    fix_latin_ligatures=False,
    fix_character_width=False,
    uncurl_quotes=False,
    fix_line_breaks=False,
    fix_surrogates=True,
    remove_control_chars=False,
    normalization=None,
    explain=False,
)
# Dropped: soft hyphen, zero-width space, word joiner, a byte order mark inside the text.
# Zero-width (non-)joiners stay: Persian, Indic scripts and emoji need them.
_INVISIBLE = dict.fromkeys(map(ord, "\u00ad\u200b\u2060\ufeff"))
# No-break spaces of every width become plain spaces.
_SPACES = {ord(char): " " for char in "\u00a0\u2007\u202f"}
# A soft hyphen before a line break marks where the word was broken: the break goes.
_SOFT_BREAK = re.compile(r"\u00ad[ \t]*\r?\n[ \t]*")
# A word hyphenated at a line end: "inter-" / "national".
_HYPHEN_WRAP = re.compile(r"(?P<head>[^\W\d_]+)-[ \t]*\r?\n[ \t]*(?P<tail>[^\W\d_]+)")
_WORD = re.compile(r"[^\W_]+")


def repair_export_text(text: str) -> str:
    """The body of an export article with its mojibake and invisible characters repaired
    and its line-end hyphens rejoined (see the module's docstring)."""
    text = fix_text(text, _SURE_FIXES)
    text = _SOFT_BREAK.sub("", text).translate(_INVISIBLE).translate(_SPACES)
    return _rejoin_hyphens(text)


def repair_field(value: str) -> str:
    """A field of an export (headline, byline, source) repaired as a body is, its white
    space runs made single spaces."""
    repaired = fix_text(value, _SURE_FIXES).translate(_INVISIBLE).translate(_SPACES)
    return " ".join(repaired.split())


def _rejoin_hyphens(text: str) -> str:
    """Join each word hyphenated at a line end; drop the hyphen only when the text uses
    the joined word elsewhere, else keep it ("well-known", or a visible "inter-national")."""
    if _HYPHEN_WRAP.search(text) is None:
        return text
    words = Counter(word.casefold() for word in _WORD.findall(_HYPHEN_WRAP.sub(" ", text)))

    def join(match: re.Match[str]) -> str:
        head, tail = match.group("head"), match.group("tail")
        joined = head + tail
        return joined if words[joined.casefold()] else f"{head}-{tail}"

    return _HYPHEN_WRAP.sub(join, text)
