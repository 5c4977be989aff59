"""The copies marked among the articles as the lead reviews them: the clusters read back,
a copy excluded from coding and samples or included again, another copy kept.

Only a lead changes the marks (on a team server the database enforces it too). An
excluded copy stays in the corpus with its codings, leaves the samples drawn after, and a
new coding of it is refused (`refuse_excluded`): a coder who opens it is told which copy
to code instead, as the lead who left it out would want. The changes are undoable
commands, each its own inverse's inverse, and the history records them.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING

from sqlalchemy import Select, SQLColumnExpression, func, select
from sqlalchemy.orm import Session

from stancecoder.core.changes import Changes
from stancecoder.core.errors import ValidationError
from stancecoder.db.models import Article, DuplicateCluster, DuplicateCopy
from stancecoder.services.history import record
from stancecoder.services.ownership import act_as_lead

if TYPE_CHECKING:
    from stancecoder.services.project import Project

COPY = "copy"  # the history's action for a change of a copy's mark
OPENING = 80  # characters that name an untitled copy


class ExcludedCopyError(ValidationError):
    """A new coding of a copy a lead left out of coding; nothing was written."""


@dataclass(frozen=True)
class CopyView:
    article_id: int
    title: str
    source: str | None
    published: str | None
    length: int
    kind: str
    jaccard: float
    containment: float
    kept: bool
    excluded: bool


@dataclass(frozen=True)
class ClusterView:
    id: int
    kept: int
    found_at: datetime
    copies: tuple[CopyView, ...]  # the kept copy first, then by article id

    @property
    def excluded(self) -> int:
        return sum(copy.excluded for copy in self.copies)


@dataclass(frozen=True)
class CopyMark:
    """How the article list shows an article of a cluster."""

    kept_id: int
    excluded: bool


def read_clusters(project: Project) -> list[ClusterView]:
    with project.reading() as session:
        return cluster_views(session)


def cluster_views(session: Session) -> list[ClusterView]:
    """Every cluster with its copies, named as the article list names them; the texts are
    not read, only their openings and lengths, since the view reads this after every change."""
    opening = func.substr(Article.text, 1, OPENING)
    query = (
        select(DuplicateCluster, DuplicateCopy, Article.title, Article.source, Article.published,
               opening, func.length(Article.text))
        .join(DuplicateCopy, DuplicateCopy.cluster_id == DuplicateCluster.id)
        .join(Article, Article.id == DuplicateCopy.article_id)
        .order_by(DuplicateCluster.id, DuplicateCopy.article_id)
    )  # fmt: skip
    found: dict[int, tuple[DuplicateCluster, list[CopyView]]] = {}
    for cluster, copy, title, source, published, text, length in session.execute(query):
        view = CopyView(
            copy.article_id, title or " ".join(text.split()), source, published, length,
            copy.kind, copy.jaccard, copy.containment,
            copy.article_id == cluster.kept_article_id, copy.excluded,
        )  # fmt: skip
        found.setdefault(cluster.id, (cluster, []))[1].append(view)
    return [
        ClusterView(
            cluster.id,
            cluster.kept_article_id,
            cluster.found_at,
            tuple(sorted(copies, key=lambda c: (not c.kept, c.article_id))),
        )
        for cluster, copies in found.values()
    ]


def copy_marks(session: Session) -> dict[int, CopyMark]:
    """The copies (kept ones left out), by article."""
    query = (
        select(DuplicateCopy.article_id, DuplicateCluster.kept_article_id, DuplicateCopy.excluded)
        .join(DuplicateCluster, DuplicateCluster.id == DuplicateCopy.cluster_id)
        .where(DuplicateCopy.article_id != DuplicateCluster.kept_article_id)
    )
    return {
        article_id: CopyMark(kept, excluded)
        for article_id, kept, excluded in session.execute(query)
    }


def excluded_copies() -> Select[int]:
    """The ids of the excluded copies, for a query to leave out."""
    return select(DuplicateCopy.article_id).where(DuplicateCopy.excluded.is_(True))


def refuse_excluded(session: Session, article_id: int) -> None:
    """A new coding of an excluded copy is refused, naming the copy to code instead."""
    refuse_copy(article_id, session.scalar(kept_instead(article_id)))


def kept_instead(article_id: int | SQLColumnExpression[int]) -> Select[int]:
    """The copy kept for coding in place of the article, when it is an excluded copy (no
    row otherwise): a query of its own, or part of a larger one."""
    return (
        select(DuplicateCluster.kept_article_id)
        .join(DuplicateCopy, DuplicateCopy.cluster_id == DuplicateCluster.id)
        .where(DuplicateCopy.article_id == article_id, DuplicateCopy.excluded.is_(True))
    )


def refuse_copy(article_id: int, kept: int | None) -> None:
    """Refuse a new coding of the article when `kept` (from `kept_instead`) names a copy."""
    if kept is not None:
        raise ExcludedCopyError(
            f"article {article_id} is a copy left out of coding: code article {kept}, "
            "the copy kept, or ask a lead to include this one"
        )


@dataclass
class SetExcluded:
    """Exclude copies from coding and samples, or include them again."""

    article_ids: tuple[int, ...]
    excluded: bool
    text: str = "Exclude copies"

    def apply(self, project: Project) -> tuple[SetExcluded, Changes]:
        with project.transaction() as session:
            act_as_lead(session, "exclude or include copies")
            changed = set_excluded(session, self.article_ids, self.excluded)
        inverse = SetExcluded(tuple(sorted(changed)), not self.excluded, self.text)
        return inverse, Changes(articles=changed)


def set_excluded(session: Session, article_ids: Sequence[int], excluded: bool) -> set[int]:
    """The articles whose mark changed; the kept copy of a cluster is never excluded."""
    rows = session.execute(
        select(DuplicateCopy, DuplicateCluster.kept_article_id)
        .join(DuplicateCluster, DuplicateCluster.id == DuplicateCopy.cluster_id)
        .where(DuplicateCopy.article_id.in_(article_ids))
    ).all()
    if len(rows) < len(set(article_ids)):
        missing = sorted(set(article_ids) - {copy.article_id for copy, _ in rows})
        raise ValidationError(f"article {missing[0]} is no marked copy")
    changed = set()
    for copy, kept in rows:
        if excluded and copy.article_id == kept:
            raise ValidationError(
                f"article {kept} is the copy kept for coding; keep another copy first"
            )
        if copy.excluded != excluded:
            copy.excluded = excluded
            changed.add(copy.article_id)
            record(session, COPY, article_id=copy.article_id,
                   before={"excluded": not excluded}, after={"excluded": excluded})  # fmt: skip
    session.flush()
    return changed


@dataclass
class KeepCopy:
    """Keep another copy of its cluster for coding: it is included, and the copy kept
    before takes its place, excluded if it was."""

    article_id: int
    text: str = "Keep this copy"

    def apply(self, project: Project) -> tuple[KeepCopy, Changes]:
        with project.transaction() as session:
            act_as_lead(session, "choose the copy kept")
            before, members = keep_copy(session, self.article_id)
        return KeepCopy(before, self.text), Changes(articles=members)


def keep_copy(session: Session, article_id: int) -> tuple[int, set[int]]:
    """The copy kept before, and the articles of the cluster (their figures change)."""
    copy = session.get(DuplicateCopy, article_id)
    if copy is None:
        raise ValidationError(f"article {article_id} is no marked copy")
    cluster = session.get(DuplicateCluster, copy.cluster_id)
    assert cluster is not None  # a foreign key
    before = cluster.kept_article_id
    if before != article_id:
        old = session.get(DuplicateCopy, before)
        assert old is not None  # every member has its row, the kept one too
        old.excluded, copy.excluded = copy.excluded, False
        cluster.kept_article_id = article_id
        record(session, COPY, article_id=article_id,
               before={"kept": before}, after={"kept": article_id})  # fmt: skip
        session.flush()
        refigure(session, cluster.id)
    members = set(
        session.scalars(
            select(DuplicateCopy.article_id).where(DuplicateCopy.cluster_id == cluster.id)
        )
    )
    return before, members


def refigure(session: Session, cluster_id: int) -> None:
    """Each member's kind and figures against the copy kept now, from the texts. The
    figures' module is imported only now: it brings numpy, which the window's start
    (this module is read by every coding command) does not need."""
    from stancecoder.core.duplicates import normalise, shingles, similarity, text_key

    cluster = session.get(DuplicateCluster, cluster_id)
    assert cluster is not None
    query = (
        select(Article.id, Article.text)
        .join(DuplicateCopy, DuplicateCopy.article_id == Article.id)
        .where(DuplicateCopy.cluster_id == cluster_id)
    )
    texts = {article_id: text for article_id, text in session.execute(query)}
    words = {article_id: normalise(text) for article_id, text in texts.items()}
    sets = {article_id: shingles(text) for article_id, text in words.items()}
    kept = cluster.kept_article_id
    for copy in session.scalars(
        select(DuplicateCopy).where(DuplicateCopy.cluster_id == cluster_id)
    ):
        alike = similarity(sets[kept], sets[copy.article_id])
        copy.jaccard, copy.containment = alike.jaccard, alike.containment
        copy.kind = "exact" if text_key(words[kept]) == text_key(words[copy.article_id]) else "near"
    session.flush()
