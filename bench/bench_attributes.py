"""What the article list's date and attribute filters cost at 10,000 articles, and the way
not taken: matching the attributes' JSON in SQL (`json_extract` on SQLite, `->>` on a
cast to `jsonb` on PostgreSQL) instead of in Python after the rows are read.

    python bench/bench_attributes.py [--articles 10000] [--samples 15] [--postgres URL]

The synthetic articles get seven attributes each, as a Nexis Uni export gives them
(section out of twelve, region, length, load date, subjects, publication type, copyright).
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

from measure import Figure, table, timed
from postgres import PG_LABEL, wipe_benchmark_database
from sqlalchemy import ColumnElement, cast, func, select, update
from sqlalchemy.dialects.postgresql import JSONB
from synthetic import build_project, coder_names

from stancecoder.db.models import Article
from stancecoder.services.article_filters import AttributeFilter, attribute_values, date_range
from stancecoder.services.articles import ArticleQuery, list_articles
from stancecoder.services.project import Project

SECTIONS = [f"Section {n}" for n in range(12)]
CHOSEN = ("Section 1", "Section 2")


def give_attributes(project: Project, seed: int = 3) -> None:
    rng = random.Random(seed)
    with project.transaction() as session:
        for article_id in list(session.scalars(select(Article.id))):
            extra = {
                "section": rng.choice(SECTIONS),
                "region": rng.choice(["Asia", "Europe", "Americas"]),
                "length": f"{rng.randint(100, 2000)} words",
                "load-date": "June 20, 2024",
                "subject": "; ".join(rng.sample(["war", "trade", "energy", "nuclear"], 2)),
                "publication-type": "Newspaper",
                "copyright": "(c) 2024 Some Press",
            }
            row = update(Article).where(Article.id == article_id)
            session.execute(row.values(extra=json.dumps(extra)))


def _section_in_sql(dialect: str) -> ColumnElement[bool]:
    if dialect == "sqlite":
        return func.json_extract(Article.extra, '$."section"').in_(CHOSEN)
    return cast(Article.extra, JSONB)["section"].astext.in_(CHOSEN)


def attribute_figures(project: Project, samples: int, label: str = "") -> list[Figure]:
    coder = coder_names(1)[0]
    dialect = project.store.engine.dialect.name

    def in_sql() -> int:
        with project.reading() as session:
            query = select(Article.id).where(_section_in_sql(dialect))
            return len(session.execute(query).all())

    def figure(name: str, action: Callable[[], object]) -> Figure:
        return Figure(f"{name}{label}", "ms", timed(action, samples, "ms"))

    by_section = ArticleQuery(attribute=AttributeFilter("section", CHOSEN))
    return [
        figure("article list, no filter", lambda: list_articles(project, coder)),
        figure("article list, a date range", lambda: list_articles(
            project, coder, ArticleQuery(dates=date_range("2024-03", "2024-06")))),
        figure("article list, two sections", lambda: list_articles(project, coder, by_section)),
        figure("ids of two sections, JSON in SQL", in_sql),
        figure("every attribute's values counted", lambda: attribute_values(project)),
    ]  # fmt: skip


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, default=10_000)
    parser.add_argument("--samples", type=int, default=15)
    parser.add_argument("--postgres", help="also measure on this PostgreSQL database (see run.py)")
    args = parser.parse_args()
    figures = []
    with tempfile.TemporaryDirectory() as scratch:
        targets: list[tuple[str | Path, str]] = [(Path(scratch) / "bench.stance", "")]
        if args.postgres:
            wipe_benchmark_database(args.postgres)
            targets.append((args.postgres, PG_LABEL))
        for target, label in targets:
            with build_project(target, args.articles, 2, args.articles * 2) as project:
                give_attributes(project)
                figures += attribute_figures(project, args.samples, label)
    print(table(figures, judge=False))
    return 0


if __name__ == "__main__":
    sys.exit(main())
