"""The codebook as the coding screens and the agreement report see it: ids, paths, colours,
shortcuts, tooltips, as plain values read once from a project (`services.codebook_view`), so
what uses them needs no database."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property

FALLBACK_COLOUR = "#d9d9d9"


@dataclass(frozen=True)
class CodeView:
    id: int
    variable: str
    label: str
    path: tuple[str, ...]
    parent_id: int | None
    depth: int
    value: float | None
    colour: str  # its own, else its nearest ancestor's, else a neutral grey
    shortcut: str | None
    description: str
    active: bool

    @property
    def path_text(self) -> str:
        return " › ".join(self.path)


@dataclass(frozen=True)
class VariableView:
    id: int
    name: str
    level: str
    scope: str
    multiple: bool
    description: str
    codes: tuple[CodeView, ...]  # depth first, in codebook order


@dataclass(frozen=True)
class CodebookView:
    variables: tuple[VariableView, ...]
    version: str

    def passage_variables(self) -> list[VariableView]:
        return [v for v in self.variables if v.scope == "passage"]

    def article_variables(self) -> list[VariableView]:
        return [v for v in self.variables if v.scope == "article"]

    def code(self, code_id: int) -> CodeView:
        return self._codes[code_id]

    @cached_property
    def _codes(self) -> dict[int, CodeView]:
        return {c.id: c for v in self.variables for c in v.codes}


def value_text(value: float | None) -> str:
    """A scale's value as its buttons show it: "−2", "0", "+1"."""
    if value is None:
        return ""
    number = f"{value:+g}".replace("-", "−")
    return "0" if value == 0 else number


def point_text(value: float | None, label: str) -> str:
    """A code named in a sentence or a cell: a point of a scale with its value first
    ("−2 Strongly negative"), the same in the window, the report and the exports."""
    return f"{value_text(value)} {label}" if value is not None else label


def code_text(code: CodeView) -> str:
    return point_text(code.value, code.path_text)
