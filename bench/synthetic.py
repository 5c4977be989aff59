"""A deterministic synthetic corpus: article files to import, or a whole coded project.

    python bench/synthetic.py files DIR --articles N [--seed S]
    python bench/synthetic.py project TARGET --articles N --coders K --passages P [--seed S]

TARGET is a `.stance` path or an empty PostgreSQL database URL. A project is written
straight into the database with bulk inserts in one transaction (one service call per
passage takes 3–6 ms: 5–10 minutes for 100,000), but it is a project like any other:
`stancecoder check` finds it sound, quotes equal their text slices in code points, every
passage records the codebook version, codes belong to their variables, and every article
has a status per coder. The same seed gives the same texts, metadata,
passages and uids.
"""

from __future__ import annotations

import argparse
import random
import sys
import time
from collections import defaultdict
from datetime import UTC, datetime, timedelta
from pathlib import Path

from sqlalchemy import Connection, insert, select
from synthetic_codings import CodePools, PlannedPassage, passage_counts, plan_passages
from synthetic_text import SyntheticArticle, make_article

from stancecoder.core.errors import StanceCoderError
from stancecoder.core.newsmeta import split_news_header
from stancecoder.db.models import (
    Article,
    ArticleCode,
    Assignment,
    Code,
    ImportBatch,
    Passage,
    PassageCode,
    Setting,
    Variable,
)
from stancecoder.services.coders import add_coder
from stancecoder.services.corpus import text_digest
from stancecoder.services.project import Project, create_project

PROJECT_NAME = "StanceCoder benchmark"
CODER_NAMES = ["Alice", "Bob", "Chloé", "Dmitri", "Eun-ji", "Farid", "Greta", "Hiroshi"]
CHUNK = 500  # articles generated and inserted at a time, to keep memory flat


def coder_names(count: int) -> list[str]:
    return [CODER_NAMES[i] if i < len(CODER_NAMES) else f"Coder {i + 1}" for i in range(count)]


def file_name(number: int, articles: int) -> str:
    return f"article_{number:0{max(5, len(str(articles)))}d}.txt"


def write_files(folder: Path, n: int, seed: int = 1) -> list[Path]:
    """`n` articles as .txt files the importer reads; some with CRLF or a byte order mark,
    which it must undo, so that the imported texts equal the generated ones."""
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for number in range(1, n + 1):
        raw = make_article(seed, number).text
        if number % 20 == 3:
            raw = raw.replace("\n", "\r\n")
        path = folder / file_name(number, n)
        path.write_text(raw, encoding="utf-8-sig" if number % 20 == 7 else "utf-8", newline="")
        paths.append(path)
    return paths


def build_project(
    target: str | Path,
    articles: int = 10_000,
    coders: int = 3,
    passages: int = 100_000,
    seed: int = 1,
    codebook: Path | None = None,
) -> Project:
    """Create a coded project at `target` (see the module doc) and return it open."""
    if coders < 1:
        raise ValueError("need at least one coder")
    counts = passage_counts(articles, passages, seed)
    project = create_project(target, codebook, name=PROJECT_NAME)
    try:
        coder_ids = [add_coder(project, name).id for name in coder_names(coders)]
        with project.store.engine.begin() as connection:
            _Writer(connection, coder_ids, seed, articles).write(counts)
    except BaseException:
        project.close()
        raise
    return project


