"""The index behind the article search on PostgreSQL: each article's tokens.

A word most articles hold must be answered without reading their texts (reading them alone
takes longer than the search may), and trigram indexes on the texts cannot do that. So the
index keeps, per article, the ids of the tokens of its lowered title and text, cut at
whitespace (`core.search_words.TOKEN_SEPARATORS`), and a vocabulary of those tokens. A
typed word holds no whitespace, so it is in a text exactly when it is in one of its tokens:
the search finds the tokens that hold the word (a LIKE over the vocabulary, which is small
and has a trigram index where the server offers `pg_trgm`), then the articles that have
one of them (a GIN index on the ids). Both sides are lowered by the server's own `lower()`,
as ILIKE lowers them, so the answer is ILIKE's in every script.

As on SQLite, a trigger only notes a new or changed article in `article_search_pending`
and the window indexes the noted ones later (`stancecoder_index_articles`). The functions
run as the tables' owner, so on a team server leads and coders only read the index, and
whoever's window is open fills it with exactly what the articles hold.
"""

from __future__ import annotations

from sqlalchemy import Connection, text

from stancecoder.core.search_words import separators_pattern
from stancecoder.db.text_search import PENDING

VOCABULARY = "article_search_vocabulary"
TOKENS = "article_search_tokens"
TABLES = (PENDING, VOCABULARY, TOKENS)
INDEX_FUNCTION = "stancecoder_index_articles"
NOTE_FUNCTION = "stancecoder_note_article"
TRIGGERS = ("article_search_insert", "article_search_update")
TRIGRAM_INDEX = f"ix_{VOCABULARY}_trigram"
TOKENS_INDEX = f"ix_{TOKENS}_tokens"
FILLER = 2048
"""Spaces in every row of the tokens table, compressed to a few bytes, so that each row is
long enough for PostgreSQL to move its token ids out of line (it starts only above about
2 kB, whatever `toast_tuple_target` says). The search reads the rows of every article
found, not their ids: 9 MB of them at 100,000 articles instead of 100 MB."""
_OWNER_ONLY = "SECURITY DEFINER SET search_path = pg_catalog, pg_temp"
_SPLIT = f"'{separators_pattern()}'"

_INDEX_BODY = f"""
DECLARE
    chosen integer[];
BEGIN
    LOCK TABLE public.{VOCABULARY} IN SHARE ROW EXCLUSIVE MODE;  -- one indexer at a time
    SELECT array_agg(a.id) INTO chosen FROM (
        SELECT a.id FROM public.article a JOIN public.{PENDING} p ON p.article_id = a.id
        ORDER BY a.id LIMIT chunk FOR SHARE OF a SKIP LOCKED) a;
    IF chosen IS NULL THEN
        RETURN 0;
    END IF;
    WITH words AS MATERIALIZED (
        SELECT DISTINCT a.id AS article_id, w.token FROM public.article a,
            LATERAL (SELECT regexp_split_to_table(lower(a.title), {_SPLIT})
                     UNION ALL SELECT regexp_split_to_table(lower(a.text), {_SPLIT})) w(token)
        WHERE a.id = ANY(chosen) AND w.token <> ''),
    fresh AS (
        INSERT INTO public.{VOCABULARY} (token) SELECT DISTINCT w.token FROM words w
        WHERE NOT EXISTS (SELECT 1 FROM public.{VOCABULARY} v WHERE v.token = w.token)
        RETURNING id, token),
    known AS (
        SELECT v.id, v.token FROM public.{VOCABULARY} v
        WHERE v.token IN (SELECT token FROM words)
        UNION ALL SELECT id, token FROM fresh)
    INSERT INTO public.{TOKENS} (article_id, tokens)
    SELECT w.article_id, array_agg(k.id) FROM words w JOIN known k ON k.token = w.token
    GROUP BY w.article_id
    ON CONFLICT (article_id) DO UPDATE SET tokens = excluded.tokens;
    DELETE FROM public.{PENDING} WHERE article_id = ANY(chosen);
    PERFORM gin_clean_pending_list('public.{TOKENS_INDEX}'::regclass);  -- searches skip it
    RETURN cardinality(chosen);
END"""

_NOTE_BODY = f"""
BEGIN
    IF TG_OP = 'UPDATE' THEN
        DELETE FROM public.{TOKENS} WHERE article_id = NEW.id;
    END IF;
    INSERT INTO public.{PENDING} (article_id) VALUES (NEW.id) ON CONFLICT DO NOTHING;
    RETURN NULL;
END"""


def _on_article(table: str) -> str:
    """An article's row in `table` goes with the article."""
    return (
        f"CONSTRAINT fk_{table}_article_id_article FOREIGN KEY (article_id) "
        "REFERENCES public.article (id) ON DELETE CASCADE ON UPDATE CASCADE"
    )


