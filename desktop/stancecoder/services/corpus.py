"""Importing a corpus: each file whole or not at all, duplicates skipped and reported."""

from __future__ import annotations

import time
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field, fields
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import inspect
from sqlalchemy.exc import OperationalError

from stancecoder.core.article import ArticleDraft
from stancecoder.core.errors import InputFileError, ProjectError, StanceCoderError, ValidationError
from stancecoder.core.newsmeta import normalise_date
from stancecoder.core.printable import printable
from stancecoder.core.wording import counted
from stancecoder.db.limits import string_limits
from stancecoder.db.models import Article
from stancecoder.io.corpus import FileContents, expand_paths, read_corpus_contents
from stancecoder.io.limits import DEFAULT_LIMITS, ImportLimits
from stancecoder.services.corpus_store import StoredFile, store_files

if TYPE_CHECKING:
    from stancecoder.services.project import Project

# (files done, files in all, current file name) -> False to cancel
Progress = Callable[[int, int, str], bool]

_DRAFT_FIELDS = {draft_field.name for draft_field in fields(ArticleDraft)}
# The draft fields stored in columns of bounded length, with that length: checked per
# record before storing, so a refusal can name the row (the flush check cannot).
_COLUMN_LENGTHS = {
    key: length
    for key, _shown, length in string_limits(inspect(Article))
    if key in _DRAFT_FIELDS and length is not None
}
# When the files read are stored (see `_Chunk`): a transaction per file would cost more
# than most files' articles.
CHUNK_ARTICLES = 100
CHUNK_CHARACTERS = 8_000_000
CHUNK_SECONDS = 1.0
EDITABLE_FIELDS = ("title", "source", "author", "dateline", "published", "url", "language")


@dataclass(frozen=True)
class ExportCount:
    """A news-database export read: its format, the articles found and the number the
    export counts itself (None when it has no counter)."""

    file: str
    format: str
    found: int
    expected: int | None

    def line(self) -> str:
        counts = "" if self.expected is None else f", the export counts {self.expected}"
        return f"{self.format}: {counted(self.found, 'article')} found{counts}"


@dataclass
class ImportReport:
    """What an import stored, skipped and refused; names and reasons are printable.

    `imported` holds only articles whose file was committed. `stopped` is set when the
    project itself refused to store any more (a full disk, a lost server): every later
    file would have failed the same way, so the import ends there. `exports` lists each
    news-database export read, with the articles found in it and the number the export
    itself counts; `warnings` what the user must check in a file that still came in (an
    article left out, a count that disagrees, a date not read).
    """

    imported: list[int] = field(default_factory=list)  # article ids
    skipped: list[tuple[str, str]] = field(default_factory=list)  # (origin, reason)
    failed: list[tuple[str, str]] = field(default_factory=list)  # (file, reason)
    cancelled: bool = False
    stopped: tuple[str, str] | None = None  # (file, reason)
    exports: list[ExportCount] = field(default_factory=list)
    warnings: list[tuple[str, str]] = field(default_factory=list)  # (file, warning)

    @property
    def ok(self) -> bool:
        return not self.failed and not self.cancelled and self.stopped is None

    def summary(self) -> str:
        text = (
            f"{len(self.imported)} imported, {len(self.skipped)} skipped, "
            f"{counted(len(self.failed), 'file')} failed"
        )
        if self.warnings:
            text += f", {counted(len(self.warnings), 'warning')}"
        if self.stopped is not None:
            return text + " (stopped)"
        return text + (" (cancelled)" if self.cancelled else "")


def import_corpus(
    project: Project,
    paths: Sequence[Path],
    columns: Mapping[str, str] | None = None,
    progress: Progress | None = None,
    limits: ImportLimits = DEFAULT_LIMITS,
) -> ImportReport:
    """Import every file of `paths` (folders recursively), each file whole or not at all.

    A file is one unit: whatever goes wrong while reading it, and any refusal by the
    database to store it, becomes its one line in `failed`, nothing of it is stored, and
    the next file is read. The files read are stored a chunk at a time (see `_Chunk`), in
    one transaction; a chunk the database refuses is stored again a file per transaction,
    so that the refusal costs only the file it is about. The project refusing to store
    anything at all stops the import (see `stopped`); an error of the program itself still
    propagates as a bug. Cancelling stores the files read before it.
    """
    project.require_writable()
    report = ImportReport()
    selection = expand_paths([Path(p) for p in paths])
    for folder, reason in selection.unreadable:
        report.failed.append((printable(folder.name or str(folder)), reason))
    files = selection.files
    importing = _Importing(project, report, paths)
    chunk = _Chunk()
    for done, path in enumerate(files):
        name = printable(path.name)
        if progress is not None and not progress(done, len(files), name):
            report.cancelled = True
            break
        chunk.add(_read_file(path, name, columns, limits))
        if chunk.full():
            importing.store(chunk.files)
            chunk = _Chunk()
            if report.stopped is not None:
                break
    if report.stopped is None:
        importing.store(chunk.files)
    if progress is not None and not report.cancelled:
        progress(len(files), len(files), "")
    return report


@dataclass(frozen=True)
class _ReadFile:
    """One file read: its contents, or the reason it could not be read."""

    name: str
    contents: FileContents | None
    failure: str = ""

    @property
    def articles(self) -> list[ArticleDraft]:
        return [] if self.contents is None else self.contents.articles


def _read_file(
    path: Path, name: str, columns: Mapping[str, str] | None, limits: ImportLimits
) -> _ReadFile:
    try:
        contents = read_corpus_contents(path, columns, limits)
        _check_lengths(path, contents.articles)
    except Exception as error:  # the file is untrusted input: whatever it raises is its own
        return _ReadFile(name, None, _reason(error))
    return _ReadFile(name, contents)


