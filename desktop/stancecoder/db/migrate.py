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
from pathlib import Path

from sqlalchemy import Connection, Engine, inspect, text
from sqlalchemy.exc import DBAPIError

from stancecoder.core.errors import ProjectError
from stancecoder.db.engine import create_project_engine, display_name, is_server_url

SQLITE_MAGIC = b"SQLite format 3\x00"
SCHEMA_REVISION = "0003"  # the newest migration shipped; a test keeps it equal to Alembic's head


def check_sqlite_file(path: Path) -> None:
    """Refuse anything that is not an SQLite database before SQLAlchemy writes to it.

    Only the header and the schema are read: a full `quick_check` reads the whole file
    (0.15 s at 10,000 articles) on every open; `stancecoder check` runs the full check."""
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
            connection.execute("SELECT count(*) FROM sqlite_master").fetchone()
    except sqlite3.OperationalError as exc:  # locked, disk full, no permission: not damage
        raise ProjectError(f"{path} cannot be opened now: {exc}") from exc
    except sqlite3.DatabaseError as exc:
        raise ProjectError(f"{path} is damaged and cannot be opened: {exc}") from exc


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
        tables = set(inspect(connection).get_table_names())
        revision = stored_revision(connection) if "alembic_version" in tables else None
        connection.rollback()
    if create and revision is not None:
        raise ProjectError(f"{display_name(target)} already holds a project; open it instead")
    if revision == SCHEMA_REVISION:
        return None
    from stancecoder.db.alembic_ops import known_revisions, run_migrations  # only now: slow import

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


def stored_revision(connection: Connection) -> str | None:
    """The schema revision a project records, read without Alembic."""
    try:
        return connection.execute(text("SELECT version_num FROM alembic_version")).scalar()
    except DBAPIError as exc:
        raise ProjectError(f"cannot read the schema version: {exc.orig}") from exc


@contextmanager
def _connect(engine: Engine, target: str | Path) -> Iterator[Connection]:
    try:
        connection = engine.connect()
    except Exception as exc:  # server down, wrong database name, permissions
        raise ProjectError(f"cannot open {display_name(target)}: {exc}") from exc
    with connection:
        yield connection
