"""The codebook as the coding screens need it: ids, paths, colours, shortcuts, tooltips."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property
from typing import TYPE_CHECKING

from sqlalchemy.orm import Session

from stancecoder.db.store import get_setting
from stancecoder.services.code_lookup import CodeLookup

if TYPE_CHECKING:
    from stancecoder.services.project import Project

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


def codebook_view(project: Project) -> CodebookView:
    with project.transaction() as session:
        return read_codebook_view(session)


def read_codebook_view(session: Session) -> CodebookView:
    """`codebook_view` inside an open transaction, for a command that reads it first."""
    lookup = CodeLookup(session)
    variables = []
    for variable in lookup.variables.values():
        colours: dict[int, str] = {}
        codes = []
        for code in variable.codes:
            colour = code.colour or colours.get(code.parent_id or -1) or FALLBACK_COLOUR
            colours[code.id] = colour
            path = lookup.path(code)
            codes.append(
                CodeView(
                    id=code.id, variable=variable.name, label=code.label, path=path,
                    parent_id=code.parent_id, depth=len(path) - 1, value=code.value,
                    colour=colour, shortcut=code.shortcut, description=code.description,
                    active=code.active,
                )
            )  # fmt: skip
        variables.append(
            VariableView(
                variable.id, variable.name, variable.level, variable.scope,
                variable.multiple, variable.description, tuple(codes),
            )
        )  # fmt: skip
    return CodebookView(tuple(variables), get_setting(session, "codebook_version") or "")
