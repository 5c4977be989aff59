"""The paragraphs of a Word document as an export tool wrote them, with their bookmarks.

python-docx leaves out the paragraphs in table cells and the bookmarks that mark where
each article of a Nexis Uni export starts, so the document part is read directly (with
defusedxml, after `check_package` has measured the archive).
"""

from __future__ import annotations

import io
import zipfile
from dataclasses import dataclass, field
from xml.etree.ElementTree import Element

from defusedxml.ElementTree import fromstring

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_PARAGRAPH = _W + "p"
_BOOKMARK = _W + "bookmarkStart"
_TABLE_CELL = _W + "tc"
# What each element of a run stands for in the text; deleted text (w:delText) is not text.
_CHARACTERS = {
    _W + "br": "\n",
    _W + "cr": "\n",
    _W + "tab": "\t",
    _W + "softHyphen": "\u00ad",
    _W + "noBreakHyphen": "\u2011",
}


@dataclass
class Paragraph:
    """A paragraph's text (line breaks as "\\n", runs joined without separators: a search
    term highlighted in a run of its own is still one word), its bookmarks, and whether
    it sits in a table."""

    text: str
    bookmarks: list[str] = field(default_factory=list)
    in_table: bool = False


def document_paragraphs(data: bytes) -> list[Paragraph]:
    """Every paragraph of the main document part of the .docx `data`, tables included,
    in document order. A bookmark between paragraphs belongs to the one after it."""
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        root = fromstring(archive.read("word/document.xml"))
    paragraphs: list[Paragraph] = []
    pending: list[str] = []

    def walk(element: Element, in_table: bool) -> None:
        for child in element:
            if child.tag == _PARAGRAPH:
                paragraph = _paragraph(child, in_table)
                paragraph.bookmarks[:0] = pending
                pending.clear()
                paragraphs.append(paragraph)
            elif child.tag == _BOOKMARK:
                pending.append(child.get(_W + "name", ""))
            else:
                walk(child, in_table or child.tag == _TABLE_CELL)

    walk(root, False)
    return paragraphs


def custom_property(data: bytes, name: str) -> str | None:
    """The value of the custom document property `name` (docProps/custom.xml), if any."""
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        if "docProps/custom.xml" not in archive.namelist():
            return None
        root = fromstring(archive.read("docProps/custom.xml"))
    for prop in root:
        if prop.get("name") == name:
            return "".join(prop.itertext()).strip()
    return None


def _paragraph(element: Element, in_table: bool) -> Paragraph:
    parts: list[str] = []
    bookmarks: list[str] = []
    for node in element.iter():
        if node.tag == _W + "t":
            parts.append(node.text or "")
        elif node.tag in _CHARACTERS:
            parts.append(_CHARACTERS[node.tag])
        elif node.tag == _BOOKMARK:
            bookmarks.append(node.get(_W + "name", ""))
    return Paragraph("".join(parts), bookmarks, in_table)
