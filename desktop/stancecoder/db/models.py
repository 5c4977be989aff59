"""The project's tables, portable between SQLite and PostgreSQL.

Offsets are half-open `[start, end)` in Unicode code points of `Article.text`, which never
changes after import; `Passage.quote` repeats the slice so that a damaged offset is
detectable (`stancecoder check`). `version` columns give optimistic locking for team
servers: an update that finds another coder's newer row fails instead of overwriting it.
"""

from __future__ import annotations

import uuid
from datetime import UTC, datetime

from sqlalchemy import (
    Boolean,
    CheckConstraint,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship

from stancecoder.core.codebook_model import Level, Scope
from stancecoder.core.status import Status

CODEBOOK_VERSION_LENGTH = 40  # every coding records the version of the codebook it used
NAMING_CONVENTION = {
    "ix": "ix_%(table_name)s_%(column_0_N_name)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


def new_uid() -> str:
    return uuid.uuid4().hex


def utc_now() -> datetime:
    return datetime.now(UTC)


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)


class Setting(Base):
    """Project-wide key/value settings: project name, current codebook version, ..."""

    __tablename__ = "setting"
    key: Mapped[str] = mapped_column(String(64), primary_key=True)
    value: Mapped[str] = mapped_column(Text)


class Coder(Base):
    __tablename__ = "coder"
    __table_args__ = (CheckConstraint("role IN ('coder', 'lead')", name="role"),)
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String(200), unique=True)
    initials: Mapped[str] = mapped_column(String(8), default="")
    colour: Mapped[str | None] = mapped_column(String(7))
    role: Mapped[str] = mapped_column(String(8), default="coder")
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    login: Mapped[str | None] = mapped_column(String(63), unique=True, index=True)
    """The team server's login role that codes as this coder (0007)."""


class ImportBatch(Base):
    """One run of the importer, so that a bad import can be traced and reviewed."""

    __tablename__ = "import_batch"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    started_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utc_now)
    description: Mapped[str] = mapped_column(Text, default="")


class Article(Base):
    __tablename__ = "article"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    uid: Mapped[str] = mapped_column(String(32), unique=True, default=new_uid)
    external_id: Mapped[str | None] = mapped_column(String(200), index=True)
    title: Mapped[str | None] = mapped_column(Text)
    source: Mapped[str | None] = mapped_column(String(200), index=True)
    author: Mapped[str | None] = mapped_column(String(200))
    dateline: Mapped[str | None] = mapped_column(String(200))
    # ISO date, possibly partial ("2024", "2024-06"), hence text
    published: Mapped[str | None] = mapped_column(String(10), index=True)
    url: Mapped[str | None] = mapped_column(Text)
    language: Mapped[str | None] = mapped_column(String(16))
    text: Mapped[str] = mapped_column(Text)
    text_sha256: Mapped[str] = mapped_column(String(64), unique=True)
    imported_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utc_now)
    batch_id: Mapped[int | None] = mapped_column(ForeignKey("import_batch.id"))
    extra: Mapped[str] = mapped_column(Text, default="{}")  # JSON object of strings


class Variable(Base):
    __tablename__ = "variable"
    __table_args__ = (
        CheckConstraint("level IN ('nominal', 'ordinal', 'interval')", name="level"),
        CheckConstraint("scope IN ('passage', 'article')", name="scope"),
    )
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String(100), unique=True)
    level: Mapped[Level] = mapped_column(String(10))
    scope: Mapped[Scope] = mapped_column(String(10), default="passage")
    multiple: Mapped[bool] = mapped_column(Boolean, default=False)
    description: Mapped[str] = mapped_column(Text, default="")
    position: Mapped[int] = mapped_column(Integer, default=0)
    codes: Mapped[list[Code]] = relationship(
        back_populates="variable", order_by="Code.position", cascade="all, delete-orphan"
    )


class Code(Base):
    __tablename__ = "code"
    __table_args__ = (UniqueConstraint("variable_id", "label"),)
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    uid: Mapped[str] = mapped_column(String(32), unique=True, default=new_uid)
    variable_id: Mapped[int] = mapped_column(ForeignKey("variable.id", ondelete="CASCADE"))
    parent_id: Mapped[int | None] = mapped_column(ForeignKey("code.id", ondelete="RESTRICT"))
    label: Mapped[str] = mapped_column(String(200))
    value: Mapped[float | None] = mapped_column(Float)
    description: Mapped[str] = mapped_column(Text, default="")
    colour: Mapped[str | None] = mapped_column(String(7))
    shortcut: Mapped[str | None] = mapped_column(String(40))
    position: Mapped[int] = mapped_column(Integer, default=0)
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    variable: Mapped[Variable] = relationship(back_populates="codes")


