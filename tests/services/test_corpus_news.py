"""Importing news-database exports: every article of a file stored with its fields, and
the counts and warnings of each file in the report."""

from __future__ import annotations

import json
import sys
from pathlib import Path

from sqlalchemy import select

from stancecoder.db.models import Article
from stancecoder.services.corpus import ExportCount, import_corpus
from stancecoder.services.project import Project

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "io" / "news"))

from news_fixtures import STORIES, lexis_academic_txt, nexis_uni_docx


def test_an_export_is_stored_article_by_article_with_its_fields(
    project: Project, tmp_path: Path
) -> None:
    path = nexis_uni_docx(tmp_path / "nexis.docx", STORIES, cover=True)
    report = import_corpus(project, [path])
    assert report.ok and len(report.imported) == 3 and report.warnings == []
    assert report.exports == [ExportCount("nexis.docx", "Nexis Uni (.docx)", 3, 3)]
    with project.reading() as session:
        rows = session.scalars(select(Article).order_by(Article.id)).all()
        stored = [(a.title, a.source, a.published, a.external_id) for a in rows]
        extra = json.loads(rows[0].extra)
    assert stored == [
        (STORIES[0].title, STORIES[0].source, "2021-03-04", "nexis#1"),
        (STORIES[1].title, STORIES[1].source, "2021-03-03", "nexis#2"),
        (STORIES[2].title, STORIES[2].source, "2021-03-06", "nexis#3"),
    ]
    assert extra["section"] == "NEWS; Pg. A3" and extra["load-date"] == "March 5, 2021"


def test_warnings_of_a_file_that_still_came_in_are_reported_with_its_name(
    project: Project, tmp_path: Path
) -> None:
    cut = lexis_academic_txt(tmp_path / "cut.txt", STORIES, cut=True)
    report = import_corpus(project, [cut])
    assert len(report.imported) == 2 and not report.failed
    assert report.exports == [ExportCount("cut.txt", "LexisNexis Academic (.txt)", 2, 3)]
    assert [name for name, _ in report.warnings] == ["cut.txt", "cut.txt"]
    assert report.warnings[1][1] == "2 articles read, but the export counts 3 ('of 3 DOCUMENTS')"
    assert report.summary() == "2 imported, 0 skipped, 0 files failed, 2 warnings"
