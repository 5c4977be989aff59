"""`stancecoder package`, `merge` and `copy` as a user runs them."""

from __future__ import annotations

from pathlib import Path

import pytest

from stancecoder.cli import main
from stancecoder.core.actor import Actor
from stancecoder.services.codings import add_passage
from stancecoder.services.project import open_project

SEEDS = Path(__file__).resolve().parents[2] / "seeds"


def run(capsys: pytest.CaptureFixture[str], *args: object) -> tuple[int, str, str]:
    code = main([str(a) for a in args])
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def home(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> Path:
    path = tmp_path / "home.stance"
    for args in (("init", path), ("import", path, SEEDS), ("coders", "add", path, "Alice")):
        assert run(capsys, *args)[0] == 0
    return path


def test_package_code_and_merge(home: Path, tmp_path: Path, capsys) -> None:
    out = tmp_path / "alice"
    code, said, _ = run(capsys, "package", home, "Alice", out)
    assert code == 0
    assert said.strip() == f"packaged 2 articles and 0 passages of Alice into {out}.stance"
    with open_project(out.with_suffix(".stance")) as file:
        file.actor = Actor("Alice")
        add_passage(file, 1, "Alice", 0, 7, {"stance": "+1"})

    code, said, _ = run(capsys, "merge", home, out.with_suffix(".stance"))
    assert code == 0 and said.startswith("added 1, changed 0, deleted 0 passages;")
    code, said, _ = run(capsys, "merge", home, out.with_suffix(".stance"))
    assert "nothing to merge" in said


def test_merge_into_the_wrong_project_says_so_in_one_line(
    home: Path, tmp_path: Path, capsys
) -> None:
    run(capsys, "package", home, "Alice", tmp_path / "alice.stance")
    run(capsys, "init", tmp_path / "other.stance")
    code, _, err = run(capsys, "merge", tmp_path / "other.stance", tmp_path / "alice.stance")
    assert code == 1 and len(err.splitlines()) == 1
    assert "was packaged from another project" in err


def test_copy_prints_the_counts_of_each_side(home: Path, tmp_path: Path, capsys) -> None:
    code, said, _ = run(capsys, "copy", home, tmp_path / "copy.stance")
    lines = said.splitlines()
    assert code == 0 and lines[-1] == "ok: equal row counts, no problems found"
    assert "article\t2\t2" in lines
    code, _, err = run(capsys, "copy", home, tmp_path / "copy.stance")
    assert code == 1 and "already exists" in err
