"""Adjudication: the lead compares every coder's passages and writes a consensus layer.

The consensus layer is the passages of one extra coder (role lead), so the export, the
reader and undo treat it like any other coder, and the original codings are never touched:
accepting a version copies it, and the lead's own edits and new codings are refused on any
passage outside that layer. What the lead sees is the article's passages grouped into
sites (`core.agreement.comparison`), read here in the transaction that writes.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from sqlalchemy.orm import Session

from stancecoder.core.agreement.comparison import (
    ArticleComparison,
    codes_by_variable,
    compare_passages,
)
from stancecoder.core.changes import Changes
from stancecoder.core.errors import ValidationError
from stancecoder.db.store import get_setting, set_setting
from stancecoder.services.codebook_view import read_codebook_view
from stancecoder.services.coders import CONSENSUS_KEY, ensure_coder, find_coder
from stancecoder.services.coding_target import get_article
from stancecoder.services.commands import (
    Codes,
    Command,
    CreatePassage,
    DeletePassage,
    UpdatePassage,
)
from stancecoder.services.passages import article_passages, find_passage

if TYPE_CHECKING:
    from stancecoder.services.project import Project

CONSENSUS_NAME = "Consensus"


def consensus_coder(project: Project) -> str:
    with project.transaction() as session:
        return ensure_consensus_coder(session)


def ensure_consensus_coder(session: Session) -> str:
    """The consensus coder's name, created with the first adjudication and remembered, so
    renaming a person "Consensus" later cannot merge their codings into it."""
    name = get_setting(session, CONSENSUS_KEY)
    if name is not None and find_coder(session, name) is not None:
        return name
    coder = ensure_coder(session, CONSENSUS_NAME, "lead")
    set_setting(session, CONSENSUS_KEY, coder.name)
    return coder.name


def comparison(project: Project, article_id: int) -> ArticleComparison:
    with project.reading() as session:
        return compare(session, article_id)


def compare(session: Session, article_id: int) -> ArticleComparison:
    """Every coder's passages, whatever the blind mode: only the lead adjudicates."""
    get_article(session, article_id)  # a clear error for an article that is gone
    consensus = ensure_consensus_coder(session)
    codebook = read_codebook_view(session)
    passages = article_passages(session, article_id, None)
    return compare_passages(article_id, passages, consensus, codebook)


@dataclass
class AcceptVersion:
    """Copy one coder's passage (span, codes, memo) into the consensus layer, replacing
    the consensus passage at its site if there is one."""

    passage_uid: str
    text: str = "Accept version"

    def apply(self, project: Project) -> tuple[Command, Changes]:
        return project.retrying(self._apply_in)

    def _apply_in(self, session: Session) -> tuple[Command, Changes]:
        source = find_passage(session, self.passage_uid)
        consensus = ensure_consensus_coder(session)
        if source.coder == consensus:
            raise ValidationError("that passage is the consensus already; accept a coder's")
        comparing = compare(session, source.article_id)
        site = comparing.site_of(source.uid)
        codes = codes_by_variable(read_codebook_view(session), source.codes)
        current = site.consensus if site is not None else None
        if current is None:
            create = CreatePassage(
                source.article_id, consensus, source.start, source.end, codes,
                source.memo, text=self.text,
            )  # fmt: skip
            _, changes = create.apply_in(session)
            # unpinned: later steps on this passage, undone before this one, each moved
            # its version on, so the version seen at creation would refuse the undo
            return DeletePassage(str(create.uid), text=self.text), changes
        update = UpdatePassage(
            current.uid, current.version, codes=codes, span=(source.start, source.end),
            memo=source.memo, text=self.text,
        )  # fmt: skip
        return update.apply_in(session)


@dataclass
class WriteConsensus:
    """A consensus coding the lead wrote over text of their choice, copied from no one."""

    article_id: int
    start: int
    end: int
    codes: Codes
    memo: str = ""
    uid: str | None = None  # set once written, so a redo brings back the same passage
    text: str = "Write consensus"

    def apply(self, project: Project) -> tuple[Command, Changes]:
        return project.retrying(self._apply_in)

    def _apply_in(self, session: Session) -> tuple[Command, Changes]:
        create = CreatePassage(
            self.article_id, ensure_consensus_coder(session), self.start, self.end,
            self.codes, self.memo, uid=self.uid, text=self.text,
        )  # fmt: skip
        inverse, changes = create.apply_in(session)
        self.uid = create.uid
        return inverse, changes


@dataclass
class EditConsensus:
    """Recode, move or re-annotate a consensus passage; only the fields given change.
    A coder's passage is refused, so no slip in the dialog can alter an original."""

    uid: str
    version: int | None = None
    codes: Codes | None = None
    span: tuple[int, int] | None = None
    memo: str | None = None
    text: str = "Edit consensus"

    def apply(self, project: Project) -> tuple[Command, Changes]:
        return project.retrying(self._apply_in)

    def _apply_in(self, session: Session) -> tuple[Command, Changes]:
        if find_passage(session, self.uid).coder != ensure_consensus_coder(session):
            raise ValidationError(
                "only the consensus is edited here; the coders' passages stay as they are"
            )
        update = UpdatePassage(
            self.uid, self.version, self.codes, self.span, self.memo, text=self.text
        )
        return update.apply_in(session)
