"""Migrations 0008 (SQLite) and 0010 (PostgreSQL) note a project's articles for the search
index (indexing them is left to later, off the upgrade), and go back cleanly."""

from __future__ import annotations

import sqlite3
from contextlib import closing
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import create_engine, text

from stancecoder.db.alembic_ops import run_migrations
from stancecoder.db.engine import create_project_engine, engine_url
from stancecoder.services.articles import matching_articles
from stancecoder.services.project import open_project
from stancecoder.services.search_index import index_waiting, waiting_for_index

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


def search_tables(target: str | Path) -> set[str]:
    """The index's tables, and on a server its functions too."""
    engine = create_project_engine(target)
    with engine.connect() as connection:
        if connection.dialect.name == "sqlite":
            query = "SELECT name FROM sqlite_master WHERE name LIKE 'article_search%'"
        else:
            query = (
                "SELECT tablename FROM pg_tables WHERE tablename LIKE 'article_search%%' "
                "UNION SELECT proname FROM pg_proc WHERE proname LIKE 'stancecoder_%%_article%%'"
            )
        names = set(connection.exec_driver_sql(query).scalars())
    engine.dispose()
    return names


def vocabulary_indexes(url: str) -> set[str]:
    engine = create_project_engine(url)
    with engine.connect() as connection:
        names = set(
            connection.exec_driver_sql(
                "SELECT indexname FROM pg_indexes WHERE tablename = 'article_search_vocabulary'"
            ).scalars()
        )
    engine.dispose()
    return names


def test_a_0007_project_with_articles_is_searched_alike_through_the_upgrade(
    project_target: str | Path,
) -> None:
    project_at_0007_with_articles(project_target)
    with open_project(project_target) as project:
        assert waiting_for_index(project) == 3
        for _ in range(2):  # before the index is filled, and after
            assert len(matching_articles(project, "ushakov treaty")) == 1
            assert len(matching_articles(project, "ВЗАИМОРАСЧЁТАХ")) == 1
            assert len(matching_articles(project, "взаиморасчётах")) == 1
            assert len(matching_articles(project, "story")) == 3
            assert len(matching_articles(project, "조약")) == 1
            index_waiting(project)
        assert waiting_for_index(project) == 0
    assert search_tables(project_target)
    if not isinstance(project_target, Path):  # installed by the superuser the tests run as
        assert "ix_article_search_vocabulary_trigram" in vocabulary_indexes(project_target)


def test_the_index_goes_on_downgrade_and_comes_back(project_target: str | Path) -> None:
    project_at_0007_with_articles(project_target)
    engine = create_project_engine(project_target, foreign_keys=False)
    run_migrations(engine, "head")
    run_migrations(engine, "0007")
    engine.dispose()
    assert search_tables(project_target) == set()
    with open_project(project_target) as project:
        index_waiting(project)
        assert len(matching_articles(project, "treaty")) == 1
    if isinstance(project_target, Path):
        with closing(sqlite3.connect(project_target)) as db:
            found = db.execute(
                "SELECT rowid FROM article_search WHERE article_search MATCH 'story'"
            )
            assert len(found.fetchall()) == 3


@pytest.mark.postgres
def test_an_owner_who_may_not_install_pg_trgm_upgrades_and_searches_alike(
    scratch_server: Any,
) -> None:
    """`pg_trgm` needs CREATE on the database: without it the vocabulary has no trigram
    index, and the search reads it whole, finding the same."""
    url = scratch_server.database()
    owner = scratch_server.role("owner")
    admin = create_engine(engine_url(url), isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.exec_driver_sql(f'CREATE ROLE "{owner}" LOGIN')
        connection.exec_driver_sql(f'ALTER SCHEMA public OWNER TO "{owner}"')
    admin.dispose()
    project_at_0007_with_articles(scratch_server.as_role(url, owner))
    with open_project(scratch_server.as_role(url, owner)) as project:
        for _ in range(2):  # before the index is filled, and after
            assert len(matching_articles(project, "ushakov treaty")) == 1
            assert len(matching_articles(project, "ВЗАИМОРАСЧЁТАХ")) == 1
            assert len(matching_articles(project, "조약")) == 1
            index_waiting(project)
    assert vocabulary_indexes(url) == {
        "pk_article_search_vocabulary",
        "ix_article_search_vocabulary_token",
    }
