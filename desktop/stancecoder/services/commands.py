"""Undoable coding actions.

Applying a command performs one user action in one transaction and returns the command
that undoes it, with what changed. What the inverse needs is read in that same
transaction, through the session-level functions of the services, so the inverse restores
exactly what the change replaced, and a command that fails midway leaves nothing behind.
The window keeps these pairs on its undo stack; no command holds on to database rows,
only to uids, versions and values, so undo works across refreshes. A command that changes
something versioned (a passage; a coder's status and article codes of an article) carries
the version the user saw, and its inverse the version it left. Passages are named by uid
because an undone delete brings a passage back under a new id but its old uid.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Protocol

from sqlalchemy import select
from sqlalchemy.orm import Session

from stancecoder.core.changes import Changes, assignment_key
from stancecoder.db.models import Code, Variable
from stancecoder.services.article_codes import read_article_codes
from stancecoder.services.code_lookup import CodeLookup
from stancecoder.services.coding_target import coding_target
from stancecoder.services.codings import (
    erase_passage,
    read_status,
    rewrite_passage,
    write_article_codes,
    write_passage,
    write_status,
)
from stancecoder.services.duplicate_marks import refuse_excluded
from stancecoder.services.passages import find_passage

if TYPE_CHECKING:
    from stancecoder.services.project import Project

Codes = Mapping[str, Sequence[int]]  # variable name -> code ids


class Command(Protocol):
    text: str

    def apply(self, project: Project) -> tuple[Command, Changes]: ...


@dataclass
class CreatePassage:
    article_id: int
    coder: str
    start: int
    end: int
    codes: Codes = field(default_factory=dict)
    memo: str = ""
    uid: str | None = None
    text: str = "Code passage"

    def apply(self, project: Project) -> tuple[Command, Changes]:
        return project.retrying(self.apply_in)

    def apply_in(self, session: Session) -> tuple[Command, Changes]:
        target = coding_target(session, self.article_id, self.coder)
        if self.uid is None:  # a new coding; an undone delete brings back what was there
            target.refuse_excluded()
        passage = write_passage(
            session, CodeLookup(session), target, self.start, self.end, self.codes, self.memo,
            uid=self.uid,
        )  # fmt: skip
        self.uid = passage.uid
        version = passage.version
        # coding an article may begin it, a new version of the coder's status
        assert target.assignment is not None  # the passage's write made it if it was missing
        started = target.assignment.version
        versions = {passage.uid: version, assignment_key(self.article_id, self.coder): started}
        changes = Changes(articles={self.article_id}, passages={passage.id}, versions=versions)
        return DeletePassage(passage.uid, version, text=self.text), changes


@dataclass
class DeletePassage:
    """`version` is the one the user saw: a passage changed since then is not deleted."""

    uid: str
    version: int | None = None
    text: str = "Delete passage"

    def apply(self, project: Project) -> tuple[Command, Changes]:
        return project.retrying(self.apply_in)

    def apply_in(self, session: Session) -> tuple[Command, Changes]:
        view = find_passage(session, self.uid)
        codes = _variable_codes(session, view.codes)
        erase_passage(session, view.id, self.version or view.version)
        restore = CreatePassage(
            view.article_id, view.coder, view.start, view.end, codes, view.memo, view.uid,
            text=self.text,
        )  # fmt: skip
        return restore, Changes(articles={view.article_id}, passages={view.id})


@dataclass
class UpdatePassage:
    """Recode, resize or re-annotate; only the fields given change."""

    uid: str
    version: int | None = None  # the one the user saw; None: whatever is stored
    codes: Codes | None = None
    span: tuple[int, int] | None = None
    memo: str | None = None
    text: str = "Recode passage"

    def apply(self, project: Project) -> tuple[Command, Changes]:
        return project.retrying(self.apply_in)

    def apply_in(self, session: Session) -> tuple[Command, Changes]:
        view = find_passage(session, self.uid)
        before = _variable_codes(session, view.codes)
        old_codes = None
        if self.codes is not None:
            old_codes = {name: before.get(name, []) for name in self.codes}
        updated = rewrite_passage(
            session, view.id, self.version or view.version,
            codes=self.codes, span=self.span, memo=self.memo,
        )  # fmt: skip
        inverse = UpdatePassage(
            self.uid,
            updated.version,
            codes=old_codes,
            span=(view.start, view.end) if self.span is not None else None,
            memo=view.memo if self.memo is not None else None,
            text=self.text,
        )
        changes = Changes(
            articles={view.article_id}, passages={updated.id}, versions={self.uid: updated.version}
        )
        return inverse, changes


@dataclass
class SetStatus:
    """`version` is that of the coder's status and article codes they saw (0: none yet;
    None: whatever is stored): a change made since then is refused, as for a passage."""

    article_id: int
    coder: str
    status: str
    version: int | None = None
    text: str = "Change status"

    @property
    def version_key(self) -> str:
        return assignment_key(self.article_id, self.coder)

    def apply(self, project: Project) -> tuple[Command, Changes]:
        return project.retrying(self.apply_in)

    def apply_in(self, session: Session) -> tuple[Command, Changes]:
        old = read_status(session, self.article_id, self.coder)
        version = write_status(session, self.article_id, self.coder, self.status, self.version)
        inverse = SetStatus(self.article_id, self.coder, old, version, self.text)
        return inverse, Changes(articles={self.article_id}, versions={self.version_key: version})


@dataclass
class SetArticleCodes:
    """`version` as for `SetStatus`: status and article codes share one."""

    article_id: int
    coder: str
    codes: Codes
    version: int | None = None
    text: str = "Code article"

    @property
    def version_key(self) -> str:
        return assignment_key(self.article_id, self.coder)

    def apply(self, project: Project) -> tuple[Command, Changes]:
        return project.retrying(self.apply_in)

    def apply_in(self, session: Session) -> tuple[Command, Changes]:
        if any(self.codes.values()):
            refuse_excluded(session, self.article_id)
        current = read_article_codes(session, self.article_id, self.coder)
        old = {name: current.get(name, []) for name in self.codes}
        version = write_article_codes(
            session, self.article_id, self.coder, self.codes, self.version
        )
        inverse = SetArticleCodes(self.article_id, self.coder, old, version, self.text)
        return inverse, Changes(articles={self.article_id}, versions={self.version_key: version})


def _variable_codes(session: Session, code_ids: Sequence[int]) -> dict[str, list[int]]:
    """Code ids grouped by their variable's name, the form a command's codes take."""
    if not code_ids:
        return {}
    query = select(Code.id, Variable.name).join(Variable).where(Code.id.in_(code_ids))
    owner = dict(session.execute(query).all())
    grouped: dict[str, list[int]] = {}
    for code_id in code_ids:
        grouped.setdefault(owner[code_id], []).append(code_id)
    return grouped
