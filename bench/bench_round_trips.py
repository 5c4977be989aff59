"""What the window's interactive actions ask of a PostgreSQL server: the statements each
one runs and the round trips they cost (every message the driver sends that waits for an
answer, as libpq's trace shows them: the statements, and the `BEGIN`, `COMMIT` and
connection check around them). Each is a wait that SQLite, in the same process, does not
have.

    python bench/bench_round_trips.py URL [--articles 300]

The counts do not depend on the project's size; the small default builds in seconds.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from bench_workbench import Actions, workbench
from postgres import wipe_benchmark_database
from sqlalchemy import Engine, event
from synthetic import build_project, coder_names

from stancecoder.services.commands import CreatePassage
from stancecoder.services.live import changes_since, newest_change
from stancecoder.services.project import Project, open_project
from stancecoder.services.search_index import index_waiting

_WAITS = ("\tQuery\t", "\tSync")  # a simple query, or the end of an extended one


class Counter:
    """Statements run through `engine`, and the round trips of its connections (made after
    this starts: the pool is emptied first)."""

    def __init__(self, engine: Engine, trace: Path) -> None:
        self.statements = 0
        self.trace = trace
        self._file = trace.open("w")
        event.listen(engine, "before_cursor_execute", self._statement)
        event.listen(engine, "connect", self._traced)
        engine.dispose()

    def _statement(self, *_args: object) -> None:
        self.statements += 1

    def _traced(self, connection: object, _record: object) -> None:
        pgconn = connection.pgconn  # type: ignore[attr-defined]
        pgconn.trace(self._file.fileno())
        pgconn.set_trace_flags(0)

    def round_trips(self) -> int:
        self._file.flush()
        lines = self.trace.read_text(errors="replace").splitlines()
        return sum(1 for line in lines if "\tF\t" in line and any(w in line for w in _WAITS))

    @contextmanager
    def counting(self) -> Iterator[list[int]]:
        """[statements, round trips] of the work done inside."""
        statements, trips = self.statements, self.round_trips()
        found: list[int] = []
        yield found
        found += [self.statements - statements, self.round_trips() - trips]


def counts(project: Project, coder: str, trace: Path) -> dict[str, list[int]]:
    """The window's actions on an indexed project (or the window indexes it meanwhile)."""
    index_waiting(project)
    counter = Counter(project.store.engine, trace)
    found: dict[str, list[int]] = {}

    def count(name: str, work: Callable[[], object]) -> None:
        with counter.counting() as result:
            work()
        found[name] = result

    with workbench(project, coder) as window, open_project(project.store.target) as other:
        actions = Actions(window, project, coder, 10)
        actions.leave()
        count("switch article", actions.switch)
        count("create a coding, committed", actions.commit)
        actions.commit_and_show()  # shows the article it codes first: not counted
        count("  committed + shown", actions.commit_and_show)
        last = newest_change(project)
        count("look for others' changes, none", lambda: changes_since(project, last))
        CreatePassage(actions.heavy[0] + 1, coder, 0, 5).apply(other)
        count("look for others' changes, one coding", lambda: changes_since(project, last))
    return found


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("postgres", help="an empty PostgreSQL database, or one of the benchmarks")
    parser.add_argument("--articles", type=int, default=300)
    args = parser.parse_args()
    wipe_benchmark_database(args.postgres)
    with (
        tempfile.TemporaryDirectory() as scratch,
        build_project(args.postgres, args.articles, 3, args.articles * 10) as project,
    ):
        found = counts(project, coder_names(1)[0], Path(scratch) / "libpq.trace")
    print("| action | statements | round trips |")
    print("| --- | ---: | ---: |")
    for name, (statements, trips) in found.items():
        print(f"| {name.strip()} | {statements} | {trips} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
