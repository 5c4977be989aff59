"""What the database said, as one line a user can act on.

SQLAlchemy's messages carry the SQL statement, its parameters and a link to its own
documentation; the driver's message underneath is what the user needs (the server's
"database "x" does not exist", SQLite's "disk I/O error"). psycopg spreads its messages
over several lines, and SQLite calls a write cut short by a full disk an I/O error.
"""

from __future__ import annotations

import re
import sqlite3

from sqlalchemy.exc import DBAPIError

DISK_FULL_CODES = {
    "SQLITE_FULL",
    "SQLITE_IOERR_WRITE",
    "SQLITE_IOERR_FSYNC",
    "SQLITE_IOERR_TRUNCATE",
    "SQLITE_IOERR_SHMSIZE",
}
READ_ONLY_CODES = {sqlite3.SQLITE_READONLY}
READ_ONLY_SQLSTATES = {"25006", "42501"}  # read-only transaction, insufficient privilege


def database_reason(exc: BaseException) -> str:
    """The driver's own message in one line, with a hint where SQLite's is cryptic."""
    original = exc.orig if isinstance(exc, DBAPIError) and exc.orig is not None else exc
    reason = _one_line(str(original)) or type(original).__name__
    reason = re.sub(r"\s*\(Background on this error at: \S+\)", "", reason)
    reason = re.sub(r"\s*\[(SQL|parameters): .*", "", reason)
    if getattr(original, "sqlite_errorname", None) in DISK_FULL_CODES:
        reason += " (writing failed: is the disk full?)"
    if type(original).__name__ == "ConnectionTimeout":
        reason += (
            " (the server did not answer in time; a connect_timeout=SECONDS in the URL "
            "waits longer)"
        )
    return reason


def _one_line(message: str) -> str:
    """psycopg's lines joined as sentences, runs of spaces (`FATAL:  `) made single."""
    text = ""
    for line in filter(None, (" ".join(line.split()) for line in message.splitlines())):
        if text:
            text += " " if text.endswith((".", ":", ";", "?", "!")) else ". "
        text += line
    return text


def is_read_only_refusal(exc: BaseException) -> bool:
    """The database refused a write because this user may only read: SQLite because the
    file or its folder cannot be written, a server because of the role or a read-only
    server."""
    original = exc.orig if isinstance(exc, DBAPIError) else exc
    if getattr(original, "sqlstate", None) in READ_ONLY_SQLSTATES:
        return True
    code = getattr(original, "sqlite_errorcode", None)
    return code is not None and code & 0xFF in READ_ONLY_CODES
