"""`stancecoder history` and `export --history`, run as a user would."""

from __future__ import annotations

import getpass
from pathlib import Path

import pytest
from openpyxl import load_workbook

from stancecoder.cli import main
from stancecoder.services.articles import list_articles, read_article
from stancecoder.services.coders import add_coder
from stancecoder.services.codings import add_passage, set_status
from stancecoder.services.project import Project

HEADER = "when\tactor\taction\tcoder\tarticle\tpassage\tbefore -> after"


def run(capsys: pytest.CaptureFixture[str], *args: object) -> tuple[int, list[str], str]:
    code = main([str(a) for a in args])
    out, err = capsys.readouterr()
    return code, out.splitlines(), err


@pytest.fixture
def worked(seeded: Project, project_target: str | Path) -> tuple[str, int, int, str]:
    """Alice codes a passage with a tab in its memo in the first article, Bob finishes the
    second: the project's location, the two articles and the passage's uid."""
    first, second = (a.id for a in list_articles(seeded))
    ref = add_passage(seeded, first, "Alice", 0, 7, {"stance": "Negative"}, memo="one\ttwo")
    add_coder(seeded, "Bob")
    set_status(seeded, second, "Bob", "done")
    return str(project_target), first, second, ref.uid


def test_history_lists_the_rows_oldest_first(
    worked: tuple[str, int, int, str], seeded: Project, capsys: pytest.CaptureFixture[str]
) -> None:
    project, first, second, uid = worked
    code, lines, _ = run(capsys, "history", project)
    assert code == 0 and lines[0] == HEADER
    *_, coded, done = (line.split("\t") for line in lines[1:])
    quote = read_article(seeded, first).text[:7]
    user = f"{getpass.getuser()} (command line)"
    assert coded[1:] == [
        user, "passage added", "Alice", str(first), uid,
        f'-> span: [0, 7); quote: "{quote}"; codes: stance: Negative; memo: "one two"',
    ]  # fmt: skip
    assert done[1:] == [user, "status", "Bob", str(second), "", 'status: "todo" -> "done"']
    assert coded[0] <= done[0] and done[0].endswith("Z")


def test_history_filters_by_coder_article_and_time(
    worked: tuple[str, int, int, str], capsys: pytest.CaptureFixture[str]
) -> None:
    project, first, second, _ = worked
    _, lines, _ = run(capsys, "history", project, "--coder", "Bob")
    assert [line.split("\t")[2:5] for line in lines[1:]] == [["status", "Bob", str(second)]]
    _, lines, _ = run(capsys, "history", project, "--article", first)
    assert [line.split("\t")[2] for line in lines[1:]] == ["passage added"]
    _, lines, _ = run(capsys, "history", project, "--since", "2999-01-01")
    assert lines == [HEADER]
    _, lines, _ = run(capsys, "history", project, "--since", "2000-01-01T00:00+02:00")
    assert len(lines) > 3


@pytest.mark.parametrize("since", ["yesterday", "2026-13-01", "01/03/2026"])
def test_a_bad_since_is_one_line(
    worked: tuple[str, int, int, str], capsys: pytest.CaptureFixture[str], since: str
) -> None:
    code, lines, err = run(capsys, "history", worked[0], "--since", since)
    assert (code, lines) == (1, [])
    assert err.startswith(f"stancecoder: invalid: not a date or date-time: {since!r} (e.g. ")
    assert err.count("\n") == 1


def test_export_adds_the_history_sheet_when_asked(
    worked: tuple[str, int, int, str], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    project, first, _, uid = worked
    plain = tmp_path / "plain.xlsx"
    assert run(capsys, "export", project, plain)[0] == 0
    assert "History" not in load_workbook(plain).sheetnames

    out = tmp_path / "out.xlsx"
    code, lines, _ = run(capsys, "export", project, out, "--history", "--coder", "Alice")
    assert code == 0 and "History 1" in lines[0]
    sheet = load_workbook(out)["History"]
    rows = [[cell.value for cell in row] for row in sheet.iter_rows()]
    assert rows[0] == [
        "at (UTC)", "actor", "action", "coder", "article id", "title", "passage uid",
        "change", "before", "after",
    ]  # fmt: skip
    (row,) = rows[1:]
    assert row[2:5] == ["passage added", "Alice", first]
    assert row[6] == uid and row[8] is None
    assert '"memo": "one\\ttwo"' in row[9] and '"codes": ["stance: Negative"]' in row[9]

    code, _, err = run(capsys, "export", project, tmp_path / "out.csv", "--history")
    assert code == 1 and "export to a .xlsx file" in err
