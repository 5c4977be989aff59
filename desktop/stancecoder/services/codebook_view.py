"""The codebook view read from a project's database, in one transaction."""

from __future__ import annotations

from typing import TYPE_CHECKING

from sqlalchemy.orm import Session

from stancecoder.core.codebook_view import FALLBACK_COLOUR, CodebookView, CodeView, VariableView
from stancecoder.db.store import get_setting
from stancecoder.services.code_lookup import CodeLookup

if TYPE_CHECKING:
    from stancecoder.services.project import Project


def codebook_view(project: Project) -> CodebookView:
    with project.reading() as session:
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
