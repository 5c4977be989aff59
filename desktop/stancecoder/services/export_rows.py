"""The tables of an export, read from a project as rows for the spreadsheet writers.

Everything is read in one transaction so that the sheets agree with each other. Passage
rows are streamed from the database; only the codebook and the passage-to-code links are
held in memory.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from functools import lru_cache
from statistics import fmean
from typing import Any, TypeVar

from sqlalchemy import Select, SQLColumnExpression, func, select
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

_NOT_CODED = "(not coded)"

# an attribute's column, named apart from the article's own fields: exports of news
# databases carry a "language" of their own
ATTRIBUTE_PREFIX = "attribute: "

# combinations of codes whose cells are kept: far more than a codebook's passages share
_COMBINATIONS_KEPT = 4096

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
        self._links: dict[int, tuple[int, ...]] | None = None

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
        """Read as plain rows, not ORM objects. Passages share a few combinations of codes,
        so each combination's cells (labels joined, mean values) are made once."""
        links = self.code_links()
        cells = lru_cache(maxsize=_COMBINATIONS_KEPT)(self._variable_cells)
        result = self.session.connection().execution_options(yield_per=2000)
        for record in result.execute(self.statement()):
            *row, memo, version, created, updated = record
            row += cells(links.get(record.id, ()))
            row += [memo or None, version, created, updated]
            yield row

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

    def code_links(self) -> dict[int, tuple[int, ...]]:
        """Each passage's codes, read once for the Codings and the Summary sheets."""
        if self._links is not None:
            return self._links
        query = select(PassageCode.passage_id, PassageCode.code_id).join(
            Passage, Passage.id == PassageCode.passage_id
        )
        query = self._in_layer(
            apply_filter(query, self.filters, Passage.article_id, Passage.coder_id)
        )
        # tuples, grown in place of lists: a third smaller, never both at once (at a million
        # passages some 150 MB), and a combination of codes can be a key
        links: dict[int, tuple[int, ...]] = {}
        for passage_id, code_id in self.session.connection().execute(query):
            links[passage_id] = (*links.get(passage_id, ()), code_id)
        self._links = links
        return links

    def passage_coders(self) -> dict[int, str]:
        """Whose each passage of the layer is: the Summary's rows for each coder."""
        query = select(Passage.id, Coder.name).join(Coder, Coder.id == Passage.coder_id)
        query = self._in_layer(
            apply_filter(query, self.filters, Passage.article_id, Passage.coder_id)
        )
        return {passage: coder for passage, coder in self.session.connection().execute(query)}


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
) -> tuple[list[Column], Sequence[Sequence[object]]]:
    """Articles with their metadata, one column per attribute any article of the project
    has (so exports of parts of a project line up), and per coder: status, passages,
    article-level codes."""
    coders = session.scalars(select(Coder).order_by(Coder.name)).all()
    if filters.coders:
        coders = [c for c in coders if c.name in filters.coders]
    lookup = CodeLookup(session)
    article_vars = [v for v in lookup.variables.values() if v.scope == "article"]
    connection = session.connection()
    assignments = select(Assignment.article_id, Assignment.coder_id, Assignment.status)
    status = {(a, c): s for a, c, s in connection.execute(assignments)}
    counts = dict(
        ((a, c), n)
        for a, c, n in connection.execute(
            select(Passage.article_id, Passage.coder_id, func.count()).group_by(
                Passage.article_id, Passage.coder_id
            )
        )
    )
    codes: dict[tuple[int, int, int], list[str]] = defaultdict(list)
    article_codes = select(
        ArticleCode.article_id, ArticleCode.coder_id, ArticleCode.variable_id, Code.label
    ).join(Code)
    for article_id, coder_id, variable_id, label in connection.execute(article_codes):
        codes[(article_id, coder_id, variable_id)].append(label)
    columns = [
        Column("article id", "int"), Column("uid", width=12), Column("external id", width=14),
        Column("title", width=50), Column("source", width=16), Column("author", width=16),
        Column("dateline", width=24), Column("date", "date", width=12), Column("url", width=30),
        Column("language", width=8), Column("characters", "int"),
    ]  # fmt: skip
    attributes = {
        article_id: read_attributes(extra)
        for article_id, extra in connection.execute(select(Article.id, Article.extra))
    }
    keys = sorted({key for found in attributes.values() for key in found})
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
    query = select(*fields).order_by(Article.id)
    if filters.article_ids:
        query = query.where(Article.id.in_(filters.article_ids))
    rows = []
    for record in connection.execute(query):
        article_id = record.id
        if filters.status and not any(
            status.get((article_id, c.id)) == filters.status for c in coders
        ):
            continue
        row: list[object] = list(record)
        row += [attributes.get(article_id, {}).get(key) for key in keys]
        for coder in coders:
            row += [
                status.get((article_id, coder.id), Status.TODO.value),
                counts.get((article_id, coder.id), 0),
            ]
            row += ["; ".join(codes[(article_id, coder.id, v.id)]) or None for v in article_vars]
        rows.append(row)
    return columns, rows


def summary_sheet(coding: CodingRows) -> tuple[list[Column], Sequence[Sequence[object]]]:
    """Actor × topic: passage count and mean stance, for the first two nominal passage
    variables and the first ordinal/interval one of the codebook, over the layer's codings
    only; each coder separately gives each coder's rows. The first column names the layer
    in every row, so a table copied out of the sheet still says whose codings it counts."""
    nominal = [v for v in coding.variables if v.level == "nominal"]
    scaled = [v for v in coding.variables if v.level != "nominal"]
    if len(nominal) < 2:
        note = "The codebook has fewer than two nominal passage variables: nothing to cross."
        return [Column("note", width=80)], [[note]]
    first, second = nominal[0], nominal[1]
    scale = scaled[0] if scaled else None
    each = coding.layer.kind == "each"
    # plain values per code id: the loop below runs once per coded passage
    labels_a = {c.id: coding.labels[c.id] for c in first.codes}
    labels_b = {c.id: coding.labels[c.id] for c in second.codes}
    scale_values = {c.id: c.value for c in scale.codes} if scale else {}
    cells: dict[tuple[str, str, str], list[float | None]] = defaultdict(list)
    links = coding.code_links()
    owners = coding.passage_coders() if each else {}
    titles = {name: Layer.of_coder(name).title for name in set(owners.values())}
    for passage_id, codes in links.items():
        owner = titles[owners[passage_id]] if each else coding.layer.title
        rows_a = [labels_a[i] for i in codes if i in labels_a] or [_NOT_CODED]
        rows_b = [labels_b[i] for i in codes if i in labels_b] or [_NOT_CODED]
        value = next((scale_values[i] for i in codes if i in scale_values), None)
        for label_a in rows_a:
            for label_b in rows_b:
                cells[owner, label_a, label_b].append(value)
    columns = [Column("layer", width=24), Column(first.name, width=36),
               Column(second.name, width=30), Column("passages", "int", width=10)]  # fmt: skip
    if scale:
        columns.append(Column(f"mean {scale.name}", "float", width=12))
    rows = []
    for (owner, a, b), values in sorted(cells.items()):
        numbers = [v for v in values if v is not None]
        row: list[object] = [owner, a, b, len(values)]
        if scale:
            row.append(round(fmean(numbers), 3) if numbers else None)
        rows.append(row)
    return columns, rows
