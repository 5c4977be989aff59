"""What the database said, as one line a user can act on.

SQLAlchemy's messages carry the SQL statement, its parameters and a link to its own
documentation; the driver's message underneath is what the user needs (the server's
"database "x" does not exist", SQLite's "disk I/O error"). psycopg spreads its messages
over several lines, and SQLite calls a write cut short by a full disk an I/O error.
"""

from __future__ import annotations

import re
import sqlite3
from pathlib import Path

from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError, DBAPIError

DISK_FULL_CODES = {
    "SQLITE_FULL",
    "SQLITE_IOERR_WRITE",
    "SQLITE_IOERR_FSYNC",
    "SQLITE_IOERR_TRUNCATE",
    "SQLITE_IOERR_SHMSIZE",
}
READ_ONLY_CODES = {sqlite3.SQLITE_READONLY}
READ_ONLY_SQLSTATES = {"25006", "42501"}  # read-only transaction, insufficient privilege
UNREACHABLE = {"ConnectionTimeout"}
UNREACHABLE_WORDS = (
    r"Connection refused|resolve host|translate host|unreachable|No route|timed? ?out"
)


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


def is_privilege_refusal(exc: BaseException) -> bool:
    """A server refused this role the change: a privilege it lacks, or a row-level security
    policy (both say "insufficient privilege")."""
    original = exc.orig if isinstance(exc, DBAPIError) else exc
    return getattr(original, "sqlstate", None) == "42501"


def server_problem(target: str | Path, exc: BaseException) -> str:
    """Why a server project did not open, as one sentence a person in the window can act
    on: the database name, the user, the server's reach or the address itself. libpq
    reports a refused connection without an SQLSTATE, so its words are what is read."""
    original = exc.orig if isinstance(exc, DBAPIError) and exc.orig is not None else exc
    said = str(original)
    try:
        url = make_url(str(target))
    except (ArgumentError, ValueError):
        return not_an_address(str(target))
    if re.search(r'database ".*" does not exist', said):
        return (
            f"The server has no database called “{url.database}”. Check the name at the "
            "end of the address, or ask whoever runs the server to create it."
        )
    if re.search(r'role ".*" does not exist|password authentication failed|no password', said):
        return (
            f"The server did not let “{url.username}” in. Check the user name and password "
            "in the address, or ask whoever runs the server for access."
        )
    if type(original).__name__ == "ProgrammingError" or re.search(
        r"\binvalid \w+ (value|number)", said
    ):
        return not_an_address(url.render_as_string(hide_password=True))
    if type(original).__name__ in UNREACHABLE or re.search(UNREACHABLE_WORDS, said):
        port = f", port {url.port}," if url.port else ""
        return (
            f"The server at {url.host or 'this computer'}{port} could not be reached. Check "
            "the address, the network and that the server is running."
        )
    return f"The server refused to open the project: {database_reason(exc)}."


def not_an_address(shown: str) -> str:
    return (
        f"“{shown}” is not a database address StanceCoder can use. A team project's "
        "address looks like postgresql://user@server/database."
    )
