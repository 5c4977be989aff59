"""The article list as ids: the articles the filters keep, in the order chosen, read in one
query. The window holds only these and reads a row's fields as the row comes into view
(`articles.list_articles` with `only`), a window of rows at a time, as Anki's browser
does: opening 100,000 articles reads 100,000 ids instead of building 100,000 rows.

An order compares what the list shows (its titles as listed, case folded as Python folds
every script; the statuses to do, doing, done) and keeps import order among equals, read
as plain values beside the ids.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from operator import itemgetter
from typing import TYPE_CHECKING, Any

from sqlalchemy.orm import Session

from stancecoder.core.status import Status
from stancecoder.db.models import Article
from stancecoder.services.articles import (
    ArticleQuery,
    CoderId,
    assigned_articles,
    coder_id_of,
    coder_statuses,
    kept_articles,
    listed_title,
    opening_text,
    opening_words,
    passage_counts,
)
from stancecoder.services.duplicate_marks import copy_marks

if TYPE_CHECKING:
    from stancecoder.services.project import Project

STATUS_ORDER: dict[str, int] = {status: order for order, status in enumerate(Status)}  # to do first


@dataclass(frozen=True)
class ArticleOrder:
    """A column of the list to sort by (`title`, `source`, `published`, `status` or
    `passages`), ascending unless `descending`."""

    column: str
    descending: bool = False


def article_ids(
    project: Project,
    coder: str | None = None,
    query: ArticleQuery | None = None,
    order: ArticleOrder | None = None,
) -> list[int]:
    """The ids of the articles `list_articles` gives for `query`, in `order` (import
    order if None)."""
    with project.reading() as session:
        return listed_ids(session, coder, query or ArticleQuery(), order)


def listed_ids(
    session: Session, coder: str | None, query: ArticleQuery, order: ArticleOrder | None
) -> list[int]:
    """`article_ids` inside an open transaction."""
    coder_id = coder_id_of(coder)
    key = None if order is None else _sort_key(session, coder, coder_id, order.column)
    sorted_by_article = key is not None and bool(key.columns)
    assigned = None if sorted_by_article else assigned_articles(coder, coder_id, query)
    articles = kept_articles(session, coder, coder_id, query) if assigned is None else assigned
    if key is not None:
        articles = articles.add_columns(*key.columns)
    rows: Sequence[Sequence[Any]] = session.connection().execute(articles).all()  # one fetch
    if query.attribute:
        rows = [row for row in rows if query.attribute.keeps(row[1])]
    # import order sorted here: unordered, SQLite reads the ids from the smallest index,
    # where ORDER BY id read the table itself, every text's pages (0.3 s against 0.1 at
    # 100,000 articles)
    rows = sorted(rows, key=itemgetter(0))
    if key is not None and order is not None:
        rows.sort(key=key.of, reverse=order.descending)  # stable: equals stay in import order
    return [row[0] for row in rows]


@dataclass(frozen=True)
class _SortKey:
    columns: tuple[Any, ...]  # read beside the id and the attributes, from row[2] on
    of: Callable[[Sequence[Any]], str | int]


def _sort_key(session: Session, coder: str | None, coder_id: CoderId, column: str) -> _SortKey:
    connection = session.connection()
    if column == "title":
        marks = copy_marks(session)

        def title(row: Sequence[Any]) -> str:
            mark = marks.get(row[0])
            name = row[2] or opening_words(row[3])
            return listed_title(name, mark.kept_id if mark else None).casefold()

        return _SortKey((Article.title, opening_text()), title)
    if column in ("source", "published"):
        return _SortKey((getattr(Article, column),), lambda row: (row[2] or "").casefold())
    if column == "status":
        statuses = coder_statuses(connection, coder, coder_id)
        return _SortKey((), lambda row: STATUS_ORDER.get(statuses.get(row[0], Status.TODO), -1))
    if column == "passages":
        counts = passage_counts(connection, coder, coder_id)
        return _SortKey((), lambda row: counts.get(row[0], 0))
    raise ValueError(f"the article list has no column {column!r}")
