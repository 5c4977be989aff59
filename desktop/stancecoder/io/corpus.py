"""Reading a corpus: which files a selection means, and the articles in each file."""

from __future__ import annotations

import os
import re
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from stancecoder.core.article import ArticleDraft
from stancecoder.core.errors import InputFileError
from stancecoder.io.corpus_documents import read_docx_article, text_article
from stancecoder.io.corpus_records import read_jsonl_articles, read_table_articles
from stancecoder.io.encoding import read_bytes
from stancecoder.io.limits import DEFAULT_LIMITS, ImportLimits, size_text
from stancecoder.io.news.base import HEAD_BYTES
from stancecoder.io.news.registry import importer_for

SUPPORTED_SUFFIXES = (
    ".txt",
    ".md",
    ".docx",
    ".rtf",
    ".html",
    ".htm",
    ".pdf",
    ".csv",
    ".xlsx",
    ".jsonl",
)
# Suffixes of files a news-database importer may claim by their content.
_DOCUMENT_SUFFIXES = (".txt", ".md", ".docx", ".rtf", ".html", ".htm", ".pdf", ".csv")
# Suffixes of files read whole within the limit of a file of many articles.
_EXPORT_SUFFIXES = (".docx", ".rtf", ".html", ".htm", ".pdf", ".csv")


@dataclass
class Selection:
    """The files a selection stands for, and the folders in it that could not be read
    (each with the reason), which would otherwise vanish from an import unnoticed."""

    files: list[Path] = field(default_factory=list)
    unreadable: list[tuple[Path, str]] = field(default_factory=list)


def expand_paths(paths: Sequence[Path]) -> Selection:
    """The files a selection of files and folders stands for, each once, in order.

    A file is taken as given, whatever its type, so that reading it can say what is
    wrong with it. A folder stands for the supported files below it, in natural order
    ("2.txt" before "10.txt"), leaving out hidden files and folders and the "~$" lock
    files Office leaves next to open documents.
    """
    selection = Selection()

    def unreadable(error: OSError) -> None:
        reason = error.strerror or str(error)
        selection.unreadable.append((Path(error.filename), f"cannot read the folder ({reason})"))

    files: list[Path] = []
    for path in paths:
        if path.is_dir():
            found = _supported_files(path, unreadable)
            files.extend(sorted(found, key=lambda p: _natural_key(p, path)))
        else:
            files.append(path)
    selection.files = list(dict.fromkeys(files))
    return selection


@dataclass
class FileContents:
    """The articles read from one file; for a news-database export also the format, the
    number of articles the export itself counts and the warnings about it (an article
    left out, a count that disagrees, a date that could not be read)."""

    articles: list[ArticleDraft]
    format: str | None = None
    expected: int | None = None
    warnings: list[str] = field(default_factory=list)


def read_corpus_file(
    path: Path, columns: Mapping[str, str] | None = None, limits: ImportLimits = DEFAULT_LIMITS
) -> list[ArticleDraft]:
    """The articles in one file (see `read_corpus_contents`), without the warnings."""
    return read_corpus_contents(path, columns, limits).articles


def read_corpus_contents(
    path: Path, columns: Mapping[str, str] | None = None, limits: ImportLimits = DEFAULT_LIMITS
) -> FileContents:
    """The articles in one file, or InputFileError: a file is imported whole or not at all.

    A document whose content a news-database importer claims (a Nexis Uni .docx, a
    LexisNexis .txt or .rtf, a Factiva .rtf or .html, a ProQuest .txt, a Media Cloud or
    GDELT list with a text column) is split into its articles; an article of it that
    cannot be read whole is left out with a warning, the rest comes in. Any other .html
    page is one article, its main text found among the page's menus and notes, and so is
    a .pdf with a text layer. Any other .txt/.md/.docx holds one article; .csv/.xlsx one per row and
    .jsonl one per line, their columns matched to fields by name or by `columns` (field ->
    column name, e.g. {"text": "body"}).
    Nothing larger than `limits` allows is read.
    """
    suffix = path.suffix.lower()
    if suffix in _DOCUMENT_SUFFIXES:
        data = _document_bytes(path, suffix, limits)
        news = _read_news(path, data, limits)
        if news is not None:
            return news
        if suffix in (".txt", ".md"):  # read within the same limit: no need to read it again
            return FileContents([text_article(path, data, limits)])
        # the bytes read to ask are let go before the file is read another way (a table of
        # 256 MB is not held twice)
        del data
    return FileContents(_read_plain(path, suffix, columns, limits))


def _read_news(path: Path, data: bytes, limits: ImportLimits) -> FileContents | None:
    """The articles of a file a news-database importer claims, or None."""
    importer = importer_for(data if data.startswith(b"PK") else data[:HEAD_BYTES], path)
    if importer is None:
        return None
    news = importer.read(path, data, limits)
    return FileContents(news.articles, importer.label, news.expected, news.warnings)


def _document_bytes(path: Path, suffix: str, limits: ImportLimits) -> bytes:
    """A document within the limit its reader holds it to: a .docx is a package, an .rtf
    or .csv an export, all files of many articles (a web page or a .pdf holds its
    article among much else); a text file is one article in up to four bytes a character."""
    if suffix in _EXPORT_SUFFIXES:
        return read_bytes(path, limits.max_file_bytes)
    article_limit = size_text(limits.max_article_bytes)
    return read_bytes(path, limits.max_document_bytes, f"{article_limit} per article")


def _read_plain(
    path: Path, suffix: str, columns: Mapping[str, str] | None, limits: ImportLimits
) -> list[ArticleDraft]:
    if suffix == ".docx":
        return [read_docx_article(path, limits)]
    if suffix in (".csv", ".xlsx"):
        return read_table_articles(path, columns, limits)
    if suffix == ".jsonl":
        return read_jsonl_articles(path, columns, limits)
    if suffix == ".rtf":
        raise InputFileError(
            path,
            "an .rtf file is read only as a LexisNexis Academic or Factiva export, and this "
            "is none",
        )
    if suffix in (".html", ".htm"):
        raise InputFileError(
            path, "an .html file is read only as a saved web page or a Factiva export"
        )
    if suffix == ".pdf":
        raise InputFileError(path, "not a PDF file (it does not start with %PDF)")
    supported = ", ".join(SUPPORTED_SUFFIXES)
    raise InputFileError(
        path, f"unsupported file type {suffix or '(none)'} (supported: {supported})"
    )


def _supported_files(folder: Path, onerror: Callable[[OSError], None]) -> Iterator[Path]:
    for root, folders, names in os.walk(folder, onerror=onerror):
        folders[:] = [name for name in folders if not name.startswith(".")]
        for name in names:
            hidden = name.startswith((".", "~$"))
            if not hidden and Path(name).suffix.lower() in SUPPORTED_SUFFIXES:
                yield Path(root, name)


def _natural_key(path: Path, folder: Path) -> list[str | int]:
    parts = re.split(r"(\d+)", path.relative_to(folder).as_posix().casefold())
    # re.split puts the digit runs at the odd positions.
    return [int(part) if index % 2 else part for index, part in enumerate(parts)]
