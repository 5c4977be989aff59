"""The article search on its own (`matching_articles` for the benchmark's words in turn, as
the list asks it): the database's part of what the window's search figure waits for. On
SQLite the articles the build left waiting are indexed first, as the window does in the
background; that is timed too, once."""

from __future__ import annotations

import itertools

from bench_workbench import SEARCHES
from measure import Figure, measured
from sqlalchemy import func, select

from stancecoder.db.models import Article
from stancecoder.services.articles import matching_articles
from stancecoder.services.project import Project
from stancecoder.services.search_index import index_waiting


def index_figure(project: Project) -> Figure:
    """`index_waiting` on every article: what the window does after an import, unwaited."""
    figure = Figure(f"index {_articles(project):,} articles for the search (background)", "s")
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
