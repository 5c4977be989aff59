-- StanceCoder project schema for postgresql, generated from the migrations.
-- Regenerate with: python -m stancecoder.db.schema_sql db/

BEGIN;

CREATE TABLE alembic_version (
    version_num VARCHAR(32) NOT NULL, 
    CONSTRAINT alembic_version_pkc PRIMARY KEY (version_num)
);

-- Running upgrade  -> 0001

CREATE TABLE coder (
    id SERIAL NOT NULL, 
    name VARCHAR(200) NOT NULL, 
    initials VARCHAR(8) NOT NULL, 
    colour VARCHAR(7), 
    role VARCHAR(8) NOT NULL, 
    active BOOLEAN NOT NULL, 
    CONSTRAINT pk_coder PRIMARY KEY (id), 
    CONSTRAINT ck_coder_role CHECK (role IN ('coder', 'lead')), 
    CONSTRAINT uq_coder_name UNIQUE (name)
);

CREATE TABLE import_batch (
    id SERIAL NOT NULL, 
    started_at TIMESTAMP WITH TIME ZONE NOT NULL, 
    description TEXT NOT NULL, 
    CONSTRAINT pk_import_batch PRIMARY KEY (id)
);

CREATE TABLE setting (
    key VARCHAR(64) NOT NULL, 
    value TEXT NOT NULL, 
    CONSTRAINT pk_setting PRIMARY KEY (key)
);

CREATE TABLE variable (
    id SERIAL NOT NULL, 
    name VARCHAR(100) NOT NULL, 
    level VARCHAR(10) NOT NULL, 
    scope VARCHAR(10) NOT NULL, 
    multiple BOOLEAN NOT NULL, 
    description TEXT NOT NULL, 
    position INTEGER NOT NULL, 
    CONSTRAINT pk_variable PRIMARY KEY (id), 
    CONSTRAINT ck_variable_level CHECK (level IN ('nominal', 'ordinal', 'interval')), 
    CONSTRAINT ck_variable_scope CHECK (scope IN ('passage', 'article')), 
    CONSTRAINT uq_variable_name UNIQUE (name)
);

CREATE TABLE article (
    id SERIAL NOT NULL, 
    uid VARCHAR(32) NOT NULL, 
    external_id VARCHAR(200), 
    title TEXT, 
    source VARCHAR(200), 
    author VARCHAR(200), 
    dateline VARCHAR(200), 
    published VARCHAR(10), 
    url TEXT, 
    language VARCHAR(16), 
    text TEXT NOT NULL, 
    text_sha256 VARCHAR(64) NOT NULL, 
    imported_at TIMESTAMP WITH TIME ZONE NOT NULL, 
    batch_id INTEGER, 
    extra TEXT NOT NULL, 
    CONSTRAINT pk_article PRIMARY KEY (id), 
    CONSTRAINT fk_article_batch_id_import_batch FOREIGN KEY(batch_id) REFERENCES import_batch (id), 
    CONSTRAINT uq_article_text_sha256 UNIQUE (text_sha256), 
    CONSTRAINT uq_article_uid UNIQUE (uid)
);

CREATE INDEX ix_article_external_id ON article (external_id);

CREATE INDEX ix_article_published ON article (published);

CREATE INDEX ix_article_source ON article (source);

CREATE TABLE code (
    id SERIAL NOT NULL, 
    uid VARCHAR(32) NOT NULL, 
    variable_id INTEGER NOT NULL, 
    parent_id INTEGER, 
    label VARCHAR(200) NOT NULL, 
    value FLOAT, 
    description TEXT NOT NULL, 
    colour VARCHAR(7), 
    shortcut VARCHAR(40), 
    position INTEGER NOT NULL, 
    active BOOLEAN NOT NULL, 
    CONSTRAINT pk_code PRIMARY KEY (id), 
    CONSTRAINT fk_code_parent_id_code FOREIGN KEY(parent_id) REFERENCES code (id) ON DELETE RESTRICT, 
    CONSTRAINT fk_code_variable_id_variable FOREIGN KEY(variable_id) REFERENCES variable (id) ON DELETE CASCADE, 
    CONSTRAINT uq_code_uid UNIQUE (uid), 
    CONSTRAINT uq_code_variable_id_label UNIQUE (variable_id, label)
);