class _Writer:
    """Turns generated articles and planned passages into rows, chunk by chunk."""

    def __init__(self, connection: Connection, coder_ids: list[int], seed: int, total: int):
        self.connection, self.coder_ids, self.seed, self.total = connection, coder_ids, seed, total
        self.version = connection.scalar(
            select(Setting.value).where(Setting.key == "codebook_version")
        )
        self.pools, self.variables, self.genres = _code_pools(connection)
        self.imported_at = datetime.now(UTC)
        self.next_passage = 1

    def write(self, counts: list[int]) -> None:
        batch = f"synthetic corpus, seed {self.seed}, {self.total} articles"
        self.connection.execute(
            insert(ImportBatch), [{"id": 1, "started_at": self.imported_at, "description": batch}]
        )
        for first in range(0, len(counts), CHUNK):
            numbers = range(first + 1, min(first + CHUNK, len(counts)) + 1)
            self._chunk([make_article(self.seed, n) for n in numbers], counts)
        if self.connection.dialect.name == "postgresql":
            # the ids were given explicitly: move the server's counters past them
            for table in ("import_batch", "article", "passage"):
                counter = f"pg_get_serial_sequence('{table}', 'id')"
                self.connection.exec_driver_sql(
                    f"SELECT setval({counter}, (SELECT max(id) FROM {table}))"
                )
            # the planner's statistics, as autovacuum would gather them on a live server
            self.connection.exec_driver_sql("ANALYZE")

    def _chunk(self, generated: list[SyntheticArticle], counts: list[int]) -> None:
        rows: dict[type, list[dict[str, object]]] = defaultdict(list)
        for article in generated:
            rows[Article].append(self._article_row(article))
            rng = random.Random(self.seed * 7_000_003 + article.number)
            count = counts[article.number - 1]
            coders = len(self.coder_ids)
            plan = plan_passages(rng, article.text, article.sentences, count, coders, self.pools)
            for passage in plan:
                row, codes = self._passage_rows(rng, article, passage)
                rows[Passage].append(row)
                rows[PassageCode].extend(codes)
            self._statuses(rng, article.number, {p.coder for p in plan}, rows)
        for model in (Article, Passage, PassageCode, Assignment, ArticleCode):
            if rows[model]:
                self.connection.execute(insert(model), rows[model])

    def _statuses(
        self,
        rng: random.Random,
        article_id: int,
        coded: set[int],
        rows: dict[type, list[dict[str, object]]],
    ) -> None:
        """Each coder's status on the article; a genre for each article marked done."""
        for index, coder_id in enumerate(self.coder_ids):
            status = rng.choices(("done", "doing"), (85, 15))[0] if index in coded else "todo"
            key = {"article_id": article_id, "coder_id": coder_id}
            rows[Assignment].append({**key, "status": status, "updated_at": self.imported_at})
            if status == "done":
                genre = {"code_id": rng.choice(self.genres), "variable_id": self.variables["genre"]}
                rows[ArticleCode].append({**key, **genre, "codebook_version": self.version})

    def _article_row(self, article: SyntheticArticle) -> dict[str, object]:
        header = split_news_header(article.text)
        rng = random.Random(self.seed * 5_000_011 + article.number)
        return {
            "id": article.number,
            "uid": _uid(rng),
            "external_id": Path(file_name(article.number, self.total)).stem,
            "title": header.title,
            "source": header.source,
            "author": header.author,
            "dateline": header.dateline,
            "published": header.published,
            "url": None,
            "language": None,
            "text": article.text,
            "text_sha256": text_digest(article.text),
            "imported_at": self.imported_at,
            "batch_id": 1,
            "extra": "{}",
        }

    def _passage_rows(
        self, rng: random.Random, article: SyntheticArticle, passage: PlannedPassage
    ) -> tuple[dict[str, object], list[dict[str, int]]]:
        passage_id = self.next_passage
        self.next_passage += 1
        day = datetime.combine(article.published, datetime.min.time(), UTC)
        created = day + timedelta(days=rng.randrange(30), seconds=rng.randrange(86_400))
        row = {
            "id": passage_id,
            "uid": _uid(rng),
            "article_id": article.number,
            "coder_id": self.coder_ids[passage.coder],
            "start": passage.start,
            "end": passage.end,
            "quote": article.text[passage.start : passage.end],
            "memo": passage.memo,
            "created_at": created,
            "updated_at": created,
            "version": 1,
            "codebook_version": self.version,
        }
        chosen = [("actor", passage.actor), ("topic", passage.topic), ("stance", passage.stance)]
        codes = [
            {"passage_id": passage_id, "code_id": code, "variable_id": self.variables[name]}
            for name, code in chosen
            if code is not None
        ]
        return row, codes


def _code_pools(connection: Connection) -> tuple[CodePools, dict[str, int], list[int]]:
    variables = dict(connection.execute(select(Variable.name, Variable.id)).all())
    missing = {"actor", "topic", "stance", "genre"} - set(variables)
    if missing:
        raise ValueError(f"the codebook lacks the variable(s) {', '.join(sorted(missing))}")

    def codes(name: str) -> list[int]:
        query = select(Code.id).where(Code.variable_id == variables[name], Code.active.is_(True))
        return list(connection.scalars(query.order_by(Code.value, Code.position)))

    pools = CodePools(codes("actor"), codes("topic"), codes("stance"))
    return pools, variables, codes("genre")


def _uid(rng: random.Random) -> str:
    return f"{rng.getrandbits(128):032x}"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    kinds = parser.add_subparsers(dest="kind", required=True)
    files = kinds.add_parser("files", help="write article .txt files to a folder")
    files.add_argument("folder", type=Path)
    made = kinds.add_parser("project", help="create a coded project")
    made.add_argument("target")
    made.add_argument("--coders", type=int, default=3)
    made.add_argument("--passages", type=int, default=100_000)
    for command in (files, made):
        command.add_argument("--articles", type=int, default=10_000)
        command.add_argument("--seed", type=int, default=1)
    args = parser.parse_args(argv)
    began = time.perf_counter()
    try:
        if args.kind == "files":
            write_files(args.folder, args.articles, args.seed)
            made_what = f"{args.articles} article files in {args.folder}"
        else:
            build_project(args.target, args.articles, args.coders, args.passages, args.seed).close()
            made_what = (
                f"{args.articles} articles, {args.coders} coders, {args.passages} passages "
                f"in {args.target}"
            )
    except (StanceCoderError, ValueError, OSError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    print(f"{made_what} ({time.perf_counter() - began:.1f} s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
