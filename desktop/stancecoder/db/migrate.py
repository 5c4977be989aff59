"""Bring a project's schema to the version this app expects, or refuse to touch it.

Order of events on open: recognise the file, compare its schema revision with the
migrations shipped in the package, refuse a newer schema, back up an older one with
SQLite's backup API, then migrate in one transaction with foreign keys OFF and
`PRAGMA foreign_key_check` before commit. With foreign keys on, a batch migration that
rebuilds a parent table would fire ON DELETE CASCADE and empty its child tables.

A migration that fails (a full disk, a revision marker that does not match the tables)
is rolled back whole: the project is as it was, its backup is removed, and the user gets
one line saying why. A project this user cannot write is opened read-only, and refused
only if it would need an upgrade.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from sqlalchemy import Connection, Engine, inspect, text
from sqlalchemy.exc import DBAPIError

from stancecoder.core.errors import ProjectError
from stancecoder.db.access import write_refusal
from stancecoder.db.backup import backup_sqlite, sweep_partial_backups
from stancecoder.db.engine import (
    create_project_engine,
    display_name,
    is_server_url,
    read_only_parameters,
    sqlite_uri,
)
from stancecoder.db.errors import database_reason, server_problem

SQLITE_MAGIC = b"SQLite format 3\x00"
# the newest migration shipped; a test keeps it equal to Alembic's head
SCHEMA_REVISION = "0012"
DAMAGED_CODES = {sqlite3.SQLITE_CORRUPT}


def check_sqlite_file(path: Path) -> None:
    """Refuse anything that is not an SQLite database before SQLAlchemy writes to it.

    Only the header and the schema are read, read-only and without creating anything
    beside the file: a full `quick_check` reads the whole file (0.15 s at 10,000 articles)
    on every open; `stancecoder check` runs the full check. The header is read by SQLite
    itself, never with Python's `open`: closing any descriptor of the file drops every
    POSIX lock this process holds on it, so a project already open here (a second window,
    a script) would lose its locks and with them the sight of other processes' commits.
    """
    if not path.exists():
        raise ProjectError(
            f"no project at {path} (create one with: stancecoder init {path})",
            plain=f"There is no project at {path}: it may have been moved, renamed or deleted. "
            "Open it where it is now, or start a new project.",
        )
    if path.is_dir():
        raise ProjectError(f"{path} is a folder, not a project file")
    if path.stat().st_size == 0:  # SQLite would take it for a new database and write to it
        raise ProjectError(f"{path} is empty: it is not a StanceCoder project")
    uri = sqlite_uri(path, **read_only_parameters(path))
    try:
        connection = sqlite3.connect(uri, uri=True)
        try:
            connection.execute("SELECT count(*) FROM sqlite_master").fetchone()
        finally:
            connection.close()
    except sqlite3.DatabaseError as exc:
        code = getattr(exc, "sqlite_errorcode", 0) & 0xFF
        if code == sqlite3.SQLITE_NOTADB:
            raise ProjectError(
                f"{path} is not a StanceCoder project (not an SQLite database)"
            ) from exc
        if code in DAMAGED_CODES:
            raise ProjectError(f"{path} is damaged and cannot be opened: {exc}") from exc
        raise ProjectError(f"cannot open {path}: {database_reason(exc)}") from exc


def prepare_schema(target: str | Path, *, create: bool) -> Path | None:
    """Create or upgrade the schema of `target`; return the backup made, if any."""
    refusal = None
    if not is_server_url(target):
        path = Path(target)
        if create:
            if path.exists():
                raise ProjectError(f"{path} already exists; open it instead of creating it")
            path.parent.mkdir(parents=True, exist_ok=True)
        else:
            check_sqlite_file(path)
            refusal = write_refusal(path)
            if refusal is None:
                sweep_partial_backups(path)
    engine = create_project_engine(target, foreign_keys=False, read_only=refusal is not None)
    try:
        return _prepare(engine, target, create=create, refusal=refusal)
    finally:
        engine.dispose()


def _prepare(
    engine: Engine, target: str | Path, *, create: bool, refusal: str | None
) -> Path | None:
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
        hint = f" (a project is made in an empty one: {_creating(target)})"
        raise ProjectError(
            f"{display_name(target)} holds tables but is not a StanceCoder project; "
            f"nothing was changed{hint if is_server_url(target) else ''}"
        )
    if revision is None and not create:
        raise ProjectError(
            f"{display_name(target)} is empty: it is not a StanceCoder project "
            f"(create one with: {_creating(target)})",
            plain=f"{display_name(target)} holds no project yet. A new team project is "
            "set up by whoever runs the server; a new project file with New project.",
        )
    if revision is not None and revision not in known_revisions():
        raise ProjectError(
            f"{display_name(target)} was written by a newer StanceCoder (schema {revision}); "
            "update StanceCoder to open it. The project was not changed."
        )
    if refusal is not None:
        raise ProjectError(
            f"{display_name(target)} needs its schema upgraded ({revision} to "
            f"{SCHEMA_REVISION}) but {refusal}: open it once where it can be written, "
            "or open a copy"
        )
    if revision is not None and is_server_url(target):
        _require_owner(engine, target, revision)
    backup = None
    if revision is not None and not is_server_url(target):
        backup = backup_sqlite(Path(target), revision)
    try:
        run_migrations(engine, "head")
    except ProjectError as exc:
        if backup is not None:
            backup.unlink(missing_ok=True)
        if revision is None:
            name = display_name(target)
            raise ProjectError(f"creating the schema of {name} failed: {exc}") from exc
        raise ProjectError(
            f"upgrading the schema of {display_name(target)} from {revision} failed: {exc}; "
            "the project was not changed"
        ) from exc
    if revision is not None and is_server_url(target):
        _secure_team(engine)
    return backup


def _creating(target: str | Path) -> str:
    """The command that makes a project where `target` is."""
    if is_server_url(target):
        return f"stancecoder server init {display_name(target)}"
    return f"stancecoder init {display_name(target)}"


def _require_owner(engine: Engine, target: str | Path, revision: str) -> None:
    """Only the tables' owner can upgrade them: a coder or lead is told who must, before
    anything is tried. The roles' module is read only on a server: it brings psycopg,
    which opening a file does not need (0.1 s)."""
    from stancecoder.db.server_roles import owns_schema

    with _connect(engine, target) as connection:
        owner = owns_schema(connection)
    if not owner:
        raise ProjectError(
            f"{display_name(target)} needs its schema upgraded ({revision} to "
            f"{SCHEMA_REVISION}), which only the server's administrator (who ran "
            "stancecoder server init) can do: ask them to open it once; nothing was changed"
        )


def _secure_team(engine: Engine) -> None:
    """After an upgrade on a team server, tables the migrations added get their grants and
    policies too, so coders can go on working."""
    from stancecoder.db.server_roles import apply_security, is_team_server  # see _require_owner

    try:
        with engine.begin() as connection:
            if is_team_server(connection):
                apply_security(connection)
    except DBAPIError as exc:
        raise ProjectError(
            f"the schema was upgraded but its team roles could not be renewed "
            f"({database_reason(exc)}); run stancecoder server init to renew them"
        ) from exc


def holds_project(target: str) -> bool:
    """Whether the database at a server URL holds a project already (of any revision)."""
    engine = create_project_engine(target)
    try:
        with _connect(engine, target) as connection:
            return "alembic_version" in inspect(connection).get_table_names()
    finally:
        engine.dispose()


def stored_revision(connection: Connection) -> str | None:
    """The schema revision a project records, read without Alembic."""
    try:
        return connection.execute(text("SELECT version_num FROM alembic_version")).scalar()
    except DBAPIError as exc:
        raise ProjectError(f"cannot read the schema version: {database_reason(exc)}") from exc


@contextmanager
def _connect(engine: Engine, target: str | Path) -> Iterator[Connection]:
    """A connection whose failures (server down, wrong database name, permissions, a
    timeout, a disk too full to start the log) are one line naming the project."""
    try:
        with engine.connect() as connection:
            yield connection
    except DBAPIError as exc:
        raise ProjectError(
            f"cannot open {display_name(target)}: {database_reason(exc)}",
            plain=server_problem(target, exc) if is_server_url(target) else None,
        ) from exc
