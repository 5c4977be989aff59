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

from news_fixtures import (
    GERMAN_WIRES,
    STORIES,
    WIRES,
    factiva_html,
    factiva_rtf,
    lexis_academic_txt,
    nexis_uni_docx,
    proquest_txt,
)


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


def test_factiva_and_proquest_exports_are_stored_with_the_databases_own_ids(
    project: Project, tmp_path: Path
) -> None:
    rtf = factiva_rtf(tmp_path / "factiva.rtf", WIRES[:2])
    page = factiva_html(tmp_path / "factiva.html", WIRES[2:], indexed=False)
    listing = proquest_txt(tmp_path / "proquest.txt", GERMAN_WIRES, total=3)
    report = import_corpus(project, [rtf, page, listing])
    assert report.ok and len(report.imported) == 5
    assert report.exports == [
        ExportCount("factiva.rtf", "Factiva (.rtf)", 2, 2),
        ExportCount("factiva.html", "Factiva (.html)", 1, 1),
        ExportCount("proquest.txt", "ProQuest (.txt)", 2, 3),
    ]
    assert [name for name, _ in report.warnings] == ["factiva.html", "proquest.txt"]
    assert report.warnings[1][1] == "2 articles read, but the export counts 3 ('Document n of 3')"
    with project.reading() as session:
        rows = session.scalars(select(Article).order_by(Article.id)).all()
        stored = [
            (a.title, a.source, a.published, a.author, a.language, a.external_id) for a in rows
        ]
        texts = [a.text for a in rows]
        extras = [json.loads(a.extra) for a in rows]
        urls = [a.url for a in rows]
    iso = {"4 March 2021": "2021-03-04", "3 March 2021": "2021-03-03", "6 March 2021": "2021-03-06"}
    iso |= {"4 März 2021": "2021-03-04", "6 März 2021": "2021-03-06"}
    assert stored == [
        (w.title, w.source, iso[w.date], w.byline, "en", w.accession) for w in WIRES
    ] + [
        (w.title, w.source, iso[w.date], w.byline and w.byline.removeprefix("Von "), "de",
         w.document_id)
        for w in GERMAN_WIRES
    ]  # fmt: skip
    assert texts == ["\n\n".join(w.body) for w in WIRES + GERMAN_WIRES]
    assert extras[0]["subjects"] == WIRES[0].codes[0][1]
    assert extras[1]["time"] == "23:42"
    assert extras[2]["section"] == "Business" and extras[2]["length"] == "58 words"
    assert extras[3]["language of publication"] == "German"
    assert urls[3] == f"https://www.proquest.com/docview/{GERMAN_WIRES[0].document_id}"


def test_the_same_articles_exported_twice_are_skipped_as_duplicates(
    project: Project, tmp_path: Path
) -> None:
    rtf = factiva_rtf(tmp_path / "factiva.rtf", WIRES)
    page = factiva_html(tmp_path / "factiva.html", WIRES)
    report = import_corpus(project, [rtf, page])
    assert len(report.imported) == 3 and len(report.skipped) == 3
    assert [origin for origin, _ in report.skipped] == [
        f"factiva.html, article {n}" for n in (1, 2, 3)
    ]
