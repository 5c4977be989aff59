"""`stancecoder duplicates`, run as a user would in a real process: the table of clusters,
the workbook read back with openpyxl, both checked against the texts as imported, and bad
options refused in one line with nothing marked."""

from __future__ import annotations

import random
import subprocess
import sys
from pathlib import Path

import pytest
from openpyxl import load_workbook

from stancecoder.services.articles import list_articles, read_article
from stancecoder.services.corpus import import_corpus
from stancecoder.services.duplicate_marks import read_clusters
from stancecoder.services.project import Project, open_project

RNG = random.Random(8)
VOCABULARY = [f"word{i}" for i in range(5000)]


def paragraph() -> str:
    return " ".join(RNG.choice(VOCABULARY) for _ in range(40)) + "."


STORY = [paragraph() for _ in range(6)]
FILES = {
    "Original": STORY,
    "Shortened": STORY[:3],
    "Wire copy": ["PARIS (AFP) — " + paragraph(), *STORY[1:]],
    "Unrelated": [paragraph() for _ in range(6)],
}
HEADER = [
    "cluster", "article id", "title", "source", "date", "characters", "role", "kind",
    "jaccard", "containment", "coding",
]  # fmt: skip


def grams(text: str) -> set[tuple[str, ...]]:
    words = "".join(c if c.isalnum() else " " for c in text.lower()).split()
    return {tuple(words[i : i + 5]) for i in range(len(words) - 4)}


@pytest.fixture
def corpus(project: Project, project_target: str | Path, tmp_path: Path) -> str:
    folder = tmp_path / "corpus"
    folder.mkdir()
    for number, (title, body) in enumerate(FILES.items()):
        (folder / f"{number}.txt").write_text(title + "\n\n" + "\n\n".join(body) + "\n")
    import_corpus(project, [folder])
    project.close()
    return str(project_target)


def test_the_table_and_the_workbook_say_which_copy_is_kept(
    corpus: str, stancecoder_cli, tmp_path: Path
) -> None:
    out = tmp_path / "copies.xlsx"
    done = stancecoder_cli("duplicates", corpus, "--out", out, "--exclude-copies")
    assert done.returncode == 0, done.stderr
    with open_project(corpus) as project:
        ids = {row.title: row.id for row in list_articles(project)}
        texts = {title: read_article(project, i).text for title, i in ids.items()}
    story = ["Original", "Shortened", "Wire copy"]
    kept = max(story, key=lambda t: len(texts[t]))
    lines = done.stdout.splitlines()
    assert lines[0].split("\t") == HEADER
    table = [line.split("\t") for line in lines[1:4]]
    assert {row[2] for row in table} == set(story)  # the unrelated article is in no cluster
    by_title = {row[2]: row for row in table}
    assert by_title[kept][6:] == ["kept", "", "1.0", "1.0", "coded"]
    for title in set(story) - {kept}:
        a, b = grams(texts[kept]), grams(texts[title])
        row = by_title[title]
        assert row[1] == str(ids[title]) and row[5] == str(len(texts[title]))
        assert row[6:8] == ["copy", "near"] and row[10] == "excluded"
        assert float(row[8]) == pytest.approx(len(a & b) / len(a | b), abs=5e-4)
        assert float(row[9]) == pytest.approx(len(a & b) / min(len(a), len(b)), abs=5e-4)
    assert lines[4] == (
        "4 articles compared: 1 cluster with 2 copies besides the kept ones (2 newly marked), "
        "2 excluded from coding"
    )
    assert lines[5].startswith("kept: the longest text")
    sheet = list(load_workbook(out)["Copies"].iter_rows(values_only=True))
    assert list(sheet[0]) == HEADER
    assert [(r[1], r[6], r[10]) for r in sheet[1:]] == [
        (int(row[1]), row[6], row[10]) for row in table
    ]
    assert {r[2]: r[8] for r in sheet[1:]} == {r[2]: float(r[8]) for r in table}


def test_bad_options_are_refused_in_one_line_with_nothing_marked(
    corpus: str, stancecoder_cli, tmp_path: Path
) -> None:
    for args, message in (
        (("--threshold", "0"), "the threshold must lie above 0 and at most 1, not 0"),
        (("--containment", "1.5"), "the containment must lie above 0 and at most 1, not 1.5"),
        (
            ("--out", tmp_path / "copies.csv"),
            "cannot write the copies to copies.csv: use a .xlsx name",
        ),
    ):
        done = stancecoder_cli("duplicates", corpus, *args)
        assert done.returncode == 1
        assert done.stderr.strip().splitlines() == [f"stancecoder: invalid: {message}"]
        assert "Traceback" not in done.stderr
    with open_project(corpus) as project:
        assert read_clusters(project) == []
    assert not (tmp_path / "copies.csv").exists()


def test_the_other_commands_do_not_load_scipy() -> None:
    """datasketch brings scipy, a third of a second at every start of every command."""
    probe = (
        "import sys; from stancecoder.cli import build_parser; build_parser(); "
        "import stancecoder.services.duplicates; print('scipy' in sys.modules)"
    )
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "False"
