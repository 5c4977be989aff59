"""A coder is one person whatever case their name is typed in."""

from __future__ import annotations

from pathlib import Path

import pytest

from stancecoder.core.errors import ValidationError
from stancecoder.db.models import Coder
from stancecoder.services.articles import list_articles
from stancecoder.services.coders import add_coder, find_coder, list_coders
from stancecoder.services.codings_import import import_codings
from stancecoder.services.project import Project


def test_a_name_in_another_case_is_the_same_coder(seeded: Project) -> None:
    with pytest.raises(ValidationError, match="already a coder called 'Alice'"):
        add_coder(seeded, "alice")
    with pytest.raises(ValidationError, match="already a coder called 'Alice'"):
        add_coder(seeded, "  ALICE ")
    assert [c.name for c in list_coders(seeded)] == ["Alice"]


def test_codings_for_a_name_in_another_case_go_to_that_coder(
    seeded: Project, tmp_path: Path
) -> None:
    article = list_articles(seeded)[0]
    path = tmp_path / "codings.csv"
    path.write_text(
        f'article,coder,quote,actor\n{article.id},alice,"dangerous partnership",South Korea\n',
        encoding="utf-8",
    )
    import_codings(seeded, path)
    assert [c.name for c in list_coders(seeded)] == ["Alice"]


def test_a_project_that_already_holds_both_finds_each_by_its_exact_name(
    seeded: Project,
) -> None:
    with seeded.transaction() as session:
        session.add(Coder(name="alice", initials="A", role="coder", active=True))
    with seeded.transaction() as session:
        assert [find_coder(session, n).name for n in ("Alice", "alice")] == ["Alice", "alice"]
