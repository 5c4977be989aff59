"""The command line, run as a user would: the README walk-through, and its errors."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from openpyxl import load_workbook
from sqlalchemy import select

from stancecoder.cli import main
from stancecoder.db.models import Article
from stancecoder.services.project import open_project

SEEDS = Path(__file__).resolve().parents[2] / "seeds"


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main([str(a) for a in args])
    out, err = capsys.readouterr()
    return code, out, err


def test_walk_through(project_target, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    p = str(project_target)
    assert run(capsys, "init", p)[0] == 0
    code, out, _ = run(capsys, "import", p, SEEDS)
    assert code == 0 and "2 imported, 0 skipped, 0 files failed" in out
    assert run(capsys, "coders", "add", p, "Alice")[1].startswith("added coder Alice")
    assert run(capsys, "coders", "list", p)[1].splitlines() == [
        "name\tinitials\trole",
        "Alice\tA\tcoder",
    ]

    codings = tmp_path / "codings.csv"
    codings.write_text(
        "article,coder,quote,actor,topic,stance\n"
        "1,Alice,dangerous partnership,South Korea,Military cooperation,-2\n"
        "1,Bob,dangerous partnership,South Korea,Military cooperation,-1\n",
        encoding="utf-8",
    )
    code, out, _ = run(capsys, "codings", "import", p, codings)
    assert code == 0 and "imported 2 passages" in out and "new coders: Bob" in out

    book = tmp_path / "book.yaml"
    assert run(capsys, "codebook", "export", p, book)[0] == 0
    assert "version 1.0" in run(capsys, "codebook", "import", p, book)[1]

    out_xlsx = tmp_path / "out.xlsx"
    code, out, _ = run(capsys, "export", p, out_xlsx, "--coder", "Alice")
    assert code == 0 and "Codings 1" in out
    assert load_workbook(out_xlsx)["Codings"]["E2"].value == "Alice"

    code, out, _ = run(capsys, "check", p)
    assert (code, out.strip()) == (0, "ok: no problems found")
    code, out, _ = run(capsys, "info", p)
    assert "articles  2" in out and "Bob: 1 passages" in out


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["info", "{tmp}/missing.stance"], "no project at"),
        (["export", "{tmp}/p.stance", "{tmp}/out.pdf"], "use a .xlsx or .csv"),
        (["coders", "add", "{tmp}/p.stance"], "coders add needs a NAME"),
        (["import", "{tmp}/p.stance", "{tmp}/p.stance", "--column", "text"], "FIELD=COLUMN"),
    ],
)
def test_errors_are_one_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], args: list[str], message: str
) -> None:
    assert main(["init", str(tmp_path / "p.stance")]) == 0
    capsys.readouterr()
    code, _, err = run(capsys, *(a.format(tmp=tmp_path) for a in args))
    assert code == 1
    assert message in err
    assert len(err.strip().splitlines()) == 1
    assert "Traceback" not in err


def test_failed_files_make_the_import_fail(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    project = tmp_path / "p.stance"
    main(["init", str(project)])
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "good.txt").write_text("Some news.\n", encoding="utf-8")
    (tmp_path / "in" / "bad.docx").write_bytes(b"not a zip")
    code, out, err = run(capsys, "import", project, tmp_path / "in")
    assert code == 1
    assert "failed  bad.docx" in err
    assert "1 imported, 0 skipped, 1 file failed" in out


def test_debug_shows_the_traceback(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(capsys, "--debug", "info", tmp_path / "missing.stance")
    assert code == 1 and "Traceback" in err


def test_installed_entry_point_prints_help() -> None:
    exe = shutil.which("stancecoder", path=str(Path(sys.executable).parent))
    assert exe is not None, "the stancecoder command is not installed"
    result = subprocess.run([exe, "--help"], capture_output=True, text=True, check=False)
    assert result.returncode == 0
    for command in ("init", "import", "coders", "codebook", "codings", "export", "check", "info"):
        assert command in result.stdout


def test_import_repairs_the_seed_articles_hard_wraps(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The Yonhap seed was broken mid-word seven times; each break is a word again, and no
    two words were glued on the way."""
    target = tmp_path / "study.stance"
    assert run(capsys, "init", target)[0] == 0
    assert run(capsys, "import", target, SEEDS)[0] == 0
    with open_project(target) as project, project.transaction() as session:
        texts = session.scalars(select(Article.text)).all()
    (yonhap,) = [text for text in texts if "(Yonhap)" in text]
    for repaired in [
        "(UNSC) resolution violations",
        "Good Neighborly Cooperation, and the Moscow",
        "will focus on defense cooperation.",
        "adverse effect on security on the Korean",
        "renewed cooperation with Moscow",
        "the basic economic needs",
        "China off against each other",
    ]:
        assert repaired in yonhap
    assert "\n" not in yonhap.replace("\n\n", "")


def test_a_reader_that_goes_away_ends_the_output_quietly(tmp_path: Path, stancecoder_argv) -> None:
    """`stancecoder info P | head -1`: the pipe closes before the output is written."""
    project = tmp_path / "p.stance"
    assert main(["init", str(project)]) == 0
    process = subprocess.Popen(
        stancecoder_argv("info", project),
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )  # fmt: skip
    process.stdout.close()  # type: ignore[union-attr]
    assert process.stderr.read() == ""  # type: ignore[union-attr]
    assert process.wait(timeout=60) == 1
