"""Bring a project's schema to the version this app expects, or refuse to touch it.

Order of events on open: recognise the file, compare its schema revision with the
migrations shipped in the package, refuse a newer schema, back up an older one with
SQLite's backup API, then migrate in one transaction with foreign keys OFF and
`PRAGMA foreign_key_check` before commit. With foreign keys on, a batch migration that
rebuilds a parent table would fire ON DELETE CASCADE and empty its child tables.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime
from importlib.resources import files
from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Connection, Engine, inspect

from stancecoder.core.errors import ProjectError
from stancecoder.db.engine import create_project_engine, display_name, is_server_url

SQLITE_MAGIC = b"SQLite format 3\x00"


def alembic_config() -> Config:
    config = Config()
    config.set_main_option("script_location", str(files("stancecoder.db") / "migrations"))
    return config


def head_revision() -> str:
    head = ScriptDirectory.from_config(alembic_config()).get_current_head()
    assert head is not None
    return head


def current_revision(connection: Connection) -> str | None:
    return MigrationContext.configure(connection).get_current_revision()


def known_revisions() -> set[str]:
    script = ScriptDirectory.from_config(alembic_config())
    return {rev.revision for rev in script.walk_revisions()}


def check_sqlite_file(path: Path) -> None:
    """Refuse anything that is not an SQLite database before SQLAlchemy writes to it."""
    if not path.exists():
        raise ProjectError(f"no project at {path} (create one with: stancecoder init {path})")
    if path.is_dir():
        raise ProjectError(f"{path} is a folder, not a project file")
    with path.open("rb") as handle:
        magic = handle.read(len(SQLITE_MAGIC))
    if magic != SQLITE_MAGIC:
        raise ProjectError(f"{path} is not a StanceCoder project (not an SQLite database)")
    try:
        with sqlite3.connect(f"file:{path}?mode=ro", uri=True) as connection:
            verdict = connection.execute("PRAGMA quick_check").fetchone()[0]
    except sqlite3.DatabaseError as exc:
        raise ProjectError(f"{path} is damaged and cannot be opened: {exc}") from exc
    if verdict != "ok":
        raise ProjectError(f"{path} is damaged: {verdict}")


def backup_sqlite(path: Path, revision: str | None) -> Path:
    """A consistent copy next to the project, made with SQLite's online backup API."""
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
    target = path.with_name(f"{path.name}.backup-{revision or 'empty'}-{stamp}")
    with sqlite3.connect(path) as source, sqlite3.connect(target) as copy:
        source.backup(copy)
    copy.close()
    return target


def prepare_schema(target: str | Path, *, create: bool) -> Path | None:
    """Create or upgrade the schema of `target`; return the backup made, if any."""
    if not is_server_url(target):
        path = Path(target)
        if create:
            if path.exists():
                raise ProjectError(f"{path} already exists; open it instead of creating it")
            path.parent.mkdir(parents=True, exist_ok=True)
        else:
            check_sqlite_file(path)
    engine = create_project_engine(target, foreign_keys=False)
    try:
        return _prepare(engine, target, create=create)
    finally:
        engine.dispose()


def _prepare(engine: Engine, target: str | Path, *, create: bool) -> Path | None:
    with _connect(engine, target) as connection:
        revision = current_revision(connection)
        tables = set(inspect(connection).get_table_names())
        connection.rollback()
    if create and revision is not None:
        raise ProjectError(f"{display_name(target)} already holds a project; open it instead")
    head = head_revision()
    if revision == head:
        return None
    if revision is None and tables - {"alembic_version"}:
        raise ProjectError(
            f"{display_name(target)} holds tables but is not a StanceCoder project; "
            "nothing was changed"
        )
    if revision is None and not create and not is_server_url(target):
        raise ProjectError(f"{display_name(target)} is empty: it is not a StanceCoder project")
    if revision is not None and revision not in known_revisions():
        raise ProjectError(
            f"{display_name(target)} was written by a newer StanceCoder (schema {revision}); "
            "update StanceCoder to open it. The project was not changed."
        )
    backup = None
    if revision is not None and not is_server_url(target):
        backup = backup_sqlite(Path(target), revision)
    run_migrations(engine, "head")
    return backup


@contextmanager
def _connect(engine: Engine, target: str | Path) -> Iterator[Connection]:
    try:
        connection = engine.connect()
    except Exception as exc:  # server down, wrong database name, permissions
        raise ProjectError(f"cannot open {display_name(target)}: {exc}") from exc
    with connection:
        yield connection


def run_migrations(engine: Engine, revision: str) -> None:
    """Upgrade (or downgrade, for tests) in one transaction; refuse broken references."""
    config = alembic_config()
    with engine.connect() as connection, connection.begin():
        config.attributes["connection"] = connection
        if revision.startswith("-") or _is_older(connection, revision):
            command.downgrade(config, revision)
        else:
            command.upgrade(config, revision)
        if connection.dialect.name == "sqlite":
            broken = connection.exec_driver_sql("PRAGMA foreign_key_check").fetchall()
            if broken:
                raise ProjectError(
                    f"migration would leave {len(broken)} broken references "
                    f"(first: table {broken[0][0]}); the project was not changed"
                )


def _is_older(connection: Connection, revision: str) -> bool:
    current = current_revision(connection)
    if current is None or revision == "head":
        return False
    script = ScriptDirectory.from_config(alembic_config())
    ancestors = {rev.revision for rev in script.iterate_revisions(current, "base")}
    return revision in ancestors and revision != current
