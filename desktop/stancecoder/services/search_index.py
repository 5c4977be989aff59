"""Filling the article search's index with the articles waiting for it, a few at a time,
off the path of the import that brought them (see `stancecoder.db.text_search`)."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from stancecoder.db import text_search, token_search
from stancecoder.db.text_search import count_pending

if TYPE_CHECKING:
    from stancecoder.services.project import Project

Progress = Callable[[int, int, str], bool]
CHUNK = 200  # articles a transaction: about 0.1 s of the write lock, so codings barely wait


def waiting_for_index(project: Project) -> int:
    """How many articles the search still reads with LIKE (0 without an index)."""
    with project.reading() as session:
        return count_pending(session.connection())


def index_waiting(project: Project, progress: Progress | None = None) -> int:
    """Index every waiting article, CHUNK to a transaction, until none waits or `progress`
    says stop; returns how many were indexed. Articles imported meanwhile are taken too.
    A read-only project is left as it is: its search reads them with LIKE."""
    if project.read_only is not None:
        return 0
    total = waiting_for_index(project)
    done = 0
    while total:
        if progress is not None and not progress(done, done + total, "search index"):
            break
        with project.transaction() as session:
            connection = session.connection()
            on_server = connection.dialect.name != "sqlite"
            index_next = token_search.index_next if on_server else text_search.index_next
            indexed = index_next(connection, CHUNK)
        if not indexed:
            break
        done += indexed
        total = waiting_for_index(project)
    return done
