"""Every benchmark in one run, one table: figure, median, p95, peak memory, peer, × peer
and the target from the issue.

    python bench/run.py [--size tiny|full|large] [--postgres URL] [--runs N] [--samples N]

full is the research scale (10,000 articles, 3 coders, 100,000 passages); large ten times
that (100,000 articles, 1,000,000 passages), with its own targets (`targets.py`); tiny
(30 articles, 300 passages) only keeps the suite working and its figures mean nothing.
`--runs` repeats the whole-task figures (build, import, open, export; agreement at least
7 times); the interactive ones (switch, code, search) take `--samples` samples each.
The team figure has five coders' processes code at once for a minute (a second at tiny).
With `--postgres` (or STANCECODER_BENCH_POSTGRES) open, switch, code and the team are measured
again on PostgreSQL, with the SQLite figures of the same run as peers; the database must
be empty or hold an earlier benchmark project, which is replaced. A coding's statements
replayed through the driver alone (`bench_bare_driver.py`) show what of a coding's time
is the database's own, on each.
"""

from __future__ import annotations

import argparse
import gc
import os
import platform
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from importlib.metadata import version
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from bench_agreement import agreement_figures, report_figure
from bench_bare_driver import bare_driver_figure
from bench_charts import chart_figures
from bench_check import check_figure
from bench_corpus import import_figure
from bench_duplicates import run_figure as copies_figure
from bench_export import export_figures
from bench_live import live_figures
from bench_open import open_figures
from bench_search import article_search_figure, index_figure
from bench_stats_export import stats_figures
from bench_team import team_figures
from bench_workbench import search_figure, workbench_figures
from measure import Figure, failed, measured, table
from postgres import PG_LABEL, POSTGRES_ENV, server_version, wipe_benchmark_database
from synthetic import build_project, coder_names
from targets import LARGE_PG_RATIO, set_large_targets

from stancecoder.services.project import Project

PG_RATIO_LIMIT = 2.0
AGREEMENT_RUNS = 7  # a fraction of a second each, and noisy: more runs than the others
SKIPPED: set[str] = set()  # steps left out (--skip): an hour-long large run in parts


@dataclass(frozen=True)
class Size:
    articles: int
    coders: int
    passages: int
    runs: int
    samples: int
    team_seconds: float  # how long each phase of the team figure writes
    pg_ratio: float = PG_RATIO_LIMIT  # PostgreSQL against SQLite
    pg_ratio_everywhere: bool = False  # held by every figure measured on both, not only targeted
    build_limit: float | None = 60  # seconds; setup, but once asked to be well under a minute


SIZES = {
    "tiny": Size(articles=30, coders=3, passages=300, runs=2, samples=12, team_seconds=1),
    "full": Size(articles=10_000, coders=3, passages=100_000, runs=3, samples=60, team_seconds=60),
    "large": Size(
        articles=100_000,
        coders=3,
        passages=1_000_000,
        runs=1,
        samples=30,
        team_seconds=60,
        pg_ratio=LARGE_PG_RATIO,
        pg_ratio_everywhere=True,
        build_limit=None,
    ),
}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--size", choices=sorted(SIZES), default="full")
    parser.add_argument("--postgres", default=os.environ.get(POSTGRES_ENV))
    parser.add_argument("--runs", type=int, help="runs of the whole-task figures")
    parser.add_argument("--samples", type=int, help="samples of the interactive figures")
    parser.add_argument(
        "--skip", default="", help="steps not to run, by the names the run logs, comma-separated"
    )
    args = parser.parse_args()
    SKIPPED.update(name.strip() for name in args.skip.split(",") if name.strip())
    size = SIZES[args.size]
    runs, samples = args.runs or size.runs, args.samples or size.samples
    print(describe(args.size, size, runs, samples, args.postgres), flush=True)
    with tempfile.TemporaryDirectory() as scratch:
        figures = sqlite_figures(Path(scratch), size, runs, samples)
        if args.size == "large":
            set_large_targets(figures)
        if args.postgres:
            figures += postgres_figures(args.postgres, size, runs, samples, figures)
    print(table(figures, judge=args.size != "tiny"))
    return 1 if any(f.error for f in figures) else 0


def describe(name: str, size: Size, runs: int, samples: int, postgres: str | None) -> str:
    servers = f", PostgreSQL {server_version(postgres)}" if postgres else ""
    return (
        f"size {name}: {size.articles:,} articles, {size.coders} coders, "
        f"{size.passages:,} passages; {runs} runs, {samples} samples\n"
        f"{platform.system()} {platform.machine()}, {os.cpu_count()} cores, Python "
        f"{platform.python_version()}, PySide6 {version('PySide6-Essentials')}, "
        f"SQLAlchemy {version('SQLAlchemy')}{servers}, QT_QPA_PLATFORM="
        f"{os.environ['QT_QPA_PLATFORM']}\n"
    )


