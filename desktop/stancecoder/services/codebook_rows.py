"""The codebook's rows inside an open transaction: a spec installed over them, and read back
as a spec.

Codes are matched on install by uid first and by label within their variable second, so a
file edited by hand (a renamed label, a new description) updates the codes in place and
every coding keeps pointing at them. A code that the file drops but codings still use is
refused: the lead merges it into another code first.

This is the codebook below the project: creating a project installs its first codebook
here, and the use cases on an open project (`codebook`) build on it.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from sqlalchemy import delete, func, select, update
from sqlalchemy.orm import Session

from stancecoder.core.codebook import CodebookSpec, CodeSpec, VariableSpec, iter_codes
from stancecoder.core.errors import ValidationError
from stancecoder.db.models import (
    CODEBOOK_VERSION_LENGTH,
    ArticleCode,
    Code,
    PassageCode,
    Variable,
)
from stancecoder.db.store import get_setting, set_setting
from stancecoder.services.history import record_codebook


@dataclass
class CodebookChanges:
    added: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    version: str = ""


def code_usage(session: Session, code_ids: list[int]) -> int:
    passages = session.scalar(
        select(func.count()).select_from(PassageCode).where(PassageCode.code_id.in_(code_ids))
    )
    articles = session.scalar(
        select(func.count()).select_from(ArticleCode).where(ArticleCode.code_id.in_(code_ids))
    )
    return int(passages or 0) + int(articles or 0)


def apply_codebook(session: Session, spec: CodebookSpec) -> CodebookChanges:
    """Make the project's codebook equal to `spec`, keeping every coding attached; the
    history gets a row for each variable and code added, changed or removed."""
    _check_fits(session, spec)
    before = read_codebook(session)
    changes = CodebookChanges(version=spec.version)
    existing = {v.name: v for v in session.scalars(select(Variable))}
    for position, var_spec in enumerate(spec.variables):
        variable = existing.pop(var_spec.name, None)
        if variable is None:
            variable = Variable(name=var_spec.name)
            session.add(variable)
            changes.added.append(var_spec.name)
        variable.level = var_spec.level
        variable.scope = var_spec.scope
        variable.multiple = var_spec.multiple
        variable.description = var_spec.description
        variable.position = position
        session.flush()
        _apply_codes(session, variable, var_spec, changes)
    for variable in existing.values():
        name = variable.name
        _remove_codes(session, variable, list(variable.codes), changes)
        session.delete(variable)
        changes.removed.append(name)
    set_setting(session, "codebook_name", spec.name)
    set_setting(session, "codebook_description", spec.description)
    set_setting(session, "codebook_version", spec.version)
    record_codebook(session, before, written_codebook(session))
    return changes


def _check_fits(session: Session, spec: CodebookSpec) -> None:
    """Refuse what the tables cannot hold before anything changes: a version longer than
    the one every coding records, or a code carried (with its uid) to another variable,
    which would take its codings into a variable they were never coded on."""
    limit = CODEBOOK_VERSION_LENGTH
    if len(spec.version) > limit:
        raise ValidationError(f"the codebook version is longer than {limit} characters")
    owners = dict(session.execute(select(Code.uid, Variable.name).join(Variable)).all())
    for var_spec in spec.variables:
        for path, code_spec in iter_codes(var_spec):
            owner = owners.get(code_spec.uid or "", var_spec.name)
            if owner != var_spec.name:
                raise ValidationError(
                    f"{var_spec.name}: {' › '.join(path)} has the uid of a code of {owner}; "
                    "a code cannot move to another variable (remove its uid to add it anew)"
                )


def _apply_codes(
    session: Session, variable: Variable, spec: VariableSpec, changes: CodebookChanges
) -> None:
    entries = list(iter_codes(spec))
    matches = _match_codes(variable.codes, [code_spec for _, code_spec in entries])
    seen: set[int] = set()
    ids_by_path: dict[tuple[str, ...], int] = {}
    original = {code.id: code.label for code in variable.codes}
    # labels may swap places in one import: park the old ones out of the unique index first,
    # under names no real label can have ("›" is refused in labels)
    for code in variable.codes:
        code.label = f"›parked›{code.id}"
    session.flush()
    for position, (path, code_spec) in enumerate(entries):
        match = matches[position]
        if match is None:
            code = Code(variable_id=variable.id)
            session.add(code)
            changes.added.append(f"{variable.name}: {' › '.join(path)}")
        else:
            code = match
            changes.updated.append(f"{variable.name}: {' › '.join(path)}")
        if code_spec.uid:
            code.uid = code_spec.uid
        code.label = code_spec.label
        code.value = code_spec.value
        code.description = code_spec.description
        code.colour = code_spec.colour
        code.shortcut = code_spec.shortcut
        code.active = code_spec.active
        code.position = position
        code.parent_id = ids_by_path.get(path[:-1])
        session.flush()
        seen.add(code.id)
        ids_by_path[path] = code.id
    leftovers = [c for c in variable.codes if c.id not in seen]
    for code in leftovers:
        code.label = original[code.id]
    _remove_codes(session, variable, leftovers, changes)


def _match_codes(codes: list[Code], specs: list[CodeSpec]) -> list[Code | None]:
    """The stored code each spec updates: uids first, so that a renamed code keeps its
    codings even when a new code takes its old label; then labels, among codes left."""
    by_uid = {c.uid: c for c in codes}
    matched: list[Code | None] = [by_uid.get(s.uid) if s.uid else None for s in specs]
    claimed = {c.id for c in matched if c is not None}
    by_label = {c.label: c for c in codes if c.id not in claimed}
    for n, spec in enumerate(specs):
        if matched[n] is None and (code := by_label.pop(spec.label, None)) is not None:
            matched[n] = code
    return matched


def _remove_codes(
    session: Session, variable: Variable, codes: list[Code], changes: CodebookChanges
) -> None:
    if not codes:
        return
    ids = [c.id for c in codes]
    labels = [c.label for c in codes]  # read now: the bulk delete below leaves them unloadable
    if code_usage(session, ids):
        used = [c for c in codes if code_usage(session, [c.id])]
        names = ", ".join(c.label for c in used)
        raise ValidationError(
            f"{variable.name}: the codebook drops code(s) still in use ({names}); "
            "merge their codings into another code first"
        )
    session.execute(update(Code).where(Code.parent_id.in_(ids)).values(parent_id=None))
    session.execute(delete(Code).where(Code.id.in_(ids)))
    session.expire(variable)
    changes.removed.extend(f"{variable.name}: {label}" for label in labels)


def written_codebook(session: Session) -> CodebookSpec:
    """`read_codebook` after this session changed it: the variables' lists of codes are
    read again, as a code added by its variable's id or deleted is not in a list loaded
    before."""
    session.flush()
    for variable in session.scalars(select(Variable)):
        session.expire(variable, ["codes"])
    return read_codebook(session)


def read_codebook(session: Session) -> CodebookSpec:
    """The project's codebook as a spec, ready to export or to show."""
    variables = []
    for variable in session.scalars(select(Variable).order_by(Variable.position)):
        children: dict[int | None, list[CodeSpec]] = {}
        for code in variable.codes:
            spec = CodeSpec(
                label=code.label,
                value=code.value,
                description=code.description,
                colour=code.colour,
                shortcut=code.shortcut,
                uid=code.uid,
                active=code.active,
            )
            children.setdefault(code.parent_id, []).append(spec)
            children.setdefault(code.id, [])
            spec.children = children[code.id]
        variables.append(
            VariableSpec(
                name=variable.name,
                level=variable.level,
                scope=variable.scope,
                multiple=variable.multiple,
                description=variable.description,
                codes=children.get(None, []),
            )
        )
    return CodebookSpec(
        name=get_setting(session, "codebook_name", "") or "",
        version=get_setting(session, "codebook_version", "") or "",
        description=get_setting(session, "codebook_description", "") or "",
        variables=variables,
    )
