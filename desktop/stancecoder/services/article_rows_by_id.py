"""The list rows of articles named by id, read in one statement built once.

After Enter the window reads the row of the article just coded again, and the article
list reads the rows it is about to show. The list's query (`articles.list_articles`) builds
four statements every time (counts, statuses, the rows, copy marks), which for a few rows
took longer than running them: a tenth of an Enter.
"""

from __future__ import annotations

from collections.abc import Collection
from typing import TYPE_CHECKING, Any

from sqlalchemy import ColumnElement, Select, and_, bindparam, func, null, select
from sqlalchemy.orm import Session

from stancecoder.core.status import Status
from stancecoder.db.models import (
    Article,
    Assignment,
    Coder,
    DuplicateCluster,
    DuplicateCopy,
    Passage,
)
from stancecoder.services.articles import ArticleRow, CoderId, opening_text, opening_words

if TYPE_CHECKING:
    from stancecoder.services.project import Project


def rows_by_id(project: Project, coder: str | None, ids: Collection[int]) -> list[ArticleRow]:
    """The rows `articles.list_articles` shows of the articles `ids`, in id order."""
    with project.reading() as session:
        return read_rows_by_id(session, coder, ids)


def read_rows_by_id(session: Session, coder: str | None, ids: Collection[int]) -> list[ArticleRow]:
    """`rows_by_id` inside an open transaction, for a refresh that reads more with it."""
    statement = _ROWS_OF_CODER if coder is not None else _ROWS
    found = session.connection().execute(statement, {"coder": coder, "ids": list(ids)})
    return [
        ArticleRow(
            id=article_id,
            title=title or opening_words(opening),
            source=source,
            published=published,
            status=status or Status.TODO,
            passages=passages,
            copy_of=kept,
            excluded=kept is not None and bool(excluded),
        )
        for article_id, title, source, published, opening, status, passages, kept, excluded in found
    ]


def _rows(coder_id: CoderId) -> Select[*tuple[Any, ...]]:
    """Each article with the coder's status (NULL: never given to them, or no coder) and
    passage count (everyone's without a coder), and the copy kept for coding when it is
    another copy."""
    passages = select(func.count()).where(Passage.article_id == Article.id)
    status: ColumnElement[Any] = null()
    if coder_id is not None:
        mine = and_(Assignment.article_id == Article.id, Assignment.coder_id == coder_id)
        status = select(Assignment.status).where(mine).scalar_subquery()
        # "+ 0": the (article, coder) index answers, not the (coder, created) one
        passages = passages.where(Passage.coder_id + 0 == coder_id)
    copy = and_(
        DuplicateCluster.id == DuplicateCopy.cluster_id,
        DuplicateCluster.kept_article_id != Article.id,
    )
    return (
        select(
            Article.id,
            Article.title,
            Article.source,
            Article.published,
            opening_text(),
            status,
            passages.scalar_subquery(),
            DuplicateCluster.kept_article_id,
            DuplicateCopy.excluded,
        )
        .select_from(Article)
        .outerjoin(DuplicateCopy, DuplicateCopy.article_id == Article.id)
        .outerjoin(DuplicateCluster, copy)
        .where(Article.id.in_(bindparam("ids", expanding=True)))
        .order_by(Article.id)
    )


_ROWS_OF_CODER = _rows(select(Coder.id).where(Coder.name == bindparam("coder")).scalar_subquery())
_ROWS = _rows(None)  # built once: a refresh runs them, never builds them
