"""`stancecoder import` in a real process, under faults: unreadable input, hostile names,
a full disk. What it prints is what a user sees; what it leaves is what they keep."""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from stancecoder.services.articles import list_articles
from stancecoder.services.check import check_project
from stancecoder.services.project import create_project, open_project

pytestmark = pytest.mark.skipif(sys.platform != "linux", reason="Linux process limits")


@pytest.fixture
def project_file(tmp_path: Path) -> Path:
    path = tmp_path / "study.stance"
    create_project(path).close()
    return path


@pytest.fixture
def locked(tmp_path: Path) -> Iterator[list[Path]]:
    """Paths whose mode is set to 000 by the test; their modes are restored afterwards."""
    paths: list[Path] = []
    yield paths
    for path in paths:
        path.chmod(0o700)


def write_articles(folder: Path, count: int, words: int = 300) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for n in range(count):
        path = folder / f"{n:04}.txt"
        path.write_text(f"Article {n}.\n\n" + f"word{n} " * words + "\n", encoding="utf-8")
        paths.append(path)
    return paths


def test_unreadable_folders_and_files_fail_by_name(
    stancecoder_cli: Callable,
    plain_user: Callable[[], None],
    project_file: Path,
    tmp_path: Path,
    locked: list[Path],
) -> None:
    corpus = tmp_path / "corpus"
    write_articles(corpus, 2)
    write_articles(corpus / "closed", 2)
    (corpus / "secret.txt").write_text("A secret article.\n", encoding="utf-8")
    for path in (corpus / "closed", corpus / "secret.txt"):
        path.chmod(0)
        locked.append(path)

    result = stancecoder_cli("import", project_file, corpus, preexec=plain_user)

    assert result.returncode == 1, result.stderr
    assert result.stderr.splitlines() == [
        "failed  closed: cannot read the folder (Permission denied)",
        "failed  secret.txt: cannot read the file (permission denied)",
    ]
    assert result.stdout.splitlines()[-1] == "2 imported, 0 skipped, 2 files failed"


def test_names_and_reasons_are_printed_escaped(
    stancecoder_cli: Callable, project_file: Path, tmp_path: Path
) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "\x1b[2Jclear.txt").write_bytes(bytes(range(256)) * 4)
    (corpus / os.fsdecode(b"caf\xe9\x07.txt")).write_text("An article.\n", encoding="utf-8")
    table = "\x1b]0;title\x07,x\n" + "a long enough row of plain text,2\n" * 10
    (corpus / "cols.csv").write_text(table, encoding="utf-8")
    (corpus / "again.txt").write_text("An article.\n", encoding="utf-8")

    result = stancecoder_cli("import", project_file, corpus)

    assert "\x1b" not in result.stdout + result.stderr
    assert "\x07" not in result.stdout + result.stderr
    assert result.stderr.splitlines() == [
        "failed  \\x1b[2Jclear.txt: not a text file (binary data)",
        "failed  cols.csv: missing column(s): text (columns found: \\x1b]0;title\\x07, x)",
    ]
    assert result.stdout.splitlines() == [
        "skipped caf\\xe9\\x07.txt: same text as article 1 (untitled)",
        "1 imported, 1 skipped, 2 files failed",
    ]


def test_a_full_disk_stops_with_one_line_and_counts_what_was_stored(
    stancecoder_cli: Callable, project_file: Path, tmp_path: Path
) -> None:
    """RLIMIT_FSIZE makes SQLite's writes past the limit fail with EFBIG, as a full disk.

    The write-ahead log grows with every committed file until the limit stops it; the
    files committed before stay, the one being written goes, nothing after is tried.
    """
    files = write_articles(tmp_path / "corpus", 120)
    limit = project_file.stat().st_size + 150_000

    result = stancecoder_cli("import", project_file, tmp_path / "corpus", file_size_limit=limit)

    assert result.returncode == 1
    [stop] = result.stderr.splitlines()
    assert stop.startswith("stopped at 00")
    assert stop.endswith("; nothing of it or later was stored")
    assert "disk" in stop
    summary = result.stdout.splitlines()[-1]
    stored = int(summary.split()[0])
    assert 0 < stored < len(files)
    assert summary == f"{stored} imported, 0 skipped, 0 files failed (stopped)"
    with open_project(project_file) as project:
        assert len(list_articles(project)) == stored
        assert check_project(project) == []
        names = {(row.title or "").partition(" word")[0] for row in list_articles(project)}
    assert names == {f"Article {n}." for n in range(stored)}

    again = stancecoder_cli("import", project_file, tmp_path / "corpus")

    assert again.returncode == 0, again.stderr
    rest = len(files) - stored
    assert again.stdout.splitlines()[-1] == f"{rest} imported, {stored} skipped, 0 files failed"
    with open_project(project_file) as project:
        assert len(list_articles(project)) == len(files)
        assert check_project(project) == []


def test_a_file_too_large_for_the_memory_fails_alone(
    stancecoder_cli: Callable, project_file: Path, tmp_path: Path
) -> None:
    """A table within every limit that this process's memory (RLIMIT_AS) cannot hold."""
    table = tmp_path / "big.csv"
    row = '"' + "word " * 4000 + '"\n'
    with table.open("w", encoding="utf-8") as stream:
        stream.write("text\n")
        for _ in range(2000):
            stream.write(row)
    (tmp_path / "small.txt").write_text("A small article.\n", encoding="utf-8")

    result = stancecoder_cli(
        "import", project_file, table, tmp_path / "small.txt", memory_limit=400 * 1024 * 1024
    )

    assert result.stderr.splitlines() == ["failed  big.csv: not enough memory to read the file"]
    assert result.stdout.splitlines() == ["1 imported, 0 skipped, 1 file failed"]


def test_the_largest_article_is_set_on_the_command_line(
    stancecoder_cli: Callable, project_file: Path, tmp_path: Path
) -> None:
    (tmp_path / "long.txt").write_text("word " * 1000, encoding="utf-8")

    refused = stancecoder_cli(
        "import", project_file, tmp_path / "long.txt", "--max-article-size", "2K"
    )
    taken = stancecoder_cli(
        "import", project_file, tmp_path / "long.txt", "--max-article-size", "5k"
    )
    wrong = stancecoder_cli(
        "import", project_file, tmp_path / "long.txt", "--max-article-size", "x"
    )

    assert refused.stderr.splitlines() == [
        "failed  long.txt: too large: the article has 4.9 KB of text, "
        "over the limit of 2 KB per article"
    ]
    assert taken.returncode == 0 and taken.stdout == "1 imported, 0 skipped, 0 files failed\n"
    assert wrong.returncode == 2 and "not a size: 'x' (e.g. 5M, 800K)" in wrong.stderr
