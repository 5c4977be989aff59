"""Articles from documents: one article per .txt, .md or .docx file."""

from __future__ import annotations

import io
from dataclasses import replace
from pathlib import Path

from stancecoder.core.article import ArticleDraft
from stancecoder.core.errors import InputFileError
from stancecoder.core.newsmeta import split_news_header
from stancecoder.core.printable import printable
from stancecoder.core.text import canonical_text
from stancecoder.io.encoding import decode_bytes, read_bytes
from stancecoder.io.limits import DEFAULT_LIMITS, ImportLimits, check_article_text
from stancecoder.io.packages import check_package

_TITLE_STYLES = frozenset({"Title", "Heading 1"})


def text_article(path: Path, data: bytes, limits: ImportLimits = DEFAULT_LIMITS) -> ArticleDraft:
    """A plain-text or Markdown file as one article, from its contents `data`; the header
    lines give title and date."""
    draft = _article(path, decode_bytes(data, path), limits)
    if path.suffix.lower() == ".md" and draft.title is not None:
        return replace(draft, title=draft.title.lstrip("#").strip() or None)
    return draft


def read_docx_article(path: Path, limits: ImportLimits = DEFAULT_LIMITS) -> ArticleDraft:
    """A Word document as one article, its paragraphs separated by blank lines.

    A first paragraph styled Title or Heading 1 is the title. The document's author
    property is used only when the text has no byline: it often names whoever saved the
    file rather than the journalist. Tables, headers and footers are not article text.

    The package is checked first (see `check_package`). python-docx meets damaged parts
    with whatever error the missing piece causes (a KeyError, an AttributeError on a
    part with an unexpected root), so any error inside it means a damaged file; only
    running out of memory or stack is left to say what it is.
    """
    data = read_bytes(path, limits.max_file_bytes)
    check_package(path, data, ".docx", limits)
    try:
        paragraphs, author, created, title = _docx_contents(data)
    except (MemoryError, RecursionError):
        raise
    except Exception as error:
        reason = f"not a readable .docx file (damaged or not Word: {type(error).__name__})"
        raise InputFileError(path, reason) from error
    extra = {"created": created} if created else {}
    draft = _article(path, "\n\n".join(paragraphs), limits, author, extra)
    return replace(draft, title=title) if title is not None else draft


def _docx_contents(data: bytes) -> tuple[list[str], str, str | None, str | None]:
    """The paragraphs, author property, creation time and styled title of a document."""
    # python-docx is imported on first use, to keep it out of every start of the app
    from docx import Document

    document = Document(io.BytesIO(data))
    paragraphs = document.paragraphs
    texts = [p.text for p in paragraphs]
    first = next((p for p in paragraphs if p.text.strip()), None)
    title = None
    if first is not None and first.style is not None and first.style.name in _TITLE_STYLES:
        title = first.text.strip()
    properties = document.core_properties
    created = properties.created.isoformat() if properties.created else None
    return texts, (properties.author or "").strip(), created, title


def _article(
    path: Path,
    raw: str,
    limits: ImportLimits,
    author: str = "",
    extra: dict[str, str] | None = None,
) -> ArticleDraft:
    text = canonical_text(raw)
    if not text:
        raise InputFileError(path, "no text in the file")
    check_article_text(path, "", text, limits)
    header = split_news_header(text)
    return ArticleDraft(
        text=text,
        origin=printable(path.name),
        title=header.title,
        source=header.source,
        author=header.author or author or None,
        dateline=header.dateline,
        published=header.published,
        external_id=printable(path.stem),
        extra=extra or {},
    )