POSTGRES_CREATE = (
    f"CREATE TABLE public.{PENDING} (article_id integer NOT NULL, "
    f"CONSTRAINT pk_{PENDING} PRIMARY KEY (article_id), {_on_article(PENDING)})",
    f"CREATE TABLE public.{VOCABULARY} (id serial NOT NULL, token text NOT NULL, "
    f"CONSTRAINT pk_{VOCABULARY} PRIMARY KEY (id))",
    # a hash index: a token may be longer than a B-tree entry (a run of text without spaces)
    f"CREATE INDEX ix_{VOCABULARY}_token ON public.{VOCABULARY} USING hash (token)",
    f"CREATE TABLE public.{TOKENS} (article_id integer NOT NULL, tokens integer[] NOT NULL, "
    f"filler text NOT NULL DEFAULT repeat(' ', {FILLER}), "
    f"CONSTRAINT pk_{TOKENS} PRIMARY KEY (article_id), {_on_article(TOKENS)}) "
    "WITH (toast_tuple_target = 128)",
    f"ALTER TABLE public.{TOKENS} ALTER COLUMN tokens SET STORAGE EXTERNAL",
    f"CREATE INDEX {TOKENS_INDEX} ON public.{TOKENS} USING gin (tokens)",
    f"CREATE FUNCTION public.{INDEX_FUNCTION}(chunk integer) RETURNS integer "
    f"LANGUAGE plpgsql {_OWNER_ONLY} AS $${_INDEX_BODY}$$",
    f"CREATE FUNCTION public.{NOTE_FUNCTION}() RETURNS trigger "
    f"LANGUAGE plpgsql {_OWNER_ONLY} AS $${_NOTE_BODY}$$",
    f"CREATE TRIGGER {TRIGGERS[0]} AFTER INSERT ON public.article "
    f"FOR EACH ROW EXECUTE FUNCTION public.{NOTE_FUNCTION}()",
    f"CREATE TRIGGER {TRIGGERS[1]} AFTER UPDATE OF title, text ON public.article FOR EACH ROW "
    "WHEN (OLD.title IS DISTINCT FROM NEW.title OR OLD.text IS DISTINCT FROM NEW.text) "
    f"EXECUTE FUNCTION public.{NOTE_FUNCTION}()",
    f"INSERT INTO public.{PENDING} (article_id) SELECT id FROM public.article",
)
POSTGRES_DROP = (
    *(f"DROP TRIGGER IF EXISTS {name} ON public.article" for name in TRIGGERS),
    f"DROP FUNCTION IF EXISTS public.{NOTE_FUNCTION}()",
    f"DROP FUNCTION IF EXISTS public.{INDEX_FUNCTION}(integer)",
    *(f"DROP TABLE IF EXISTS public.{name}" for name in reversed(TABLES)),
)
TRIGRAM_EXTENSION = "CREATE EXTENSION IF NOT EXISTS pg_trgm"


def drop_index(connection: Connection) -> None:
    """The index gone with its triggers and functions, before the tables its rows refer to."""
    for statement in POSTGRES_DROP:
        connection.exec_driver_sql(statement)


def trigram_index(schema: str) -> str:
    """The vocabulary's trigram index, with `pg_trgm` installed in `schema`: a word of three
    or more characters then finds its tokens without reading the whole vocabulary."""
    opclass = f'"{schema}".gin_trgm_ops'
    return f"CREATE INDEX {TRIGRAM_INDEX} ON public.{VOCABULARY} USING gin (token {opclass})"


def trigram_schema(connection: Connection) -> str | None:
    """The schema `pg_trgm` is installed in, None when it is not."""
    found = connection.execute(
        text("SELECT extnamespace::regnamespace::text FROM pg_extension WHERE extname = 'pg_trgm'")
    ).scalar()
    return None if found is None else str(found).strip('"')


def index_next(connection: Connection, limit: int) -> int:
    """Index up to `limit` waiting articles, oldest first; returns how many. An article a
    writer holds at the moment is left waiting for the next call."""
    query = text(f"SELECT public.{INDEX_FUNCTION}(:limit)")
    return int(connection.execute(query, {"limit": limit}).scalar_one())


def like_pattern(word: str) -> str:
    """The LIKE pattern of a substring, with '/' as its escape character, as SQLAlchemy's
    `icontains(autoescape=True)` writes the search's ILIKE."""
    escaped = word.replace("/", "//").replace("%", "/%").replace("_", "/_")
    return f"%{escaped}%"


def matching_ids(connection: Connection, words: list[str], waiting: bool) -> set[int]:
    """The articles holding every word (at least one): the indexed ones through the index,
    and with `waiting` those not yet indexed through ILIKE, in one statement so that an
    article indexed meanwhile is seen once. The ids come as one string off the driver's
    cursor: a row per id costs more than the index's own work when most articles match."""
    parameters = {f"w{number}": like_pattern(word) for number, word in enumerate(words)}
    indexed = " AND ".join(
        f"tokens && ARRAY(SELECT id FROM public.{VOCABULARY} "
        f"WHERE token LIKE lower(%({name})s) ESCAPE '/')"
        for name in parameters
    )
    query = f"SELECT article_id FROM public.{TOKENS} WHERE {indexed}"
    if waiting:
        unindexed = " AND ".join(
            f"(a.title ILIKE %({name})s ESCAPE '/' OR a.text ILIKE %({name})s ESCAPE '/')"
            for name in parameters
        )
        query += (
            f" UNION ALL SELECT a.id FROM public.{PENDING} p "
            f"JOIN public.article a ON a.id = p.article_id WHERE {unindexed}"
        )
    cursor = connection.connection.cursor()
    try:
        cursor.execute(f"SELECT string_agg(article_id::text, ',') FROM ({query}) found", parameters)
        (ids,) = cursor.fetchone() or (None,)  # an aggregate: always one row
    finally:
        cursor.close()
    return set(map(int, ids.split(","))) if ids else set()
