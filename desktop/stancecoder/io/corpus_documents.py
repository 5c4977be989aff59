"""Articles from documents: one article per .txt, .md or .docx file."""

from __future__ import annotations

import io
import zipfile
from dataclasses import replace
from pathlib import Path

from stancecoder.core.article import ArticleDraft
from stancecoder.core.errors import InputFileError
from stancecoder.core.newsmeta import split_news_header
from stancecoder.core.text import canonical_text
from stancecoder.io.encoding import read_bytes, read_text

_TITLE_STYLES = frozenset({"Title", "Heading 1"})


def read_text_article(path: Path) -> ArticleDraft:
    """A plain-text or Markdown file as one article; the header lines give title and date."""
    draft = _article(path, read_text(path))
    if path.suffix.lower() == ".md" and draft.title is not None:
        return replace(draft, title=draft.title.lstrip("#").strip() or None)
    return draft


def read_docx_article(path: Path) -> ArticleDraft:
    """A Word document as one article, its paragraphs separated by blank lines.

    A first paragraph styled Title or Heading 1 is the title. The document's author
    property is used only when the text has no byline: it often names whoever saved the
    file rather than the journalist. Tables, headers and footers are not article text.
    """
    # python-docx is imported on first use, to keep it out of every start of the app
    from docx import Document
    from docx.opc.exceptions import PackageNotFoundError
    from lxml.etree import XMLSyntaxError

    try:
        document = Document(io.BytesIO(read_bytes(path)))
    except (PackageNotFoundError, zipfile.BadZipFile, KeyError, ValueError, XMLSyntaxError) as e:
        raise InputFileError(path, "not a readable .docx file (damaged or not Word)") from e
    paragraphs = document.paragraphs
    first = next((p for p in paragraphs if p.text.strip()), None)
    properties = document.core_properties
    extra = {"created": properties.created.isoformat()} if properties.created else {}
    draft = _article(
        path, "\n\n".join(p.text for p in paragraphs), (properties.author or "").strip(), extra
    )
    if first is not None and first.style is not None and first.style.name in _TITLE_STYLES:
        return replace(draft, title=first.text.strip())
    return draft


def _article(
    path: Path, raw: str, author: str = "", extra: dict[str, str] | None = None
) -> ArticleDraft:
    text = canonical_text(raw)
    if not text:
        raise InputFileError(path, "no text in the file")
    header = split_news_header(text)
    return ArticleDraft(
        text=text,
        origin=path.name,
        title=header.title,
        source=header.source,
        author=header.author or author or None,
        dateline=header.dateline,
        published=header.published,
        external_id=path.stem,
        extra=extra or {},
    )
