"""What the coding window shows of a coder's work, read again after a change in one
brief read.

After Enter the window shows again the article's passages, the coder's status and article
codes, the rows of the article list that changed, today's count and the assigned articles
done. Read one by one, that was five transactions for one keystroke, each seeing the
project at its own moment; read together, they show one state of it on SQLite. On a server
the read is `Project.brief`: no BEGIN and COMMIT, each statement seeing the latest commits
as it would in any of the server's (READ COMMITTED) transactions.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from sqlalchemy import and_, bindparam, select
from sqlalchemy.orm import Session

from stancecoder.core.passage_view import PassageView
from stancecoder.core.status import Status
from stancecoder.db.models import Article, Assignment, Coder
from stancecoder.services.article_codes import (
    ArticleCoding,
    read_article_codes,
    read_article_coding,
)
from stancecoder.services.article_rows_by_id import read_rows_by_id
from stancecoder.services.articles import SHOWN_COLUMNS, ArticleRow, ArticleView, shown_article
from stancecoder.services.passages import article_passages, count_coded_today
from stancecoder.services.samples import CoderProgress, read_progress

if TYPE_CHECKING:
    from stancecoder.services.project import Project


@dataclass(frozen=True)
class CodingView:
    """What was asked for; a part not asked for is None (or no rows)."""

    article: ArticleView | None = None
    passages: list[PassageView] | None = None
    coding: ArticleCoding | None = None
    rows: list[ArticleRow] = field(default_factory=list)
    coded_today: int | None = None
    assigned: CoderProgress | None = None


def coding_view(
    project: Project,
    coder: str,
    *,
    article_id: int | None = None,
    rows: Collection[int] = (),
    recount: bool = False,
    statuses: bool = False,
    text: bool = False,
) -> CodingView:
    """The passages and the coder's coding of `article_id` (if given) and the article
    itself with its text (`text`, when it is shown anew), the article rows in `rows`,
    today's count (`recount`) and the coder's assigned articles (`statuses`)."""
    if article_id is None and not rows and not recount and not statuses:
        return CodingView()  # nothing to read: no transaction
    with project.brief() as session:
        article, passages, coding = None, None, None
        if article_id is not None:
            if text:
                article, coding = _shown_with_coding(session, article_id, coder)
            else:
                coding = read_article_coding(session, article_id, coder)
            passages = article_passages(session, article_id, coder)
        return CodingView(
            article=article,
            passages=passages,
            coding=coding,
            rows=read_rows_by_id(session, coder, rows) if rows else [],
            coded_today=count_coded_today(session, coder) if recount else None,
            assigned=read_progress(session, coder)[0] if statuses else None,
        )


def _shown_with_coding(
    session: Session, article_id: int, coder: str
) -> tuple[ArticleView, ArticleCoding]:
    """The article shown anew with the coder's status, a join away, in one statement, and
    their article codes in another: a statement fewer at every switch of article."""
    row = session.execute(_WITH_STATUS, {"article_id": article_id, "coder": coder}).first()
    article = shown_article(row, article_id)
    assert row is not None  # else no article, and `shown_article` said so
    status, version = (row.status, row.version) if row.status is not None else (Status.TODO, 0)
    codes = read_article_codes(session, article_id, coder)
    return article, ArticleCoding(status, codes, version)


_ASSIGNED = and_(
    Assignment.article_id == Article.id,
    Assignment.coder_id.in_(select(Coder.id).where(Coder.name == bindparam("coder"))),
)
_WITH_STATUS = (
    select(*SHOWN_COLUMNS, Assignment.status, Assignment.version)
    .outerjoin(Assignment, _ASSIGNED)
    .where(Article.id == bindparam("article_id"))
)  # built once, as the statements it stands for (`article_view`, `read_assignment`)
