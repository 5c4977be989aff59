"""The full-text index behind the article search, outside the ORM models.

SQLite: an FTS5 table over the articles' titles and texts with the trigram tokenizer,
which finds any run of three or more characters in any script (Korean has no spaces to
split words at, Russian words inflect), folding case as Unicode does; triggers keep it in
step with every insert, change and deletion of an article, whoever makes it. It stores no
copy of the text (an external-content table reads the article table).

PostgreSQL: GIN trigram indexes (`pg_trgm`) on the same columns, which serve the ILIKE the
search already runs. Creating the extension needs rights a server may not grant; without
it the search is the same, only slower, and `check` and `info` say so.
"""

from __future__ import annotations

from sqlalchemy import Connection, Integer, TextualSelect, text
from sqlalchemy.exc import OperationalError

FTS_TABLE = "article_fts"
TRIGRAM_INDEXES = ("ix_article_title_trgm", "ix_article_text_trgm")
SHORTEST = 3  # the trigram tokenizer finds nothing shorter

SQLITE_CREATE = (
    f"CREATE VIRTUAL TABLE {FTS_TABLE} USING fts5(title, text, content='article', "
    "content_rowid='id', tokenize='trigram')",
    f"CREATE TRIGGER {FTS_TABLE}_insert AFTER INSERT ON article BEGIN "
    f"INSERT INTO {FTS_TABLE}(rowid, title, text) VALUES (new.id, new.title, new.text); END",
    f"CREATE TRIGGER {FTS_TABLE}_delete AFTER DELETE ON article BEGIN "
    f"INSERT INTO {FTS_TABLE}({FTS_TABLE}, rowid, title, text) "
    "VALUES ('delete', old.id, old.title, old.text); END",
    f"CREATE TRIGGER {FTS_TABLE}_update AFTER UPDATE OF title, text ON article BEGIN "
    f"INSERT INTO {FTS_TABLE}({FTS_TABLE}, rowid, title, text) "
    "VALUES ('delete', old.id, old.title, old.text); "
    f"INSERT INTO {FTS_TABLE}(rowid, title, text) VALUES (new.id, new.title, new.text); END",
    f"INSERT INTO {FTS_TABLE}({FTS_TABLE}) VALUES ('rebuild')",
)
SQLITE_DROP = (
    f"DROP TRIGGER IF EXISTS {FTS_TABLE}_insert",
    f"DROP TRIGGER IF EXISTS {FTS_TABLE}_delete",
    f"DROP TRIGGER IF EXISTS {FTS_TABLE}_update",
    f"DROP TABLE IF EXISTS {FTS_TABLE}",
)

# One block, so that a server refusing the extension still upgrades (and the schema file
# for administrators reads the same): the indexes come only with the extension.
POSTGRES_CREATE = (
    "DO $$ BEGIN "
    "CREATE EXTENSION IF NOT EXISTS pg_trgm; "
    "EXCEPTION WHEN OTHERS THEN "
    "RAISE NOTICE 'pg_trgm could not be created: the article search runs without an index'; "
    "END $$",
    "DO $$ BEGIN "
    "IF EXISTS (SELECT 1 FROM pg_extension WHERE extname = 'pg_trgm') THEN "
    f"CREATE INDEX {TRIGRAM_INDEXES[0]} ON article USING gin (title gin_trgm_ops); "
    f"CREATE INDEX {TRIGRAM_INDEXES[1]} ON article USING gin (text gin_trgm_ops); "
    "END IF; END $$",
)
POSTGRES_DROP = tuple(f"DROP INDEX IF EXISTS {name}" for name in TRIGRAM_INDEXES)


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
    """False for the search index's own tables and indexes, which the models do not
    describe: Alembic's comparison with the models leaves them out."""
    if name is None:
        return True
    if kind == "table":
        return not name.startswith(FTS_TABLE)
    return not (kind == "index" and name in TRIGRAM_INDEXES)


def search_index(connection: Connection) -> str | None:
    """The index the article search uses here, in words; None if it runs without one."""
    if connection.dialect.name == "sqlite":
        found = connection.execute(
            text("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = :name"),
            {"name": FTS_TABLE},
        ).first()
        return "SQLite FTS5 (trigram)" if found else None
    found = connection.execute(
        text("SELECT count(*) FROM pg_indexes WHERE indexname IN (:title, :text)"),
        {"title": TRIGRAM_INDEXES[0], "text": TRIGRAM_INDEXES[1]},
    ).scalar_one()
    return "PostgreSQL pg_trgm (GIN)" if found == len(TRIGRAM_INDEXES) else None


def fts_query(words: list[str]) -> str:
    """An FTS5 query for articles holding every word (of SHORTEST characters or more),
    each quoted so that no character in it is taken as query syntax."""
    return " AND ".join('"' + word.replace('"', '""') + '"' for word in words)


def fts_articles(words: list[str]) -> TextualSelect:
    """The ids of the articles whose title or text holds every word (each of SHORTEST
    characters or more), from the FTS5 index."""
    return (
        text(f"SELECT rowid AS id FROM {FTS_TABLE} WHERE {FTS_TABLE} MATCH :query")
        .bindparams(query=fts_query(words))
        .columns(id=Integer)
    )
