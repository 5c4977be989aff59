"""How a word of the article search is matched, so that an index answers exactly as the
substring search does.

The substring search is SQLite's LIKE, which folds ASCII letters only; a word with other
letters is also tried Capitalised and in CAPITALS, the forms news text uses (`like_forms`).
The trigram index folds case as Unicode does, and sees text in which the two characters
that Unicode folds into ASCII letters, KELVIN SIGN and LONG S, are replaced (`UNINDEXED`):
so an ASCII word found there is found by LIKE too, and a word in another script is found
in every article LIKE finds it in, and in a few more that LIKE then rules out.

PostgreSQL's index holds each article's lowered text cut at TOKEN_SEPARATORS. A typed word
is cut at every one of them (`str.split`), so it never holds one, and it is in a text
exactly when it is in one of the text's tokens: the index answers as ILIKE does.
"""

from __future__ import annotations

SHORTEST = 3  # the trigram index knows no run of fewer characters
KELVIN, LONG_S = "\u212a", "\u017f"  # Unicode folds them into "k" and "s", LIKE does not
STAND_IN = "\ufffd"  # what the index sees in their place
UNINDEXED = (KELVIN, LONG_S, STAND_IN)
TOKEN_SEPARATORS = (
    "\t\n\x0b\x0c\r\x1c\x1d\x1e\x1f \x85\xa0\u1680\u2000\u2001\u2002\u2003\u2004\u2005"
    "\u2006\u2007\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000"
)  # every character `str.split` cuts at: a typed word holds none of them


def separators_pattern() -> str:
    """TOKEN_SEPARATORS as a PostgreSQL regular expression for a run of them, each written
    as an escape so that the SQL that holds it stays plain ASCII."""
    return "[" + "".join(f"\\u{ord(c):04x}" for c in TOKEN_SEPARATORS) + "]+"


def like_forms(word: str) -> list[str]:
    """The forms LIKE looks for: the word itself if ASCII (LIKE folds its case), else also
    in lower case, Capitalised and in CAPITALS, each once."""
    if word.isascii():
        return [word]
    return list(dict.fromkeys([word, word.lower(), word.capitalize(), word.upper()]))


def index_forms(word: str) -> list[str] | None:
    """The forms to look up in the trigram index, any of which an article must hold; None
    when the index cannot answer for the word (too short, or holding a character it does
    not see) and LIKE must look at every article."""
    forms = like_forms(word)
    if any(len(form) < SHORTEST or any(c in form for c in UNINDEXED) for form in forms):
        return None
    return forms


def exact_in_index(word: str) -> bool:
    """Whether the index's answer for the word needs no second look: for ASCII words it
    folds case as LIKE does; for others it may also find other mixes of case."""
    return word.isascii() and index_forms(word) is not None


def fts_phrase(forms: list[str]) -> str:
    """An FTS5 query for an article holding any of the forms, each quoted so that none of
    its characters is read as query syntax."""
    quoted = ['"' + form.replace('"', '""') + '"' for form in forms]
    return quoted[0] if len(quoted) == 1 else "(" + " OR ".join(quoted) + ")"