CREATE TABLE article_code (
    article_id INTEGER NOT NULL, 
    coder_id INTEGER NOT NULL, 
    code_id INTEGER NOT NULL, 
    variable_id INTEGER NOT NULL, 
    CONSTRAINT pk_article_code PRIMARY KEY (article_id, coder_id, code_id), 
    CONSTRAINT fk_article_code_article_id_article FOREIGN KEY(article_id) REFERENCES article (id) ON DELETE CASCADE, 
    CONSTRAINT fk_article_code_code_id_code FOREIGN KEY(code_id) REFERENCES code (id) ON DELETE RESTRICT, 
    CONSTRAINT fk_article_code_coder_id_coder FOREIGN KEY(coder_id) REFERENCES coder (id) ON DELETE RESTRICT, 
    CONSTRAINT fk_article_code_variable_id_variable FOREIGN KEY(variable_id) REFERENCES variable (id) ON DELETE RESTRICT
);

CREATE INDEX ix_article_code_code_id ON article_code (code_id);

CREATE TABLE assignment (
    article_id INTEGER NOT NULL, 
    coder_id INTEGER NOT NULL, 
    status VARCHAR(8) NOT NULL, 
    updated_at TIMESTAMP WITH TIME ZONE NOT NULL, 
    CONSTRAINT pk_assignment PRIMARY KEY (article_id, coder_id), 
    CONSTRAINT ck_assignment_status CHECK (status IN ('todo', 'doing', 'done')), 
    CONSTRAINT fk_assignment_article_id_article FOREIGN KEY(article_id) REFERENCES article (id) ON DELETE CASCADE, 
    CONSTRAINT fk_assignment_coder_id_coder FOREIGN KEY(coder_id) REFERENCES coder (id) ON DELETE RESTRICT
);

CREATE TABLE passage (
    id SERIAL NOT NULL, 
    uid VARCHAR(32) NOT NULL, 
    article_id INTEGER NOT NULL, 
    coder_id INTEGER NOT NULL, 
    start INTEGER NOT NULL, 
    "end" INTEGER NOT NULL, 
    quote TEXT NOT NULL, 
    memo TEXT NOT NULL, 
    created_at TIMESTAMP WITH TIME ZONE NOT NULL, 
    updated_at TIMESTAMP WITH TIME ZONE NOT NULL, 
    version INTEGER NOT NULL, 
    CONSTRAINT pk_passage PRIMARY KEY (id), 
    CONSTRAINT ck_passage_span CHECK (0 <= "start" AND "start" < "end"), 
    CONSTRAINT fk_passage_article_id_article FOREIGN KEY(article_id) REFERENCES article (id) ON DELETE CASCADE, 
    CONSTRAINT fk_passage_coder_id_coder FOREIGN KEY(coder_id) REFERENCES coder (id) ON DELETE RESTRICT, 
    CONSTRAINT uq_passage_uid UNIQUE (uid)
);

CREATE INDEX ix_passage_article_id ON passage (article_id);

CREATE INDEX ix_passage_coder_id ON passage (coder_id);

CREATE TABLE passage_code (
    passage_id INTEGER NOT NULL, 
    code_id INTEGER NOT NULL, 
    variable_id INTEGER NOT NULL, 
    CONSTRAINT pk_passage_code PRIMARY KEY (passage_id, code_id), 
    CONSTRAINT fk_passage_code_code_id_code FOREIGN KEY(code_id) REFERENCES code (id) ON DELETE RESTRICT, 
    CONSTRAINT fk_passage_code_passage_id_passage FOREIGN KEY(passage_id) REFERENCES passage (id) ON DELETE CASCADE, 
    CONSTRAINT fk_passage_code_variable_id_variable FOREIGN KEY(variable_id) REFERENCES variable (id) ON DELETE RESTRICT
);

CREATE INDEX ix_passage_code_code_id ON passage_code (code_id);

INSERT INTO alembic_version (version_num) VALUES ('0001') RETURNING alembic_version.version_num;

-- Running upgrade 0001 -> 0002

ALTER TABLE passage ADD COLUMN codebook_version VARCHAR(40);

