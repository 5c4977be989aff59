"""SIGKILL during `stancecoder import`: nothing half-imported, ever.

The import stores the files it has read a chunk at a time, one transaction per chunk
(`services.corpus.CHUNK_ARTICLES` articles at most). Some kills are placed: the process is
stopped just before it commits a chosen chunk (the first, the second, the fourth: the
texts fill three chunks at least, so the tables of several rows are not stored before it),
every row of it written and none committed, and killed there, so that chunk's files must
be missing whole and every file before them stored. The others
land at random moments of a real import process (reading a file, inside a chunk's
transaction, committing it), on a fresh copy of the same project: aimed at a random
number of stored articles, then up to 4 ms later. After each, the project must open,
`check` must find nothing wrong, and every file must be in it wholly or not at all; the
import run again must then finish the job. On PostgreSQL the server rolls back what a
killed client left open; fewer kills there keep the time down.
"""

from __future__ import annotations

import random
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
from collections import Counter
from collections.abc import Callable
from pathlib import Path

import pytest
from sqlalchemy import create_engine, select

from stancecoder.core.text import canonical_text
from stancecoder.db.engine import engine_url
from stancecoder.db.models import Article
from stancecoder.io.corpus import expand_paths
from stancecoder.services.check import check_project
from stancecoder.services.corpus import CHUNK_ARTICLES, import_corpus
from stancecoder.services.corpus_store import text_digest
from stancecoder.services.project import create_project, open_project

REPO = Path(__file__).resolve().parents[2]
RANDOM_KILLS = 8
RANDOM_KILLS_ON_SERVER = 3
SEED = 20241205
TEXTS, TABLES, ROWS = 3 * CHUNK_ARTICLES, 8, 8
# the files are imported in their names' order, the texts first: they fill the first three
# commits at least, so the tables come in the fourth or later
PLACED_KILLS = (1, 2, 4)
RERUN_EVERY = 3

pytestmark = pytest.mark.skipif(sys.platform != "linux", reason="POSIX signals")


def write_corpus(folder: Path) -> dict[str, set[str]]:
    """Synthetic articles and tables of several rows; file name -> its articles' digests."""
    command = [sys.executable, REPO / "bench" / "synthetic.py", "files", folder]
    subprocess.run([*command, "--articles", str(TEXTS)], check=True, capture_output=True)
    for table in range(TABLES):
        rows = [f"t{table}-{row},Row {row} of table {table} on the treaty." for row in range(ROWS)]
        (folder / f"table{table:02}.csv").write_text(
            "id,text\n" + "\n".join(rows) + "\n", encoding="utf-8"
        )
    files = {}
    for path in folder.iterdir():
        if path.suffix == ".txt":
            files[path.name] = {text_digest(canonical_text(path.read_text(encoding="utf-8")))}
        else:
            texts = [line.split(",", 1)[1] for line in path.read_text("utf-8").splitlines()[1:]]
            files[path.name] = {text_digest(canonical_text(text)) for text in texts}
    return files


def stored_digests(target: str | Path) -> Counter[str]:
    with open_project(target) as project:
        assert check_project(project) == []
        with project.transaction() as session:
            return Counter(session.scalars(select(Article.text_sha256)))


