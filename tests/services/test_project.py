"""Creating and opening projects, and the sample project of a first start."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from stancecoder.core.errors import CodebookError, ProjectError, ValidationError
from stancecoder.services.articles import list_articles
from stancecoder.services.check import check_project
from stancecoder.services.codebook import export_codebook
from stancecoder.services.project import Project, create_project, open_project
from stancecoder.services.sample_project import ensure_sample_project


def test_a_new_project_has_the_sample_codebook(project: Project, tmp_path: Path) -> None:
    spec = export_codebook(project, tmp_path / "book.yaml")
    assert [v.name for v in spec.variables][:3] == ["actor", "topic", "stance"]
    assert spec.version == "1.0"


def test_reopening_finds_everything(project_target) -> None:
    with create_project(project_target, name="Pyongyang study") as project:
        assert project.title == "Pyongyang study"
    with open_project(project_target) as project:
        assert project.title == "Pyongyang study"
        assert project.backup is None


def test_a_bad_codebook_creates_no_project(tmp_path: Path) -> None:
    book = tmp_path / "bad.yaml"
    book.write_text("name: x\nversion: '1'\nvariables: [{name: a, level: fancy}]\n")
    with pytest.raises(CodebookError):
        create_project(tmp_path / "p.stance", book)
    assert not (tmp_path / "p.stance").exists()


def test_the_suffix_is_added(tmp_path: Path) -> None:
    create_project(tmp_path / "study").close()
    assert (tmp_path / "study.stance").exists()
    open_project(tmp_path / "study").close()


@pytest.mark.parametrize("name", ["data.csv", "data.XLSX", "notes.txt", "book.yaml", "r.html"])
def test_a_name_of_another_format_is_refused(tmp_path: Path, name: str) -> None:
    # `init data.csv` and then `export data.csv data.csv` replaced the project by its export
    expected = rf"^{re.escape(name)} is named like a \w+ file, .* name the project \w+\.stance"
    with pytest.raises(ValidationError, match=expected):
        create_project(tmp_path / name)
    assert list(tmp_path.iterdir()) == []


def test_a_new_project_is_one_file_and_leaves_nothing_beside_it(
    tmp_path: Path, user_state: Path
) -> None:
    with create_project(tmp_path / "study.stance") as project:
        assert [p.name for p in tmp_path.iterdir()] == ["study.stance"]
        assert check_project(project) == []
    assert list((user_state / "StanceCoder" / "pending").iterdir()) == []


def test_an_existing_file_is_never_replaced_by_a_new_project(tmp_path: Path) -> None:
    taken = tmp_path / "study.stance"
    taken.write_bytes(b"")  # what a kill during init used to leave
    with pytest.raises(ProjectError, match="already exists"):
        create_project(taken)
    assert taken.read_bytes() == b""
    assert [p.name for p in tmp_path.iterdir()] == ["study.stance"]


def test_unreachable_server_is_a_clear_error() -> None:
    with pytest.raises(ProjectError, match="cannot open"):
        open_project("postgresql://nobody@127.0.0.1:1/none")


def test_sample_project_is_created_once_with_the_seeds(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("STANCECODER_DATA_DIR", str(tmp_path / "data"))
    path = ensure_sample_project()
    assert path == ensure_sample_project()
    with open_project(path) as project:
        titles = [row.title for row in list_articles(project)]
    assert len(titles) == 2
    assert any("Putin" in title and "N.K. trip" in title for title in titles)
