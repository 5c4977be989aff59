"""`stancecoder sample` and `stancecoder assign`, run as a user would."""

from __future__ import annotations

from pathlib import Path

import pytest

from stancecoder.cli import main


def run(capsys: pytest.CaptureFixture[str], *args: object) -> tuple[int, str, str]:
    code = main([str(a) for a in args])
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def project(project_target, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> str:
    table = tmp_path / "news.csv"
    rows = [f"Report {n},{'Daily A' if n % 2 else 'Daily B'},Talk number {n} went on." for n in
            range(1, 21)]  # fmt: skip
    table.write_text("title,source,text\n" + "\n".join(rows) + "\n", encoding="utf-8")
    target = str(project_target)
    assert run(capsys, "init", target)[0] == 0
    assert run(capsys, "import", target, table)[0] == 0
    for name in ("Alice", "Bob", "Carol"):
        assert run(capsys, "coders", "add", target, name)[0] == 0
    return target


def test_draw_list_close_and_assign(project: str, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(
        capsys, "sample", "draw", project, "training 1", "--share", "0.2",
        "--coder", "Alice", "--coder", "Bob", "--seed", "7", "--stratify", "source",
    )  # fmt: skip
    assert code == 0
    assert "drew 'training 1' (training) for Alice, Bob: 4 of 20 articles" in out
    assert "seed 7" in out and "(Daily A: 2, Daily B: 2)" in out
    drawn = out.splitlines()[-1].removeprefix("articles: ").split()
    assert len(drawn) == 4

    code, out, _ = run(capsys, "sample", "list", project)
    assert code == 0
    assert "training 1\ttraining\topen\t4 articles\tAlice, Bob\tseed 7" in out
    assert "Alice\tassigned 4\ttodo 4\tdoing 0\tdone 0" in out
    assert run(capsys, "sample", "list", project, "training 1")[1].split() == drawn

    code, out, _ = run(capsys, "assign", project, "Carol", "Alice")
    assert code == 0 and "Carol: 8 articles" in out and "assigned 16 articles to 2 coders" in out

    code, out, _ = run(capsys, "sample", "close", project, "training 1")
    assert code == 0 and "closed 'training 1'" in out
    assert "\tclosed\t" in run(capsys, "sample", "list", project)[1]


def test_an_empty_project_lists_no_samples(project: str, capsys) -> None:
    code, out, _ = run(capsys, "sample", "list", project)
    assert code == 0 and "no samples yet" in out


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["sample", "draw", "{p}", "t1", "--count", "3", "--coder", "Alice"], "two coders"),
        (["sample", "draw", "{p}", "t1", "--count", "99", "--coder", "Alice", "--coder", "Bob"],
         "between 1 and 20, got 99"),
        (["sample", "close", "{p}", "nope"], "no sample called 'nope'"),
        (["assign", "{p}", "Zed"], "no coder called 'Zed'"),
    ],
)  # fmt: skip
def test_errors_are_one_line_and_exit_1(
    project: str, capsys: pytest.CaptureFixture[str], args: list[str], message: str
) -> None:
    code, _, err = run(capsys, *[a.replace("{p}", project) for a in args])
    assert code == 1 and message in err and err.count("\n") == 1


def test_a_draw_needs_a_share_or_a_count(project: str, capsys) -> None:
    with pytest.raises(SystemExit) as exit_:
        main(["sample", "draw", project, "t1", "--coder", "Alice", "--coder", "Bob"])
    assert exit_.value.code == 2
    assert "one of the arguments --share --count is required" in capsys.readouterr().err


def test_draw_by_an_attribute(
    project_target, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    table = tmp_path / "sections.csv"
    rows = [f"Report {n},Talk number {n} went on.,{'World' if n % 4 else 'Sport'}" for n in
            range(1, 21)]  # fmt: skip
    table.write_text("title,text,section\n" + "\n".join(rows) + "\n", encoding="utf-8")
    target = str(project_target)
    assert run(capsys, "init", target)[0] == 0
    assert run(capsys, "import", target, table)[0] == 0
    for name in ("Alice", "Bob"):
        assert run(capsys, "coders", "add", target, name)[0] == 0
    code, out, _ = run(
        capsys, "sample", "draw", target, "by section", "--count", "8",
        "--coder", "Alice", "--coder", "Bob", "--seed", "2", "--stratify", "attribute:section",
    )  # fmt: skip
    assert code == 0
    assert "stratified proportionally by the attribute 'section' (Sport: 2, World: 6)" in out
    code, _out, err = run(
        capsys, "sample", "draw", target, "by colour", "--count", "4",
        "--coder", "Alice", "--coder", "Bob", "--stratify", "attribute:colour",
    )  # fmt: skip
    assert code != 0
    assert err.strip().splitlines() == [
        "stancecoder: invalid: no article to sample from has the attribute 'colour'"
    ]
