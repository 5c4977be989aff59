"""The article search on its own (`matching_articles` for the benchmark's words in turn, as
the list asks it): the database's part of what the window's search figure waits for. The
articles the build left waiting are indexed first, as the window does in the background;
that is timed too, once.

    python bench/bench_search.py --articles 100000 [--samples 60] [--postgres URL]

runs them alone on a project of that many articles (and a tenth as many passages).
"""

from __future__ import annotations

import argparse
import itertools
import sys
import tempfile
import time
from pathlib import Path

from bench_workbench import SEARCHES
from measure import Figure, measured, table
from postgres import PG_LABEL, wipe_benchmark_database
from sqlalchemy import func, select
from synthetic import build_project

from stancecoder.db.models import Article
from stancecoder.services.articles import matching_articles
from stancecoder.services.project import Project
from stancecoder.services.search_index import index_waiting


def index_figure(project: Project, label: str = "") -> Figure:
    """`index_waiting` on every article: what the window does after an import, unwaited."""
    articles = _articles(project)
    figure = Figure(f"index {articles:,} articles for the search (background){label}", "s")
    return measured(figure, lambda: index_waiting(project), 1)


def article_search_figure(project: Project, samples: int, label: str = "") -> Figure:
    """The issue's target: < 50 ms median at 10,000 articles, < 100 ms at 100,000."""
    articles = _articles(project)
    limit = 50 if articles <= 10_000 else 100
    figure = Figure(f"article search over {articles:,} articles{label}", "ms", limit=limit)
    words = itertools.cycle(SEARCHES)
    return measured(figure, lambda: matching_articles(project, next(words)), samples)


def _articles(project: Project) -> int:
    with project.reading() as session:
        return session.scalar(select(func.count()).select_from(Article)) or 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, default=10_000)
    parser.add_argument("--samples", type=int, default=60)
    parser.add_argument("--postgres")
    args = parser.parse_args()
    size = (args.articles, 3, args.articles // 10)
    figures = []
    with tempfile.TemporaryDirectory() as scratch:
        began = time.perf_counter()
        with build_project(Path(scratch) / "search.stance", *size) as project:
            print(f"built in {time.perf_counter() - began:.0f} s", file=sys.stderr)
            figures += [index_figure(project), article_search_figure(project, args.samples)]
    if args.postgres:
        wipe_benchmark_database(args.postgres)
        with build_project(args.postgres, *size) as project:
            figures += [
                index_figure(project, PG_LABEL),
                article_search_figure(project, args.samples, PG_LABEL),
            ]
    print(table(figures))
    return 0


if __name__ == "__main__":
    sys.exit(main())
