"""`codings import` and `codebook import` run as a user runs them, in a real process: the
article a coding lands on, the edit-and-reimport workflow, a kill at any moment, a full disk.
"""

from __future__ import annotations

import csv
import random
import shutil
import signal
import time
from collections.abc import Callable
from pathlib import Path

import pytest
import yaml
from sqlalchemy import func, select

from stancecoder.cli import main
from stancecoder.db.models import Coder, Passage
from stancecoder.services.coders import add_coder
from stancecoder.services.corpus import import_corpus
from stancecoder.services.project import create_project, open_project

SEEDS = Path(__file__).resolve().parents[2] / "seeds"
CORPUS_WITH_IDS = (
    "id,title,text\n"
    '1,First wire,"Seoul and Tokyo held talks on sanctions today."\n'
    '2,Second wire,"Moscow announced new payment mechanisms."\n'
    '3,Third wire,"Beijing stayed silent on the treaty."\n'
)


def counts(target: str | Path) -> tuple[int, int]:
    """(passages, coders) as the project holds them now."""
    with open_project(target) as project, project.transaction() as session:
        passages = session.scalar(select(func.count()).select_from(Passage))
        coders = session.scalar(select(func.count()).select_from(Coder))
        return passages, coders


def check_is_clean(target: str | Path, capsys: pytest.CaptureFixture[str]) -> None:
    code = main(["check", str(target)])
    out, err = capsys.readouterr()
    assert (code, out.strip(), err) == (0, "ok: no problems found", "")


def test_a_coding_lands_on_the_article_its_file_means(
    project_target: str | Path, tmp_path: Path, stancecoder_cli: Callable
) -> None:
    p = str(project_target)
    corpus = tmp_path / "corpus.csv"
    corpus.write_text(CORPUS_WITH_IDS, encoding="utf-8")
    assert main(["init", p]) == main(["import", p, str(SEEDS), str(corpus)]) == 0

    ambiguous = tmp_path / "ambiguous.csv"
    ambiguous.write_text("article,coder,start,end\n3,Alice,0,7\n", encoding="utf-8")
    refused = stancecoder_cli("codings", "import", p, ambiguous)
    assert refused.returncode == 1
    assert "article '3' could mean article 3 (First wire" in refused.stderr
    assert "or article 5 (Third wire, source id 3)" in refused.stderr
    assert counts(p) == (0, 0)

    by_source = tmp_path / "by_source.csv"
    by_source.write_text("source_id,coder,start,end\n3,Alice,0,7\n", encoding="utf-8")
    assert stancecoder_cli("codings", "import", p, by_source).returncode == 0
    out = tmp_path / "out.csv"
    assert stancecoder_cli("export", p, out).returncode == 0
    (row,) = csv.DictReader(out.read_text(encoding="utf-8-sig").splitlines())
    assert (row["article id"], row["title"], row["quote"]) == ("5", "Third wire", "Beijing")


def test_codebook_edit_and_reimport_through_the_command_line(
    project_target: str | Path, tmp_path: Path, stancecoder_cli: Callable
) -> None:
    p = str(project_target)
    codings = tmp_path / "codings.csv"
    codings.write_text(
        "article,coder,quote,actor\n1,Alice,dangerous partnership,Russia › Vladimir Putin\n",
        encoding="utf-8",
    )
    assert main(["init", p]) == main(["import", p, str(SEEDS)]) == 0
    assert main(["codings", "import", p, str(codings)]) == 0
    book = tmp_path / "codebook.yaml"
    assert stancecoder_cli("codebook", "export", p, book).returncode == 0

    document = yaml.safe_load(book.read_text(encoding="utf-8"))
    russians = document["variables"][0]["codes"][0]["children"]
    russians[0]["label"] = "President Putin"  # in use: keeps its coding
    russians[:] = [c for c in russians if c["label"] != "TASS"]  # unused: goes
    russians.append({"label": "Sergei Lavrov"})
    document["version"] = "1.1"
    book.write_text(yaml.safe_dump(document, allow_unicode=True), encoding="utf-8")

    done = stancecoder_cli("codebook", "import", p, book)
    assert (done.returncode, done.stderr) == (0, "")
    assert "1 added" in done.stdout and "1 removed" in done.stdout
    assert stancecoder_cli("check", p).stdout.strip() == "ok: no problems found"
    out = tmp_path / "out.csv"
    assert stancecoder_cli("export", p, out).returncode == 0
    (row,) = csv.DictReader(out.read_text(encoding="utf-8-sig").splitlines())
    assert (row["actor"], row["codebook version"]) == ("Russia › President Putin", "1.0")


CODINGS_ROWS = 300


