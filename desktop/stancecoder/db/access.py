"""Whether this user may write a project, asked before the first write is attempted.

SQLite in WAL mode writes beside the project (`-wal` and `-shm`, and the migration backup),
so a project is writable only when both the file and its folder are. Asked of the
operating system for the user running StanceCoder, so a project on a read-only mount, in
someone else's folder or shared read-only opens for reading instead of failing as if it
were damaged. On a server, the role's privileges (or a read-only server) decide.
"""

from __future__ import annotations

import os
from pathlib import Path

from sqlalchemy import Engine, text
from sqlalchemy.exc import DBAPIError

READ_ONLY_PREFIX = "this project is open read-only"
_AS_USER = os.access in os.supports_effective_ids  # the user running us, after setuid


def write_refusal(path: Path) -> str | None:
    """Why this user cannot write the project at `path`, or None when they can."""
    if not os.access(path, os.W_OK, effective_ids=_AS_USER):
        return f"you cannot write to {path}"
    folder = path.absolute().parent
    if not os.access(folder, os.W_OK | os.X_OK, effective_ids=_AS_USER):
        return f"you cannot write to its folder {folder}"
    return None


def server_write_refusal(engine: Engine) -> str | None:
    """Why this role cannot write the project on its server, or None when it can."""
    query = text(
        "SELECT current_user, current_setting('transaction_read_only'), "
        "has_table_privilege('passage', 'INSERT')"
    )
    try:
        with engine.connect() as connection:
            role, read_only, may_insert = connection.execute(query).one()
    except DBAPIError:
        return None  # not answerable here; a refused write still says why
    if read_only == "on":
        return "the server only allows reading"
    if not may_insert:
        return f"the role {role} may only read it"
    return None


def read_only_message(refusal: str) -> str:
    """The one line a write on a read-only project gets, in the CLI and in the window."""
    return f"{READ_ONLY_PREFIX}: {refusal}; nothing was changed"
