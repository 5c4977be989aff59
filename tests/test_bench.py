"""The benchmark suite keeps working: the runner at its tiny size (no timing is asserted)
and the synthetic corpus, which must be the same for the same seed and a sound project."""

from __future__ import annotations

import os
import re
import subprocess
import sys
import unicodedata
from pathlib import Path

import pytest
from sqlalchemy import select, text

from stancecoder.core.text import canonical_text
from stancecoder.db.models import Article, Passage
from stancecoder.services.articles import list_articles
from stancecoder.services.check import check_project
from stancecoder.services.coders import list_coders
from stancecoder.services.corpus import import_corpus
from stancecoder.services.project import Project, create_project

BENCH = Path(__file__).resolve().parents[1] / "bench"
sys.path.insert(0, str(BENCH))

from bench_bare_driver import replaying  # noqa: E402
from synthetic import build_project, write_files  # noqa: E402
from synthetic_codings import HEAVY_SHARE  # noqa: E402
from synthetic_text import MAX_LENGTH, MIN_LENGTH, make_article  # noqa: E402

ROWS = [
    "build the synthetic project",
    "import 30 .txt articles",
    "find copies among 30 articles",
    "open project → first article shown",
    "the same from the first import",
    "index 30 articles for the search (background)",
    "full-text search over 30 articles",
    "article search over 30 articles",
    "Excel export of 300 passages",
    "bare openpyxl write-only loop, same rows",
    "SPSS file of 300 passages",
    "the same for Stata",
    "the same as CSV for R with its codebook",
    "SPSS file, a row per article and coder",
    "bare pyreadstat.write_sav, same rows",
    "chart data of 300 passages, each coder",
    "the same codings read for a table",
    "the chart written as PDF",
    "agreement α, 300 units × 3 coders, one variable",
    "α with the data ready",
    "the same from Python lists",
    "bootstrap CI, 1,000 replicates",
    "α and its bootstrap CI from the array",
    "krippendorff package, same array",
    "agreement report of 300 passages, matched unit",
    "stancecoder check on 30 articles",
    "switch article (text + 50 passages highlighted)",
    "create a coding from a selection, committed",
    "the same, committed + shown in the window",
    "a coding's statements through the driver alone",
    "look for others' changes, none",
    "look for others' changes, one coding",
    "coding, one writer alone",
    "coding, 5 writers at once",
]
PG_ROWS = [
    "build the synthetic project",
    "index 30 articles for the search (background)",
    "open project → first article shown",
    "the same from the first import",
    "switch article (text + 50 passages highlighted)",
    "create a coding from a selection, committed",
    "the same, committed + shown in the window",
    "look for others' changes, none",
    "look for others' changes, one coding",
    "a coding's statements through the driver alone",
    "article search over 30 articles",
    "coding, one writer alone",
    "coding, 5 writers at once",
]
MEDIAN = re.compile(r"\d+(\.\d+)?(e-\d+)? m?s")


@pytest.fixture
def bench_postgres(request: pytest.FixtureRequest) -> str | None:
    """The test database, emptied, when there is a test server; else None. A runner given a
    database measures SQLite and PostgreSQL in one run, so one run checks both back ends."""
    if not os.environ.get("STANCECODER_TEST_DATABASE_URL"):
        return None
    url: str = request.getfixturevalue("empty_postgres")
    return url


