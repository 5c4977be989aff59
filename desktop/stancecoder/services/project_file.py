"""A new project file appears complete or not at all.

It is built under a hidden temporary name beside its final one, made one self-contained
file, and only then given its name, which it never takes from an existing file. A full
disk, an error or a kill while it is built leaves nothing at the name; the temporary
files are recorded in the pending registry, so the next start removes them.
"""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Callable
from contextlib import closing
from pathlib import Path

from sqlalchemy.exc import DBAPIError, SQLAlchemyError

from stancecoder.core.errors import ProjectError, ValidationError
from stancecoder.db.engine import PROJECT_SUFFIX
from stancecoder.db.errors import database_reason
from stancecoder.io.atomic_files import flush_to_disk, publish_new
from stancecoder.io.pending import database_files, temporary_sibling, tracked

FOREIGN_SUFFIXES = frozenset({
    ".csv", ".tsv", ".txt", ".md", ".json", ".jsonl", ".yaml", ".yml", ".xlsx", ".xlsm", ".xls",
    ".ods", ".docx", ".doc", ".odt", ".html", ".htm", ".pdf", ".xml", ".zip",
})  # fmt: skip
"""Suffixes of files that StanceCoder or other programs write: a project named like one
could be overwritten by an export to that name or opened by the wrong program."""


def check_project_name(path: Path) -> None:
    """Refuse a project file name that ends like another format's file."""
    suffix = path.suffix.lower()
    if suffix in FOREIGN_SUFFIXES:
        raise ValidationError(
            f"{path.name} is named like a {suffix[1:].upper()} file, which an export or another "
            f"program could overwrite; name the project {path.stem}{PROJECT_SUFFIX} instead"
        )


def build_project_file(path: Path, fill: Callable[[Path], None]) -> None:
    """Create the project `path` by calling `fill` on a temporary file, then renaming it."""
    check_project_name(path)
    if os.path.lexists(path):
        raise ProjectError(f"{path} already exists; open it instead of creating it")
    aside = temporary_sibling(path, "new")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with tracked(database_files(aside)):
            fill(aside)
            _make_self_contained(aside)
            flush_to_disk(aside)
            try:
                publish_new(aside, path)
            except FileExistsError as error:  # someone else took the name in the meantime
                raise ProjectError(f"{path} already exists; open it instead") from error
    except (OSError, SQLAlchemyError, sqlite3.Error, ProjectError) as error:
        raise ProjectError(
            f"Cannot create {path}: {_reason(error)}. Nothing was created."
        ) from error


def _make_self_contained(database: Path) -> None:
    """Fold the write-ahead log into the file, so that renaming the file moves everything.

    Closing the last connection after a full checkpoint deletes the log; one left behind
    means another connection still holds the file.
    """
    with closing(sqlite3.connect(database)) as connection:
        (busy, _, _) = connection.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()
    log = database.with_name(database.name + "-wal")
    if busy or (log.exists() and log.stat().st_size):
        raise ProjectError("the new project is still in use by another connection")


def _reason(error: BaseException) -> str:
    if isinstance(error, OSError):
        return error.strerror or str(error)
    return database_reason(error) if isinstance(error, DBAPIError | sqlite3.Error) else str(error)
