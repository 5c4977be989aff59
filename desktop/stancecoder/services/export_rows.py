"""The tables of an export, read from a project as rows for the spreadsheet writers.

Everything is read in one transaction so that the sheets agree with each other. Passage
and article rows are streamed from the database, the passages a chunk at a time with their
codes, and the articles likewise with their statuses, counts and article codes: beyond the
codebook, only a chunk's are held in memory.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from functools import lru_cache
from statistics import fmean
from typing import Any, TypeVar

from sqlalchemy import Connection, Select, SQLColumnExpression, func, select
from sqlalchemy.orm import Session

from stancecoder.core.attributes import read_attributes
from stancecoder.core.errors import ValidationError
from stancecoder.core.layer import Layer
from stancecoder.core.status import Status
from stancecoder.core.wording import counted
from stancecoder.db.models import (
    Article,
    ArticleCode,
    Assignment,
    Code,
    Coder,
    Passage,
    PassageCode,
)
from stancecoder.io.sheets import Column
from stancecoder.services.code_lookup import CodeLookup
from stancecoder.services.coded_data import layer_coders, resolve_layer, visible
from stancecoder.services.coders import consensus_name

# an attribute's column, named apart from the article's own fields: exports of news
# databases carry a "language" of their own
ATTRIBUTE_PREFIX = "attribute: "

# combinations of codes whose cells are kept: far more than a codebook's passages share
_COMBINATIONS_KEPT = 4096

# passages read at a time, with their codes
_CHUNK = 2000

# a query narrowed by a filter keeps the columns, and so the row type, it selected
_Query = TypeVar("_Query", bound="Select[*tuple[Any, ...]]")


@dataclass(frozen=True)
class ExportFilter:
    coders: Sequence[str] = ()
    article_ids: Sequence[int] = ()
    status: str | None = None
    layer: Layer | None = None
    """Whose codings the Codings and Summary sheets hold; None: the one coder `coders`
    names, or each coder separately when it names several, else `coded_data.default_layer`."""

    def describe(self) -> str:
        parts = []
        if self.coders:
            parts.append("coders: " + ", ".join(self.coders))
        if self.article_ids:
            parts.append(f"{counted(len(self.article_ids), 'selected article')}")
        if self.status:
            parts.append(f"status: {self.status}")
        return "; ".join(parts) or "none (everything)"


class CodingRows:
    """The Codings table of one layer: one row per passage and coder, each variable's label
    and value."""

    def __init__(self, session: Session, filters: ExportFilter) -> None:
        self.session = session
        self.filters = filters
        self.layer = resolve_layer(session, filters.layer or _layer_of(session, filters.coders))
        self.layer_coders = layer_coders(session, self.layer)
        outside = [name for name in filters.coders if name not in self.layer_coders]
        if outside:
            raise ValidationError(
                f"{', '.join(outside)}: not among the codings of {self.layer.title}; "
                "choose another layer or leave out the coder"
            )
        self.lookup = CodeLookup(session)
        self.variables = [v for v in self.lookup.variables.values() if v.scope == "passage"]
        self.codes = {c.id: c for v in self.variables for c in v.codes}
        self.labels = {i: " › ".join(self.lookup.path(c)) for i, c in self.codes.items()}
        self._combinations: Counter[tuple[str | None, tuple[int, ...]]] | None = None

    def columns(self) -> list[Column]:
        columns = [
            Column("article id", "int"),
            Column("title", width=40),
            Column("source", width=16),
            Column("date", "date", width=12),
            Column("coder", width=14),
            Column("passage id", "int"),
            Column("start", "int"),
            Column("end", "int"),
            Column("quote", wrap=True),
        ]
        for variable in self.variables:
            columns.append(Column(variable.name, width=28))
            if variable.level != "nominal":
                columns.append(Column(f"{variable.name} value", "float"))
        columns += [
            Column("memo", wrap=True, width=30),
            Column("codebook version", width=10),
            Column("created", "datetime", width=20),
            Column("modified", "datetime", width=20),
        ]
        return columns

    def statement(self) -> Select[*tuple[Any, ...]]:
        fields = (
            Passage.article_id, Article.title, Article.source, Article.published, Coder.name,
            Passage.id, Passage.start, Passage.end, Passage.quote,
            Passage.memo, Passage.codebook_version, Passage.created_at, Passage.updated_at,
        )  # fmt: skip
        query = (
            select(*fields)
            .join(Article, Passage.article_id == Article.id)
            .join(Coder, Passage.coder_id == Coder.id)
            .order_by(Article.id, Passage.start, Coder.name, Passage.id)
        )
        return self._in_layer(
            apply_filter(query, self.filters, Passage.article_id, Passage.coder_id)
        )

    def _in_layer(self, query: _Query) -> _Query:
        """The layer's passages that the person acting may see (the blind rules)."""
        return query.where(
            Passage.coder_id.in_(select(Coder.id).where(Coder.name.in_(self.layer_coders))),
            visible(self.session),
        )

    def rows(self) -> Iterator[list[object]]:
        """Read as plain rows, not ORM objects, a chunk of passages at a time with their
        codes. Passages share a few combinations of codes, so each combination's cells
        (labels joined, mean values) are made once; the Summary counts the passages of each
        coder and combination as they pass."""
        cells = lru_cache(maxsize=_COMBINATIONS_KEPT)(self._variable_cells)
        each = self.layer.kind == "each"
        combinations: Counter[tuple[str | None, tuple[int, ...]]] = Counter()
        self._combinations = None
        result = self.session.connection().execution_options(yield_per=_CHUNK)
        for chunk in result.execute(self.statement()).partitions():
            links = self._codes_of([record.id for record in chunk])
            for record in chunk:
                *row, memo, version, created, updated = record
                codes = links.get(record.id, ())
                if codes:
                    combinations[record.name if each else None, codes] += 1
                row += cells(codes)
                row += [memo or None, version, created, updated]
                yield row
        self._combinations = combinations

    def _variable_cells(self, codes: tuple[int, ...]) -> list[object]:
        """Each passage variable's cells for a passage with these codes, in their order."""
        cells: list[object] = []
        for variable in self.variables:
            members = {c.id for c in variable.codes}
            chosen = [i for i in codes if i in members]
            cells.append("; ".join(self.labels[i] for i in chosen) or None)
            if variable.level != "nominal":
                values = [self.codes[i].value for i in chosen]
                numbers = [v for v in values if v is not None]
                cells.append(fmean(numbers) if numbers else None)
        return cells

    def _codes_of(self, passage_ids: Sequence[int]) -> dict[int, tuple[int, ...]]:
        """The codes of these passages, read beside their rows so that no more than a
        chunk's are held."""
        query = (
            select(PassageCode.passage_id, PassageCode.code_id)
            .where(PassageCode.passage_id.in_(passage_ids))
            .order_by(PassageCode.passage_id, PassageCode.code_id)  # the key's own order
        )
        links: dict[int, tuple[int, ...]] = {}
        for passage_id, code_id in self.session.connection().execute(query):
            links[passage_id] = (*links.get(passage_id, ()), code_id)
        return links

    def combinations(self) -> Counter[tuple[str | None, tuple[int, ...]]]:
        """How many passages have each combination of codes, per coder when the layer is
        each coder separately (else under None): counted while the Codings rows pass, or
        by reading them here when they have not been written."""
        if self._combinations is None:
            for _ in self.rows():
                pass
        assert self._combinations is not None
        return self._combinations