def sqlite_figures(scratch: Path, size: Size, runs: int, samples: int) -> list[Figure]:
    """Import first, while the process is small, so that its memory growth shows."""
    coder = coder_names(1)[0]
    target = scratch / "bench.stance"
    figures = attempt("import", lambda: [import_figure(scratch / "corpus", size.articles, runs)])
    figures += attempt("copies", lambda: [copies_figure(size.articles)])
    built_figures, project = built(target, size, runs, scratch)
    figures += built_figures
    if project is None:
        return figures
    with project:
        steps: list[tuple[str, Callable[[], list[Figure]]]] = [
            ("open", lambda: open_figures(target, coder, runs)),
            ("search index", lambda: [index_figure(project)]),
            ("search", lambda: [search_figure(project, coder, samples)]),
            ("article search", lambda: [article_search_figure(project, samples)]),
            ("export", lambda: export_figures(project, size.passages, runs)),
            ("statistics files", lambda: stats_figures(project, size.passages, runs)),
            ("charts", lambda: chart_figures(project, size.passages, runs)),
            ("agreement", lambda: agreement_figures(size.passages, max(runs, AGREEMENT_RUNS))),
            ("agreement report", lambda: [report_figure(project, size.passages, runs)]),
            ("check", lambda: [check_figure(project, size.articles, runs)]),
            ("switch and code", lambda: workbench_figures(project, coder, samples)),
            ("coding, driver alone", lambda: [bare_driver_figure(project, coder, samples)]),
            ("live refresh", lambda: live_figures(project, coder, samples)),
            ("team", lambda: team_figures(project, size.team_seconds)),
        ]  # the codings made last: the export counts the generated passages only
        for name, step in steps:
            figures += attempt(name, step)
    return figures


def postgres_figures(
    url: str, size: Size, runs: int, samples: int, peers: list[Figure]
) -> list[Figure]:
    coder = coder_names(1)[0]
    figures = attempt("empty the PostgreSQL database", lambda: wipe_benchmark_database(url))
    if figures:
        return figures
    figures, project = built(url, size, 1, None, PG_LABEL)
    if project is None:
        return figures
    with project:  # indexed first, as on SQLite, so that no window indexes while timed
        figures += attempt("search index" + PG_LABEL, lambda: [index_figure(project, PG_LABEL)])
        compared = attempt("open" + PG_LABEL, lambda: open_figures(url, coder, runs, PG_LABEL))
        compared += attempt(
            "switch and code" + PG_LABEL,
            lambda: workbench_figures(project, coder, samples, PG_LABEL),
        )
        compared += attempt(
            "live refresh" + PG_LABEL, lambda: live_figures(project, coder, samples, PG_LABEL)
        )
        floor = attempt(  # compared without a target: what the database itself costs
            "coding, driver alone" + PG_LABEL,
            lambda: [bare_driver_figure(project, coder, samples, PG_LABEL)],
        )
        team = attempt(
            "article search" + PG_LABEL,
            lambda: [article_search_figure(project, samples, PG_LABEL)],
        )
        team += attempt(
            "team" + PG_LABEL, lambda: team_figures(project, size.team_seconds, label=PG_LABEL)
        )
    by_name = {figure.name: figure for figure in peers}
    for figure in compared + floor:
        figure.peer = by_name.get(figure.name.removesuffix(PG_LABEL))
        figure.peer_label = "SQLite, same run"
    for figure in compared:
        if figure.peer is not None and (size.pg_ratio_everywhere or figure.peer.target()):
            figure.limit = figure.p95_limit = figure.memory_limit = None
            figure.ratio_limit = size.pg_ratio
    return figures + compared + floor + team


def built(
    target: str | Path, size: Size, runs: int, scratch: Path | None, label: str = ""
) -> tuple[list[Figure], Project | None]:
    """Time building the project (in throwaway copies for all runs but the last)."""
    name = f"build the synthetic project{label}"
    figure = Figure(name, "s", limit=size.build_limit)
    projects: list[Project] = []

    def build() -> None:
        where = scratch / f"build-{len(projects)}.stance" if scratch and projects else target
        projects.append(build_project(where, size.articles, size.coders, size.passages))

    try:
        measured(figure, build, runs)
    except Exception as exc:  # a benchmark that fails is reported, not fatal
        return [failed(name, exc)], None
    for extra in projects[1:]:
        extra.close()
    return [figure], projects[0]


def attempt(name: str, step: Callable[[], object]) -> list[Figure]:
    """Run one benchmark step; each starts from a collected heap, not the last one's garbage."""
    if name in SKIPPED:
        print(f"… {name}: skipped", file=sys.stderr, flush=True)
        return []
    print(f"… {name}", file=sys.stderr, flush=True)
    gc.collect()
    began = time.perf_counter()
    try:
        result = step()
    except Exception as exc:  # a benchmark that fails is reported, not fatal
        return [failed(name, exc)]
    print(f"  {time.perf_counter() - began:.1f} s", file=sys.stderr, flush=True)
    figures = result if isinstance(result, list) else []
    for row in table(figures, judge=False).splitlines()[2:]:  # kept if a long run is stopped
        print(f"  {row}", file=sys.stderr, flush=True)
    return figures


if __name__ == "__main__":
    sys.exit(main())