def test_runner_prints_every_figure(bench_postgres: str | None) -> None:
    environment = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    environment.pop("STANCECODER_BENCH_POSTGRES", None)
    # one run and three samples of each figure: their number changes nothing that is shown
    command = [sys.executable, str(BENCH / "run.py"), "--size", "tiny", "--runs", "1",
               "--samples", "3"]  # fmt: skip
    expected = list(ROWS)
    if bench_postgres is not None:
        command += ["--postgres", bench_postgres]
        expected += [f"{row} (PostgreSQL)" for row in PG_ROWS]
    result = subprocess.run(
        command, capture_output=True, text=True, env=environment, timeout=120, check=False
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "ERROR" not in result.stdout
    cells = [
        [cell.strip() for cell in line.strip("|").split("|")]
        for line in result.stdout.splitlines()
        if line.startswith("| ") and not line.startswith(("| figure", "| ---"))
    ]
    medians = {row[0]: row[1] for row in cells}
    assert sorted(medians) == sorted(expected)
    assert all(MEDIAN.fullmatch(median) for median in medians.values()), medians


def test_the_attribute_filters_bench_prints_its_figures(bench_postgres: str | None) -> None:
    command = [sys.executable, str(BENCH / "bench_attributes.py"), "--articles", "30",
               "--samples", "1"]  # fmt: skip
    if bench_postgres is not None:
        command += ["--postgres", bench_postgres]
    result = subprocess.run(command, capture_output=True, text=True, timeout=120, check=False)
    assert result.returncode == 0, result.stdout + result.stderr
    rows = [line for line in result.stdout.splitlines() if "article list, two sections" in line]
    assert len(rows) == (1 if bench_postgres is None else 2)


def test_the_round_trips_bench_counts_and_times_each_action(project_target: str | Path) -> None:
    """On a server each action's round trips are its statements and at least a COMMIT or a
    connection check more for a write; on SQLite only the times."""
    build_project(project_target, 200, 3, 2000).close()
    command = [sys.executable, str(BENCH / "bench_round_trips.py"), str(project_target),
               "--samples", "1"]  # fmt: skip
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    result = subprocess.run(
        command, capture_output=True, text=True, timeout=300, check=False, env=env
    )
    assert result.returncode == 0, result.stdout + result.stderr
    rows = {
        cells[0]: cells[1:]
        for line in result.stdout.splitlines()
        if line.startswith("| ") and not line.startswith(("| action", "| ---"))
        for cells in [[cell.strip() for cell in line.strip("|").split("|")]]
    }
    assert len(rows) == 5
    assert all(float(row[2]) > 0 for row in rows.values())  # a wall clock time each
    statements, trips = rows["create a coding, committed"][:2]
    if isinstance(project_target, str):
        assert int(trips) >= int(statements) + 2  # BEGIN and COMMIT
    else:
        assert (statements, trips) == ("", "")


def test_the_bare_driver_saves_the_captured_coding_again(project_target: str | Path) -> None:
    """The floor is the same work: each replay adds what the save it copies added, a
    passage over the same span with the same code, its history row and its log row."""
    with build_project(project_target, 200, 3, 2000) as project:
        with replaying(project, "Alice") as replay:
            saved = _saved(project, replay.saved.passage_id)
            before = _rows(project)
            replay()
            replay()
        added = {table: count - before[table] for table, count in _rows(project).items()}
        newest = _newest(project, 2)
    assert added == {"passage": 2, "passage_code": 2, "history": 2, "change_log": 2}
    assert [_saved(project, passage_id)[:2] for passage_id in newest] == [saved[:2]] * 2
    assert len({saved[2], *(_saved(project, passage_id)[2] for passage_id in newest)}) == 3


def _rows(project: Project) -> dict[str, int]:
    with project.transaction() as session:
        return {
            table: session.scalar(text(f"SELECT count(*) FROM {table}"))
            for table in ("passage", "passage_code", "history", "change_log")
        }


def _newest(project: Project, count: int) -> list[int]:
    with project.transaction() as session:
        return list(session.scalars(select(Passage.id).order_by(Passage.id.desc()).limit(count)))


def _saved(project: Project, passage_id: int) -> tuple[object, ...]:
    """A passage's span and codes, and its uid."""
    with project.transaction() as session:
        passage = session.get_one(Passage, passage_id)
        codes = sorted(code.code_id for code in passage.codes)
        return ((passage.article_id, passage.start, passage.end), codes, passage.uid)


def test_same_seed_same_articles_and_another_seed_others(tmp_path: Path) -> None:
    first = write_files(tmp_path / "a", 12, seed=4)
    second = write_files(tmp_path / "b", 12, seed=4)
    assert [p.read_bytes() for p in first] == [p.read_bytes() for p in second]
    assert make_article(4, 5) == make_article(4, 5)
    assert make_article(4, 5).text != make_article(5, 5).text


def test_texts_are_canonical_news_with_other_scripts_and_astral_emoji() -> None:
    articles = [make_article(1, number) for number in range(1, 301)]
    assert all(canonical_text(a.text) == a.text for a in articles)
    assert all(MIN_LENGTH <= len(a.text) <= MAX_LENGTH for a in articles)
    assert all(a.text[s:e].strip() == a.text[s:e] for a in articles for s, e in a.sentences)
    scripts = {
        name: sum(any(unicodedata.name(c, "").startswith(name) for c in a.text) for a in articles)
        for name in ("HANGUL", "CYRILLIC", "REGIONAL INDICATOR")
    }
    assert all(5 <= count <= 45 for count in scripts.values()), scripts
    assert sum(any(ord(c) > 0xFFFF for c in a.text) for a in articles) >= 5


def test_imported_files_equal_the_project_built_from_the_same_seed(tmp_path: Path) -> None:
    folder = tmp_path / "corpus"
    write_files(folder, 20, seed=2)  # numbers 3 and 7 have CRLF and a byte order mark
    with create_project(tmp_path / "imported.stance") as imported:
        assert len(import_corpus(imported, [folder]).imported) == 20
        expected = _articles(imported)
    with build_project(tmp_path / "built.stance", 20, 2, 100, seed=2) as built:
        assert _articles(built) == expected
    assert sum(row[3] is not None for row in expected) >= 15  # dates were read


def test_tiny_project_is_sound_with_the_numbers_asked(project_target: str | Path) -> None:
    with build_project(project_target, articles=30, coders=3, passages=300, seed=3) as project:
        assert check_project(project) == []
        assert [c.name for c in list_coders(project)] == ["Alice", "Bob", "Chloé"]
        rows = list_articles(project)
        assert len(rows) == 30
        assert sum(row.passages for row in rows) == 300
        assert HEAVY_SHARE in {row.passages for row in rows}
        assert {row.status for row in list_articles(project, "Bob")} == {"todo", "doing", "done"}
        with project.transaction() as session:
            versions = set(session.scalars(select(Passage.codebook_version)))
        assert versions == {"1.0"}


def test_same_seed_same_project(tmp_path: Path) -> None:
    shapes = []
    for name in ("one", "two"):
        project = build_project(tmp_path / f"{name}.stance", 8, 3, 60, seed=9)
        with project, project.transaction() as session:
            query = select(Passage.uid, Passage.article_id, Passage.start, Passage.quote)
            shapes.append(session.execute(query.order_by(Passage.id)).all())
    assert shapes[0] == shapes[1]
    assert len(shapes[0]) == 60


def _articles(project: Project) -> list[tuple[object, ...]]:
    columns = (Article.external_id, Article.title, Article.source, Article.published)
    with project.transaction() as session:
        query = select(*columns, Article.dateline, Article.author, Article.text)
        return [tuple(row) for row in session.execute(query.order_by(Article.external_id))]
