"""Whether this user may write a project file, asked before SQLite is.

SQLite in WAL mode writes beside the project (`-wal` and `-shm`, and the migration backup),
so a project is writable only when both the file and its folder are. Asked of the
operating system for the user running StanceCoder, so a project on a read-only mount, in
someone else's folder or shared read-only opens for reading instead of failing as if it
were damaged.
"""

from __future__ import annotations

import os
from pathlib import Path

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


def read_only_message(refusal: str) -> str:
    """The one line a write on a read-only project gets, in the CLI and in the window."""
    return f"{READ_ONLY_PREFIX}: {refusal}; nothing was changed"
