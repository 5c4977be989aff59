"""Connections to a project: one SQLite file, or a PostgreSQL server shared by a team.

A server gets a connect timeout (a `connect_timeout` in the URL wins): without one, a
server that accepts the connection and never answers would keep the user waiting for
minutes. SQLite gets the pragmas that make one transaction per user action safe and
fast (WAL, synchronous=NORMAL, foreign keys, a busy timeout for a second window on the
same file).
Python's sqlite3 module would commit DDL outside our transactions and never wraps reads,
so transactions are begun explicitly, as SQLAlchemy's documentation recommends. A write
begins IMMEDIATE: it takes the write lock up front, where the busy timeout applies, rather
than on its first change, where SQLite refuses at once to avoid a deadlock. A file the
user cannot write is opened read-only (see `stancecoder.db.access`).
"""

from __future__ import annotations

import re
import sqlite3
import time
from pathlib import Path
from urllib.parse import quote

from sqlalchemy import URL, Connection, Engine, create_engine, event
from sqlalchemy.engine import make_url
from sqlalchemy.engine.interfaces import DBAPIConnection
from sqlalchemy.exc import ArgumentError, DisconnectionError
from sqlalchemy.pool import ConnectionPoolEntry

from stancecoder.core.errors import ProjectError
from stancecoder.db.errors import not_an_address

PROJECT_SUFFIX = ".stance"
BUSY_TIMEOUT_MS = 5000
CONNECT_TIMEOUT_S = 10
PING_AFTER_S = 10.0
"""A server connection given back longer ago than this is checked before it is used again."""
_GIVEN_BACK = "stancecoder_given_back"  # when a pooled connection was last given back
WRITE_OPTION = "stancecoder_write"
"""The execution option that makes an SQLite transaction begin IMMEDIATE (see `Store`)."""


def is_server_url(target: str | Path) -> bool:
    """A PostgreSQL URL rather than a project file path."""
    return isinstance(target, str) and target.startswith(("postgresql:", "postgresql+"))


def engine_url(target: str | Path) -> str:
    if is_server_url(target):
        url = make_url(str(target))
        if url.drivername == "postgresql":
            url = url.set(drivername="postgresql+psycopg")
        if "connect_timeout" not in url.query:
            url = url.update_query_dict({"connect_timeout": str(CONNECT_TIMEOUT_S)})
        return url.render_as_string(hide_password=False)
    return f"sqlite:///{Path(target)}"


def display_name(target: str | Path) -> str:
    """How to name a project to a user: file path, or server URL without the password."""
    if is_server_url(target):
        try:
            return make_url(str(target)).render_as_string(hide_password=True)
        except (ArgumentError, ValueError):  # a URL too malformed to parse: hide by hand
            return re.sub(r"(://[^:/@]*:)[^@/]*@", r"\1***@", str(target))
    return str(Path(target))


def sqlite_uri(path: Path, **parameters: str) -> str:
    """An SQLite URI for `path` (any character in a file name survives) with parameters."""
    query = "&".join(f"{key}={value}" for key, value in parameters.items())
    return f"file:{quote(str(path.absolute()))}" + (f"?{query}" if query else "")


def read_only_parameters(path: Path) -> dict[str, str]:
    """How to open a project read-only without writing anything beside it.

    In WAL mode even a reader needs the `-shm` index: when a writer has one open it is
    used (and the reader sees the writer's commits); without one, a reader that cannot
    create it must treat the file as immutable, and then sees it as it was when opened."""
    if path.with_name(f"{path.name}-shm").exists():
        return {"mode": "ro"}
    return {"mode": "ro", "immutable": "1"}


def create_project_engine(
    target: str | Path,
    *,
    foreign_keys: bool = True,
    read_only: bool = False,
    busy_timeout_ms: int | None = None,
) -> Engine:
    """An engine for a project; `foreign_keys=False` only for migrations (see db/migrate.py);
    `read_only` opens a project file so that neither it nor its folder is written;
    `busy_timeout_ms` is how long SQLite waits for another connection's lock (by default
    `BUSY_TIMEOUT_MS`, read as each connection opens, so that a test can shorten it)."""
    if is_server_url(target):
        try:
            engine = create_engine(engine_url(target))
        except Exception as exc:  # malformed URL, missing driver
            raise ProjectError(
                f"cannot use database URL {display_name(target)}: {exc}",
                plain=not_an_address(display_name(target)),
            ) from exc
        _ping_when_idle(engine)
        return engine
    if read_only:
        path = Path(target)
        database = sqlite_uri(path, **read_only_parameters(path))
        engine = create_engine(URL.create("sqlite", database=database, query={"uri": "true"}))
    else:
        engine = create_engine(engine_url(target))
    _configure_sqlite(engine, foreign_keys=foreign_keys, wal=not read_only, busy=busy_timeout_ms)
    return engine


def _ping_when_idle(engine: Engine) -> None:
    """Check a server connection before use when it lay idle in the pool for a while (a
    server restarted, a connection dropped by a firewall): a dead one is replaced then,
    unnoticed. Checking every time would add a round trip to each action, which an open
    window, looking for others' changes every two seconds, keeps from idling anyway; a
    connection that dies within the idle time fails its next action as one that may pass
    (the pool then replaces them all), as a server lost in the middle of an action does."""

    @event.listens_for(engine, "checkin")
    def _given_back(_dbapi_connection: object, record: ConnectionPoolEntry) -> None:
        record.info[_GIVEN_BACK] = time.monotonic()

    @event.listens_for(engine, "checkout")
    def _taken(
        dbapi_connection: DBAPIConnection, record: ConnectionPoolEntry, _proxy: object
    ) -> None:
        given_back = record.info.get(_GIVEN_BACK)
        if given_back is None or time.monotonic() - given_back < PING_AFTER_S:
            return
        try:
            engine.dialect.do_ping(dbapi_connection)
        except engine.dialect.loaded_dbapi.Error as exc:
            raise DisconnectionError(str(exc)) from exc


def _configure_sqlite(engine: Engine, *, foreign_keys: bool, wal: bool, busy: int | None) -> None:
    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: sqlite3.Connection, _record: object) -> None:
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS if busy is None else busy}")
        if wal:
            cursor.execute("PRAGMA journal_mode = WAL")
        cursor.execute("PRAGMA synchronous = NORMAL")
        cursor.execute(f"PRAGMA foreign_keys = {'ON' if foreign_keys else 'OFF'}")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(connection: Connection) -> None:
        writing = connection.get_execution_options().get(WRITE_OPTION, False)
        connection.exec_driver_sql("BEGIN IMMEDIATE" if writing else "BEGIN")
