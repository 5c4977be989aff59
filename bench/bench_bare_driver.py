"""What saving a coding costs the database driver alone: the statements StanceCoder runs to
commit one coding, captured from a real save and replayed on the bare DB-API connection
(sqlite3, psycopg) with a new uid and passage id each time, then committed.

No code above the driver can save the same coding in less, so this is the floor of
"create a coding, committed" on each database, and its PostgreSQL / SQLite is the least
that figure's × SQLite can be: on a server every statement is a round trip and the server's
own work (foreign keys, the log's notice, the WAL), where SQLite answers inside the process.

    python bench/bench_bare_driver.py TARGET [--samples 60]

TARGET is a project built beforehand (`bench/synthetic.py project TARGET ...`), a file or
a PostgreSQL URL; the codings are added to it.
"""

from __future__ import annotations

import argparse
import sys
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

from bench_workbench import SPAN, first_topic
from measure import Figure, measured, table
from sqlalchemy import event
from synthetic import coder_names

from stancecoder.services.articles import list_articles
from stancecoder.services.commands import CreatePassage
from stancecoder.services.project import Project, open_project

NAME = "a coding's statements through the driver alone"


@dataclass(frozen=True)
class Statement:
    sql: str
    parameters: Any
    many: bool


@dataclass(frozen=True)
class Saved:
    """One coding's statements as the driver received them, and what was new in them."""

    statements: list[Statement]
    uid: str
    passage_id: int


def save_captured(project: Project, article_id: int, coder: str, topic: int) -> Saved:
    statements: list[Statement] = []

    def keep(*args: Any) -> None:
        statement, parameters, _context, many = args[2:]
        statements.append(Statement(statement, parameters, many))

    engine = project.store.engine
    command = CreatePassage(article_id, coder, 0, SPAN, {"topic": [topic]})
    event.listen(engine, "before_cursor_execute", keep)
    try:
        _, changes = command.apply(project)
    finally:
        event.remove(engine, "before_cursor_execute", keep)
    assert command.uid is not None
    return Saved(statements, command.uid, next(iter(changes.passages)))


def _swapped(parameters: Any, old: object, new: object) -> Any:
    """`parameters` (a mapping, a sequence, or a list of either) with `old` made `new`."""
    if isinstance(parameters, dict):
        return {key: new if value == old else value for key, value in parameters.items()}
    if isinstance(parameters, list):
        return [_swapped(each, old, new) for each in parameters]
    return tuple(new if value == old else value for value in parameters)


class Replay:
    """`saved` again on one raw connection of the project's pool."""

    def __init__(self, connection: Any, saved: Saved) -> None:
        self.connection, self.saved = connection, saved

    def __call__(self) -> None:
        saved, cursor = self.saved, self.connection.cursor()
        uid, passage_id = uuid.uuid4().hex, None
        for statement in saved.statements:
            parameters = _swapped(statement.parameters, saved.uid, uid)
            if "INTO passage_code" in statement.sql:
                parameters = _swapped(parameters, saved.passage_id, passage_id)
            if statement.many:
                cursor.executemany(statement.sql, parameters)
                continue
            cursor.execute(statement.sql, parameters)
            rows = cursor.fetchall() if cursor.description else []
            if "INTO passage " in statement.sql:
                passage_id = rows[0][0] if rows else cursor.lastrowid
        self.connection.commit()
        cursor.close()


@contextmanager
def replaying(project: Project, coder: str) -> Iterator[Replay]:
    """Coding the article with the most passages, as the window's figures do (one with 50,
    and the codings they added)."""
    article = max(list_articles(project), key=lambda row: row.passages).id
    saved = save_captured(project, article, coder, first_topic(project))
    connection = project.store.engine.raw_connection()
    try:
        yield Replay(connection, saved)
    finally:
        connection.close()


def bare_driver_figure(project: Project, coder: str, samples: int, label: str = "") -> Figure:
    with replaying(project, coder) as replay:
        return measured(Figure(f"{NAME}{label}", "ms"), replay, samples)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("target", help="a project built beforehand: a file or a server URL")
    parser.add_argument("--samples", type=int, default=60)
    args = parser.parse_args()
    with open_project(args.target) as project:
        print(table([bare_driver_figure(project, coder_names(1)[0], args.samples)]))
    return 0


if __name__ == "__main__":
    sys.exit(main())
