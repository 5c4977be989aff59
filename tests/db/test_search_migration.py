"""Migration 0008 indexes the articles a project already has, on both databases."""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import Any

from sqlalchemy import create_engine, text

from stancecoder.db.alembic_ops import run_migrations
from stancecoder.db.engine import create_project_engine, engine_url
from stancecoder.db.migrate import prepare_schema
from stancecoder.db.text_search import search_index
from stancecoder.services.articles import matching_articles
from stancecoder.services.corpus import import_corpus
from stancecoder.services.info import project_info
from stancecoder.services.project import open_project

SEEDS = Path(__file__).resolve().parents[2] / "seeds"
TEXTS = ("Ushakov spoke of the treaty.", "Договор о взаиморасчётах подписан.", "조약 체결")


def project_at_0007_with_articles(target: str | Path) -> None:
    if isinstance(target, Path):
        sqlite3.connect(target).close()
    engine = create_project_engine(target, foreign_keys=False)
    run_migrations(engine, "0007")
    with engine.begin() as connection:
        for number, body in enumerate(TEXTS, 1):
            connection.execute(
                text(
                    "INSERT INTO article (uid, title, text, text_sha256, imported_at, extra) "
                    "VALUES (:uid, :title, :text, :sha, :when, '{}')"
                ),
                {
                    "uid": f"a{number}", "title": f"Story {number}", "text": body,
                    "sha": f"sha{number}", "when": "2024-06-18 10:00:00",
                },
            )  # fmt: skip
    engine.dispose()


def indexed(target: str | Path) -> str | None:
    engine = create_project_engine(target)
    with engine.connect() as connection:
        index = search_index(connection)
    engine.dispose()
    return index


def test_a_0007_project_with_articles_is_indexed_on_upgrade(
    project_target: str | Path,
) -> None:
    project_at_0007_with_articles(project_target)
    assert indexed(project_target) is None
    with open_project(project_target) as project:
        assert indexed(project_target) is not None
        assert len(matching_articles(project, "ushakov treaty")) == 1
        assert len(matching_articles(project, "ВЗАИМОРАСЧЁТАХ")) == 1
        assert len(matching_articles(project, "story")) == 3
        assert len(matching_articles(project, "조약")) == 1
    if isinstance(project_target, Path):  # every article is in the FTS index itself
        with sqlite3.connect(project_target) as db:
            found = db.execute("SELECT rowid FROM article_fts WHERE article_fts MATCH 'story'")
            assert len(found.fetchall()) == 3


def test_the_index_goes_on_downgrade_and_comes_back(project_target: str | Path) -> None:
    project_at_0007_with_articles(project_target)
    engine = create_project_engine(project_target, foreign_keys=False)
    run_migrations(engine, "head")
    run_migrations(engine, "0007")
    engine.dispose()
    assert indexed(project_target) is None
    engine = create_project_engine(project_target, foreign_keys=False)
    run_migrations(engine, "head")
    engine.dispose()
    assert indexed(project_target) is not None


def test_a_server_that_refuses_pg_trgm_upgrades_and_searches_without_it(
    scratch_server: Any,
) -> None:
    """A role that may create tables but not extensions (no CREATE on the database)."""
    url = scratch_server.database()
    role = scratch_server.role("notrgm")
    admin = create_engine(engine_url(url), isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.exec_driver_sql(f'CREATE ROLE "{role}" LOGIN')
        connection.exec_driver_sql(f'GRANT ALL ON SCHEMA public TO "{role}"')
    admin.dispose()
    target = scratch_server.as_role(url, role)
    prepare_schema(target, create=True)
    assert indexed(target) is None
    with open_project(target) as project:
        import_corpus(project, [SEEDS])
        assert matching_articles(project, "putin")
        note = project_info(project).search
    assert note.startswith("without an index") and "pg_trgm" in note
