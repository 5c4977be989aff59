"""Importing a corpus: each file whole or not at all, duplicates skipped and reported."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field, fields
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import inspect, select
from sqlalchemy.exc import OperationalError
from sqlalchemy.orm import Session

from stancecoder.core.article import ArticleDraft
from stancecoder.core.errors import InputFileError, ProjectError, StanceCoderError, ValidationError
from stancecoder.core.newsmeta import normalise_date
from stancecoder.core.printable import printable
from stancecoder.core.wording import counted
from stancecoder.db.limits import string_limits
from stancecoder.db.models import Article, ImportBatch
from stancecoder.io.corpus import FileContents, expand_paths, read_corpus_contents
from stancecoder.io.limits import DEFAULT_LIMITS, ImportLimits

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


def text_digest(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def import_corpus(
    project: Project,
    paths: Sequence[Path],
    columns: Mapping[str, str] | None = None,
    progress: Progress | None = None,
    limits: ImportLimits = DEFAULT_LIMITS,
) -> ImportReport:
    """Import every file of `paths` (folders recursively), each in its own transaction.

    A file is one unit: whatever goes wrong while reading it, and any refusal by the
    database to store it, becomes its one line in `failed`, its transaction is rolled
    back, and the next file is read. The project refusing to store anything at all stops
    the import (see `stopped`); an error of the program itself still propagates as a bug.
    """
    project.require_writable()
    report = ImportReport()
    selection = expand_paths([Path(p) for p in paths])
    for folder, reason in selection.unreadable:
        report.failed.append((printable(folder.name or str(folder)), reason))
    files = selection.files
    batch_id: int | None = None
    for done, path in enumerate(files):
        name = printable(path.name)
        if progress is not None and not progress(done, len(files), name):
            report.cancelled = True
            break
        try:
            contents = read_corpus_contents(path, columns, limits)
            drafts = contents.articles
            _check_lengths(path, drafts)
        except Exception as error:  # the file is untrusted input: whatever it raises is its own
            report.failed.append((name, _reason(error)))
            continue
        if not drafts:
            _note_export(report, name, contents)
            continue
        try:
            file_batch, imported, skipped = project.retrying(
                partial(_store_file, drafts=drafts, batch_id=batch_id, paths=paths)
            )
        except ProjectError as error:
            if isinstance(error.__cause__, OperationalError):
                report.stopped = (name, printable(str(error)))
                break
            report.failed.append((name, _reason(error)))
        except StanceCoderError as error:
            report.failed.append((name, _reason(error)))
        else:
            batch_id = file_batch  # only once committed: a rolled-back batch does not exist
            report.imported.extend(imported)
            report.skipped.extend(skipped)
            _note_export(report, name, contents)
    if progress is not None and not report.cancelled:
        progress(len(files), len(files), "")
    return report


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


def _store_file(
    session: Session, *, drafts: list[ArticleDraft], batch_id: int | None, paths: Sequence[Path]
) -> tuple[int, list[int], list[tuple[str, str]]]:
    """One file's articles in its transaction, the import's batch made with the first file
    stored; it reads what it checks inside the transaction, so a busy project can re-run it."""
    file_batch = batch_id if batch_id is not None else _new_batch(session, paths)
    imported, skipped = _store_drafts(session, drafts, file_batch)
    return file_batch, imported, skipped


def _new_batch(session: Session, paths: Sequence[Path]) -> int:
    description = ", ".join(printable(str(p)) for p in paths)[:2000]
    batch = ImportBatch(description=description)
    session.add(batch)
    session.flush()
    return batch.id


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


def _store_drafts(
    session: Session, drafts: list[ArticleDraft], batch_id: int
) -> tuple[list[int], list[tuple[str, str]]]:
    """Add the drafts whose text the project does not have yet; the ids added and the
    (origin, reason) of each skipped one, to be reported once the transaction commits."""
    digests = [text_digest(d.text) for d in drafts]
    known = {
        sha: (article_id, title)
        for sha, article_id, title in session.execute(
            select(Article.text_sha256, Article.id, Article.title).where(
                Article.text_sha256.in_(set(digests))
            )
        )
    }
    new_ids: list[int] = []
    skipped: list[tuple[str, str]] = []
    for draft, sha in zip(drafts, digests, strict=True):
        if sha in known:
            article_id, title = known[sha]
            reason = f"same text as article {article_id} ({title or 'untitled'})"
            skipped.append((draft.origin, printable(reason)))
            continue
        article = _article_from(draft, sha, batch_id)
        session.add(article)
        session.flush()
        known[sha] = (article.id, article.title)
        new_ids.append(article.id)
    return new_ids, skipped


def _article_from(draft: ArticleDraft, sha: str, batch_id: int) -> Article:
    return Article(
        external_id=draft.external_id,
        title=draft.title,
        source=draft.source,
        author=draft.author,
        dateline=draft.dateline,
        published=draft.published,
        url=draft.url,
        language=draft.language,
        text=draft.text,
        text_sha256=sha,
        batch_id=batch_id,
        extra=json.dumps(draft.extra, ensure_ascii=False),
    )


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