ALTER TABLE article_code ADD COLUMN codebook_version VARCHAR(40);

UPDATE alembic_version SET version_num='0002' WHERE alembic_version.version_num = '0001';

-- Running upgrade 0002 -> 0003

CREATE TABLE round (
    id SERIAL NOT NULL, 
    name VARCHAR(100) NOT NULL, 
    kind VARCHAR(8) NOT NULL, 
    created_at TIMESTAMP WITH TIME ZONE NOT NULL, 
    closed_at TIMESTAMP WITH TIME ZONE, 
    seed INTEGER NOT NULL, 
    description TEXT NOT NULL, 
    CONSTRAINT pk_round PRIMARY KEY (id), 
    CONSTRAINT ck_round_kind CHECK (kind IN ('training', 'final')), 
    CONSTRAINT uq_round_name UNIQUE (name)
);

CREATE TABLE round_article (
    round_id INTEGER NOT NULL, 
    article_id INTEGER NOT NULL, 
    CONSTRAINT pk_round_article PRIMARY KEY (round_id, article_id), 
    CONSTRAINT fk_round_article_round_id_round FOREIGN KEY(round_id) REFERENCES round (id) ON DELETE CASCADE, 
    CONSTRAINT fk_round_article_article_id_article FOREIGN KEY(article_id) REFERENCES article (id) ON DELETE CASCADE
);

CREATE INDEX ix_round_article_article_id ON round_article (article_id);

CREATE TABLE round_coder (
    round_id INTEGER NOT NULL, 
    coder_id INTEGER NOT NULL, 
    CONSTRAINT pk_round_coder PRIMARY KEY (round_id, coder_id), 
    CONSTRAINT fk_round_coder_round_id_round FOREIGN KEY(round_id) REFERENCES round (id) ON DELETE CASCADE, 
    CONSTRAINT fk_round_coder_coder_id_coder FOREIGN KEY(coder_id) REFERENCES coder (id) ON DELETE RESTRICT
);

UPDATE alembic_version SET version_num='0003' WHERE alembic_version.version_num = '0002';

-- Running upgrade 0003 -> 0004

ALTER TABLE assignment ADD COLUMN version INTEGER DEFAULT '1' NOT NULL;

UPDATE alembic_version SET version_num='0004' WHERE alembic_version.version_num = '0003';

-- Running upgrade 0004 -> 0005

CREATE TABLE change_log (
    id SERIAL NOT NULL, 
    at TIMESTAMP WITH TIME ZONE NOT NULL, 
    articles TEXT NOT NULL, 
    passages TEXT NOT NULL, 
    codebook BOOLEAN NOT NULL, 
    everything BOOLEAN NOT NULL, 
    CONSTRAINT pk_change_log PRIMARY KEY (id)
);

CREATE INDEX ix_change_log_at ON change_log (at);

UPDATE alembic_version SET version_num='0005' WHERE alembic_version.version_num = '0004';

-- Running upgrade 0005 -> 0006

DROP INDEX ix_passage_article_id;

DROP INDEX ix_passage_coder_id;

CREATE INDEX ix_passage_article_coder ON passage (article_id, coder_id);

CREATE INDEX ix_passage_coder_created ON passage (coder_id, created_at);

UPDATE alembic_version SET version_num='0006' WHERE alembic_version.version_num = '0005';

-- Running upgrade 0006 -> 0007

CREATE TABLE history (
    id SERIAL NOT NULL, 
    at TIMESTAMP WITH TIME ZONE NOT NULL, 
    actor VARCHAR(200) NOT NULL, 
    action VARCHAR(32) NOT NULL, 
    coder VARCHAR(200), 
    article_id INTEGER, 
    passage_uid VARCHAR(32), 
    before TEXT, 
    after TEXT, 
    CONSTRAINT pk_history PRIMARY KEY (id)
);

CREATE INDEX ix_history_at ON history (at);

CREATE INDEX ix_history_article_id ON history (article_id);

CREATE INDEX ix_history_passage_uid ON history (passage_uid);

CREATE FUNCTION history_append_only() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'the history is append-only: its rows are never changed or deleted'; END $$;

