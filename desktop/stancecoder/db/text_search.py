"""The trigram index behind the article search on SQLite, outside the ORM models.

An FTS5 table over the articles' titles and texts with the trigram tokenizer, which finds
any run of three or more characters in any script (Korean has no spaces to split words
at, Russian words inflect). It keeps positions (`detail=full`), so a word's trigrams in a
row are the word itself and a word found in most articles needs no second look at their
texts; it stores no copy of the text (external content: the article table).

Tokenizing costs about half a millisecond an article, which an import must not wait for:
a trigger only notes each new or changed article in `article_search_pending`, and
`index_next` indexes the noted ones later, a few at a time. The search asks the index
about the articles indexed and LIKE about the ones still noted, so its answer is the same
whatever has been indexed. Deleting or changing an indexed article takes it out of the
index in the same statement. PostgreSQL's index is another (`db.token_search`) that notes
the waiting articles in a table of the same name, which the functions below read on both.
"""

from __future__ import annotations

from sqlalchemy import Connection, Integer, Select, TextualSelect, column, select, table, text
from sqlalchemy.exc import OperationalError

from stancecoder.core.search_words import KELVIN, LONG_S, STAND_IN

FTS_TABLE = "article_search"
PENDING = "article_search_pending"
TRIGGERS = tuple(f"{FTS_TABLE}_{event}" for event in ("insert", "delete", "update"))


def _seen(name: str) -> str:
    """The column as the index sees it: see `core.search_words.UNINDEXED`. A 'delete' of
    an external-content row must give the values indexed, so every statement uses this."""
    stand_in = f"char({ord(STAND_IN)})"
    return (
        f"replace(replace({name}, char({ord(KELVIN)}), {stand_in}), "
        f"char({ord(LONG_S)}), {stand_in})"
    )


_UNINDEX_OLD = (
    f"INSERT INTO {FTS_TABLE}({FTS_TABLE}, rowid, title, text) "
    f"SELECT 'delete', old.id, {_seen('old.title')}, {_seen('old.text')} "
    f"WHERE NOT EXISTS (SELECT 1 FROM {PENDING} WHERE article_id = old.id); "
    f"DELETE FROM {PENDING} WHERE article_id = old.id; "
)

SQLITE_CREATE = (
    f"CREATE VIRTUAL TABLE {FTS_TABLE} USING fts5(title, text, content='article', "
    "content_rowid='id', tokenize='trigram', detail=full)",
    f"CREATE TABLE {PENDING} (article_id INTEGER NOT NULL PRIMARY KEY)",
    f"CREATE TRIGGER {TRIGGERS[0]} AFTER INSERT ON article BEGIN "
    f"INSERT INTO {PENDING}(article_id) VALUES (new.id); END",
    f"CREATE TRIGGER {TRIGGERS[1]} AFTER DELETE ON article BEGIN {_UNINDEX_OLD}END",
    f"CREATE TRIGGER {TRIGGERS[2]} AFTER UPDATE OF id, title, text ON article BEGIN "
    f"{_UNINDEX_OLD}INSERT INTO {PENDING}(article_id) VALUES (new.id); END",
    f"INSERT INTO {PENDING}(article_id) SELECT id FROM article",
)
SQLITE_DROP = (
    *(f"DROP TRIGGER IF EXISTS {name}" for name in TRIGGERS),
    f"DROP TABLE IF EXISTS {PENDING}",
    f"DROP TABLE IF EXISTS {FTS_TABLE}",
)


def sqlite_has_trigram(connection: Connection) -> bool:
    """Whether this SQLite has FTS5 with the trigram tokenizer (3.34 and later, built
    with FTS5, as Python's own builds are); without it the search stays on LIKE."""
    try:
        connection.exec_driver_sql(
            "CREATE VIRTUAL TABLE temp.stancecoder_probe USING fts5(x, tokenize='trigram')"
        )
    except OperationalError:  # no such module, or no such tokenizer
        return False
    connection.exec_driver_sql("DROP TABLE temp.stancecoder_probe")
    return True


def outside_models(name: str | None, kind: str, _parents: object = None) -> bool:
    """False for the index's own tables (FTS5 adds shadow tables named after it), which
    the models do not describe: Alembic's comparison with the models leaves them out."""
    return not (kind == "table" and name is not None and name.startswith(FTS_TABLE))


def has_index(connection: Connection) -> bool:
    """Whether this project has an index: on SQLite one with the trigram tokenizer, on
    PostgreSQL one upgraded to 0010."""
    if connection.dialect.name != "sqlite":
        query = text("SELECT to_regclass(:name) IS NOT NULL")
        return bool(connection.execute(query, {"name": f"public.{PENDING}"}).scalar())
    found = connection.execute(
        text("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = :name"),
        {"name": PENDING},
    ).first()
    return found is not None


def count_pending(connection: Connection) -> int:
    """How many articles wait to be indexed (0 where there is no index)."""
    if not has_index(connection):
        return 0
    return int(connection.exec_driver_sql(f"SELECT count(*) FROM {PENDING}").scalar_one())


def index_next(connection: Connection, limit: int) -> int:
    """On SQLite, index up to `limit` waiting articles, oldest first; returns how many.
    Inside the caller's write transaction, so an article is never both waiting and indexed."""
    ids = list(
        connection.execute(
            text(f"SELECT article_id FROM {PENDING} ORDER BY article_id LIMIT :limit"),
            {"limit": limit},
        ).scalars()
    )
    if not ids:
        return 0
    chosen = ", ".join(str(int(article_id)) for article_id in ids)
    connection.exec_driver_sql(
        f"INSERT INTO {FTS_TABLE}(rowid, title, text) "
        f"SELECT id, {_seen('title')}, {_seen('text')} FROM article WHERE id IN ({chosen})"
    )
    connection.exec_driver_sql(f"DELETE FROM {PENDING} WHERE article_id IN ({chosen})")
    return len(ids)


def pending_articles() -> TextualSelect:
    """The ids of the articles waiting to be indexed, which the search reads with LIKE."""
    return text(f"SELECT article_id AS id FROM {PENDING}").columns(id=Integer)


def indexed_articles(query: str) -> Select[int]:
    """The ids of the indexed articles matching an FTS5 query (`core.search_words`)."""
    return (
        select(column("rowid", Integer))
        .select_from(table(FTS_TABLE))
        .where(text(f"{FTS_TABLE} MATCH :query").bindparams(query=query))
    )


def indexed_ids(connection: Connection, query: str) -> set[int]:
    """`indexed_articles` as one string of ids off the driver's cursor: a word most
    articles hold gives one id per article, and at 100,000 articles a result row for each
    took longer than the index's own work (SQLAlchemy's rows twice as long, the driver's
    tuples a fifth longer than the string)."""
    cursor = connection.connection.cursor()
    try:
        cursor.execute(
            f"SELECT group_concat(rowid) FROM {FTS_TABLE} WHERE {FTS_TABLE} MATCH ?", (query,)
        )
        (ids,) = cursor.fetchone() or (None,)  # an aggregate: always one row
    finally:
        cursor.close()
    return set(map(int, ids.split(","))) if ids else set()
