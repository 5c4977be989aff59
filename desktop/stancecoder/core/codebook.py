"""The codebook: variables, their codes, and the files they are kept in.

The one place the rest of the program imports the codebook from; the parts live in
`codebook_model` (the data), `codebook_parse` (validation) and `codebook_file` (YAML/JSON).
"""

from __future__ import annotations

from stancecoder.core.codebook_file import codebook_text, codebook_to_dict, load_codebook
from stancecoder.core.codebook_model import (
    LEVELS,
    PATH_SEPARATOR,
    SCOPES,
    CodebookSpec,
    CodeSpec,
    Level,
    Scope,
    VariableSpec,
    iter_codes,
)
from stancecoder.core.codebook_parse import parse_codebook
from stancecoder.core.codebook_shortcut import normalise_shortcut

__all__ = [
    "LEVELS",
    "PATH_SEPARATOR",
    "SCOPES",
    "CodeSpec",
    "CodebookSpec",
    "Level",
    "Scope",
    "VariableSpec",
    "codebook_text",
    "codebook_to_dict",
    "iter_codes",
    "load_codebook",
    "normalise_shortcut",
    "parse_codebook",
]
