"""Column names every program accepts, made from the codebook's own words.

A name is the words in ASCII (`anyascii` spells Korean, Cyrillic or accented letters in
Latin ones), lower case, every run of other characters one underscore: "South Korea"
becomes `south_korea`, "Россия" `rossiya`, "북한" `bughan`. Then each program's rules: a
letter first (`v_` is put before a digit), no reserved word (`v_` before it too), the
program's length (cut), and no two names alike, case ignored (`_2`, `_3`, … in column
order, cut to make room, so the first column keeps the plain name). Everything but the
lower case and the underscores is a change the user is told of.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass

from anyascii import anyascii

from stancecoder.core.stats_export.programs import Program

PREFIX = "v_"
_OTHER = re.compile(r"[^a-z0-9]+")


@dataclass(frozen=True)
class Naming:
    """A column's name for a program, and why it differs from its words (empty: it does
    not, beyond lower case and underscores)."""

    wanted: str
    name: str
    reasons: tuple[str, ...]


def slug(words: str) -> str:
    """The words as lower-case ASCII letters, digits and single underscores."""
    return _OTHER.sub("_", anyascii(words).lower()).strip("_")


def program_names(wanted: Sequence[str], program: Program) -> list[Naming]:
    """One name per wanted name, in order, valid for `program` and unique without case."""
    taken: set[str] = set()
    namings = []
    for words in wanted:
        base, reasons = _base(words, program)
        name = base
        if len(name) > program.max_name:
            name = _cut(base, program.max_name)
            reasons.append(f"cut to {program.max_name} characters")
        number = 2
        while name in taken:
            suffix = f"_{number}"
            name = _cut(base, program.max_name - len(suffix)) + suffix
            number += 1
        if number > 2:
            reasons.append("another column had the name")
        taken.add(name)
        namings.append(Naming(words, name, tuple(reasons)))
    return namings


def _base(words: str, program: Program) -> tuple[str, list[str]]:
    reasons = []
    if any(ord(c) > 127 and unicodedata.category(c)[0] in "LN" for c in words):
        reasons.append("spelled in ASCII")
    base = slug(words)
    if not base:
        base = PREFIX.rstrip("_")
        reasons.append("no letter or digit to name it by")
    elif not base[0].isalpha():
        base = PREFIX + base
        reasons.append("a name begins with a letter")
    if program.is_reserved(base):
        base = PREFIX + base
        reasons.append(f"a word reserved by {program.name}")
    return base, reasons


def _cut(name: str, size: int) -> str:
    return name[:size].rstrip("_") or name[:size]