CREATE TRIGGER history_append_only BEFORE UPDATE OR DELETE ON history FOR EACH ROW EXECUTE FUNCTION history_append_only();

CREATE TRIGGER history_no_truncate BEFORE TRUNCATE ON history FOR EACH STATEMENT EXECUTE FUNCTION history_append_only();

ALTER TABLE coder ADD COLUMN login VARCHAR(63);

CREATE UNIQUE INDEX ix_coder_login ON coder (login);

UPDATE alembic_version SET version_num='0007' WHERE alembic_version.version_num = '0006';

-- Running upgrade 0007 -> 0008

UPDATE alembic_version SET version_num='0008' WHERE alembic_version.version_num = '0007';

-- Running upgrade 0008 -> 0009

CREATE TABLE duplicate_cluster (
    id SERIAL NOT NULL, 
    kept_article_id INTEGER NOT NULL, 
    found_at TIMESTAMP WITH TIME ZONE NOT NULL, 
    jaccard FLOAT NOT NULL, 
    containment FLOAT NOT NULL, 
    CONSTRAINT pk_duplicate_cluster PRIMARY KEY (id), 
    CONSTRAINT fk_duplicate_cluster_kept_article_id_article FOREIGN KEY(kept_article_id) REFERENCES article (id) ON DELETE CASCADE
);

CREATE INDEX ix_duplicate_cluster_kept_article_id ON duplicate_cluster (kept_article_id);

CREATE TABLE duplicate_copy (
    article_id INTEGER NOT NULL, 
    cluster_id INTEGER NOT NULL, 
    kind VARCHAR(8) NOT NULL, 
    jaccard FLOAT NOT NULL, 
    containment FLOAT NOT NULL, 
    excluded BOOLEAN NOT NULL, 
    CONSTRAINT pk_duplicate_copy PRIMARY KEY (article_id), 
    CONSTRAINT ck_duplicate_copy_kind CHECK (kind IN ('exact', 'near')), 
    CONSTRAINT fk_duplicate_copy_article_id_article FOREIGN KEY(article_id) REFERENCES article (id) ON DELETE CASCADE, 
    CONSTRAINT fk_duplicate_copy_cluster_id_duplicate_cluster FOREIGN KEY(cluster_id) REFERENCES duplicate_cluster (id) ON DELETE CASCADE
);

CREATE INDEX ix_duplicate_copy_cluster_id ON duplicate_copy (cluster_id);

UPDATE alembic_version SET version_num='0009' WHERE alembic_version.version_num = '0008';

-- Running upgrade 0009 -> 0010

CREATE TABLE public.article_search_pending (article_id integer NOT NULL, CONSTRAINT pk_article_search_pending PRIMARY KEY (article_id), CONSTRAINT fk_article_search_pending_article_id_article FOREIGN KEY (article_id) REFERENCES public.article (id) ON DELETE CASCADE ON UPDATE CASCADE);

CREATE TABLE public.article_search_vocabulary (id serial NOT NULL, token text NOT NULL, CONSTRAINT pk_article_search_vocabulary PRIMARY KEY (id));

CREATE INDEX ix_article_search_vocabulary_token ON public.article_search_vocabulary USING hash (token);

CREATE TABLE public.article_search_tokens (article_id integer NOT NULL, tokens integer[] NOT NULL, filler text NOT NULL DEFAULT repeat(' ', 2048), CONSTRAINT pk_article_search_tokens PRIMARY KEY (article_id), CONSTRAINT fk_article_search_tokens_article_id_article FOREIGN KEY (article_id) REFERENCES public.article (id) ON DELETE CASCADE ON UPDATE CASCADE) WITH (toast_tuple_target = 128);

ALTER TABLE public.article_search_tokens ALTER COLUMN tokens SET STORAGE EXTERNAL;

CREATE INDEX ix_article_search_tokens_tokens ON public.article_search_tokens USING gin (tokens);

CREATE FUNCTION public.stancecoder_index_articles(chunk integer) RETURNS integer LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
DECLARE
    chosen integer[];
