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
import sys
import time
from datetime import UTC, datetime
from pathlib import Path

from bulk_insert import insert_rows
from sqlalchemy import Connection, insert, select
from synthetic_codings import CodePools, passage_counts
from synthetic_rows import COLUMNS, Chunk, RowPlan, file_name
from synthetic_text import make_article

from stancecoder.core.errors import StanceCoderError
from stancecoder.db.models import Base, Code, ImportBatch, Setting, Variable
from stancecoder.services.coders import add_coder
from stancecoder.services.project import Project, create_project

PROJECT_NAME = "StanceCoder benchmark"
CODER_NAMES = ["Alice", "Bob", "Chloé", "Dmitri", "Eun-ji", "Farid", "Greta", "Hiroshi"]
CHUNK = 500  # articles generated and inserted at a time, to keep memory flat


def coder_names(count: int) -> list[str]:
    return [CODER_NAMES[i] if i < len(CODER_NAMES) else f"Coder {i + 1}" for i in range(count)]


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
            _write(connection, coder_ids, seed, counts)
    except BaseException:
        project.close()
        raise
    return project


def _write(connection: Connection, coder_ids: list[int], seed: int, counts: list[int]) -> None:
    """Every article's rows, a chunk at a time to keep memory flat. (Making the chunks in
    worker processes while this one writes was slower on two loaded cores: 16 s against
    11-13 s at 10,000 articles.)"""
    plan = _row_plan(connection, coder_ids, seed, len(counts))
    batch = f"synthetic corpus, seed {seed}, {len(counts)} articles"
    connection.execute(
        insert(ImportBatch), [{"id": 1, "started_at": plan.imported_at, "description": batch}]
    )
    tables = Base.metadata.tables
    for chunk in _chunks(counts):
        rows = plan.rows(chunk)
        for table, columns in COLUMNS.items():
            insert_rows(connection, tables[table], columns, rows[table])
    if connection.dialect.name == "postgresql":
        # the ids were given explicitly: move the server's counters past them
        for table in ("import_batch", "article", "passage"):
            counter = f"pg_get_serial_sequence('{table}', 'id')"
            connection.exec_driver_sql(f"SELECT setval({counter}, (SELECT max(id) FROM {table}))")
        # the planner's statistics, as autovacuum would gather them on a live server
        connection.exec_driver_sql("ANALYZE")


def _chunks(counts: list[int]) -> list[Chunk]:
    chunks, first_passage = [], 1
    for first in range(0, len(counts), CHUNK):
        share = counts[first : first + CHUNK]
        chunks.append(Chunk(first + 1, share, first_passage))
        first_passage += sum(share)
    return chunks


def _row_plan(connection: Connection, coder_ids: list[int], seed: int, total: int) -> RowPlan:
    version = connection.scalar(select(Setting.value).where(Setting.key == "codebook_version"))
    pools, variables, genres = _code_pools(connection)
    imported_at = datetime.now(UTC)
    return RowPlan(seed, total, coder_ids, pools, variables, genres, version, imported_at)


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
