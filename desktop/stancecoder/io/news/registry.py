"""The news-database importers, and which of them claims a file."""

from __future__ import annotations

from pathlib import Path

from stancecoder.io.news.base import NewsImporter
from stancecoder.io.news.factiva import FactivaRtf
from stancecoder.io.news.factiva_html import FactivaHtml
from stancecoder.io.news.lexis_academic import LexisAcademicRtf, LexisAcademicText
from stancecoder.io.news.metadata_lists import GdeltCsv, MediaCloudCsv
from stancecoder.io.news.nexis_uni import NexisUniDocx
from stancecoder.io.news.pdf_document import PdfDocument
from stancecoder.io.news.proquest import ProQuestText
from stancecoder.io.news.web_page import WebPage

# The formats with the most specific markers are asked first; a web page last, as any
# page is one (a Factiva .html export too).
IMPORTERS: tuple[NewsImporter, ...] = (
    NexisUniDocx(),
    PdfDocument(),
    FactivaRtf(),
    FactivaHtml(),
    ProQuestText(),
    LexisAcademicText(),
    LexisAcademicRtf(),
    MediaCloudCsv(),
    GdeltCsv(),
    WebPage(),
)


def importer_for(head: bytes, path: Path) -> NewsImporter | None:
    """The first importer whose sniff claims the file, or None for anything else."""
    return next((importer for importer in IMPORTERS if importer.sniff(head, path)), None)