BEGIN
    LOCK TABLE public.article_search_vocabulary IN SHARE ROW EXCLUSIVE MODE;  -- one indexer at a time
    SELECT array_agg(a.id) INTO chosen FROM (
        SELECT a.id FROM public.article a JOIN public.article_search_pending p ON p.article_id = a.id
        ORDER BY a.id LIMIT chunk FOR SHARE OF a SKIP LOCKED) a;
    IF chosen IS NULL THEN
        RETURN 0;
    END IF;
    WITH words AS MATERIALIZED (
        SELECT DISTINCT a.id AS article_id, w.token FROM public.article a,
            LATERAL (SELECT regexp_split_to_table(lower(a.title), '[\u0009\u000a\u000b\u000c\u000d\u001c\u001d\u001e\u001f\u0020\u0085\u00a0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000]+')
                     UNION ALL SELECT regexp_split_to_table(lower(a.text), '[\u0009\u000a\u000b\u000c\u000d\u001c\u001d\u001e\u001f\u0020\u0085\u00a0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000]+')) w(token)
        WHERE a.id = ANY(chosen) AND w.token <> ''),
    fresh AS (
        INSERT INTO public.article_search_vocabulary (token) SELECT DISTINCT w.token FROM words w
        WHERE NOT EXISTS (SELECT 1 FROM public.article_search_vocabulary v WHERE v.token = w.token)
        RETURNING id, token),
    known AS (
        SELECT v.id, v.token FROM public.article_search_vocabulary v
        WHERE v.token IN (SELECT token FROM words)
        UNION ALL SELECT id, token FROM fresh)
    INSERT INTO public.article_search_tokens (article_id, tokens)
    SELECT w.article_id, array_agg(k.id) FROM words w JOIN known k ON k.token = w.token
    GROUP BY w.article_id
    ON CONFLICT (article_id) DO UPDATE SET tokens = excluded.tokens;
    DELETE FROM public.article_search_pending WHERE article_id = ANY(chosen);
    PERFORM gin_clean_pending_list('public.ix_article_search_tokens_tokens'::regclass);  -- searches skip it
    RETURN cardinality(chosen);
END$$;

CREATE FUNCTION public.stancecoder_note_article() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
BEGIN
    IF TG_OP = 'UPDATE' THEN
        DELETE FROM public.article_search_tokens WHERE article_id = NEW.id;
    END IF;
    INSERT INTO public.article_search_pending (article_id) VALUES (NEW.id) ON CONFLICT DO NOTHING;
    RETURN NULL;
END$$;

CREATE TRIGGER article_search_insert AFTER INSERT ON public.article FOR EACH ROW EXECUTE FUNCTION public.stancecoder_note_article();

CREATE TRIGGER article_search_update AFTER UPDATE OF title, text ON public.article FOR EACH ROW WHEN (OLD.title IS DISTINCT FROM NEW.title OR OLD.text IS DISTINCT FROM NEW.text) EXECUTE FUNCTION public.stancecoder_note_article();

INSERT INTO public.article_search_pending (article_id) SELECT id FROM public.article;

CREATE EXTENSION IF NOT EXISTS pg_trgm;

CREATE INDEX ix_article_search_vocabulary_trigram ON public.article_search_vocabulary USING gin (token "public".gin_trgm_ops);

UPDATE alembic_version SET version_num='0010' WHERE alembic_version.version_num = '0009';

-- Running upgrade 0010 -> 0011

CREATE INDEX ix_assignment_coder_status ON assignment (coder_id, status, article_id);

UPDATE alembic_version SET version_num='0011' WHERE alembic_version.version_num = '0010';

-- Running upgrade 0011 -> 0012

CREATE FUNCTION public.stancecoder_announce_change() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    notice text := json_build_array(
        NEW.id, NEW.articles, NEW.passages, NEW.codebook, NEW.everything)::text;
BEGIN
    IF octet_length(notice) >= 8000 THEN
        notice := json_build_array(NEW.id)::text;
    END IF;
    PERFORM pg_notify('stancecoder_change_log', notice);
    RETURN NULL;
END$$;

CREATE TRIGGER change_log_announce AFTER INSERT ON public.change_log FOR EACH ROW EXECUTE FUNCTION public.stancecoder_announce_change();

UPDATE alembic_version SET version_num='0012' WHERE alembic_version.version_num = '0011';

COMMIT;

