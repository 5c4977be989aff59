"""The copy of a project made before its schema is upgraded: whole or not at all.

The copy is written under a `.partial` name without a journal (a half-written copy is
thrown away, never repaired), synced, then renamed to its final name, so a file named
`NAME.stance.backup-REVISION-TIMESTAMP` is always a complete, consistent project. A copy
cut short by a full disk is removed at once; one cut short by a crash or a kill is swept
the next time the project is opened.
"""

from __future__ import annotations

import contextlib
import glob
import os
import sqlite3
from datetime import datetime
from pathlib import Path

from stancecoder.core.errors import ProjectError
from stancecoder.db.errors import database_reason

PARTIAL_SUFFIX = ".partial"


def backup_sqlite(path: Path, revision: str | None) -> Path:
    """A consistent copy next to the project, made with SQLite's online backup API."""
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
    target = path.with_name(f"{path.name}.backup-{revision or 'empty'}-{stamp}")
    partial = target.with_name(target.name + PARTIAL_SUFFIX)
    try:
        _copy(path, partial)
        os.replace(partial, target)
        _sync_folder(path.parent)
    except (sqlite3.Error, OSError) as exc:
        _remove(partial)
        raise ProjectError(
            f"cannot back up {path} before upgrading its schema: {database_reason(exc)}; "
            "the project was not changed"
        ) from exc
    return target


def sweep_partial_backups(path: Path) -> None:
    """Remove copies left half-written beside `path` by a crash.

    A copy another window is writing right now (it holds SQLite's lock on it) is left
    alone, with its companions."""
    pattern = f"{glob.escape(path.name)}.backup-*{PARTIAL_SUFFIX}*"
    leftovers = sorted(path.parent.glob(pattern))
    busy = {p.name for p in leftovers if p.name.endswith(PARTIAL_SUFFIX) and _being_written(p)}
    swept = [p for p in leftovers if not any(p.name.startswith(name) for name in busy)]
    for leftover in swept:
        _remove(leftover)


def _copy(path: Path, partial: Path) -> None:
    _remove(partial)
    source = sqlite3.connect(path)
    try:
        copy = sqlite3.connect(partial)
        try:
            copy.execute("PRAGMA journal_mode = OFF")
            source.backup(copy)
        finally:
            copy.close()
    finally:
        source.close()
    with partial.open("rb+") as handle:
        os.fsync(handle.fileno())


def _being_written(partial: Path) -> bool:
    """Whether a copy is locked by the connection writing it (another process's backup)."""
    try:
        connection = sqlite3.connect(partial, timeout=0)
        try:
            connection.execute("BEGIN IMMEDIATE")
            connection.rollback()
        finally:
            connection.close()
    except sqlite3.OperationalError as exc:
        return exc.sqlite_errorcode & 0xFF == sqlite3.SQLITE_BUSY
    except sqlite3.DatabaseError:
        return False
    return False


def _sync_folder(folder: Path) -> None:
    """Make the rename itself durable (a no-op where folders cannot be opened)."""
    with contextlib.suppress(OSError):
        descriptor = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(descriptor)
        finally:
            os.close(descriptor)


def _remove(path: Path) -> None:
    with contextlib.suppress(FileNotFoundError):
        path.unlink()
