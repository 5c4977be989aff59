"""Names and messages made safe to print: what a file name or a file's content says
must never act on the terminal or the screen it is shown on.

A file name may hold an escape sequence (which clears or retitles a terminal), a line
break (which forges a second report line), bidirectional overrides (which show a name
backwards) or bytes that are not valid in the file system's encoding (which Python keeps
as lone surrogates and cannot print at all).
"""

from __future__ import annotations

import unicodedata

# Line and paragraph separators and the bidirectional embeddings, overrides and isolates.
_INVISIBLE_CONTROLS = frozenset(
    "\u2028\u2029\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
)


def printable(text: str) -> str:
    """`text` with every control character, lone surrogate and bidirectional control
    written as an escape (`\\x1b`, `\\n`, `\\u202e`); anything else is left as it is.

    A file-system byte that is not UTF-8 (decoded by Python as a surrogate U+DC80–U+DCFF)
    is shown as the byte it was, `\\xff`, as `ls -b` shows it.
    """
    if text.isprintable():
        return text
    return "".join(_escaped(char) for char in text)


def _escaped(char: str) -> str:
    code = ord(char)
    if 0xDC80 <= code <= 0xDCFF:
        return f"\\x{code - 0xDC00:02x}"
    category = unicodedata.category(char)
    if category in ("Cc", "Cs") or char in _INVISIBLE_CONTROLS:
        return char.encode("unicode_escape").decode("ascii")
    return char
