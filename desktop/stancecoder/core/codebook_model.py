"""The coding scheme as plain data.

The file format, the database and the codebook editor all convert to and from these
objects, so two codebooks can be compared with `==` whatever they were read from.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from typing import Literal, get_args

Level = Literal["nominal", "ordinal", "interval"]
Scope = Literal["passage", "article"]

LEVELS: tuple[str, ...] = get_args(Level)
SCOPES: tuple[str, ...] = get_args(Scope)

# Shown between the labels of a code's path ("Russia › Vladimir Putin"); a label may
# therefore not contain it, or the path could not be read back unambiguously.
PATH_SEPARATOR = " › "


@dataclass
class CodeSpec:
    """One value a coder can give; `children` refine it (nominal variables only)."""

    label: str
    value: float | None = None
    description: str = ""
    colour: str | None = None
    shortcut: str | None = None
    uid: str | None = None
    active: bool = True
    children: list[CodeSpec] = field(default_factory=list)


@dataclass
class VariableSpec:
    """One dimension of the scheme; its level decides which agreement statistic applies."""

    name: str
    level: Level
    scope: Scope = "passage"
    multiple: bool = False
    description: str = ""
    codes: list[CodeSpec] = field(default_factory=list)


@dataclass
class CodebookSpec:
    """A whole scheme; `version` is recorded with every coding made under it."""

    name: str
    version: str
    variables: list[VariableSpec]
    description: str = ""


def iter_codes(variable: VariableSpec) -> Iterator[tuple[tuple[str, ...], CodeSpec]]:
    """Every code of `variable` with its path of labels, parents before their children."""
    return _walk(variable.codes, ())


def _walk(
    codes: Sequence[CodeSpec], prefix: tuple[str, ...]
) -> Iterator[tuple[tuple[str, ...], CodeSpec]]:
    for code in codes:
        path = (*prefix, code.label)
        yield path, code
        yield from _walk(code.children, path)
