"""The news-database importers, and which of them claims a file."""

from __future__ import annotations

from pathlib import Path

from stancecoder.io.news.base import NewsImporter
from stancecoder.io.news.factiva import FactivaRtf
from stancecoder.io.news.factiva_html import FactivaHtml
from stancecoder.io.news.lexis_academic import LexisAcademicRtf, LexisAcademicText
from stancecoder.io.news.nexis_uni import NexisUniDocx
from stancecoder.io.news.proquest import ProQuestText

# The formats with the most specific markers are asked first.
IMPORTERS: tuple[NewsImporter, ...] = (
    NexisUniDocx(),
    FactivaRtf(),
    FactivaHtml(),
    ProQuestText(),
    LexisAcademicText(),
    LexisAcademicRtf(),
)


def importer_for(head: bytes, path: Path) -> NewsImporter | None:
    """The first importer whose sniff claims the file, or None for anything else."""
    return next((importer for importer in IMPORTERS if importer.sniff(head, path)), None)
