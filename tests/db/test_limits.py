"""Text longer than its column, or holding a NUL character, is refused alike on SQLite and
PostgreSQL (which cannot store either), naming the field."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import String, func, inspect, select

from stancecoder.core.errors import ValidationError
from stancecoder.db.limits import string_limits
from stancecoder.db.models import Article, Base, Code, Coder
from stancecoder.db.store import set_setting
from stancecoder.services.codebook import rename_code
from stancecoder.services.coders import add_coder, list_coders
from stancecoder.services.corpus import import_corpus, update_article
from stancecoder.services.project import Project


def test_every_column_with_a_length_is_checked() -> None:
    for mapper in Base.registry.mappers:
        lengths = {
            column.name: column.type.length
            for column in mapper.local_table.columns
            if isinstance(column.type, String)
        }
        assert {key: length for key, _, length in string_limits(mapper)} == lengths
    assert ("name", "coder name", 200) in string_limits(inspect(Coder))


def test_a_coder_name_one_character_too_long_is_refused(project: Project) -> None:
    add_coder(project, "x" * 200)
    with pytest.raises(ValidationError, match=r"^coder name is longer than 200 characters$"):
        add_coder(project, "y" * 201)
    assert [len(c.name) for c in list_coders(project)] == [200]


def test_a_code_label_and_an_article_field_are_refused_and_nothing_changes(
    project: Project, tmp_path: Path
) -> None:
    with pytest.raises(ValidationError, match=r"^code label is longer than 200 characters$"):
        rename_code(project, "topic", "Sanctions", "S" * 201)
    csv = tmp_path / "corpus.csv"
    csv.write_text(f"id,source,text\n1,Yonhap,A short text.\n2,{'Y' * 201},Another text.\n")
    report = import_corpus(project, [csv])
    assert report.failed == [
        ("corpus.csv", "row 3: the source has 201 characters, more than the 200 it may have")
    ]
    with project.transaction() as session:
        assert session.scalar(select(func.count()).select_from(Article)) == 0
        assert session.scalar(select(Code.id).where(Code.label == "Sanctions")) is not None


def test_an_edit_after_import_and_a_setting_are_checked(project: Project, tmp_path: Path) -> None:
    csv = tmp_path / "corpus.csv"
    csv.write_text("id,text\n1,A short text.\n")
    (article_id,) = import_corpus(project, [csv]).imported
    with pytest.raises(ValidationError, match=r"^article dateline is longer than 200 characters$"):
        update_article(project, article_id, dateline="D" * 201)
    with (
        pytest.raises(ValidationError, match=r"^setting key is longer than 64 characters$"),
        project.transaction() as session,
    ):
        set_setting(session, "k" * 65, "value")


def test_a_nul_character_is_refused_naming_the_field(project: Project) -> None:
    """PostgreSQL refuses it with "text fields cannot contain NUL"; SQLite would keep it."""
    nul = pytest.raises(ValidationError, match=r"^code description holds a NUL character")
    with nul, project.transaction() as session:
        code = session.scalars(select(Code)).first()
        assert code is not None
        code.description = "before\x00after"
    with pytest.raises(ValidationError, match=r"NUL character \(code 0\)"):
        add_coder(project, "Al\x00ice")  # refused at the lookup of the name already
    assert list_coders(project) == []
