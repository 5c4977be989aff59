"""The rows of the synthetic project for a run of articles: generated text, planned
passages, their codes, every coder's status and the genre of articles marked done.

Everything a chunk needs is in `RowPlan`, and a chunk's rows depend on the seed and the
article numbers alone: the same seed gives the same project.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from synthetic_codings import CodePools, PlannedPassage, plan_passages
from synthetic_text import SyntheticArticle, make_article

from stancecoder.core.newsmeta import split_news_header
from stancecoder.services.corpus_store import text_digest

Row = tuple[Any, ...]
COLUMNS: dict[str, tuple[str, ...]] = {  # the order the rows' values come in, parents first
    "article": (
        "id", "uid", "external_id", "title", "source", "author", "dateline", "published", "url",
        "language", "text", "text_sha256", "imported_at", "batch_id", "extra",
    ),
    "passage": (
        "id", "uid", "article_id", "coder_id", "start", "end", "quote", "memo", "created_at",
        "updated_at", "version", "codebook_version",
    ),
    "passage_code": ("passage_id", "code_id", "variable_id"),
    "assignment": ("article_id", "coder_id", "status", "updated_at"),
    "article_code": ("article_id", "coder_id", "code_id", "variable_id", "codebook_version"),
}  # fmt: skip


def file_name(number: int, articles: int) -> str:
    return f"article_{number:0{max(5, len(str(articles)))}d}.txt"


@dataclass(frozen=True)
class Chunk:
    """Articles `first`, `first + 1`, ... with `counts[i]` passages each, the first
    passage numbered `first_passage`."""

    first: int
    counts: list[int]
    first_passage: int


@dataclass(frozen=True)
class RowPlan:
    """What every chunk's rows share: the project's ids and the run's settings."""

    seed: int
    total: int  # articles in the project, for the file names
    coder_ids: list[int]
    pools: CodePools
    variables: dict[str, int]
    genres: list[int]
    version: str | None
    imported_at: datetime

    def rows(self, chunk: Chunk) -> dict[str, list[Row]]:
        rows: dict[str, list[Row]] = {table: [] for table in COLUMNS}
        passage_id = chunk.first_passage
        for offset, count in enumerate(chunk.counts):
            article = make_article(self.seed, chunk.first + offset)
            rows["article"].append(self._article_row(article))
            rng = random.Random(self.seed * 7_000_003 + article.number)
            coders = len(self.coder_ids)
            plan = plan_passages(rng, article.text, article.sentences, count, coders, self.pools)
            for passage in plan:
                row, codes = self._passage_rows(rng, article, passage, passage_id)
                passage_id += 1
                rows["passage"].append(row)
                rows["passage_code"].extend(codes)
            self._statuses(rng, article.number, {p.coder for p in plan}, rows)
        return rows

    def _statuses(
        self, rng: random.Random, article_id: int, coded: set[int], rows: dict[str, list[Row]]
    ) -> None:
        """Each coder's status on the article; a genre for each article marked done."""
        for index, coder_id in enumerate(self.coder_ids):
            status = rng.choices(("done", "doing"), (85, 15))[0] if index in coded else "todo"
            rows["assignment"].append((article_id, coder_id, status, self.imported_at))
            if status == "done":
                genre = rng.choice(self.genres)
                rows["article_code"].append(
                    (article_id, coder_id, genre, self.variables["genre"], self.version)
                )

    def _article_row(self, article: SyntheticArticle) -> Row:
        header = split_news_header(article.text)
        rng = random.Random(self.seed * 5_000_011 + article.number)
        external_id = Path(file_name(article.number, self.total)).stem
        return (
            article.number, _uid(rng), external_id, header.title, header.source, header.author,
            header.dateline, header.published, None, None, article.text,
            text_digest(article.text), self.imported_at, 1, "{}",
        )  # fmt: skip

    def _passage_rows(
        self, rng: random.Random, article: SyntheticArticle, passage: PlannedPassage, number: int
    ) -> tuple[Row, list[Row]]:
        day = datetime.combine(article.published, datetime.min.time(), UTC)
        created = day + timedelta(days=rng.randrange(30), seconds=rng.randrange(86_400))
        quote = article.text[passage.start : passage.end]
        coder_id = self.coder_ids[passage.coder]
        row = (
            number, _uid(rng), article.number, coder_id, passage.start, passage.end, quote,
            passage.memo, created, created, 1, self.version,
        )  # fmt: skip
        chosen = [("actor", passage.actor), ("topic", passage.topic), ("stance", passage.stance)]
        codes = [(number, code, self.variables[name]) for name, code in chosen if code is not None]
        return row, codes


def _uid(rng: random.Random) -> str:
    return f"{rng.getrandbits(128):032x}"