class Passage(Base):
    __tablename__ = "passage"
    __table_args__ = (
        CheckConstraint('0 <= "start" AND "start" < "end"', name="span"),
        # one coder's passages on some articles, and a coder's passages of today (0006)
        Index("ix_passage_article_coder", "article_id", "coder_id"),
        Index("ix_passage_coder_created", "coder_id", "created_at"),
    )
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    uid: Mapped[str] = mapped_column(String(32), unique=True, default=new_uid)
    article_id: Mapped[int] = mapped_column(ForeignKey("article.id", ondelete="CASCADE"))
    coder_id: Mapped[int] = mapped_column(ForeignKey("coder.id", ondelete="RESTRICT"))
    start: Mapped[int] = mapped_column(Integer)
    end: Mapped[int] = mapped_column(Integer)
    quote: Mapped[str] = mapped_column(Text)
    memo: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utc_now)
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utc_now)
    version: Mapped[int] = mapped_column(Integer, default=1)
    codebook_version: Mapped[str | None] = mapped_column(String(CODEBOOK_VERSION_LENGTH))
    codes: Mapped[list[PassageCode]] = relationship(
        cascade="all, delete-orphan", passive_deletes=True
    )

    # read once from the class by the mapper; SQLAlchemy's own typing declares the name as a
    # plain attribute, so a ClassVar annotation would contradict it
    __mapper_args__ = {"version_id_col": version}  # noqa: RUF012


class PassageCode(Base):
    __tablename__ = "passage_code"
    passage_id: Mapped[int] = mapped_column(
        ForeignKey("passage.id", ondelete="CASCADE"), primary_key=True
    )
    code_id: Mapped[int] = mapped_column(
        ForeignKey("code.id", ondelete="RESTRICT"), primary_key=True, index=True
    )
    variable_id: Mapped[int] = mapped_column(ForeignKey("variable.id", ondelete="RESTRICT"))


class ArticleCode(Base):
    __tablename__ = "article_code"
    article_id: Mapped[int] = mapped_column(
        ForeignKey("article.id", ondelete="CASCADE"), primary_key=True
    )
    coder_id: Mapped[int] = mapped_column(
        ForeignKey("coder.id", ondelete="RESTRICT"), primary_key=True
    )
    code_id: Mapped[int] = mapped_column(
        ForeignKey("code.id", ondelete="RESTRICT"), primary_key=True, index=True
    )
    variable_id: Mapped[int] = mapped_column(ForeignKey("variable.id", ondelete="RESTRICT"))
    codebook_version: Mapped[str | None] = mapped_column(String(CODEBOOK_VERSION_LENGTH))


class Assignment(Base):
    __tablename__ = "assignment"
    __table_args__ = (
        CheckConstraint(f"status IN ({', '.join(repr(s.value) for s in Status)})", name="status"),
        # a coder's statuses counted and their articles listed, from the index alone (0011)
        Index("ix_assignment_coder_status", "coder_id", "status", "article_id"),
    )
    article_id: Mapped[int] = mapped_column(
        ForeignKey("article.id", ondelete="CASCADE"), primary_key=True
    )
    coder_id: Mapped[int] = mapped_column(
        ForeignKey("coder.id", ondelete="RESTRICT"), primary_key=True
    )
    status: Mapped[str] = mapped_column(String(8), default=Status.TODO)
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utc_now)
    # one version for the coder's status and article-level codes of this article
    version: Mapped[int] = mapped_column(Integer, default=1, server_default="1")

    __mapper_args__ = {"version_id_col": version}  # noqa: RUF012


class Round(Base):
    """A reliability sample: its articles are coded independently by each of its coders.

    Rounds are kept apart (training 1, training 2, ..., final) so that agreement can be
    reported per round; `seed` and `description` let anyone draw the same sample again.
    """

    __tablename__ = "round"
    __table_args__ = (CheckConstraint("kind IN ('training', 'final')", name="kind"),)
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String(100), unique=True)
    kind: Mapped[str] = mapped_column(String(8), default="training")
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utc_now)
    closed_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    seed: Mapped[int] = mapped_column(Integer)
    description: Mapped[str] = mapped_column(Text, default="")