def _layer_of(session: Session, coders: Sequence[str]) -> Layer | None:
    """The layer that coders named alone make: one coder's (the consensus, if it is the one
    named), else each coder separately; None when none is named."""
    if not coders:
        return None
    if len(coders) > 1:
        return Layer.each_coder()
    if coders[0] == consensus_name(session):
        return Layer.consensus()
    return Layer.of_coder(coders[0])


def apply_filter(
    query: _Query,
    filters: ExportFilter,
    article_col: SQLColumnExpression[int],
    coder_col: SQLColumnExpression[int],
) -> _Query:
    if filters.coders:
        query = query.where(coder_col.in_(select(Coder.id).where(Coder.name.in_(filters.coders))))
    if filters.article_ids:
        query = query.where(article_col.in_(filters.article_ids))
    if filters.status:
        done = select(Assignment.article_id).where(
            Assignment.status == filters.status, Assignment.coder_id == coder_col
        )
        query = query.where(article_col.in_(done))
    return query


def article_sheet(
    session: Session, filters: ExportFilter
) -> tuple[list[Column], Iterator[list[object]]]:
    """Articles with their metadata, one column per attribute any article of the project
    has (so exports of parts of a project line up), and per coder: status, passages,
    article-level codes."""
    coders = session.scalars(select(Coder).order_by(Coder.name)).all()
    if filters.coders:
        coders = [c for c in coders if c.name in filters.coders]
    lookup = CodeLookup(session)
    article_vars = [v for v in lookup.variables.values() if v.scope == "article"]
    connection = session.connection()
    columns = [
        Column("article id", "int"), Column("uid", width=12), Column("external id", width=14),
        Column("title", width=50), Column("source", width=16), Column("author", width=16),
        Column("dateline", width=24), Column("date", "date", width=12), Column("url", width=30),
        Column("language", width=8), Column("characters", "int"),
    ]  # fmt: skip
    extras = connection.execution_options(yield_per=_CHUNK).execute(select(Article.extra))
    keys = sorted({key for (extra,) in extras for key in read_attributes(extra)})
    columns += [Column(f"{ATTRIBUTE_PREFIX}{key}", width=16) for key in keys]
    for coder in coders:
        columns += [Column(f"status: {coder.name}", width=12),
                    Column(f"passages: {coder.name}", "int", width=12)]  # fmt: skip
        columns += [Column(f"{v.name}: {coder.name}", width=16) for v in article_vars]
    fields = (
        Article.id, Article.uid, Article.external_id, Article.title, Article.source,
        Article.author, Article.dateline, Article.published, Article.url, Article.language,
        func.length(Article.text),  # characters, as len() counts them, without the texts
    )  # fmt: skip
    query = select(*fields, Article.extra).order_by(Article.id)
    if filters.article_ids:
        query = query.where(Article.id.in_(filters.article_ids))

    def rows() -> Iterator[list[object]]:
        """Made as the sheet is written, a chunk of articles at a time, not held whole."""
        result = connection.execution_options(yield_per=_CHUNK).execute(query)
        for chunk in result.partitions():
            status, counts, codes = _article_facts(connection, [record.id for record in chunk])
            for *record, extra in chunk:
                article_id = record[0]
                if filters.status and not any(
                    status.get((article_id, c.id)) == filters.status for c in coders
                ):
                    continue
                found = read_attributes(extra)
                row: list[object] = [*record, *(found.get(key) for key in keys)]
                for coder in coders:
                    row += [
                        status.get((article_id, coder.id), Status.TODO.value),
                        counts.get((article_id, coder.id), 0),
                    ]
                    row += [
                        "; ".join(codes[(article_id, coder.id, v.id)]) or None for v in article_vars
                    ]
                yield row

    return columns, rows()


