"""A project opened a second time in the same process (a second window, a script beside
the window) leaves the first open's locks alone: the first still sees what other processes
commit. Closing any descriptor of the file drops every POSIX lock the process holds on it,
so opening must not read the file with anything but SQLite."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from sqlalchemy import func, select

from stancecoder.db.models import Passage
from stancecoder.services.articles import list_articles
from stancecoder.services.coders import add_coder
from stancecoder.services.commands import CreatePassage
from stancecoder.services.corpus import import_corpus
from stancecoder.services.project import Project, create_project, open_project

SEEDS = Path(__file__).resolve().parents[2] / "seeds"

WRITER = """
import sys
from stancecoder.services.commands import CreatePassage
from stancecoder.services.project import open_project
with open_project(sys.argv[1]) as project:
    for n in range(20):
        CreatePassage(int(sys.argv[2]), "Alice", n, n + 5).apply(project)
"""


def passages(project: Project) -> int:
    with project.reading() as session:
        return session.scalar(select(func.count(Passage.id))) or 0


def test_the_first_open_still_sees_another_process_write(tmp_path: Path) -> None:
    path = tmp_path / "twice.stance"
    with create_project(path) as project:
        import_corpus(project, [SEEDS])
        add_coder(project, "Alice")
        article = list_articles(project)[0].id
    with open_project(path) as first:
        assert passages(first) == 0
        open_project(path).close()
        subprocess.run([sys.executable, "-c", WRITER, str(path), str(article)], check=True)
        assert passages(first) == 20
        CreatePassage(article, "Alice", 40, 45).apply(first)  # onto what the others wrote
    with open_project(path) as again:
        assert passages(again) == 21
