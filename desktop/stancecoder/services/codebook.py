"""The codebook in a project: install, read back, export, import, rename, delete, merge.

Codes are matched on import by uid first and by label within their variable second, so a
file edited by hand (a renamed label, a new description) updates the codes in place and
every coding keeps pointing at them. A code that the file drops but codings still use is
refused: the lead merges it into another code first.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import delete, exists, func, select, tuple_, update
from sqlalchemy.orm import Session, aliased

from stancecoder.core.codebook import (
    CodebookSpec,
    CodeSpec,
    VariableSpec,
    codebook_text,
    iter_codes,
    load_codebook,
)
from stancecoder.core.errors import ValidationError
from stancecoder.db.models import (
    CODEBOOK_VERSION_LENGTH,
    ArticleCode,
    Assignment,
    Code,
    PassageCode,
    Variable,
)
from stancecoder.db.store import get_setting, set_setting
from stancecoder.io.atomic_files import atomic_output
from stancecoder.io.sheets import blamed_on
from stancecoder.services.output_target import check_output

if TYPE_CHECKING:
    from stancecoder.services.project import Project


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
    """Make the project's codebook equal to `spec`, keeping every coding attached."""
    _check_fits(session, spec)
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


def export_codebook(project: Project, path: Path) -> CodebookSpec:
    """Write the codebook as YAML or JSON, replacing `path` only once all is written."""
    path = Path(path)
    with project.transaction() as session:
        spec = read_codebook(session)
    text = codebook_text(spec, path)
    check_output(path, project)
    with atomic_output(path) as temporary, blamed_on(path):
        temporary.write_text(text, encoding="utf-8")
    return spec


def import_codebook(project: Project, path: Path) -> CodebookChanges:
    spec = load_codebook(path)
    with project.transaction() as session:
        return apply_codebook(session, spec)


def find_code(session: Session, variable_name: str, label: str) -> Code:
    code = session.scalar(
        select(Code).join(Variable).where(Variable.name == variable_name, Code.label == label)
    )
    if code is None:
        raise ValidationError(f"{variable_name} has no code {label!r}")
    return code


def rename_code(project: Project, variable_name: str, label: str, new_label: str) -> None:
    """Codings refer to codes by id, so they follow the new label."""
    new_label = new_label.strip()
    if not new_label:
        raise ValidationError("a code needs a label")
    with project.transaction() as session:
        code = find_code(session, variable_name, label)
        clash = session.scalar(
            select(Code.id).where(Code.variable_id == code.variable_id, Code.label == new_label)
        )
        if clash is not None and clash != code.id:
            raise ValidationError(f"{variable_name} already has a code {new_label!r}")
        code.label = new_label


def delete_code(
    project: Project, variable_name: str, label: str, merge_into: str | None = None
) -> int:
    """Delete a code; codings that use it move to `merge_into`. Returns codings moved."""
    with project.transaction() as session:
        return remove_code(session, variable_name, label, merge_into)


def remove_code(
    session: Session, variable_name: str, label: str, merge_into: str | None = None
) -> int:
    """`delete_code` inside an open transaction, for a use case that looks the code up first."""
    code = find_code(session, variable_name, label)
    if session.scalar(select(func.count()).where(Code.parent_id == code.id)):
        raise ValidationError(f"{label!r} has sub-codes; move or delete them first")
    used = code_usage(session, [code.id])
    if used and merge_into is None:
        raise ValidationError(
            f"{label!r} is used by {used} coding(s); merge it into another code first"
        )
    if merge_into is not None:
        target = find_code(session, variable_name, merge_into)
        if target.id == code.id:
            raise ValidationError("a code cannot be merged into itself")
        _merge(session, PassageCode, ["passage_id"], code.id, target.id)
        _step_holders(session, code.id)
        _merge(session, ArticleCode, ["article_id", "coder_id"], code.id, target.id)
    session.delete(code)
    return used


def _step_holders(session: Session, code_id: int) -> None:
    """The article codes a merge rewrites are a new version of their coder's status and
    codes, as any writing of them is: a coder's change made on the old codes is refused."""
    holders = select(ArticleCode.article_id, ArticleCode.coder_id).where(
        ArticleCode.code_id == code_id
    )
    session.execute(
        update(Assignment)
        .where(tuple_(Assignment.article_id, Assignment.coder_id).in_(holders))
        .values(version=Assignment.version + 1)
        .execution_options(synchronize_session=False)
    )


def _merge(
    session: Session,
    table: type[PassageCode] | type[ArticleCode],
    owners: list[str],
    old: int,
    new: int,
) -> None:
    """Move codings from old to new code; where an owner already has both, drop the old."""
    other = aliased(table)
    has_new = exists().where(
        other.code_id == new,
        *(getattr(other, name) == getattr(table, name) for name in owners),
    )
    session.execute(delete(table).where(table.code_id == old, has_new))
    session.execute(update(table).where(table.code_id == old).values(code_id=new))