def _article_facts(
    connection: Connection, article_ids: Sequence[int]
) -> tuple[
    dict[tuple[int, int], str],
    dict[tuple[int, int], int],
    defaultdict[tuple[int, int, int], list[str]],
]:
    """These articles' status and passage count per (article, coder), and their article
    codes' labels per (article, coder, variable), in the codes' key order."""
    assignments = select(Assignment.article_id, Assignment.coder_id, Assignment.status).where(
        Assignment.article_id.in_(article_ids)
    )
    status = {(a, c): s for a, c, s in connection.execute(assignments)}
    passages = (
        select(Passage.article_id, Passage.coder_id, func.count())
        .where(Passage.article_id.in_(article_ids))
        .group_by(Passage.article_id, Passage.coder_id)
    )
    counts = {(a, c): n for a, c, n in connection.execute(passages)}
    article_codes = (
        select(ArticleCode.article_id, ArticleCode.coder_id, ArticleCode.variable_id, Code.label)
        .join(Code)
        .where(ArticleCode.article_id.in_(article_ids))
        .order_by(ArticleCode.article_id, ArticleCode.coder_id, ArticleCode.code_id)
    )
    codes: defaultdict[tuple[int, int, int], list[str]] = defaultdict(list)
    for article_id, coder_id, variable_id, label in connection.execute(article_codes):
        codes[(article_id, coder_id, variable_id)].append(label)
    return status, counts, codes