class RoundArticle(Base):
    __tablename__ = "round_article"
    round_id: Mapped[int] = mapped_column(
        ForeignKey("round.id", ondelete="CASCADE"), primary_key=True
    )
    article_id: Mapped[int] = mapped_column(
        ForeignKey("article.id", ondelete="CASCADE"), primary_key=True, index=True
    )


class RoundCoder(Base):
    __tablename__ = "round_coder"
    round_id: Mapped[int] = mapped_column(
        ForeignKey("round.id", ondelete="CASCADE"), primary_key=True
    )
    coder_id: Mapped[int] = mapped_column(
        ForeignKey("coder.id", ondelete="RESTRICT"), primary_key=True
    )


class ChangeLog(Base):
    """One row per committed transaction that wrote anything, written in it by the db layer
    (`stancecoder.db.change_log`), so an open window learns what another process changed.

    `articles` and `passages` are JSON lists of the ids touched; `codebook` says the codebook,
    the settings or the coders changed; `everything` marks work too broad to name (a sample
    drawn, codings moved between codes, thousands of articles). AUTOINCREMENT on SQLite: an id
    is never given twice, even after pruning removed the newest row, so a reader's "after id
    X" stays true."""

    __tablename__ = "change_log"
    __table_args__ = {"sqlite_autoincrement": True}  # noqa: RUF012
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utc_now, index=True)
    articles: Mapped[str] = mapped_column(Text, default="[]")
    passages: Mapped[str] = mapped_column(Text, default="[]")
    codebook: Mapped[bool] = mapped_column(Boolean, default=False)
    everything: Mapped[bool] = mapped_column(Boolean, default=False)


class History(Base):
    """One row per coding action, codebook change or status change, never changed or
    removed: who acted (`actor`), whose work it was (`coder`), and the state `before` and
    `after` as JSON (None where there was none). Ids keep no foreign keys, so the history
    outlives what it tells of."""

    __tablename__ = "history"
    __table_args__ = {"sqlite_autoincrement": True}  # noqa: RUF012
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utc_now, index=True)
    actor: Mapped[str] = mapped_column(String(200))
    action: Mapped[str] = mapped_column(String(32))
    coder: Mapped[str | None] = mapped_column(String(200))
    article_id: Mapped[int | None] = mapped_column(Integer, index=True)
    passage_uid: Mapped[str | None] = mapped_column(String(32), index=True)
    before: Mapped[str | None] = mapped_column(Text)
    after: Mapped[str | None] = mapped_column(Text)


class DuplicateCluster(Base):
    """Copies of one story found among the articles (`services.duplicates`): the one kept
    for coding, and when and how strictly they were found. Clusters are marks: no article
    is ever deleted for being a copy (0009)."""

    __tablename__ = "duplicate_cluster"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    kept_article_id: Mapped[int] = mapped_column(
        ForeignKey("article.id", ondelete="CASCADE"), index=True
    )
    found_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utc_now)
    jaccard: Mapped[float] = mapped_column(Float)
    containment: Mapped[float] = mapped_column(Float)
    copies: Mapped[list[DuplicateCopy]] = relationship(
        back_populates="cluster", cascade="all, delete-orphan", passive_deletes=True
    )


class DuplicateCopy(Base):
    """An article of a cluster, the kept one included, with how alike it is to the kept
    copy; an excluded copy is left out of coding and of samples, and stays in the corpus."""

    __tablename__ = "duplicate_copy"
    __table_args__ = (CheckConstraint("kind IN ('exact', 'near')", name="kind"),)
    article_id: Mapped[int] = mapped_column(
        ForeignKey("article.id", ondelete="CASCADE"), primary_key=True
    )
    cluster_id: Mapped[int] = mapped_column(
        ForeignKey("duplicate_cluster.id", ondelete="CASCADE"), index=True
    )
    kind: Mapped[str] = mapped_column(String(8))
    jaccard: Mapped[float] = mapped_column(Float)
    containment: Mapped[float] = mapped_column(Float)
    excluded: Mapped[bool] = mapped_column(Boolean, default=False)
    cluster: Mapped[DuplicateCluster] = relationship(back_populates="copies")
