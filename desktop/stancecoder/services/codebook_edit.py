"""What the codebook editor asks of a project: a copy to edit, saving it whole, merging.

The editor changes a `CodebookSpec` and saves it in one go, so its codes have no database
ids while it is open, and a code renamed in the dialog is not yet renamed on disk. Codes
are therefore named by uid here: usage counts and merges do not depend on labels.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from stancecoder.core.codebook import CodebookSpec, codebook_to_dict, parse_codebook
from stancecoder.core.errors import ValidationError
from stancecoder.db.models import ArticleCode, Code, PassageCode
from stancecoder.services.codebook import remove_code
from stancecoder.services.codebook_rows import CodebookChanges, apply_codebook, read_codebook

if TYPE_CHECKING:
    from stancecoder.services.project import Project

ORIGIN = "Codebook"  # starts the location in every validation message


def codebook_for_editing(project: Project) -> CodebookSpec:
    """The project's codebook as a spec that is the editor's own to change."""
    with project.reading() as session:
        return read_codebook(session)


def check_codebook(spec: CodebookSpec) -> CodebookSpec:
    """`spec` validated as a file would be, in the normal spelling (shortcuts, colours).

    Raises `CodebookError` naming the entry at fault; the editor shows it and saves nothing.
    """
    return parse_codebook(codebook_to_dict(spec), ORIGIN)


def save_codebook(project: Project, spec: CodebookSpec) -> CodebookChanges:
    """Validate `spec`, then make it the project's codebook in one transaction.

    Codes keep their codings through renames and moves because they are matched by uid;
    a code dropped while codings still use it is refused and nothing is written.
    """
    checked = check_codebook(spec)
    with project.transaction() as session:
        return apply_codebook(session, checked)


def usage_by_uid(project: Project) -> dict[str, int]:
    """How many codings (passage and article codes) use each code; unused codes are absent."""
    counts: dict[str, int] = {}
    with project.reading() as session:
        for table in (PassageCode, ArticleCode):
            rows = session.execute(
                select(Code.uid, func.count())
                .join(table, table.code_id == Code.id)
                .group_by(Code.uid)
            )
            for uid, count in rows:
                counts[uid] = counts.get(uid, 0) + int(count)
    return counts


def merge_code(project: Project, uid: str, into_uid: str) -> int:
    """Move the codings of code `uid` to code `into_uid` and delete it; returns how many.

    This writes at once, whatever the editor has not saved yet: codings change with it.
    """
    with project.transaction() as session:
        source = _code(session, uid)
        target = _code(session, into_uid)
        if source.variable_id != target.variable_id:
            raise ValidationError(
                f"{source.label!r} can only be merged into a code of {source.variable.name}"
            )
        return remove_code(session, source.variable.name, source.label, target.label)


def _code(session: Session, uid: str) -> Code:
    code = session.scalar(select(Code).where(Code.uid == uid))
    if code is None:
        raise ValidationError("that code is not saved in the project yet; save the codebook first")
    return code
