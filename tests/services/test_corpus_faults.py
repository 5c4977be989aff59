"""One bad file stops nothing: each file is one unit, on SQLite and on PostgreSQL alike,
however many files share a transaction."""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

import pytest
from sqlalchemy import func, select

from stancecoder.core.printable import printable
from stancecoder.db.models import Article, ImportBatch
from stancecoder.services import corpus as corpus_service
from stancecoder.services.corpus import import_corpus
from stancecoder.services.project import Project

ESCAPE_NAME = "\x1b[2J\x1b]0;owned\x07news.txt"
UNDECODABLE_NAME = os.fsdecode(b"caf\xe9.txt")  # Latin-1 bytes in a UTF-8 file system


def snapshot(project: Project) -> list[tuple]:
    with project.transaction() as session:
        return list(session.execute(select(Article.id, Article.text_sha256).order_by(Article.id)))


def test_every_hostile_file_fails_alone_and_the_rest_import(
    project: Project, tmp_path: Path, hostile_files: Callable[[Path], dict[str, str]]
) -> None:
    corpus = tmp_path / "corpus"
    expected = hostile_files(corpus)
    (corpus / "good.txt").write_text("A good article about the treaty.\n", encoding="utf-8")
    (corpus / ESCAPE_NAME).write_text("An article with a hostile name.\n", encoding="utf-8")
    (corpus / UNDECODABLE_NAME).write_text("An article named in Latin-1.\n", encoding="utf-8")
    (corpus / "\x1b[31mred.txt").write_bytes(bytes(range(256)) * 4)

    report = import_corpus(project, [corpus])

    failed = dict(report.failed)
    for name, reason in expected.items():
        assert reason in failed.pop(name), name
    assert failed == {"\\x1b[31mred.txt": "not a text file (binary data)"}
    assert len(report.imported) == 3
    assert report.summary() == f"3 imported, 0 skipped, {len(expected) + 1} files failed"
    with project.transaction() as session:
        stored = set(session.scalars(select(Article.external_id)))
    assert stored == {"good", "\\x1b[2J\\x1b]0;owned\\x07news", "caf\\xe9"}
    for line in [*report.failed, *(row for row in report.skipped)]:
        assert all(printable(part) == part for part in line)


def test_a_file_the_database_refuses_fails_alone(project: Project, tmp_path: Path) -> None:
    """The first file's transaction creates the import batch; when the database refuses
    that file, the batch goes with it, and later files must not point at it."""
    refuse_text(project, "refuse me")
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "1.txt").write_text("An article they refuse me to store.\n", encoding="utf-8")
    (corpus / "2.txt").write_text("A second article.\n", encoding="utf-8")
    (corpus / "3.txt").write_text("A third article.\n", encoding="utf-8")

    report = import_corpus(project, [corpus])

    assert [name for name, _ in report.failed] == ["1.txt"]
    assert "refused by a test trigger" in report.failed[0][1]
    assert len(report.imported) == 2
    with project.transaction() as session:
        batches = session.scalar(select(func.count()).select_from(ImportBatch))
        linked = session.scalars(select(Article.batch_id)).all()
    assert batches == 1 and len(set(linked)) == 1


def test_a_refused_chunk_is_stored_again_a_file_at_a_time_reporting_in_order(
    project: Project,
    tmp_path: Path,
    transactions_begun: Callable,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The database refuses the chunk of four files for one of them: the chunk is rolled
    back and each file stored in its own transaction, so the refusal is that file's alone,
    and the failures are listed in the files' order whichever step found them."""
    monkeypatch.setattr(corpus_service, "CHUNK_SECONDS", 3600.0)  # the four in one chunk
    refuse_text(project, "refuse me")
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "1.txt").write_text("A first article.\n", encoding="utf-8")
    (corpus / "2.txt").write_text("An article they refuse me to store.\n", encoding="utf-8")
    (corpus / "3.txt").write_bytes(b"")
    (corpus / "4.txt").write_text("A fourth article.\n", encoding="utf-8")

    with transactions_begun(project) as begun:
        report = import_corpus(project, [corpus])

    assert len(begun) == 1 + 3  # the chunk, then the three files read whole
    assert [name for name, _ in report.failed] == ["2.txt", "3.txt"]
    assert "refused by a test trigger" in report.failed[0][1]
    assert report.failed[1][1] == "empty file"
    with project.transaction() as session:
        stored = list(session.scalars(select(Article.external_id).order_by(Article.id)))
    assert stored == ["1", "4"]


def test_a_field_longer_than_its_column_is_refused_alike_everywhere(
    project: Project, tmp_path: Path
) -> None:
    table = tmp_path / "news.csv"
    table.write_text(f"text,source\nAn article.,{'S' * 201}\nAnother.,Yonhap\n", encoding="utf-8")
    before = snapshot(project)
    report = import_corpus(project, [table])
    assert report.failed == [
        ("news.csv", "row 2: the source has 201 characters, more than the 200 it may have")
    ]
    assert snapshot(project) == before


def refuse_text(project: Project, words: str) -> None:
    """Make the database itself refuse any article whose text holds `words`."""
    engine = project.store.engine
    if engine.dialect.name == "sqlite":
        statements = [
            f"CREATE TRIGGER refuse BEFORE INSERT ON article WHEN instr(NEW.text, '{words}') "
            "BEGIN SELECT RAISE(ABORT, 'refused by a test trigger'); END"
        ]
    else:
        statements = [
            "CREATE FUNCTION refuse() RETURNS trigger AS $$ BEGIN "
            f"IF position('{words}' in NEW.text) > 0 THEN "
            "RAISE EXCEPTION 'refused by a test trigger'; "
            "END IF; RETURN NEW; END $$ LANGUAGE plpgsql",
            "CREATE TRIGGER refuse BEFORE INSERT ON article FOR EACH ROW EXECUTE FUNCTION refuse()",
        ]
    with engine.begin() as connection:
        for statement in statements:
            connection.exec_driver_sql(statement)