def test_killed_imports_leave_whole_files_and_a_rerun_finishes(
    project_target: str | Path,
    tmp_path: Path,
    kill_stancecoder: Callable,
    kill_stancecoder_at_commit: Callable,
    stancecoder_cli: Callable,
) -> None:
    corpus = tmp_path / "corpus"
    files = write_corpus(corpus)
    every = set().union(*files.values())
    order = [path.name for path in expand_paths([corpus]).files]
    create_project(project_target).close()
    on_server = isinstance(project_target, str)
    randoms = random.Random(SEED)
    kills = [*PLACED_KILLS, *([None] * (RANDOM_KILLS_ON_SERVER if on_server else RANDOM_KILLS))]
    fresh, count, close = (_server if on_server else _file)(project_target, tmp_path)
    outcomes: Counter[str] = Counter()
    started = time.monotonic()
    for kill, placed in enumerate(kills):
        fresh()
        if placed is not None:
            status = kill_stancecoder_at_commit(
                "import", project_target, corpus, statement=r"INSERT INTO article\b", commit=placed
            )
        else:
            # Aimed at a random stage of the import, then a random moment within a file or two.
            stage, delay = randoms.randrange(len(every)), randoms.uniform(0, 0.004)
            status = kill_stancecoder(
                "import",
                project_target,
                corpus,
                delay=delay,
                counting_from=lambda stage=stage: count() >= stage,
            )
        if kill == len(kills) - 1:
            check = stancecoder_cli("check", project_target)
            assert check.returncode == 0 and check.stdout.strip() == "ok: no problems found"
        stored = stored_digests(project_target)
        assert max(stored.values(), default=1) == 1, "an article was stored twice"
        assert set(stored) <= every, "an article that is no file's was stored"
        whole = []
        for name in order:
            present = files[name] & set(stored)
            assert present in (set(), files[name]), f"{name} is half imported: {len(present)} rows"
            whole.append(present == files[name])
        if placed is not None:  # killed with a chunk written but not committed
            stored_files = sum(whole)
            assert status == -signal.SIGKILL, placed
            assert whole == [True] * stored_files + [False] * (len(order) - stored_files)
            assert (stored_files == 0) == (placed == 1), (placed, stored_files)
            assert not whole[-1], "the tables' chunk was stored"
        outcomes[_outcome(status, len(stored), len(every))] += 1
        if kill % RERUN_EVERY == 0:
            with open_project(project_target) as project:
                rerun = import_corpus(project, [corpus])
            assert rerun.ok and len(rerun.imported) == len(every) - len(stored)
            assert set(stored_digests(project_target)) == every
    close()
    elapsed = time.monotonic() - started
    print(f"{len(kills)} kills in {elapsed:.1f} s: {dict(outcomes)}")
    assert outcomes["killed while importing"] >= len(kills) // 2


def _file(target: Path, tmp_path: Path) -> tuple[Callable[[], None], Callable[[], int], Callable]:
    """A fresh copy of the new project before each kill, its articles counted beside the
    running import (SQLite's WAL lets a reader look while the writer works), and the
    reader closed at the end."""
    template = tmp_path / "template.stance"
    shutil.copy(target, template)
    readers: list[sqlite3.Connection] = []

    def close() -> None:
        while readers:
            readers.pop().close()

    def fresh() -> None:
        close()
        # A killed process leaves its write-ahead log, which would be replayed into the copy.
        for suffix in ("-wal", "-shm"):
            Path(f"{target}{suffix}").unlink(missing_ok=True)
        shutil.copy(template, target)
        readers.append(sqlite3.connect(f"file:{target}?mode=ro", uri=True))

    def count() -> int:
        time.sleep(0.004)
        return readers[0].execute("SELECT count(*) FROM article").fetchone()[0]

    return fresh, count, close


def _server(target: str, tmp_path: Path) -> tuple[Callable[[], None], Callable[[], int], Callable]:
    """The same for a project on the server: its imported rows deleted before each kill."""
    engine = create_engine(engine_url(target), isolation_level="AUTOCOMMIT")

    def fresh() -> None:
        with engine.connect() as connection:
            connection.exec_driver_sql("DELETE FROM article")
            connection.exec_driver_sql("DELETE FROM import_batch")

    def count() -> int:
        time.sleep(0.004)
        with engine.connect() as connection:
            return connection.exec_driver_sql("SELECT count(*) FROM article").scalar_one()

    return fresh, count, engine.dispose


def _outcome(status: int, stored: int, expected: int) -> str:
    if status == 0:
        return "finished before the kill"
    if stored == 0:
        return "killed before storing anything"
    return "killed while importing" if stored < expected else "killed after the last commit"
