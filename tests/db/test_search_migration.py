"""Migration 0008 notes a project's articles for the search index on SQLite (indexing them
is left to later, off the upgrade), gives PostgreSQL nothing, and goes back cleanly."""

from __future__ import annotations

import sqlite3
from contextlib import closing
from pathlib import Path

from sqlalchemy import text

from stancecoder.db.alembic_ops import run_migrations
from stancecoder.db.engine import create_project_engine
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
    engine = create_project_engine(target)
    with engine.connect() as connection:
        if connection.dialect.name == "sqlite":
            query = "SELECT name FROM sqlite_master WHERE name LIKE 'article_search%'"
        else:
            query = "SELECT tablename FROM pg_tables WHERE tablename LIKE 'article_search%%'"
        names = set(connection.exec_driver_sql(query).scalars())
    engine.dispose()
    return names


def test_a_0007_project_with_articles_is_searched_alike_through_the_upgrade(
    project_target: str | Path,
) -> None:
    project_at_0007_with_articles(project_target)
    sqlite = isinstance(project_target, Path)
    with open_project(project_target) as project:
        assert waiting_for_index(project) == (3 if sqlite else 0)
        for _ in range(2):  # before the index is filled, and after
            assert len(matching_articles(project, "ushakov treaty")) == 1
            assert len(matching_articles(project, "ВЗАИМОРАСЧЁТАХ")) == 1
            assert len(matching_articles(project, "взаиморасчётах")) == 1
            assert len(matching_articles(project, "story")) == 3
            assert len(matching_articles(project, "조약")) == 1
            index_waiting(project)
        assert waiting_for_index(project) == 0
    assert bool(search_tables(project_target)) is sqlite


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
