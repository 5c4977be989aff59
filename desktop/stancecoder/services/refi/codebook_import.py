"""The code groups of a REFI-QDA file installed as variables, in the import's transaction.

Each group goes where the lead said: into a variable the project has (its missing codes
added under their parents) or a new one. The codebook that results is checked as any
codebook file is before it is installed, so a file cannot leave the project with a
codebook it could not export and read back.
"""

from __future__ import annotations

import copy
from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from stancecoder.core.codebook import codebook_to_dict, parse_codebook
from stancecoder.core.refi.codebook_map import merge_group, read_group
from stancecoder.core.refi.group_mapping import GroupTarget
from stancecoder.core.refi.model import RefiCode
from stancecoder.db.models import Code, Variable
from stancecoder.services.codebook_rows import apply_codebook, read_codebook
from stancecoder.services.refi.report import RefiImportReport


@dataclass(frozen=True)
class CodeTarget:
    """The project's code a file's code became."""

    variable: str
    scope: str
    code_id: int


def install_groups(
    session: Session,
    groups: Sequence[RefiCode],
    targets: Sequence[GroupTarget],
    report: RefiImportReport,
) -> dict[str, CodeTarget]:
    """Install the groups as `targets` say; the project's code each file code's guid is."""
    spec = read_codebook(session)
    before = copy.deepcopy(spec)
    by_name = {variable.name: variable for variable in spec.variables}
    paths: dict[str, tuple[str, tuple[str, ...]]] = {}
    for group, target in zip(groups, targets, strict=True):
        if target.variable is None:
            continue
        existing = by_name.get(target.variable)
        if existing is not None:
            reading = merge_group(existing, group)
        else:
            reading = read_group(group, target.variable)
            if not reading.variable.codes:
                report.codes_refused.append(f"{group.name}: the group has no codes to take")
                continue
            spec.variables.append(reading.variable)
            by_name[target.variable] = reading.variable
        report.codes_refused += [f"{target.variable}: {path}" for path in reading.refused]
        paths.update((guid, (target.variable, path)) for guid, path in reading.guids.items())
    if spec != before:
        parse_codebook(codebook_to_dict(spec), "the codebook with the file's codes")
        report.codes_added = apply_codebook(session, spec).added
    codes = _codes_by_path(session)
    return {guid: codes[place] for guid, place in paths.items() if place in codes}


def _codes_by_path(session: Session) -> dict[tuple[str, tuple[str, ...]], CodeTarget]:
    rows = session.execute(
        select(Code.id, Code.parent_id, Code.label, Variable.name, Variable.scope).join(Variable)
    ).all()
    parent = {code_id: parent_id for code_id, parent_id, *_ in rows}
    label = {code_id: text for code_id, _, text, *_ in rows}

    def path(code_id: int) -> tuple[str, ...]:
        labels: list[str] = []
        current: int | None = code_id
        while current is not None:
            labels.append(label[current])
            current = parent[current]
        return tuple(reversed(labels))

    return {
        (variable, path(code_id)): CodeTarget(variable, scope, code_id)
        for code_id, _, _, variable, scope in rows
    }
