"""Opening, upgrading and refusing project databases."""

from __future__ import annotations

import hashlib
import sqlite3
from pathlib import Path

import pytest
from alembic.operations import Operations
from alembic.runtime.migration import MigrationContext
from sqlalchemy import inspect, text

from stancecoder.core.errors import ProjectError
from stancecoder.db.alembic_ops import current_revision, head_revision, run_migrations
from stancecoder.db.change_notice import FUNCTION, TRIGGER
from stancecoder.db.engine import create_project_engine
from stancecoder.db.migrate import SCHEMA_REVISION, prepare_schema
from stancecoder.services.project import open_project
from stancecoder.services.samples import draw_sample, progress


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def revision_of(target: str | Path) -> str | None:
    engine = create_project_engine(target)
    with engine.connect() as connection:
        revision = current_revision(connection)
    engine.dispose()
    return revision


def test_new_project_is_at_head(project_target: str | Path) -> None:
    assert prepare_schema(project_target, create=True) is None
    assert revision_of(project_target) == head_revision()


def test_the_revision_checked_on_open_is_the_newest_migration() -> None:
    """Opening compares with SCHEMA_REVISION without loading Alembic; a new migration
    that forgets to raise it would leave projects un-migrated."""
    assert head_revision() == SCHEMA_REVISION


def test_older_schema_is_upgraded_after_a_backup(tmp_path: Path) -> None:
    path = tmp_path / "old.stance"
    sqlite3.connect(path).close()
    engine = create_project_engine(path, foreign_keys=False)
    run_migrations(engine, "0001")
    with engine.begin() as connection:
        connection.execute(
            text("INSERT INTO coder (name, initials, role, active) VALUES ('Ann', 'A', 'coder', 1)")
        )
    engine.dispose()

    backup = prepare_schema(path, create=False)

    assert revision_of(path) == head_revision()
    assert backup is not None and backup.exists()
    with sqlite3.connect(backup) as old:
        assert old.execute("SELECT version_num FROM alembic_version").fetchone()[0] == "0001"
    with sqlite3.connect(path) as new:
        assert new.execute("SELECT name FROM coder").fetchall() == [("Ann",)]
        columns = [row[1] for row in new.execute("PRAGMA table_info(passage)")]
    assert "codebook_version" in columns


def test_newer_schema_is_refused_and_left_untouched(tmp_path: Path) -> None:
    path = tmp_path / "future.stance"
    prepare_schema(path, create=True)
    with sqlite3.connect(path) as connection:
        connection.execute("UPDATE alembic_version SET version_num = '9999_from_the_future'")
    before = digest(path)

    with pytest.raises(ProjectError, match="newer StanceCoder"):
        prepare_schema(path, create=False)

    assert digest(path) == before
    assert not list(tmp_path.glob("*.backup-*"))


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", "not a StanceCoder project"),
        (b"this is a text file, not a database" * 10, "not an SQLite database"),
    ],
)
def test_files_that_are_not_projects_are_refused(
    tmp_path: Path, content: bytes, message: str
) -> None:
    path = tmp_path / "odd.stance"
    path.write_bytes(content)
    with pytest.raises(ProjectError, match=message):
        prepare_schema(path, create=False)
    assert path.read_bytes() == content


def test_a_foreign_sqlite_database_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "other.sqlite"
    with sqlite3.connect(path) as connection:
        connection.execute("CREATE TABLE things (x)")
    with pytest.raises(ProjectError, match="not a StanceCoder project"):
        prepare_schema(path, create=False)


def test_a_damaged_file_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "damaged.stance"
    prepare_schema(path, create=True)
    data = bytearray(path.read_bytes())
    data[100:4096] = b"\xff" * (4096 - 100)  # smash the schema page
    path.write_bytes(bytes(data))
    with pytest.raises(ProjectError, match=r"damaged|not a StanceCoder"):
        prepare_schema(path, create=False)


def test_missing_project_says_how_to_create_one(tmp_path: Path) -> None:
    with pytest.raises(ProjectError, match="stancecoder init"):
        prepare_schema(tmp_path / "nowhere.stance", create=False)


def test_creating_over_an_existing_project_is_refused(project_target: str | Path) -> None:
    prepare_schema(project_target, create=True)
    with pytest.raises(ProjectError, match="already"):
        prepare_schema(project_target, create=True)


def _fill_parent_and_children(path: Path) -> int:
    with sqlite3.connect(path) as connection:
        connection.execute("PRAGMA foreign_keys = ON")
        connection.execute(
            "INSERT INTO coder (id, name, initials, role, active) "
            "VALUES (1, 'Ann', 'A', 'coder', 1)"
        )
        for article in range(1, 4):
            connection.execute(
                "INSERT INTO article (id, uid, text, text_sha256, imported_at, extra) "
                "VALUES (?, ?, 'Some text here.', ?, '2024-06-18', '{}')",
                (article, f"a{article}", f"sha{article}"),
            )
            for start in range(0, 10, 2):
                connection.execute(
                    'INSERT INTO passage (uid, article_id, coder_id, start, "end", quote, memo, '
                    "created_at, updated_at, version) VALUES (?, ?, 1, ?, ?, 'x', '', "
                    "'2024-06-18', '2024-06-18', 1)",
                    (f"p{article}-{start}", article, start, start + 1),
                )
        return connection.execute("SELECT count(*) FROM passage").fetchone()[0]