def big_codings(path: Path, rows: int, seed: int, coders: str = "Coder") -> Path:
    """Enough codings that importing them takes a while, spread over three new coders."""
    rng = random.Random(seed)
    lines = ["article,coder,start,end,topic,stance,memo"]
    for n in range(rows):
        start = rng.randrange(0, 1000)
        end = start + rng.randrange(5, 50)
        coder = f"{coders} {n % 3}"
        lines.append(f"{rng.choice([1, 2])},{coder},{start},{end},Sanctions,+1,memo {n}")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def seeded_project(target: str | Path) -> None:
    with create_project(target) as project:
        import_corpus(project, [SEEDS])
        add_coder(project, "Alice")


def timed(run: Callable[[], int]) -> float:
    """Seconds `run` took; it must have finished without error."""
    started = time.monotonic()
    assert run() == 0
    return time.monotonic() - started


def test_a_kill_at_any_moment_leaves_the_file_wholly_imported_or_not_at_all(
    project_target: str | Path,
    tmp_path: Path,
    kill_stancecoder: Callable,
    kill_stancecoder_at_commit: Callable,
    capsys: pytest.CaptureFixture[str],
) -> None:
    kills = 6 if isinstance(project_target, Path) else 2
    seeded_project(project_target)
    codings = big_codings(tmp_path / "codings.csv", CODINGS_ROWS, seed=7)
    one_row = tmp_path / "one.csv"
    one_row.write_text("\n".join(codings.read_text().splitlines()[:2]) + "\n")
    # the random kills fall between the time a one-row import needs (start-up, open, one
    # commit) and the time the whole file needs, so that they land inside the import's
    # transaction
    quick_run = timed(
        lambda: kill_stancecoder("codings", "import", project_target, one_row, delay=120)
    )
    whole_run = timed(
        lambda: kill_stancecoder("codings", "import", project_target, codings, delay=120)
    )
    assert counts(project_target) == (1 + CODINGS_ROWS, 4)
    rng = random.Random(20261205)

    def import_killed(kill: int) -> int:
        """The first kill is placed: every coding of the file written, none committed."""
        if kill == 1:
            return kill_stancecoder_at_commit(
                "codings", "import", project_target, codings, statement=r"INSERT INTO passage\b"
            )
        delay = rng.uniform(quick_run, whole_run)
        return kill_stancecoder("codings", "import", project_target, codings, delay=delay)

    outcomes = {"killed, nothing imported": 0, "killed after commit": 0, "finished": 0}
    # a loaded machine stretches the two timings unevenly, so fewer kills may land inside
    # the transaction: go on (up to three times as long) until half of them have
    kill = 0
    while kill < kills or (outcomes["killed, nothing imported"] < kills // 2 and kill < 3 * kills):
        kill += 1
        # new coders in every file: they too must come with their codings or not at all
        codings = big_codings(tmp_path / "codings.csv", CODINGS_ROWS, seed=7, coders=f"K{kill}")
        before = counts(project_target)
        status = import_killed(kill)
        after = counts(project_target)
        assert after in (before, (before[0] + CODINGS_ROWS, before[1] + 3))
        check_is_clean(project_target, capsys)
        if status == 0:
            outcomes["finished"] += 1
        else:
            key = "killed, nothing imported" if after == before else "killed after commit"
            outcomes[key] += 1
        if kill == 1:
            assert status == -signal.SIGKILL and after == before
    print(f"{kill} kills between {quick_run:.1f} s and {whole_run:.1f} s: {outcomes}")
    assert outcomes["killed, nothing imported"] >= kills // 2


@pytest.mark.parametrize("limit_kib", [16, 64, 150])
def test_a_full_disk_refuses_the_import_in_one_line_and_changes_nothing(
    tmp_path: Path, stancecoder_cli: Callable, capsys: pytest.CaptureFixture[str], limit_kib: int
) -> None:
    target = tmp_path / "project.stance"
    seeded_project(target)
    pristine = tmp_path / "pristine.stance"
    shutil.copyfile(target, pristine)
    codings = big_codings(tmp_path / "codings.csv", 2 * CODINGS_ROWS, seed=11)

    full = stancecoder_cli("codings", "import", target, codings, file_size_limit=limit_kib * 1024)

    assert full.returncode == 1
    assert full.stderr.startswith("stancecoder: error: ")
    assert len(full.stderr.strip().splitlines()) == 1 and "Traceback" not in full.stderr
    assert "damaged" not in full.stderr
    assert target.read_bytes() == pristine.read_bytes()
    assert counts(target) == (0, 1)
    check_is_clean(target, capsys)
    assert stancecoder_cli("codings", "import", target, codings).returncode == 0
    assert counts(target) == (2 * CODINGS_ROWS, 4)
