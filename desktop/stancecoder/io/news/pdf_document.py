"""A PDF with a text layer as one article, read page by page with pypdf.

The text of the pages is read as pypdf lays it out, which keeps a blank line between
paragraphs (a page in columns comes out with its columns side by side, line by line: a
layout this reader does not untangle), and joined in order; the words a page or line end
broke and the lines the layout wrapped are left to the repair every export's text gets
(`core.repair`, then `core.text`), which rejoin them only on evidence. The title and
author come from the document's own properties when it has them, never from the first
lines of the text; the date the file was made is kept as an attribute, not taken for the
date the article appeared.

A scan has pages but no text on them: it is refused with the advice to run OCR. An
encrypted PDF is read only when it opens without a password (many are locked against
editing alone); one that needs a password is refused. A document of more pages than
`ImportLimits.max_pdf_pages` is refused before a page is read, its text is held to the
limit of one article as it grows, and a stream that unpacks past pypdf's own limits (a
PDF bomb) is refused, so no PDF can hang an import or exhaust the memory.
"""

from __future__ import annotations

import io
import logging
import re
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

from stancecoder.core.article import ArticleDraft
from stancecoder.core.errors import InputFileError
from stancecoder.core.printable import printable
from stancecoder.core.repair import repair_export_text, repair_field
from stancecoder.core.text import canonical_text
from stancecoder.io.limits import (
    ImportLimits,
    check_article_text,
    check_storable,
    size_text,
    too_large,
)
from stancecoder.io.news.base import NewsFile

if TYPE_CHECKING:
    from pypdf import PdfReader

_SPACING = re.compile(r"[ \t]{2,}")
_SCAN = "no text layer: it is a scan; run OCR first (e.g. ocrmypdf) and import the result"
_LOCKED = "the PDF is encrypted and needs a password; save an unprotected copy and import that"


class PdfDocument:
    name = "pdf"
    label = "PDF (.pdf)"

    def sniff(self, head: bytes, path: Path) -> bool:
        """A file that says it is a PDF in its first kilobyte, where readers look for it."""
        return b"%PDF-" in head[:1024]

    def read(self, path: Path, data: bytes, limits: ImportLimits) -> NewsFile:
        try:
            with _quiet_reader():
                reader = _open(path, data)
                if len(reader.pages) > limits.max_pdf_pages:
                    what = f"the PDF has {len(reader.pages)} pages"
                    raise too_large(path, what, f"{limits.max_pdf_pages} pages")
                text = _text(path, reader, limits)
                properties = _properties(reader)
        except (InputFileError, MemoryError, RecursionError):
            raise
        except Exception as error:
            # pypdf meets a damaged file with whatever error the broken piece causes
            reason = f"not a readable PDF (damaged, or past a limit of the reader: {error})"
            raise InputFileError(path, reason.split("\n", 1)[0]) from error
        return NewsFile(articles=[_draft(path, text, properties, limits)])


@contextmanager
def _quiet_reader() -> Iterator[None]:
    """pypdf logs what it repairs in a damaged file ("EOF marker not found"); the import
    says in its own words what it could not read, so those lines are held back."""
    logger = logging.getLogger("pypdf")
    level = logger.level
    logger.setLevel(logging.CRITICAL)
    try:
        yield
    finally:
        logger.setLevel(level)


def _open(path: Path, data: bytes) -> PdfReader:
    # pypdf is imported on first use, to keep it out of every start of the app
    from pypdf import PdfReader
    from pypdf.errors import DependencyError, FileNotDecryptedError

    reader = PdfReader(io.BytesIO(data))
    if reader.is_encrypted:
        try:
            opened = reader.decrypt("")
        except (DependencyError, FileNotDecryptedError, NotImplementedError) as error:
            raise InputFileError(path, _LOCKED) from error
        if not opened:
            raise InputFileError(path, _LOCKED)
    return reader


def _text(path: Path, reader: PdfReader, limits: ImportLimits) -> str:
    """The pages' text in order, held to the limit of one article as it is read."""
    pages: list[str] = []
    size = 0
    for page in reader.pages:
        text = _layout_lines(page.extract_text(extraction_mode="layout") or "")
        size += len(text.encode("utf-8", "surrogatepass"))
        if size > limits.max_article_bytes:
            what = f"the text of the first {len(pages) + 1} pages has over {size_text(size)}"
            raise too_large(path, what, f"{size_text(limits.max_article_bytes)} per article")
        pages.append(text)
    if not any(text.strip() for text in pages):
        raise InputFileError(path, _SCAN)
    return "\n".join(pages)


def _layout_lines(text: str) -> str:
    """A page's text as pypdf lays it out, each line without the spaces that only placed
    it: the layout keeps the blank line between paragraphs, which the plain reading loses
    and the repair of wraps needs."""
    return "\n".join(_SPACING.sub(" ", line.strip()) for line in text.split("\n"))


def _properties(reader: PdfReader) -> dict[str, str]:
    """The document properties a reader shows, those with a value."""
    metadata = reader.metadata
    if metadata is None:
        return {}
    found = {
        "title": metadata.title,
        "author": metadata.author,
        "subject": metadata.subject,
    }
    try:
        created = metadata.creation_date
    except ValueError:  # a date pypdf cannot read: kept as written
        found["created"] = metadata.creation_date_raw
    else:
        found["created"] = created.isoformat() if created is not None else None
    return {name: repair_field(value) for name, value in found.items() if isinstance(value, str)}


def _draft(path: Path, raw: str, properties: dict[str, str], limits: ImportLimits) -> ArticleDraft:
    text = canonical_text(repair_export_text(raw))
    if not text:
        raise InputFileError(path, _SCAN)
    check_article_text(path, "", text, limits)
    for name, value in properties.items():
        check_storable(path, "", f"the PDF's {name}", value)
    extra = {
        f"pdf {name}": value
        for name, value in properties.items()
        if name in ("subject", "created") and value
    }
    return ArticleDraft(
        text=text,
        origin=printable(path.name),
        title=properties.get("title") or None,
        author=properties.get("author") or None,
        external_id=printable(path.stem),
        extra=extra,
    )
