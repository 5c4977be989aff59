"""`stancecoder import` of a news-database export, in a real process."""

from __future__ import annotations

import sys
from pathlib import Path

from sqlalchemy import select

from stancecoder.db.models import Article
from stancecoder.services.project import open_project

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "io" / "news"))

from news_fixtures import (
    GERMAN_WIRES,
    PDF_PAGES,
    STORIES,
    WIRES,
    factiva_html,
    factiva_rtf,
    media_cloud_csv,
    nexis_uni_docx,
    pdf_article,
    proquest_txt,
    scanned_pdf,
    web_page,
)


def test_a_nexis_uni_export_is_imported_article_by_article(tmp_path: Path, stancecoder_cli) -> None:
    target = tmp_path / "study.stance"
    assert stancecoder_cli("init", target).returncode == 0
    good = nexis_uni_docx(tmp_path / "nexis.docx", STORIES, cover=True)
    short = nexis_uni_docx(tmp_path / "short.docx", STORIES[:2], doc_count=4)
    result = stancecoder_cli("import", target, good, short)
    assert result.returncode == 0, result.stderr
    assert "read    nexis.docx: Nexis Uni (.docx): 3 articles found, the export counts 3" in (
        result.stdout
    )
    assert "read    short.docx: Nexis Uni (.docx): 2 articles found, the export counts 4" in (
        result.stdout
    )
    assert result.stderr.splitlines() == [
        "warning short.docx: 2 articles read, but the export counts 4 (LADocCount 4)"
    ]
    # short.docx repeats the first two articles of nexis.docx: both are skipped as duplicates
    assert "3 imported, 2 skipped, 0 files failed, 1 warning" in result.stdout
    with open_project(target) as project, project.reading() as session:
        rows = session.execute(
            select(Article.title, Article.source, Article.published, Article.author)
        ).all()
    assert sorted(rows) == sorted(
        [
            (STORIES[0].title, STORIES[0].source, "2021-03-04", "Jane Q. Reporter"),
            (STORIES[1].title, STORIES[1].source, "2021-03-03", None),
            (STORIES[2].title, STORIES[2].source, "2021-03-06", "Ana Writer"),
        ]
    )


def test_factiva_and_proquest_exports_are_imported_with_their_warnings(
    tmp_path: Path, stancecoder_cli
) -> None:
    target = tmp_path / "study.stance"
    assert stancecoder_cli("init", target).returncode == 0
    rtf = factiva_rtf(tmp_path / "factiva.rtf", WIRES, truncated=True)
    page = factiva_html(tmp_path / "factiva.html", GERMAN_WIRES, indexed=False)
    listing = proquest_txt(tmp_path / "proquest.txt", WIRES[2:], total=2)
    result = stancecoder_cli("import", target, rtf, page, listing)
    assert result.returncode == 0, result.stderr
    for line in (
        "read    factiva.rtf: Factiva (.rtf): 2 articles found, the export counts 2",
        "read    factiva.html: Factiva (.html): 2 articles found, the export counts 2",
        "read    proquest.txt: ProQuest (.txt): 1 article found, the export counts 2",
        "5 imported, 0 skipped, 0 files failed, 3 warnings",
    ):
        assert line in result.stdout
    assert result.stderr.splitlines() == [
        "warning factiva.rtf: article 3 (Shop owners fear parking squeeze) has no 'Document "
        "<accession number>' line at its end: the export seems cut off there; not imported",
        "warning factiva.html: exported without indexing: headline, byline, section and source "
        "were read by their position; export 'Full Article/Report plus Indexing' to have them "
        "for certain",
        "warning proquest.txt: 1 article read, but the export counts 2 ('Document n of 2')",
    ]
    with open_project(target) as project, project.reading() as session:
        ids = session.scalars(select(Article.external_id).order_by(Article.id)).all()
    assert ids == [
        WIRES[0].accession,
        WIRES[1].accession,
        GERMAN_WIRES[0].accession,
        GERMAN_WIRES[1].accession,
        WIRES[2].document_id,
    ]


def test_web_pages_pdfs_and_lists_are_imported_or_refused_in_one_line(
    tmp_path: Path, stancecoder_cli
) -> None:
    target = tmp_path / "study.stance"
    assert stancecoder_cli("init", target).returncode == 0
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    web_page(corpus / "page.html", STORIES[0])
    pdf_article(corpus / "report.pdf", PDF_PAGES, title="Bike lanes")
    scanned_pdf(corpus / "scan.pdf")
    media_cloud_csv(corpus / "stories.csv", STORIES)
    result = stancecoder_cli("import", target, corpus)
    assert result.returncode == 1
    assert "read    page.html: web page (.html): 1 article found" in result.stdout
    assert "read    report.pdf: PDF (.pdf): 1 article found" in result.stdout
    assert result.stderr.splitlines() == [
        "failed  scan.pdf: no text layer: it is a scan; run OCR first (e.g. ocrmypdf) and "
        "import the result",
        "failed  stories.csv: a Media Cloud list holds no article text (only titles and "
        "links); fetch the pages, save them as .html and import those",
    ]
    assert result.stdout.splitlines()[-1] == "2 imported, 0 skipped, 2 files failed"
    with open_project(target) as project, project.reading() as session:
        rows = session.execute(select(Article.title, Article.url).order_by(Article.id)).all()
    assert rows == [
        (STORIES[0].title, "https://examplegazette.invalid/news/cycling-lanes"),
        ("Bike lanes", None),
    ]
