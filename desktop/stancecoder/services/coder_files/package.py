"""`stancecoder package PROJECT CODER OUT.stance`: a coder's share as a project of its own.

The file holds the coder's assigned articles (every article when the coder has no
assignment: a project that does not use them), the whole codebook with the same uids and
version, the coder (same name, initials and colour) and their passages, codes, statuses
and history. Rows keep their ids and uids, so what the coder does in the file is matched
back by uid. Samples and other coders' work stay home. The file is written whole or not at
all, and is named after the project and the coder: "Project (Alice)".
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import ColumnElement, Connection, Table, false, insert, select, true
from sqlalchemy.orm import Session

from stancecoder.core.errors import ValidationError
from stancecoder.db.copy_rows import copy_tables
from stancecoder.db.engine import create_project_engine, is_server_url
from stancecoder.db.migrate import prepare_schema
from stancecoder.db.models import (
    Article,
    ArticleCode,
    Assignment,
    Coder,
    History,
    Passage,
    PassageCode,
    Setting,
    new_uid,
)
from stancecoder.db.store import get_setting
from stancecoder.services.coder_files.stamp import MERGED_PREFIX, STAMP_KEY, Stamp
from stancecoder.services.coders import consensus_name, require_coder
from stancecoder.services.ownership import act_as_lead
from stancecoder.services.project import normalise_target
from stancecoder.services.project_file import build_project_file
from stancecoder.services.project_identity import PROJECT_UID_KEY, ensure_project_uid

if TYPE_CHECKING:
    from stancecoder.services.project import Project

OWN_SETTINGS = (PROJECT_UID_KEY, "name", STAMP_KEY)  # the file's own, not home's


@dataclass(frozen=True)
class PackageReport:
    path: Path
    coder: str
    articles: int
    passages: int

    def summary(self) -> str:
        return (
            f"packaged {self.articles} articles and {self.passages} passages of "
            f"{self.coder} into {self.path}"
        )


def package_for_coder(project: Project, coder: str, out: str | Path) -> PackageReport:
    """Write the coder file `out` for `coder`; a lead's work (or the command line's)."""
    if is_server_url(out):
        raise ValidationError("a coder file is a .stance file, not a server database")
    path = Path(normalise_target(out))
    with project.transaction() as session:
        act_as_lead(session, "package a coder's work")
        source = ensure_project_uid(session)
        member = require_coder(session, coder)
        if member.name == consensus_name(session):
            raise ValidationError(f"{member.name} is the adjudicated consensus, not a coder")
        name = f"{get_setting(session, 'name') or project.location} ({member.name})"
        shares = _Share(session, member.id, member.name)
    with project.reading() as session:
        connection = session.connection()
        build_project_file(path, lambda aside: _fill(connection, aside, shares, name, source))
    return PackageReport(path, member.name, shares.articles, shares.passages)


class _Share:
    """Which rows of each table are the coder's share."""

    def __init__(self, session: Session, coder_id: int, coder: str) -> None:
        self.coder_id, self.coder = coder_id, coder
        assigned = select(Assignment.article_id).where(Assignment.coder_id == coder_id)
        has_any = session.scalar(assigned.limit(1)) is not None
        self.article_ids = assigned if has_any else select(Article.id)
        self.articles = 0
        self.passages = 0

    def keep(self, table: Table) -> ColumnElement[bool] | None:
        in_share = Passage.coder_id == self.coder_id
        kept: dict[str, ColumnElement[bool]] = {
            "setting": Setting.key.not_in(OWN_SETTINGS) & ~Setting.key.startswith(MERGED_PREFIX),
            "coder": Coder.id == self.coder_id,
            "article": Article.id.in_(self.article_ids),
            "passage": in_share & Passage.article_id.in_(self.article_ids),
            "passage_code": PassageCode.passage_id.in_(
                select(Passage.id).where(in_share, Passage.article_id.in_(self.article_ids))
            ),
            "article_code": (ArticleCode.coder_id == self.coder_id)
            & ArticleCode.article_id.in_(self.article_ids),
            "assignment": (Assignment.coder_id == self.coder_id)
            & Assignment.article_id.in_(self.article_ids),
            "history": History.coder == self.coder,
            "variable": true(),
            "code": true(),
            "import_batch": true(),
        }
        return kept.get(table.name, false())  # samples and the change log stay home


def _fill(source: Connection, path: Path, share: _Share, name: str, home: str) -> None:
    prepare_schema(path, create=True)
    engine = create_project_engine(path)
    try:
        with engine.begin() as target:
            written = copy_tables(source, target, share.keep)
            share.articles, share.passages = written["article"], written["passage"]
            stamp = Stamp(home, share.coder, *_versions(target))
            target.execute(
                insert(Setting),
                [
                    {"key": PROJECT_UID_KEY, "value": new_uid()},
                    {"key": "name", "value": name},
                    {"key": STAMP_KEY, "value": stamp.to_json()},
                ],
            )
    finally:
        engine.dispose()  # the file is renamed next: no connection may hold it


def _versions(target: Connection) -> tuple[dict[str, int], dict[str, int]]:
    """The version of each coding in the file as packed: the base of a merge."""
    passages = {uid: v for uid, v in target.execute(select(Passage.uid, Passage.version))}
    versions = select(Article.uid, Assignment.version).join(
        Article, Article.id == Assignment.article_id
    )
    assignments = {uid: v for uid, v in target.execute(versions)}
    return passages, assignments
