"""Where an output may go: never onto the project, its journal files or its backups, and
never over a read-only file.

Every service that writes a file for the user calls `check_output` first, so the command
line and the window refuse the same targets. A project called `data.csv` exported to
`data.csv` would otherwise be replaced by its own export.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path
from typing import TYPE_CHECKING

from stancecoder.core.errors import OutputError
from stancecoder.db.engine import is_server_url
from stancecoder.db.migrate import SQLITE_MAGIC
from stancecoder.io.pending import database_files

if TYPE_CHECKING:
    from stancecoder.services.project import Project

BACKUP_MARK = ".backup"
"""Backups made before a schema upgrade are named `PROJECT.backup…` beside the project."""


def check_output(path: Path, project: Project | None = None) -> None:
    """Refuse `path` as an output of `project` with an `OutputError` that says why."""
    path = Path(path)
    if project is not None and not is_server_url(project.store.target):
        for protected, what in _project_files(Path(project.store.target)):
            if _same_file(path, protected):
                raise OutputError(
                    f"Cannot write {path}: it is {what}; choose another name for the output."
                )
    try:
        status = path.stat()
    except OSError:
        return  # nothing there yet (or nothing readable): the write itself will tell
    if not stat.S_ISREG(status.st_mode):
        return
    if _starts_with(path, SQLITE_MAGIC):
        raise OutputError(
            f"Cannot write {path}: it is a database (a project or a copy of one), which an "
            "output never replaces; choose another name."
        )
    if not status.st_mode & (stat.S_IWUSR | stat.S_IWGRP | stat.S_IWOTH) or not os.access(
        path, os.W_OK
    ):
        raise OutputError(
            f"Cannot write {path}: it is read-only, so it was left as it is; choose another "
            "name or make it writable."
        )


def _project_files(project: Path) -> list[tuple[Path, str]]:
    database, *journals = database_files(project)
    files = [(database, "the project itself")]
    files += [(journal, "a journal file of the project") for journal in journals]
    backup_prefix = project.name + BACKUP_MARK
    try:
        siblings = list(project.parent.iterdir())
    except OSError:
        siblings = []
    files += [
        (sibling, "a backup of the project")
        for sibling in siblings
        if sibling.name.startswith(backup_prefix)
    ]
    return files


def _same_file(path: Path, other: Path) -> bool:
    """The same name once links are followed, or the same file by device and inode (a hard
    link, or another spelling on a file system that ignores case)."""
    if path.resolve() == other.resolve():
        return True
    try:
        return os.path.samefile(path, other)
    except OSError:
        return False


def _starts_with(path: Path, magic: bytes) -> bool:
    try:
        with path.open("rb") as handle:
            return handle.read(len(magic)) == magic
    except OSError:
        return False
