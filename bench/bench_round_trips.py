"""What the window's interactive actions ask of the database, on a project built
beforehand (`bench/synthetic.py project TARGET ...`, a file or a PostgreSQL URL): on a
server the statements each action runs and the round trips they cost (every message the
driver sends that waits for an answer, as libpq's trace shows them: the statements, and
the `BEGIN`, `COMMIT` and connection check around them), then on either the time each
takes: wall clock, this process's CPU and, on a server on this machine, the CPU of its
server processes. On a machine shared with other work the wall clock swings with the
load; the CPU times much less, so that old and new code compare in one sitting.

    python bench/bench_round_trips.py TARGET [--samples 60] [--coder NAME]

The counts do not depend on the project's size; the times do (`run.py` builds 10,000
articles at its full size).
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from bench_workbench import Actions, workbench
from sqlalchemy import Engine, event
from synthetic import coder_names

from stancecoder.services.commands import CreatePassage
from stancecoder.services.live import changes_since, newest_change
from stancecoder.services.project import Project, open_project
from stancecoder.services.search_index import index_waiting

_WAITS = ("\tQuery\t", "\tSync")  # a simple query, or the end of an extended one
_TICK_MS = 1000 / os.sysconf("SC_CLK_TCK")


class Counter:
    """Statements run through `engine`, the round trips of its connections (made after
    this starts: the pool is emptied first) while `tracing`, and the CPU its server
    processes used."""

    def __init__(self, engine: Engine, trace: Path) -> None:
        self.statements = 0
        self.trace = trace
        self.tracing = True
        self.server = engine.dialect.name == "postgresql"
        self.backends: list[int] = []
        self._traced: list[object] = []
        self._file = trace.open("w")
        event.listen(engine, "before_cursor_execute", self._statement)
        if self.server:
            event.listen(engine, "connect", self._connected)
            engine.dispose()

    def _statement(self, *_args: object) -> None:
        self.statements += 1

    def _connected(self, connection: object, _record: object) -> None:
        self.backends.append(connection.info.backend_pid)  # type: ignore[attr-defined]
        if self.tracing:
            pgconn = connection.pgconn  # type: ignore[attr-defined]
            pgconn.trace(self._file.fileno())
            pgconn.set_trace_flags(0)
            self._traced.append(pgconn)

    def stop_tracing(self) -> None:
        """Leave the counting: the trace would slow what is timed next."""
        self.tracing = False
        for pgconn in self._traced:
            pgconn.untrace()  # type: ignore[attr-defined]

    def round_trips(self) -> int:
        self._file.flush()
        lines = self.trace.read_text(errors="replace").splitlines()
        return sum(1 for line in lines if "\tF\t" in line and any(w in line for w in _WAITS))

    def server_cpu_ms(self) -> float:
        """User and system time of the server processes serving this engine (0 on SQLite,
        or when the server runs elsewhere)."""
        total = 0
        for pid in self.backends:
            try:
                fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            total += int(fields[11]) + int(fields[12])
        return total * _TICK_MS

    @contextmanager
    def counting(self) -> Iterator[list[int]]:
        """[statements, round trips] of the work done inside."""
        statements, trips = self.statements, self.round_trips()
        found: list[int] = []
        yield found
        found += [self.statements - statements, self.round_trips() - trips]


def measure(project: Project, coder: str, samples: int, trace: Path) -> None:
    """Counts (on a server), then times; each action as the window does it."""
    index_waiting(project)  # or the window indexes in the background meanwhile
    counter = Counter(project.store.engine, trace)
    with workbench(project, coder) as window, open_project(project.store.target) as other:
        actions = Actions(window, project, coder, samples)

        def coding_shown() -> Callable[[], object]:
            """Enter on the article the codings go to, shown beforehand (not timed)."""
            if window.article is None or window.article.id != actions.heavy[0]:
                window.show_article(actions.heavy[0])
            return actions.commit_and_show

        def look() -> Callable[[], object]:
            last = newest_change(project)
            return lambda: changes_since(project, last)

        def look_after_other() -> Callable[[], object]:
            last = newest_change(project)
            CreatePassage(actions.heavy[0] + 1, coder, 0, 5).apply(other)  # not timed
            return lambda: changes_since(project, last)

        steps: list[tuple[str, Callable[[], Callable[[], object]]]] = [
            ("switch article", lambda: (actions.leave(), actions.switch)[1]),
            ("create a coding, committed", lambda: actions.commit),
            ("  committed + shown", coding_shown),
            ("look for others' changes, none", look),
            ("look for others' changes, one coding", look_after_other),
        ]
        rows = []
        for name, prepare in steps:
            work = prepare()
            counts = ["", ""]
            if counter.server:
                with counter.counting() as found:
                    work()
                counts = [str(n) for n in found]
            rows.append((name, counts))
        counter.stop_tracing()
        print("| action | statements | round trips | wall ms | CPU ms | server CPU ms |")
        print("| --- | ---: | ---: | ---: | ---: | ---: |")
        for name, prepare in steps:
            wall, cpu, server = [], [], []
            for _ in range(samples):
                work = prepare()
                began, cpu_began, server_began = (
                    time.perf_counter(), time.process_time(), counter.server_cpu_ms()
                )  # fmt: skip
                work()
                wall.append((time.perf_counter() - began) * 1000)
                cpu.append((time.process_time() - cpu_began) * 1000)
                server.append(counter.server_cpu_ms() - server_began)
            counts = dict(rows)[name]
            figures = [statistics.median(wall), statistics.mean(cpu), statistics.mean(server)]
            cells = [*counts, *(f"{value:.2f}" for value in figures)]
            print(f"| {name.strip()} | {' | '.join(cells)} |", flush=True)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("target", help="a project built beforehand: a file or a server URL")
    parser.add_argument("--samples", type=int, default=60)
    parser.add_argument("--coder", default=coder_names(1)[0])
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as scratch, open_project(args.target) as project:
        measure(project, args.coder, args.samples, Path(scratch) / "libpq.trace")
    return 0


if __name__ == "__main__":
    sys.exit(main())
