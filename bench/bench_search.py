"""The article search on its own, through the index (SQLite FTS5 trigram, PostgreSQL
pg_trgm): the database's part of what the window's search figure waits for."""

from __future__ import annotations

import itertools

from bench_workbench import SEARCHES
from measure import Figure, measured
from sqlalchemy import func, select

from stancecoder.db.models import Article
from stancecoder.services.articles import matching_articles
from stancecoder.services.project import Project


def index_search_figure(project: Project, samples: int, label: str = "") -> Figure:
    """`matching_articles` for the benchmark's words in turn, as the list asks it."""
    with project.reading() as session:
        articles = session.scalar(select(func.count()).select_from(Article)) or 0
    words = itertools.cycle(SEARCHES)
    figure = Figure(f"indexed article search over {articles:,} articles{label}", "ms", limit=50)
    return measured(figure, lambda: matching_articles(project, next(words)), samples)
