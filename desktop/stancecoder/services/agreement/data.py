"""What an agreement report reads from a project, in one transaction, as plain values
(`core.agreement.codings`) the report is then computed from."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from itertools import chain
from typing import TYPE_CHECKING, Any, TypeVar

import numpy as np
from sqlalchemy import Connection, Select, SQLColumnExpression, select

from stancecoder.core.agreement.codings import Codings, Passages, grouped_codes
from stancecoder.core.errors import ValidationError
from stancecoder.core.status import Status
from stancecoder.db.models import Article, ArticleCode, Assignment, Coder, Passage, PassageCode
from stancecoder.db.store import get_setting
from stancecoder.services.codebook_view import codebook_view
from stancecoder.services.coders import consensus_name

if TYPE_CHECKING:
    from stancecoder.services.project import Project

# a query narrowed by a filter keeps the columns, and so the row type, it selected
_Query = TypeVar("_Query", bound="Select[*tuple[Any, ...]]")


def load_codings(
    project: Project, coders: Sequence[str] | None, article_ids: Sequence[int] | None
) -> Codings:
    book = codebook_view(project)
    with project.reading() as session:
        known = {c.id: c.name for c in session.scalars(select(Coder).order_by(Coder.name))}
        consensus = consensus_name(session)
        names = _chosen(list(known.values()), coders, consensus)
        ids = {i for i, name in known.items() if name in names}
        wanted = set(article_ids) if article_ids is not None else None
        out = Codings(
            project=get_setting(session, "name") or project.location,
            codebook_version=book.version,
            variables=book.variables,
            coders=sorted(names),
        )

        def scoped(
            query: _Query, article: SQLColumnExpression[int], coder: SQLColumnExpression[int]
        ) -> _Query:
            """Only the chosen coders and articles, filtered by the database."""
            query = query.where(coder.in_(ids))
            return query if wanted is None else query.where(article.in_(wanted))

        connection = session.connection()
        variable_names = {v.id: v.name for v in book.variables}
        passages = select(
            Passage.id, Passage.article_id, Passage.coder_id, Passage.start, Passage.end
        ).order_by(Passage.article_id, Passage.start)
        rows = _columns(connection, scoped(passages, Passage.article_id, Passage.coder_id), 5)
        links = select(PassageCode.passage_id, PassageCode.variable_id, PassageCode.code_id)
        if wanted is not None:  # a few articles: the database finds their links
            links = scoped(links.join(Passage), Passage.article_id, Passage.coder_id)
        # else every link is read, without a join per row, and those of passages not read
        # (the consensus layer's) are left out here
        codes, combinations = grouped_codes(
            rows[:, 0], _columns(connection, links, 3), variable_names
        )
        coder_at = np.full(max(known, default=0) + 1, -1, dtype=np.int64)
        for coder_id in ids:
            coder_at[coder_id] = out.coders.index(known[coder_id])
        passage_ids, articles, coder_ids, starts, ends = rows.T.copy()
        out.passages = Passages(
            passage_ids, articles, coder_at[coder_ids], starts, ends, codes, combinations
        )
        width = max(known, default=0) + 1
        for key in np.unique(articles * width + coder_ids).tolist():
            out.coded_by.setdefault(key // width, set()).add(known[key % width])
        article_codes = select(
            ArticleCode.article_id, ArticleCode.coder_id, ArticleCode.variable_id,
            ArticleCode.code_id,
        )  # fmt: skip
        for article_id, coder_id, variable_id, code_id in _tuples(
            connection, scoped(article_codes, ArticleCode.article_id, ArticleCode.coder_id)
        ):
            key = (article_id, known[coder_id], variable_names[variable_id])
            out.article_codes[key] = tuple(sorted((*out.article_codes.get(key, ()), code_id)))
            out.coded_by.setdefault(article_id, set()).add(known[coder_id])
        done = select(Assignment.article_id, Assignment.coder_id).where(
            Assignment.status == Status.DONE
        )
        for article_id, coder_id in _tuples(
            connection, scoped(done, Assignment.article_id, Assignment.coder_id)
        ):
            out.coded_by.setdefault(article_id, set()).add(known[coder_id])
        double = out.double_coded()  # the only articles whose words a report shows
        if double:
            texts = select(Article.id, Article.title, Article.text).where(Article.id.in_(double))
            for article_id, title, text in _tuples(connection, texts):
                out.titles[article_id] = title or f"article {article_id}"
                out.texts[article_id] = text
        return out


def _columns(connection: Connection, query: Select[*tuple[Any, ...]], width: int) -> np.ndarray:
    """A query's integer rows as one array (rows × width), from the driver's own tuples as
    they arrive: neither a result row object for each of a million rows nor the list of all
    of them is kept."""
    flat = np.fromiter(chain.from_iterable(_tuples(connection, query)), dtype=np.int64)
    return flat.reshape(len(flat) // width, width)


def _tuples(connection: Connection, query: Select[*tuple[Any, ...]]) -> Iterator[tuple[Any, ...]]:
    """A query's rows as the driver gives them, one by one: plain tuples, where a result
    row object for each would cost more than reading it (the columns read here need no
    conversion)."""
    result = connection.execute(query)
    try:
        while rows := result.cursor.fetchmany(10_000):
            yield from rows
    finally:
        result.close()


def _chosen(known: list[str], coders: Sequence[str] | None, consensus: str | None) -> list[str]:
    """The coders named, or every coder but the consensus layer, which is not a coder
    whose agreement is measured (it is made from the others' codings)."""
    if not coders:
        return [name for name in known if name != consensus]
    unknown = [c for c in coders if c not in known]
    if unknown:
        raise ValidationError(
            f"unknown coder(s) {', '.join(unknown)} (coders: {', '.join(known) or 'none'})"
        )
    return sorted(set(coders))
