"""What the open window's look for other processes' changes costs, every two seconds: the
look that finds nothing (almost every one), and the look after another process committed a
coding. The change log holds a busy week's rows first, as it would on a team project.

    python bench/bench_live.py [--articles 1000] [--passages 10000] [--samples 60]
                               [--postgres URL]

`bench/run.py` measures the same on the full-size project together with everything else.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

from measure import Figure, memory_growth, table, timed
from postgres import PG_LABEL, wipe_benchmark_database
from synthetic import build_project, coder_names

from stancecoder.db.models import ChangeLog
from stancecoder.services.articles import list_articles
from stancecoder.services.commands import CreatePassage
from stancecoder.services.live import changes_since, newest_change
from stancecoder.services.project import Project, open_project

WEEK_OF_ROWS = 20_000  # about 3,000 codings a day on a team project


def live_figures(project: Project, coder: str, samples: int, label: str = "") -> list[Figure]:
    """The window's project is `project`; the other process is a second open of it, with its
    own engine, whose rows the window has not written."""
    _fill_log(project)
    idle = Figure(f"look for others' changes, none{label}", "ms")
    found = Figure(f"look for others' changes, one coding{label}", "ms")
    articles = [row.id for row in list_articles(project)]
    with open_project(project.store.target) as other, memory_growth() as growth:
        last = newest_change(project)
        idle.samples = timed(lambda: changes_since(project, last), samples, "ms")
        for n in range(samples):
            article = articles[n % len(articles)]
            CreatePassage(article, coder, 0, 5).apply(other)  # not timed
            began = time.perf_counter()
            seen = changes_since(project, last)
            found.samples.append((time.perf_counter() - began) * 1000)
            if seen.changes is None or article not in seen.changes.articles:
                raise RuntimeError("the look missed the other process's coding")
            last = seen.last
    idle.memory_mb = found.memory_mb = growth[0]
    return [idle, found]


def _fill_log(project: Project) -> None:
    with project.transaction() as session:
        session.add_all(
            ChangeLog(articles=f"[{n % 10_000 + 1}]", passages=f"[{n + 1}]")
            for n in range(WEEK_OF_ROWS)
        )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, default=1000)
    parser.add_argument("--passages", type=int, default=10_000)
    parser.add_argument("--samples", type=int, default=60)
    parser.add_argument("--postgres", help="also measure on this PostgreSQL database (see run.py)")
    args = parser.parse_args()
    figures = []
    with tempfile.TemporaryDirectory() as scratch:
        targets: list[tuple[str | Path, str]] = [(Path(scratch) / "bench.stance", "")]
        if args.postgres:
            wipe_benchmark_database(args.postgres)
            targets.append((args.postgres, PG_LABEL))
        for target, label in targets:
            with build_project(target, args.articles, 3, args.passages) as project:
                figures += live_figures(project, coder_names(1)[0], args.samples, label)
    print(table(figures, judge=False))
    return 0


if __name__ == "__main__":
    sys.exit(main())