def _rebuild_article_table(connection) -> None:
    """What a batch migration does to a parent table on SQLite: copy, drop, rename."""
    operations = Operations(MigrationContext.configure(connection))
    with operations.batch_alter_table("article", recreate="always") as batch:
        batch.alter_column("title", existing_type=None, comment=None)


def test_a_table_rebuild_in_a_migration_keeps_every_passage(tmp_path: Path) -> None:
    path = tmp_path / "rebuild.stance"
    prepare_schema(path, create=True)
    passages = _fill_parent_and_children(path)

    engine = create_project_engine(path, foreign_keys=False)  # as run_migrations does
    with engine.connect() as connection, connection.begin():
        _rebuild_article_table(connection)
    engine.dispose()

    with sqlite3.connect(path) as connection:
        assert connection.execute("SELECT count(*) FROM passage").fetchone()[0] == passages
        assert connection.execute("PRAGMA foreign_key_check").fetchall() == []


def test_the_same_rebuild_with_foreign_keys_on_would_lose_passages(tmp_path: Path) -> None:
    """The trap the test above guards against, shown to be real on this SQLite."""
    path = tmp_path / "trap.stance"
    prepare_schema(path, create=True)
    _fill_parent_and_children(path)

    engine = create_project_engine(path, foreign_keys=True)
    with engine.connect() as connection, connection.begin():
        _rebuild_article_table(connection)
    engine.dispose()

    with sqlite3.connect(path) as connection:
        assert connection.execute("SELECT count(*) FROM passage").fetchone()[0] == 0


def _project_at(target: str | Path, revision: str) -> None:
    if not isinstance(target, str):
        sqlite3.connect(target).close()
    engine = create_project_engine(target, foreign_keys=False)
    run_migrations(engine, revision)
    engine.dispose()


def test_a_0002_project_with_data_upgrades_to_reliability_rounds(
    project_target: str | Path,
) -> None:
    _project_at(project_target, "0002")
    engine = create_project_engine(project_target)
    with engine.begin() as connection:
        for name in ("Ann", "Ben"):
            connection.execute(
                text(
                    "INSERT INTO coder (name, initials, role, active) VALUES (:n, '', 'coder', :t)"
                ),
                {"n": name, "t": True},
            )
        for number in range(1, 5):
            connection.execute(
                text(
                    "INSERT INTO article (uid, text, text_sha256, imported_at, extra) "
                    "VALUES (:uid, 'Some text here.', :sha, :when, '{}')"
                ),
                {"uid": f"a{number}", "sha": f"sha{number}", "when": "2024-06-18 10:00:00"},
            )
        connection.execute(
            text(
                "INSERT INTO assignment (article_id, coder_id, status, updated_at) "
                "SELECT a.id, c.id, 'done', :when FROM article a, coder c "
                "WHERE a.uid = 'a1' AND c.name = 'Ann'"
            ),
            {"when": "2024-06-18 10:00:00"},
        )
    engine.dispose()

    with open_project(project_target) as project:
        assert revision_of(project_target) == head_revision()
        info = draw_sample(project, "training 1", count=4, coders=["Ann", "Ben"], seed=1)
        counts = {row.coder: (row.assigned, row.todo, row.done) for row in progress(project)}
    assert len(info.article_ids) == 4
    assert counts == {"Ann": (4, 3, 1), "Ben": (4, 4, 0)}


def test_rounds_migration_downgrades_and_upgrades_again(project_target: str | Path) -> None:
    _project_at(project_target, "head")
    engine = create_project_engine(project_target, foreign_keys=False)
    run_migrations(engine, "0002")
    with engine.connect() as connection:
        assert "round" not in inspect(connection).get_table_names()
    run_migrations(engine, "head")
    with engine.connect() as connection:
        tables = set(inspect(connection).get_table_names())
    engine.dispose()
    assert {"round", "round_article", "round_coder"} <= tables


def test_the_assignment_index_goes_on_downgrade_and_comes_back(
    project_target: str | Path,
) -> None:
    def indexes() -> set[str]:
        with engine.connect() as connection:
            return {index["name"] or "" for index in inspect(connection).get_indexes("assignment")}

    _project_at(project_target, "head")
    engine = create_project_engine(project_target, foreign_keys=False)
    assert "ix_assignment_coder_status" in indexes()
    run_migrations(engine, "0010")
    assert "ix_assignment_coder_status" not in indexes()
    run_migrations(engine, "head")
    assert "ix_assignment_coder_status" in indexes()
    engine.dispose()


def test_the_change_log_announcement_goes_on_downgrade_and_comes_back(
    project_target: str | Path,
) -> None:
    """On PostgreSQL a trigger and its function announce each change log row (0012); SQLite
    has neither."""
    server = isinstance(project_target, str)

    def announcing() -> set[str]:
        with engine.connect() as connection:
            if not server:
                query = "SELECT name FROM sqlite_master WHERE type = 'trigger'"
                return set(connection.execute(text(query)).scalars()) & {TRIGGER}
            triggers = "SELECT tgname FROM pg_trigger WHERE NOT tgisinternal"
            functions = "SELECT proname FROM pg_proc WHERE proname = :f"
            found = set(connection.execute(text(triggers)).scalars()) & {TRIGGER}
            return found | set(connection.execute(text(functions), {"f": FUNCTION}).scalars())

    _project_at(project_target, "head")
    engine = create_project_engine(project_target, foreign_keys=False)
    made = {TRIGGER, FUNCTION} if server else set()
    assert announcing() == made
    run_migrations(engine, "0011")
    assert announcing() == set()
    run_migrations(engine, "head")
    assert announcing() == made
    engine.dispose()
