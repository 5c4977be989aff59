"""Storing the articles of read files: many files in one transaction, each file whole.

A transaction costs more than a small file's article (its begin, the change log's row, the
commit), so an import stores the files it has read a chunk at a time, the rows inserted by
one statement that learns their ids from the database. What a file brings is decided
inside the transaction (a text the project has, or an earlier file of the chunk brought,
is skipped), so a busy project can run the chunk again whole.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import insert, select
from sqlalchemy.orm import Session

from stancecoder.core.article import ArticleDraft
from stancecoder.core.printable import printable
from stancecoder.db.change_log import note_articles
from stancecoder.db.models import Article, ImportBatch


@dataclass(frozen=True)
class StoredFile:
    """What one file brought: the ids of its new articles, and the (origin, reason) of each
    article skipped, to be reported once the transaction commits."""

    imported: list[int]
    skipped: list[tuple[str, str]]


def text_digest(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def store_files(
    session: Session,
    *,
    files: Sequence[Sequence[ArticleDraft]],
    batch_id: int | None,
    paths: Sequence[Path],
) -> tuple[int, list[StoredFile]]:
    """The articles of `files` (each a file's drafts) in this transaction, the import's
    batch made with the first files stored; the batch and what each file brought."""
    file_batch = batch_id if batch_id is not None else _new_batch(session, paths)
    drafts = [draft for file in files for draft in file]
    digests = [text_digest(draft.text) for draft in drafts]
    known = {
        sha: (article_id, title)
        for sha, article_id, title in session.execute(
            select(Article.text_sha256, Article.id, Article.title).where(
                Article.text_sha256.in_(set(digests))
            )
        )
    }
    first: dict[str, int] = {}  # the digest of each new text -> the draft that brings it
    for position, sha in enumerate(digests):
        if sha not in known and sha not in first:
            first[sha] = position
    ids = _insert(session, [_row(drafts[i], sha, file_batch) for sha, i in first.items()])
    known.update((sha, (ids[sha], drafts[i].title)) for sha, i in first.items())
    stored: list[StoredFile] = []
    position = 0
    for file in files:
        imported: list[int] = []
        skipped: list[tuple[str, str]] = []
        for draft in file:
            sha = digests[position]
            if first.get(sha) == position:
                imported.append(ids[sha])
            else:
                article_id, title = known[sha]
                reason = f"same text as article {article_id} ({title or 'untitled'})"
                skipped.append((draft.origin, printable(reason)))
            position += 1
        stored.append(StoredFile(imported, skipped))
    return file_batch, stored


def _insert(session: Session, rows: list[dict[str, Any]]) -> dict[str, int]:
    """Insert the rows in one statement; the id the database gave each, by its digest. It
    runs on the connection, where the ORM's per-row work is not done, and tells the change
    log the articles it wrote."""
    if not rows:
        return {}
    statement = insert(Article).returning(Article.text_sha256, Article.id)
    ids = {sha: article_id for sha, article_id in session.connection().execute(statement, rows)}
    note_articles(session, ids.values())
    return ids


def _row(draft: ArticleDraft, sha: str, batch_id: int) -> dict[str, Any]:
    return {
        "external_id": draft.external_id,
        "title": draft.title,
        "source": draft.source,
        "author": draft.author,
        "dateline": draft.dateline,
        "published": draft.published,
        "url": draft.url,
        "language": draft.language,
        "text": draft.text,
        "text_sha256": sha,
        "batch_id": batch_id,
        "extra": json.dumps(draft.extra, ensure_ascii=False),
    }


def _new_batch(session: Session, paths: Sequence[Path]) -> int:
    description = ", ".join(printable(str(p)) for p in paths)[:2000]
    batch = ImportBatch(description=description)
    session.add(batch)
    session.flush()
    return batch.id
