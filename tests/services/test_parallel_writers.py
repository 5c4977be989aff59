"""Parallel writers on one project wait their turn instead of failing: five coders'
processes adding passages while two folder imports run beside them, on SQLite and on
PostgreSQL. Every write must
land once: none refused as "database is locked", none lost, none duplicated. The coders
are writing before the imports start and go on until both have ended."""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from time import monotonic

import pytest
from sqlalchemy import func, select

from stancecoder.db import engine
from stancecoder.db.models import Article, Coder, Passage
from stancecoder.services.coders import add_coder
from stancecoder.services.commands import CreatePassage
from stancecoder.services.corpus import import_corpus
from stancecoder.services.project import Project, create_project, open_project

WRITERS = 5
FILES_PER_FOLDER = 150

CODER = """
import json, os, sys, time
from stancecoder.core.errors import StanceCoderError
from stancecoder.services.coders import add_coder
from stancecoder.services.commands import CreatePassage
from stancecoder.services.project import open_project

path, coder, stop, article = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4])
PAUSE = 0.005
added, refused = 0, []
with open_project(path) as project:
    try:
        add_coder(project, coder)
    except StanceCoderError as exc:
        refused.append(f"adding the coder: {exc}")
    while not refused and not (added and os.path.exists(stop)):
        try:
            CreatePassage(article, coder, added, added + 1).apply(project)
            added += 1
        except StanceCoderError as exc:
            refused.append(str(exc))
        if added == 1 or refused:
            print("writing", flush=True)
        time.sleep(PAUSE)  # a window never writes back to back; a person's pace is seconds
print(json.dumps({"added": added, "refused": refused}))
"""

HOLDER = """
import sqlite3, sys, time
connection = sqlite3.connect(sys.argv[1], isolation_level=None)
connection.execute("BEGIN IMMEDIATE")
print("held", flush=True)
time.sleep(float(sys.argv[2]))
connection.execute("COMMIT")
"""


def _folder(root: Path, name: str) -> Path:
    folder = root / name
    folder.mkdir()
    for index in range(FILES_PER_FOLDER):
        text = f"Report {name} {index}: the council met and voted on the budget again."
        (folder / f"{index:04}.txt").write_text(text, encoding="utf-8")
    return folder


def _count(project: Project, column: object) -> int:
    with project.reading() as session:
        return session.scalar(select(func.count(column))) or 0


def test_five_coders_and_two_imports_all_land(
    tmp_path: Path, project_target: str | Path, stancecoder_argv: Callable[..., list[str]]
) -> None:
    path = project_target
    long_article = tmp_path / "long.txt"
    long_article.write_text("letters" * 10_000, encoding="utf-8")
    with create_project(path) as project:
        (article_id,) = import_corpus(project, [long_article]).imported
    folders = [_folder(tmp_path, name) for name in ("north", "south")]
    stop = tmp_path / "stop"

    coders = [
        subprocess.Popen(
            [sys.executable, "-c", CODER, str(path), f"coder{n}", str(stop), str(article_id)],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for n in range(WRITERS)
    ]
    for process in coders:
        assert process.stdout is not None and process.stdout.readline() == "writing\n"
    imports = [
        subprocess.Popen(
            stancecoder_argv("import", path, folder),
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for folder in folders
    ]
    for process in imports:
        out, err = process.communicate(timeout=60)
        assert process.returncode == 0, out + err
    stop.touch()
    results = []
    for process in coders:
        out, err = process.communicate(timeout=60)
        assert process.returncode == 0, err
        results.append(json.loads(out))

    assert [r["refused"] for r in results] == [[]] * WRITERS
    assert all(r["added"] > 0 for r in results)
    with open_project(path) as project:
        assert _count(project, Coder.id) >= WRITERS
        assert _count(project, Article.id) == 1 + 2 * FILES_PER_FOLDER
        assert _count(project, Passage.id) == sum(r["added"] for r in results)
        with project.reading() as session:
            spans = select(Passage.coder_id, Passage.start, func.count()).group_by(
                Passage.coder_id, Passage.start
            )
            assert [row for row in session.execute(spans) if row[2] > 1] == []


def test_a_command_is_run_again_when_the_lock_stays_taken_past_the_busy_timeout(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # a second's busy timeout instead of five: the lock is held for one and a half, so
    # the first attempt gives up and the second gets through, with a second to spare
    monkeypatch.setattr(engine, "BUSY_TIMEOUT_MS", 1000)
    path = tmp_path / "held.stance"
    article = tmp_path / "article.txt"
    article.write_text("The council met and voted on the budget.", encoding="utf-8")
    with create_project(path) as project:
        (article_id,) = import_corpus(project, [article]).imported
        add_coder(project, "Alice")
        held_s = 1.5 * engine.BUSY_TIMEOUT_MS / 1000
        holder = subprocess.Popen(
            [sys.executable, "-c", HOLDER, str(path), str(held_s)],
            stdout=subprocess.PIPE, text=True,
        )  # fmt: skip
        assert holder.stdout is not None and holder.stdout.readline() == "held\n"
        began = monotonic()
        CreatePassage(article_id, "Alice", 4, 11).apply(project)
        assert monotonic() - began > engine.BUSY_TIMEOUT_MS / 1000
        assert holder.wait(timeout=30) == 0
        assert _count(project, Passage.id) == 1
