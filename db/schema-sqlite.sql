-- StanceCoder project schema for sqlite, generated from the migrations.
-- Regenerate with: python -m stancecoder.db.schema_sql db/

CREATE TABLE alembic_version (
    version_num VARCHAR(32) NOT NULL, 
    CONSTRAINT alembic_version_pkc PRIMARY KEY (version_num)
);

-- Running upgrade  -> 0001

CREATE TABLE coder (
    id INTEGER NOT NULL, 
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
    id INTEGER NOT NULL, 
    started_at DATETIME NOT NULL, 
    description TEXT NOT NULL, 
    CONSTRAINT pk_import_batch PRIMARY KEY (id)
);

CREATE TABLE setting (
    "key" VARCHAR(64) NOT NULL, 
    value TEXT NOT NULL, 
    CONSTRAINT pk_setting PRIMARY KEY ("key")
);

CREATE TABLE variable (
    id INTEGER NOT NULL, 
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
    id INTEGER NOT NULL, 
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
    imported_at DATETIME NOT NULL, 
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
    id INTEGER NOT NULL, 
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
    updated_at DATETIME NOT NULL, 
    CONSTRAINT pk_assignment PRIMARY KEY (article_id, coder_id), 
    CONSTRAINT ck_assignment_status CHECK (status IN ('todo', 'doing', 'done')), 
    CONSTRAINT fk_assignment_article_id_article FOREIGN KEY(article_id) REFERENCES article (id) ON DELETE CASCADE, 
    CONSTRAINT fk_assignment_coder_id_coder FOREIGN KEY(coder_id) REFERENCES coder (id) ON DELETE RESTRICT
);

CREATE TABLE passage (
    id INTEGER NOT NULL, 
    uid VARCHAR(32) NOT NULL, 
    article_id INTEGER NOT NULL, 
    coder_id INTEGER NOT NULL, 
    start INTEGER NOT NULL, 
    "end" INTEGER NOT NULL, 
    quote TEXT NOT NULL, 
    memo TEXT NOT NULL, 
    created_at DATETIME NOT NULL, 
    updated_at DATETIME NOT NULL, 
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

INSERT INTO alembic_version (version_num) VALUES ('0001') RETURNING version_num;

-- Running upgrade 0001 -> 0002

ALTER TABLE passage ADD COLUMN codebook_version VARCHAR(40);

ALTER TABLE article_code ADD COLUMN codebook_version VARCHAR(40);

UPDATE alembic_version SET version_num='0002' WHERE alembic_version.version_num = '0001';

-- Running upgrade 0002 -> 0003

CREATE TABLE round (
    id INTEGER NOT NULL, 
    name VARCHAR(100) NOT NULL, 
    kind VARCHAR(8) NOT NULL, 
    created_at DATETIME NOT NULL, 
    closed_at DATETIME, 
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
    id INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT, 
    at DATETIME NOT NULL, 
    articles TEXT NOT NULL, 
    passages TEXT NOT NULL, 
    codebook BOOLEAN NOT NULL, 
    everything BOOLEAN NOT NULL
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
    id INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT, 
    at DATETIME NOT NULL, 
    actor VARCHAR(200) NOT NULL, 
    action VARCHAR(32) NOT NULL, 
    coder VARCHAR(200), 
    article_id INTEGER, 
    passage_uid VARCHAR(32), 
    "before" TEXT, 
    "after" TEXT
);

CREATE INDEX ix_history_at ON history (at);

CREATE INDEX ix_history_article_id ON history (article_id);

CREATE INDEX ix_history_passage_uid ON history (passage_uid);

CREATE TRIGGER history_no_update BEFORE UPDATE ON history BEGIN SELECT RAISE(ABORT, 'the history is append-only: its rows are never changed or deleted'); END;

CREATE TRIGGER history_no_delete BEFORE DELETE ON history BEGIN SELECT RAISE(ABORT, 'the history is append-only: its rows are never changed or deleted'); END;

ALTER TABLE coder ADD COLUMN login VARCHAR(63);

CREATE UNIQUE INDEX ix_coder_login ON coder (login);

UPDATE alembic_version SET version_num='0007' WHERE alembic_version.version_num = '0006';

-- Running upgrade 0007 -> 0008

CREATE VIRTUAL TABLE article_search USING fts5(title, text, content='article', content_rowid='id', tokenize='trigram', detail=full);

CREATE TABLE article_search_pending (article_id INTEGER NOT NULL PRIMARY KEY);

CREATE TRIGGER article_search_insert AFTER INSERT ON article BEGIN INSERT INTO article_search_pending(article_id) VALUES (new.id); END;

CREATE TRIGGER article_search_delete AFTER DELETE ON article BEGIN INSERT INTO article_search(article_search, rowid, title, text) SELECT 'delete', old.id, replace(replace(old.title, char(8490), char(65533)), char(383), char(65533)), replace(replace(old.text, char(8490), char(65533)), char(383), char(65533)) WHERE NOT EXISTS (SELECT 1 FROM article_search_pending WHERE article_id = old.id); DELETE FROM article_search_pending WHERE article_id = old.id; END;

CREATE TRIGGER article_search_update AFTER UPDATE OF id, title, text ON article BEGIN INSERT INTO article_search(article_search, rowid, title, text) SELECT 'delete', old.id, replace(replace(old.title, char(8490), char(65533)), char(383), char(65533)), replace(replace(old.text, char(8490), char(65533)), char(383), char(65533)) WHERE NOT EXISTS (SELECT 1 FROM article_search_pending WHERE article_id = old.id); DELETE FROM article_search_pending WHERE article_id = old.id; INSERT INTO article_search_pending(article_id) VALUES (new.id); END;

INSERT INTO article_search_pending(article_id) SELECT id FROM article;

UPDATE alembic_version SET version_num='0008' WHERE alembic_version.version_num = '0007';

-- Running upgrade 0008 -> 0009

CREATE TABLE duplicate_cluster (
    id INTEGER NOT NULL, 
    kept_article_id INTEGER NOT NULL, 
    found_at DATETIME NOT NULL, 
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

UPDATE alembic_version SET version_num='0010' WHERE alembic_version.version_num = '0009';

-- Running upgrade 0010 -> 0011

CREATE INDEX ix_assignment_coder_status ON assignment (coder_id, status, article_id);

UPDATE alembic_version SET version_num='0011' WHERE alembic_version.version_num = '0010';

-- Running upgrade 0011 -> 0012

UPDATE alembic_version SET version_num='0012' WHERE alembic_version.version_num = '0011';

