"""A project's ear on a PostgreSQL server: one connection of its own that LISTENs for the
change log's notices (`db.change_notice`), so that a window's look for others' writes asks
the server nothing when nothing was announced.

The notices are read from the connection's socket without waiting: what the server sent
is there, or nothing is. The reader (`services.live`) reads the log itself whenever the
notices cannot tell it everything: before it first listened, after the connection was
lost or while the trigger is missing (both tried again `RETRY_S` later), at least every
`CHECK_S` anyway, and when this process committed a row whose notice is late.

That last rule keeps a look exact for this process's own commits: the server delivers a
notice a moment after the writer's commit has returned, so a look made at once by another
project opened in the same process (or a test) could come before it. Every commit
of a log row in this process is noted here, per database, and a look waits up to `WAIT_S`
for its notice, which comes in well under a millisecond, or reads the log.
"""

from __future__ import annotations

import select
import time
from typing import Any

import psycopg
from sqlalchemy import URL, Engine

from stancecoder.db.change_notice import CHANNEL, TRIGGER, Notice, read_notice

RETRY_S = 30.0  # after a lost or refused listening connection, the wait before the next try
CHECK_S = 60.0  # the longest the log goes unread while listening, whatever was heard
WAIT_S = 0.5  # the longest a look waits for the notice of a row this process committed
APPLICATION = "stancecoder change listener"  # how the connection shows in pg_stat_activity
KEEPALIVE = {"keepalives": 1, "keepalives_idle": 10, "keepalives_interval": 5,
             "keepalives_count": 3}  # fmt: skip  # a server gone silently: lost in 25 s

_ANNOUNCED = (
    "SELECT 1 FROM pg_catalog.pg_trigger WHERE tgname = %s "
    "AND tgrelid = 'public.change_log'::regclass AND tgenabled <> 'D'"
)  # the trigger in place and enabled (an administrator may have dropped or disabled it)
_written_here: dict[tuple[str | None, int | None, str | None], int] = {}


def _database(url: URL) -> tuple[str | None, int | None, str | None]:
    return url.host, url.port, url.database


def written_here(url: URL, row_id: int) -> None:
    """This process committed log row `row_id` on the database at `url`: the newest, since
    the ids follow the order of commits (kept as it comes, not as the largest, so that a
    database emptied and made again does not wait for ids it will not reach)."""
    _written_here[_database(url)] = row_id


class ChangeListener:
    """Listens for the change log's notices on a connection of its own, opened when first
    asked to (`reading`), closed with the project."""

    def __init__(self, engine: Engine) -> None:
        self._engine = engine
        self._connection: psycopg.Connection[Any] | None = None
        self._failed_at: float | None = None  # when the connection was lost or refused
        self._read_at = 0.0
        self._newest = 0  # the newest row heard of
        self.known: int | None = None
        """Set by the reader after reading the log while listening: every row up to this
        id has been read or heard of since; None when not listening without a break."""

    @property
    def listening(self) -> bool:
        return self._connection is not None

    def hear(self) -> list[Notice | None] | None:
        """The notices that came since the last call (None for one this version cannot
        read), without asking the server; None when they cannot tell all that was committed
        after `known` and the log must be read."""
        if self._connection is None or self.known is None:
            return None
        if time.monotonic() - self._read_at > CHECK_S:
            return None
        expected = _written_here.get(_database(self._engine.url), 0)
        deadline = time.monotonic() + WAIT_S
        notices: list[Notice | None] = []
        while True:
            heard = self._drain()
            if heard is None:
                return None
            notices += heard
            if max(self._newest, self.known) >= expected:
                return notices
            if not self._readable(deadline - time.monotonic()):
                return None

    def reading(self) -> bool:
        """Before the reader reads the log: what was heard is forgotten (the read covers
        it), and the connection opened if it is not and a try is due. Whether it listens,
        so that the read may be taken as `known`."""
        self.known = None
        self._drain()
        self._listen()
        self._read_at = time.monotonic()
        return self.listening

    def close(self) -> None:
        if self._connection is not None:
            self._connection.close()
            self._connection = None

    def _listen(self) -> None:
        if self._connection is not None:
            return
        if self._failed_at is not None and time.monotonic() - self._failed_at < RETRY_S:
            return
        arguments, parameters = self._engine.dialect.create_connect_args(self._engine.url)
        try:
            connection = psycopg.connect(
                *arguments,
                **{**parameters, **KEEPALIVE, "application_name": APPLICATION},
                autocommit=True,
            )
        except psycopg.Error:
            self._failed_at = time.monotonic()
            return
        try:
            connection.execute(f"LISTEN {CHANNEL}")
            announced = connection.execute(_ANNOUNCED, (TRIGGER,)).fetchone() is not None
        except psycopg.Error:
            announced = False
        if not announced:  # nothing would be heard: the log is read at every look instead
            connection.close()
            self._failed_at = time.monotonic()
            return
        self._connection, self._failed_at = connection, None

    def _drain(self) -> list[Notice | None] | None:
        """What the server sent so far; None when the connection is lost (then closed)."""
        if self._connection is None:
            return None
        pgconn = self._connection.pgconn
        notices: list[Notice | None] = []
        try:
            while self._readable(0):  # a lost connection reads its farewell, then its end
                pgconn.consume_input()
                while (notify := pgconn.notifies()) is not None:
                    notice = read_notice(notify.extra.decode(errors="replace"))
                    notices.append(notice)
                    if notice is not None:
                        self._newest = max(self._newest, notice.id)
        except psycopg.Error:
            self._lost()
            return None
        return notices

    def _readable(self, timeout: float) -> bool:
        assert self._connection is not None
        socket = self._connection.pgconn.socket
        return bool(select.select([socket], [], [], max(timeout, 0))[0])

    def _lost(self) -> None:
        if self._connection is not None:
            self._connection.close()
        self._connection = None
        self.known = None
        self._failed_at = time.monotonic()
