"""Which importer reads a file is decided by its content, never by its name."""

from __future__ import annotations

import sys
import zipfile
from pathlib import Path

import pytest
from docx import Document

from stancecoder.io.corpus import read_corpus_contents
from stancecoder.io.news.base import HEAD_BYTES
from stancecoder.io.news.registry import importer_for

sys.path.insert(0, str(Path(__file__).parent))

from news_fixtures import (
    PDF_PAGES,
    STORIES,
    WIRES,
    factiva_html,
    factiva_rtf,
    gdelt_doc_csv,
    gdelt_gkg,
    lexis_academic_rtf,
    lexis_academic_txt,
    media_cloud_csv,
    nexis_uni_docx,
    pdf_article,
    proquest_txt,
    web_page,
)


def test_each_export_is_claimed_by_its_importer(tmp_path: Path) -> None:
    docx = nexis_uni_docx(tmp_path / "a.docx", STORIES)
    txt = lexis_academic_txt(tmp_path / "b.txt", STORIES)
    assert importer_for(docx.read_bytes(), docx).name == "nexis_uni_docx"
    assert importer_for(txt.read_bytes()[:HEAD_BYTES], txt).name == "lexis_academic_txt"
    written = {
        "lexis_academic_rtf": lexis_academic_rtf(tmp_path / "c.rtf", STORIES),
        "factiva_rtf": factiva_rtf(tmp_path / "d.rtf", WIRES),
        "factiva_html": factiva_html(tmp_path / "e.html", WIRES),
        "proquest_txt": proquest_txt(tmp_path / "f.txt", WIRES),
        "media_cloud_csv": media_cloud_csv(tmp_path / "i.csv", STORIES),
        "gdelt_csv": gdelt_doc_csv(tmp_path / "j.csv", STORIES),
        "pdf": pdf_article(tmp_path / "k.pdf", PDF_PAGES),
        "web_page": web_page(tmp_path / "l.html", STORIES[0]),
    }
    for name, path in written.items():
        assert importer_for(path.read_bytes()[:HEAD_BYTES], path).name == name
    unindexed = factiva_rtf(tmp_path / "g.rtf", WIRES, indexed=False)
    assert importer_for(unindexed.read_bytes()[:HEAD_BYTES], unindexed).name == "factiva_rtf"
    plain = factiva_html(tmp_path / "h.html", WIRES, indexed=False)
    assert importer_for(plain.read_bytes()[:HEAD_BYTES], plain).name == "factiva_html"
    legacy = media_cloud_csv(tmp_path / "m.csv", STORIES, legacy=True)
    assert importer_for(legacy.read_bytes()[:HEAD_BYTES], legacy).name == "media_cloud_csv"
    gkg = gdelt_gkg(tmp_path / "n.csv", STORIES)
    assert importer_for(gkg.read_bytes()[:HEAD_BYTES], gkg).name == "gdelt_csv"


def test_a_nexis_export_without_its_counter_is_known_by_its_markers(tmp_path: Path) -> None:
    source = nexis_uni_docx(tmp_path / "a.docx", STORIES)
    stripped = tmp_path / "b.docx"
    with zipfile.ZipFile(source) as old, zipfile.ZipFile(stripped, "w") as new:
        for name in old.namelist():
            if name != "docProps/custom.xml":
                new.writestr(name, old.read(name))
    contents = read_corpus_contents(stripped)
    assert contents.format == "Nexis Uni (.docx)"
    assert len(contents.articles) == 3 and contents.expected is None


def test_an_export_under_another_name_is_still_split(tmp_path: Path) -> None:
    docx = nexis_uni_docx(tmp_path / "export.txt", STORIES)
    txt = lexis_academic_txt(tmp_path / "export.md", STORIES)
    assert len(read_corpus_contents(docx).articles) == 3
    assert len(read_corpus_contents(txt).articles) == 3
    rtf = factiva_rtf(tmp_path / "factiva.txt", WIRES)
    page = factiva_html(tmp_path / "factiva.md", WIRES)
    listing = proquest_txt(tmp_path / "proquest.md", WIRES)
    assert read_corpus_contents(rtf).format == "Factiva (.rtf)"
    assert read_corpus_contents(page).format == "Factiva (.html)"
    assert read_corpus_contents(listing).format == "ProQuest (.txt)"


def test_an_ordinary_word_document_stays_one_article(tmp_path: Path) -> None:
    document = Document()
    document.add_paragraph("A letter to the editor")
    document.add_paragraph("End of Document")
    path = tmp_path / "letter.docx"
    document.save(path)
    contents = read_corpus_contents(path)
    assert contents.format is None
    assert len(contents.articles) == 1


@pytest.mark.parametrize(
    ("head", "claimed_by"),
    [
        (b"                1 of 2 DOCUMENTS\n\nKCNA\n\nJune 19, 2024", "lexis_academic_txt"),
        (b"FOCUS - 2 OF 2 DOCUMENT\r\n\r\nKCNA", "lexis_academic_txt"),
        (b"Dokument 1 von 2\n\nKCNA", "lexis_academic_txt"),
        (b"Document 1 de 2\n\nKCNA", "lexis_academic_txt"),
        (b"Title\n" + b"_" * 40 + b"\n\nDocument 1 of 2\n\nText", "proquest_txt"),
        (b'<html><body><DIV CLASS="enArticle"><p>Text</p></div>', "factiva_html"),
        (b"The DOCUMENTS show 1 of 2 Documents were sent.\n" + b"_" * 39 + b"\n", None),
        (b"Document 1 of 2\n" + b"_" * 39 + b"\n", None),
    ],
)
def test_markers_are_found_in_every_form_and_nowhere_else(
    tmp_path: Path, head: bytes, claimed_by: str | None
) -> None:
    """Each sniff looks for a word its marker holds before searching for the marker's line:
    every form of the marker is still found (languages, case, a line's indent or CR), and
    the words outside a marker line claim nothing."""
    importer = importer_for(head, tmp_path / "a.txt")
    assert (importer.name if importer else None) == claimed_by
