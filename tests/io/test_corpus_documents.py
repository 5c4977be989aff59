from __future__ import annotations

import datetime
import zipfile
from pathlib import Path

import pytest
from docx import Document

from stancecoder.core.errors import InputFileError
from stancecoder.io.corpus import read_corpus_file


def write_docx(path: Path, paragraphs: list[tuple[str, str | None]], author: str = "") -> Path:
    document = Document()
    for text, style in paragraphs:
        document.add_paragraph(text, style=style)
    document.core_properties.author = author
    document.core_properties.created = datetime.datetime(2024, 6, 18, 9, 0)
    document.save(path)
    return path


def test_a_styled_title_and_paragraphs_joined_by_blank_lines(tmp_path: Path) -> None:
    path = write_docx(
        tmp_path / "story.docx",
        [
            ("Putin arrives in Pyongyang", "Title"),
            ("", None),
            ("SEOUL, June 18 (Yonhap) — Russian President Vladimir Putin arrived.", None),
            ("Kim met him at the airport.", None),
        ],
        author="Research Assistant",
    )
    (draft,) = read_corpus_file(path)
    assert draft.text == (
        "Putin arrives in Pyongyang\n\n"
        "SEOUL, June 18 (Yonhap) — Russian President Vladimir Putin arrived.\n\n"
        "Kim met him at the airport."
    )
    assert draft.title == "Putin arrives in Pyongyang"
    assert (draft.dateline, draft.source) == ("SEOUL, June 18 (Yonhap)", "Yonhap")
    assert draft.author == "Research Assistant"
    assert draft.extra == {"created": "2024-06-18T09:00:00+00:00"}
    assert (draft.origin, draft.external_id) == ("story.docx", "story")


def test_a_heading_1_is_a_title_even_when_it_ends_with_a_period(tmp_path: Path) -> None:
    path = write_docx(
        tmp_path / "h.docx", [("Talks end.", "Heading 1"), ("The body follows.", None)]
    )
    assert read_corpus_file(path)[0].title == "Talks end."


def test_without_styles_the_news_header_rule_decides(tmp_path: Path) -> None:
    path = write_docx(
        tmp_path / "plain.docx",
        [("World", None), ("Summit ends early", None), ("By Kim Soo-yeon", None), ("Body.", None)],
        author="Someone Else",
    )
    (draft,) = read_corpus_file(path)
    assert draft.title == "Summit ends early"
    assert draft.author == "Kim Soo-yeon"


def test_an_empty_document(tmp_path: Path) -> None:
    path = write_docx(tmp_path / "empty.docx", [("", None)])
    with pytest.raises(InputFileError, match="no text in the file"):
        read_corpus_file(path)


@pytest.mark.parametrize("content", [b"plain text, not Word", b"PK\x03\x04broken"])
def test_a_damaged_docx(tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "broken.docx"
    path.write_bytes(content)
    with pytest.raises(InputFileError) as caught:
        read_corpus_file(path)
    assert caught.value.reason == "not a readable .docx file (damaged or not Word)"


def test_a_zip_that_is_not_a_docx(tmp_path: Path) -> None:
    path = tmp_path / "other.docx"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("hello.txt", "hello")
    with pytest.raises(InputFileError, match="not a readable"):
        read_corpus_file(path)
