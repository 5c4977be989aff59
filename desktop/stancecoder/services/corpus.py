"""Importing a corpus: each file whole or not at all, duplicates skipped and reported."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import select
from sqlalchemy.orm import Session

from stancecoder.core.article import ArticleDraft
from stancecoder.core.errors import StanceCoderError, ValidationError
from stancecoder.core.newsmeta import normalise_date
from stancecoder.db.models import Article, ImportBatch
from stancecoder.io.corpus import expand_paths, read_corpus_file

if TYPE_CHECKING:
    from stancecoder.services.project import Project

# (files done, files in all, current file name) -> False to cancel
Progress = Callable[[int, int, str], bool]

EDITABLE_FIELDS = ("title", "source", "author", "dateline", "published", "url", "language")


@dataclass
class ImportReport:
    imported: list[int] = field(default_factory=list)  # article ids
    skipped: list[tuple[str, str]] = field(default_factory=list)  # (origin, reason)
    failed: list[tuple[str, str]] = field(default_factory=list)  # (file, reason)
    cancelled: bool = False

    @property
    def ok(self) -> bool:
        return not self.failed and not self.cancelled

    def summary(self) -> str:
        text = (
            f"{len(self.imported)} imported, {len(self.skipped)} skipped, "
            f"{len(self.failed)} file(s) failed"
        )
        return text + (" (cancelled)" if self.cancelled else "")


def text_digest(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def import_corpus(
    project: Project,
    paths: Sequence[Path],
    columns: Mapping[str, str] | None = None,
    progress: Progress | None = None,
) -> ImportReport:
    project.require_writable()
    report = ImportReport()
    files = expand_paths([Path(p) for p in paths])
    batch_id: int | None = None
    for done, path in enumerate(files):
        if progress is not None and not progress(done, len(files), path.name):
            report.cancelled = True
            break
        try:
            drafts = read_corpus_file(path, columns)
            with project.transaction() as session:
                if batch_id is None:
                    batch = ImportBatch(description=", ".join(str(p) for p in paths)[:2000])
                    session.add(batch)
                    session.flush()
                    batch_id = batch.id
                _store_drafts(session, drafts, batch_id, report)
        except StanceCoderError as exc:
            report.failed.append((path.name, getattr(exc, "reason", str(exc))))
    if progress is not None and not report.cancelled:
        progress(len(files), len(files), "")
    return report


def _store_drafts(
    session: Session, drafts: list[ArticleDraft], batch_id: int, report: ImportReport
) -> None:
    digests = [text_digest(d.text) for d in drafts]
    known = {
        sha: (article_id, title)
        for sha, article_id, title in session.execute(
            select(Article.text_sha256, Article.id, Article.title).where(
                Article.text_sha256.in_(set(digests))
            )
        )
    }
    new_ids = []
    for draft, sha in zip(drafts, digests, strict=True):
        if sha in known:
            article_id, title = known[sha]
            report.skipped.append(
                (draft.origin, f"same text as article {article_id} ({title or 'untitled'})")
            )
            continue
        article = _article_from(draft, sha, batch_id)
        session.add(article)
        session.flush()
        known[sha] = (article.id, article.title)
        new_ids.append(article.id)
    report.imported.extend(new_ids)


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