@dataclass
class _Chunk:
    """Files read and not yet stored, in their order: stored together once they hold
    `CHUNK_ARTICLES` articles or `CHUNK_CHARACTERS` characters of text, or once the first
    of them has waited `CHUNK_SECONDS` (slow files still reach the project, and other
    windows, every second or so; a crash loses at most that)."""

    files: list[_ReadFile] = field(default_factory=list)
    articles: int = 0
    characters: int = 0
    started: float = 0.0

    def add(self, file: _ReadFile) -> None:
        if not self.files:
            self.started = time.monotonic()
        self.files.append(file)
        self.articles += len(file.articles)
        self.characters += sum(len(draft.text) for draft in file.articles)

    def full(self) -> bool:
        return (
            self.articles >= CHUNK_ARTICLES
            or self.characters >= CHUNK_CHARACTERS
            or time.monotonic() - self.started >= CHUNK_SECONDS
        )


@dataclass
class _Importing:
    """Stores chunks of read files and reports them, in the files' order, once committed."""

    project: Project
    report: ImportReport
    paths: Sequence[Path]
    batch_id: int | None = None  # set once committed: a rolled-back batch does not exist

    def store(self, files: list[_ReadFile]) -> None:
        drafts = [file.articles for file in files if file.articles]
        if not drafts:
            self._report(files, [])
            return
        try:
            self.batch_id, stored = self.project.retrying(
                partial(store_files, files=drafts, batch_id=self.batch_id, paths=self.paths)
            )
        except StanceCoderError:
            self._store_one_by_one(files)
        else:
            self._report(files, stored)

    def _report(self, files: list[_ReadFile], stored: list[StoredFile]) -> None:
        """Report the files of a committed chunk; `stored` holds those that had articles."""
        brought = iter(stored)
        for file in files:
            if file.contents is None:
                self.report.failed.append((file.name, file.failure))
                continue
            if file.articles:
                stored_file = next(brought)
                self.report.imported.extend(stored_file.imported)
                self.report.skipped.extend(stored_file.skipped)
            _note_export(self.report, file.name, file.contents)

    def _store_one_by_one(self, files: list[_ReadFile]) -> None:
        """A refused chunk again, a file per transaction: the refusal is one file's, or the
        project's own (see `ImportReport.stopped`), which ends the import at that file."""
        for file in files:
            if not file.articles:
                self._report([file], [])
                continue
            try:
                self.batch_id, stored = self.project.retrying(
                    partial(
                        store_files, files=[file.articles], batch_id=self.batch_id, paths=self.paths
                    )
                )
            except ProjectError as error:
                if isinstance(error.__cause__, OperationalError):
                    self.report.stopped = (file.name, printable(str(error)))
                    return
                self.report.failed.append((file.name, _reason(error)))
            except StanceCoderError as error:
                self.report.failed.append((file.name, _reason(error)))
            else:
                self._report([file], stored)


def _note_export(report: ImportReport, name: str, contents: FileContents) -> None:
    if contents.format is not None:
        found = len(contents.articles)
        report.exports.append(ExportCount(name, contents.format, found, contents.expected))
    report.warnings.extend((name, printable(warning)) for warning in contents.warnings)


def _check_lengths(path: Path, drafts: list[ArticleDraft]) -> None:
    """Refuse a field longer than its column: PostgreSQL would refuse it while SQLite
    stored it, and a project must take the same files whichever database holds it."""
    file_name = printable(path.name)
    for draft in drafts:
        for name, length in _COLUMN_LENGTHS.items():
            value = getattr(draft, name)
            if value is not None and len(value) > length:
                # a record's origin is "news.csv, row 7"; a document's is its file name
                where = draft.origin.removeprefix(file_name).removeprefix(", ")
                raise InputFileError(
                    path,
                    f"{where + ': ' if where else ''}the {name.replace('_', ' ')} has "
                    f"{len(value)} characters, more than the {length} it may have",
                )


def _reason(error: Exception) -> str:
    """One printable line saying why a file failed; errors that are not the user's to
    act on name their type, so that a bug still shows as one."""
    if isinstance(error, StanceCoderError):
        reason = getattr(error, "reason", None) or str(error)
    elif isinstance(error, MemoryError):
        reason = "not enough memory to read the file"
    elif isinstance(error, RecursionError):
        reason = "nested too deeply to read"
    elif isinstance(error, OSError):
        reason = f"cannot read the file ({error.strerror or error})"
    else:
        reason = f"cannot be imported ({type(error).__name__}: {error})"
    return printable(reason)


def update_article(project: Project, article_id: int, **fields: str | None) -> None:
    """Metadata is editable after import; the text is not (offsets depend on it)."""
    refused = set(fields) - set(EDITABLE_FIELDS)
    if "text" in refused:
        raise ValidationError("an article's text cannot change after import")
    if refused:
        raise ValidationError(f"unknown article field(s): {', '.join(sorted(refused))}")
    with project.transaction() as session:
        article = session.get(Article, article_id)
        if article is None:
            raise ValidationError(f"no article with id {article_id}")
        for name, value in fields.items():
            value = value.strip() or None if isinstance(value, str) else value
            if name == "published" and value is not None:
                value = _checked_date(value)
            setattr(article, name, value)


def _checked_date(value: str) -> str:
    iso = normalise_date(value)
    if iso is None:
        raise ValidationError(f"cannot read {value!r} as a date (write it as 2024-06-17)")
    return iso
