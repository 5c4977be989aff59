"""Importing saved web pages, PDFs and Media Cloud lists into a project on both back ends:
each article stored with its fields and attributes, each refused file named with its
reason while the rest comes in."""

from __future__ import annotations

import csv
import json
import sys
from pathlib import Path

from sqlalchemy import select

from stancecoder.db.models import Article
from stancecoder.services.corpus import import_corpus
from stancecoder.services.project import Project

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "io" / "news"))

from news_fixtures import (
    PDF_PAGES,
    STORIES,
    media_cloud_csv,
    pdf_article,
    scanned_pdf,
    web_page,
)


def test_pages_pdfs_and_lists_are_stored_and_the_bad_files_refused(
    project: Project, tmp_path: Path
) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    web_page(corpus / "a-page.html", STORIES[0])
    pdf_article(corpus / "b-report.pdf", PDF_PAGES, title="Bike lanes: the council's plan")
    scanned_pdf(corpus / "c-scan.pdf")
    media_cloud_csv(corpus / "d-list.csv", STORIES)
    listed = media_cloud_csv(corpus / "e-list-with-text.csv", STORIES[1:], text=True)
    with listed.open(encoding="utf-8", newline="") as stream:
        rows = list(csv.DictReader(stream))

    report = import_corpus(project, [corpus])

    assert report.failed == [
        (
            "c-scan.pdf",
            "no text layer: it is a scan; run OCR first (e.g. ocrmypdf) and import the result",
        ),
        (
            "d-list.csv",
            "a Media Cloud list holds no article text (only titles and links); fetch "
            "the pages, save them as .html and import those",
        ),
    ]
    with project.reading() as session:
        stored = session.scalars(select(Article).order_by(Article.id)).all()
        found = [
            (a.title, a.source, a.published, a.url, a.external_id, a.text, json.loads(a.extra))
            for a in stored
        ]
    page, report_pdf, *listed_articles = found
    assert page[:5] == (
        STORIES[0].title,
        STORIES[0].source,
        "2021-03-04",
        "https://examplegazette.invalid/news/cycling-lanes",
        "a-page",
    )
    assert page[5] == "\n\n".join(STORIES[0].body)
    assert report_pdf[:5] == ("Bike lanes: the council's plan", None, None, None, "b-report")
    assert "the decision ignored the suburbs" in report_pdf[5]
    assert report_pdf[6] == {"pdf created": "2021-03-05T10:15:00+00:00"}
    assert [a[:5] for a in listed_articles] == [
        (row["title"], row["media_name"], row["publish_date"][:10] or None, row["url"], row["id"])
        for row in rows
    ]
    assert [a[5] for a in listed_articles] == [row["text"] for row in rows]
    assert [a[6]["media_url"] for a in listed_articles] == [row["media_url"] for row in rows]
