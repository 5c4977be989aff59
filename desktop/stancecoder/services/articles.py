"""Reading articles for display: the list a coder picks from, and one article in full."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from sqlalchemy import (
    ColumnElement,
    Connection,
    Row,
    ScalarSelect,
    Select,
    SQLColumnExpression,
    and_,
    bindparam,
    case,
    false,
    func,
    null,
    or_,
    select,
    true,
    union_all,
)
from sqlalchemy.orm import Session

from stancecoder.core.attributes import read_attributes
from stancecoder.core.errors import ValidationError
from stancecoder.core.search_words import exact_in_index, fts_phrase, index_forms, like_forms
from stancecoder.core.status import Status
from stancecoder.db.models import Article, Assignment, Coder, Passage
from stancecoder.db.text_search import (
    count_pending,
    has_index,
    indexed_articles,
    indexed_ids,
    pending_articles,
)
from stancecoder.db.token_search import matching_ids
from stancecoder.services.article_filters import AttributeFilter, DateRange, date_conditions
from stancecoder.services.code_filter import CodeFilter, code_conditions
from stancecoder.services.duplicate_marks import copy_marks, excluded_copies

if TYPE_CHECKING:
    from stancecoder.services.project import Project


OPENING_LENGTH = 90
CoderId = ScalarSelect[int] | None  # the coder's id as a subquery (`coder_id_of`); None: no coder
COPY_MARK = "≈"  # before the title of a copy of another article (the kept copy has none); in
# every font, where a sign for "copy" is not


@dataclass(frozen=True)
class ArticleRow:
    id: int
    title: str
    source: str | None
    published: str | None
    status: str
    passages: int
    copy_of: int | None = None  # the copy kept, when this article is another copy of it
    excluded: bool = False  # left out of coding and samples as a copy

    @property
    def listed_title(self) -> str:
        return listed_title(self.title, self.copy_of)


def listed_title(title: str, copy_of: int | None) -> str:
    """The title as the article list shows it and sorts it: a copy of another is marked."""
    return f"{COPY_MARK} {title}" if copy_of is not None else title


@dataclass(frozen=True)
class ArticleView:
    id: int
    title: str | None
    source: str | None
    dateline: str | None
    published: str | None
    text: str
    author: str | None = None
    language: str | None = None
    attributes: dict[str, str] = field(default_factory=dict)

    @property
    def heading(self) -> str:
        """The title, or for an untitled article its first words: the article list names it
        the same way, so the header and the list row read alike."""
        return self.title or opening_words(self.text)


@dataclass(frozen=True)
class ArticleQuery:
    """What the article list shows: a status, a source, codes (see `CodeFilter`), a date
    range and an attribute's values (see `services.article_filters`) and,
    with `assigned`, only the coder's own articles (given to them or begun by them), and
    without `copies`, no copy a lead excluded. Words are searched apart, by
    `matching_articles`, so that typing filters the rows already read."""

    status: str | None = None
    source: str | None = None
    assigned: bool = False
    copies: bool = True
    codes: CodeFilter = field(default_factory=CodeFilter)
    dates: DateRange = field(default_factory=DateRange)
    attribute: AttributeFilter = field(default_factory=AttributeFilter)


def list_articles(
    project: Project, coder: str | None = None, query: ArticleQuery | None = None
) -> list[ArticleRow]:
    """Articles with this coder's status and passage count (all coders' if None), in
    import order, narrowed by `query`. The rows of some articles named by id (those an
    action touched, or those the list is about to show) are `services.article_rows_by_id`.

    Runs on the session's connection without ORM row processing: at 10,000 articles that
    halves the time of every read of the whole list."""
    with project.reading() as session:
        query = query or ArticleQuery()
        connection = session.connection()
        coder_id = coder_id_of(coder)
        counts = passage_counts(connection, coder, coder_id)
        statuses = coder_statuses(connection, coder, coder_id)
        articles = kept_articles(session, coder, coder_id, query).add_columns(
            Article.title, Article.source, Article.published, opening_text()
        )
        marks = copy_marks(session)
        return [
            ArticleRow(
                id=article_id,
                title=title or opening_words(text),
                source=source,
                published=published,
                status=statuses.get(article_id, Status.TODO),
                passages=counts.get(article_id, 0),
                copy_of=marks[article_id].kept_id if article_id in marks else None,
                excluded=article_id in marks and marks[article_id].excluded,
            )
            for article_id, attributes, title, source, published, text in connection.execute(
                articles.order_by(Article.id)
            )
            if not query.attribute or query.attribute.keeps(attributes)
        ]


def kept_articles(
    session: Session, coder: str | None, coder_id: CoderId, query: ArticleQuery
) -> Select[int, str | None]:
    """The ids of the articles `query` keeps for this coder, with the attributes when it
    filters on them (matched in Python: see `services.article_filters`), else NULL; more
    columns may be added. Every filter but the attribute is a condition of this one query."""
    extra = Article.extra if query.attribute else null()  # read only when filtered
    articles = select(Article.id, extra)
    if query.source:
        articles = articles.where(Article.source == query.source)
    if query.assigned and coder is not None:
        mine = select(Assignment.article_id).where(Assignment.coder_id == coder_id)
        articles = articles.where(_listed_id().in_(mine))
    if not query.copies:
        articles = articles.where(Article.id.not_in(excluded_copies()))
    if query.status:
        articles = articles.where(_has_status(coder, coder_id, query.status))
    for condition in [*date_conditions(query.dates), *code_conditions(session, query.codes)]:
        articles = articles.where(condition)
    return articles


def assigned_articles(
    coder: str | None, coder_id: CoderId, query: ArticleQuery
) -> Select[int, None] | None:
    """The ids `kept_articles` keeps, read from the coder's assignments alone, when the
    list keeps only their articles and no filter asks anything of the article itself (the
    list's start for a coder with work to do); None otherwise. The (coder, status, article)
    index answers it without looking up one article: 0.07 s of SQLite's time at 100,000
    articles, where the articles' ids matched against the coder's took 0.2 s."""
    if not query.assigned or coder is None:
        return None
    if query.source or query.codes or query.dates or query.attribute:
        return None
    articles = select(Assignment.article_id, null()).where(Assignment.coder_id == coder_id)
    if not query.copies:
        articles = articles.where(Assignment.article_id.not_in(excluded_copies()))
    if query.status:  # an article given to the coder has its status in the assignment
        articles = articles.where(Assignment.status == query.status)
    return articles


def _has_status(coder: str | None, coder_id: CoderId, status: str) -> ColumnElement[bool]:
    """The coder's status of an article is `status`; an article never given to them is to
    do, and without a coder every article is."""
    if coder is None:
        return true() if status == Status.TODO else false()
    theirs = select(Assignment.article_id).where(Assignment.coder_id == coder_id)
    if status == Status.TODO:
        return _listed_id().not_in(theirs.where(Assignment.status != Status.TODO))
    return _listed_id().in_(theirs.where(Assignment.status == status))


def _listed_id() -> ColumnElement[int]:
    """The article's id, for a condition that keeps most articles: "+ 0" keeps SQLite from
    looking each one up in the table by its id (0.3–2 s at 100,000 articles, reading every
    text's pages), so that it scans a small index instead (0.05 s)."""
    return Article.id + 0


def coder_id_of(coder: str | None) -> CoderId:
    """The coder's id as a part of each query, not read on its own: one round trip fewer
    on a server."""
    return select(Coder.id).where(Coder.name == coder).scalar_subquery() if coder else None


def passage_counts(connection: Connection, coder: str | None, coder_id: CoderId) -> dict[int, int]:
    """Each article's passages by this coder (by everyone if None)."""
    passages = select(Passage.article_id, func.count()).group_by(Passage.article_id)
    if coder is not None:
        # "+ 0" keeps SQLite off the (coder, created) index: through it the count read a
        # third of all passages from the table and sorted them (106 ms at 10,000 articles),
        # where the (article, coder) index alone answers in order (20 ms); PostgreSQL scans
        # the table either way
        passages = passages.where(Passage.coder_id + 0 == coder_id)
    return {article_id: count for article_id, count in connection.execute(passages)}


def coder_statuses(connection: Connection, coder: str | None, coder_id: CoderId) -> dict[int, str]:
    """The coder's status of each article given to them; none without a coder."""
    if coder is None:
        return {}
    status = select(Assignment.article_id, Assignment.status)
    status = status.where(Assignment.coder_id == coder_id)
    return {article_id: value for article_id, value in connection.execute(status)}


def opening_text() -> ColumnElement[str | None]:
    """The first words of an untitled article, NULL for one with a title: read for those
    alone, since reading a part of every text made the list's query 0.10 s instead of
    0.06 at 10,000 articles. One character more than shown tells whether it was cut."""
    untitled = or_(Article.title.is_(None), Article.title == "")
    return case((untitled, func.substr(Article.text, 1, OPENING_LENGTH + 1)))


def matching_articles(project: Project, words: str) -> set[int]:
    """The ids of the articles whose title or text holds every word: what a search in the
    list needs, without re-reading the rows it already shows."""
    with project.reading() as session:
        return articles_holding(session.connection(), words.split())


def articles_holding(connection: Connection, words: list[str]) -> set[int]:
    """`matching_articles` on an open connection. On a server the token index
    (`db.token_search`) answers for the articles it holds, ILIKE for the others. Where a
    SQLite project has the trigram index (`db.text_search`) it answers for the articles it
    holds and for the words it can, LIKE checks the rest on what it found, and the articles
    not yet indexed are read with LIKE alone: the answer is LIKE's (ILIKE's) in every case
    (`core.search_words`)."""
    dialect = connection.dialect.name
    everywhere = and_(*(holds(word, dialect) for word in words))
    if dialect != "sqlite" and words and has_index(connection):
        return matching_ids(connection, words, waiting=count_pending(connection) > 0)
    looked_up = [word for word in words if index_forms(word) is not None]
    if not looked_up or not has_index(connection):
        return set(connection.execute(select(Article.id).where(everywhere)).scalars())
    query = " AND ".join(fts_phrase(index_forms(word) or []) for word in looked_up)
    rechecked = [holds(word, dialect) for word in words if not exact_in_index(word)]
    if not rechecked and not count_pending(connection):
        return indexed_ids(connection, query)
    found = indexed_articles(query)
    indexed = select(Article.id).where(Article.id.in_(found), *rechecked) if rechecked else found
    waiting = select(Article.id).where(Article.id.in_(pending_articles()), everywhere)
    return set(connection.execute(union_all(indexed, waiting)).scalars().all())


def holds(word: str, dialect: str) -> ColumnElement[bool]:
    """The article's title or text holds the word (`contains_word`)."""
    return contains_word(Article.title, word, dialect) | contains_word(Article.text, word, dialect)


def contains_word(
    column: SQLColumnExpression[str | None], word: str, dialect: str
) -> ColumnElement[bool]:
    """Case-insensitive substring match that also folds Cyrillic, Greek and accented
    letters. PostgreSQL's ILIKE does; SQLite's LIKE folds ASCII only, so a word with
    other letters is also tried in the forms `core.search_words.like_forms` gives."""
    if dialect != "sqlite":
        return column.icontains(word, autoescape=True)
    return or_(*(column.contains(form, autoescape=True) for form in like_forms(word)))


def list_sources(project: Project) -> list[str]:
    with project.reading() as session:
        return list(
            session.scalars(
                select(Article.source)
                .where(Article.source.is_not(None))
                .distinct()
                .order_by(Article.source)
            )
        )


def opening_words(text: str) -> str:
    """An untitled article is shown by its first words, as a reader would recognise it.
    `text` is the article, or its first OPENING_LENGTH + 1 characters (what the list
    reads), so the list and the header name an article alike."""
    words = " ".join(text[:OPENING_LENGTH].split())
    if len(text) <= OPENING_LENGTH:
        return words
    cut = words.rfind(" ", 0, OPENING_LENGTH - 20)
    return words[: cut if cut > 0 else OPENING_LENGTH - 20] + " …"


def read_article(project: Project, article_id: int) -> ArticleView:
    with project.brief() as session:
        return article_view(session, article_id)


def article_view(session: Session, article_id: int) -> ArticleView:
    """`read_article` inside an open transaction, for a view that reads more with it: the
    columns shown, not the whole row as an object (the window reads it at every switch)."""
    return shown_article(session.execute(_SHOWN, {"article_id": article_id}).first(), article_id)


def shown_article(row: Row[*tuple[Any, ...]] | None, article_id: int) -> ArticleView:
    """The article in a row read with `SHOWN_COLUMNS` (a read may join more columns to
    them); None when there is no such article."""
    if row is None:
        raise ValidationError(f"no article with id {article_id}")
    return ArticleView(
        row.id, row.title, row.source, row.dateline, row.published, row.text, row.author,
        row.language, read_attributes(row.extra),
    )  # fmt: skip


SHOWN_COLUMNS = (
    Article.id, Article.title, Article.source, Article.dateline, Article.published,
    Article.text, Article.author, Article.language, Article.extra,
)  # fmt: skip
_SHOWN = select(*SHOWN_COLUMNS).where(Article.id == bindparam("article_id"))
