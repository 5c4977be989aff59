"""The codebook of an open project: export, import, rename, delete, merge.

An import installs the file over the codebook's rows as `codebook_rows` does (codes matched
by uid, then by label, so codings stay attached).
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import delete, exists, func, select, tuple_, update
from sqlalchemy.orm import Session, aliased

from stancecoder.core.codebook import CodebookSpec, codebook_text, load_codebook
from stancecoder.core.errors import ValidationError
from stancecoder.core.history import CODES_MERGED
from stancecoder.db.models import ArticleCode, Assignment, Code, PassageCode, Variable
from stancecoder.io.atomic_files import atomic_output
from stancecoder.io.sheets import blamed_on
from stancecoder.services.codebook_rows import (
    CodebookChanges,
    apply_codebook,
    code_usage,
    read_codebook,
    written_codebook,
)
from stancecoder.services.history import record, record_codebook
from stancecoder.services.output_target import check_output

if TYPE_CHECKING:
    from stancecoder.services.project import Project


def export_codebook(project: Project, path: Path) -> CodebookSpec:
    """Write the codebook as YAML or JSON, replacing `path` only once all is written."""
    path = Path(path)
    with project.reading() as session:
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
        before = read_codebook(session)
        code.label = new_label
        record_codebook(session, before, written_codebook(session))


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
    before = read_codebook(session)
    if merge_into is not None:
        target = find_code(session, variable_name, merge_into)
        if target.id == code.id:
            raise ValidationError("a code cannot be merged into itself")
        _merge(session, PassageCode, ["passage_id"], code.id, target.id)
        _step_holders(session, code.id)
        _merge(session, ArticleCode, ["article_id", "coder_id"], code.id, target.id)
        record(
            session, CODES_MERGED,
            before={"code": f"{variable_name}: {label}", "codings": used},
            after={"code": f"{variable_name}: {target.label}"},
        )  # fmt: skip
    session.delete(code)
    record_codebook(session, before, written_codebook(session))
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
