"""`stancecoder copy`: a whole project, SQLite -> PostgreSQL -> SQLite, the same row for row."""

from __future__ import annotations

import sqlite3
from contextlib import closing
from pathlib import Path

import pytest
from sqlalchemy import create_engine, insert

from stancecoder.core.errors import ProjectError
from stancecoder.db.engine import engine_url
from stancecoder.db.models import History
from stancecoder.services.coders import add_coder
from stancecoder.services.codings import add_passage, set_article_codes, set_status
from stancecoder.services.copy_project import copy_project
from stancecoder.services.corpus import import_corpus
from stancecoder.services.project import create_project, open_project
from stancecoder.services.samples import draw_sample

SEEDS = Path(__file__).resolve().parents[2] / "seeds"


TABLES = (
    "setting", "coder", "import_batch", "article", "variable", "code", "passage",
    "passage_code", "article_code", "assignment", "round", "round_article", "round_coder",
    "change_log", "history", "alembic_version",
)  # fmt: skip


def full_project(path: Path) -> Path:
    """Every table holds rows: codings of two coders, a sample, history."""
    with create_project(path) as project:
        import_corpus(project, [SEEDS])
        add_coder(project, "Alice")
        add_coder(project, "Bob", "lead")
        draw_sample(project, "training 1", count=1, coders=["Alice", "Bob"], seed=7)
        for coder in ("Alice", "Bob"):
            add_passage(project, 1, coder, 0, 8, {"actor": "Russia › Vladimir Putin"})
            set_article_codes(project, 1, coder, {"genre": "News report"})
        set_status(project, 1, "Alice", "done")
        with project.transaction() as session:
            session.execute(insert(History), [{"actor": "Alice", "action": "code"}])
    return path


def raw_rows(path: Path) -> dict[str, list[tuple]]:
    """Each table as SQLite stores it, read without StanceCoder."""
    with closing(sqlite3.connect(path)) as connection:
        return {
            table: sorted(connection.execute(f'SELECT * FROM "{table}"').fetchall(), key=repr)
            for table in TABLES
        }


def server_rows(url: str) -> dict[str, int]:
    engine = create_engine(engine_url(url))
    with engine.connect() as connection:
        counts = {
            table: connection.exec_driver_sql(f'SELECT count(*) FROM "{table}"').scalar()
            for table in TABLES
        }
    engine.dispose()
    return counts


def test_a_round_trip_through_the_server_keeps_every_row(
    tmp_path: Path, empty_postgres: str
) -> None:
    original = full_project(tmp_path / "original.stance")

    there = copy_project(original, empty_postgres)
    back = copy_project(empty_postgres, tmp_path / "back.stance")

    rows = raw_rows(original)
    assert all(rows[table] for table in TABLES)
    assert (there.equal, there.problems, back.equal, back.problems) == (True, [], True, [])
    assert server_rows(empty_postgres) == {table: len(rows[table]) for table in TABLES}
    assert raw_rows(tmp_path / "back.stance") == rows


def test_the_server_copy_goes_on_numbering_past_the_copied_rows(
    tmp_path: Path, empty_postgres: str
) -> None:
    original = full_project(tmp_path / "original.stance")
    copy_project(original, empty_postgres)
    with open_project(empty_postgres) as project:
        add_coder(project, "Carol")
        ref = add_passage(project, 2, "Carol", 0, 4, {})
    assert ref.id == 3  # two passages were copied


def test_a_file_copies_to_a_file(tmp_path: Path) -> None:
    original = full_project(tmp_path / "original.stance")
    report = copy_project(original, tmp_path / "copy")
    assert report.target.endswith("copy.stance") and report.problems == []
    assert raw_rows(tmp_path / "copy.stance") == raw_rows(original)


def test_a_copy_onto_an_existing_project_is_refused(tmp_path: Path, empty_postgres: str) -> None:
    original = full_project(tmp_path / "original.stance")
    existing = tmp_path / "existing.stance"
    create_project(existing).close()
    before = existing.read_bytes()
    with pytest.raises(ProjectError, match="already exists"):
        copy_project(original, existing)
    assert existing.read_bytes() == before

    with create_project(empty_postgres) as project:
        add_coder(project, "Zoe")
    counts = server_rows(empty_postgres)
    with pytest.raises(ProjectError, match="already holds a project"):
        copy_project(original, empty_postgres)
    assert server_rows(empty_postgres) == counts


def test_a_failed_server_copy_leaves_the_database_empty(
    tmp_path: Path, empty_postgres: str
) -> None:
    original = full_project(tmp_path / "original.stance")
    with closing(sqlite3.connect(original)) as connection:  # a row the server will refuse
        connection.execute("PRAGMA foreign_keys = OFF")
        connection.execute("UPDATE passage SET coder_id = 99 WHERE id = 1")
        connection.commit()
    with pytest.raises(ProjectError, match="Nothing was copied"):
        copy_project(original, empty_postgres)
    engine = create_engine(engine_url(empty_postgres))
    with engine.connect() as connection:
        tables = connection.exec_driver_sql(
            "SELECT count(*) FROM information_schema.tables WHERE table_schema = 'public'"
        ).scalar()
    engine.dispose()
    assert tables == 0
    with pytest.raises(ProjectError, match="FOREIGN KEY"):  # nor into a file
        copy_project(original, tmp_path / "copy.stance")
    assert not (tmp_path / "copy.stance").exists()
