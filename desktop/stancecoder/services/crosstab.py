"""Crosstabs and code co-occurrence of one layer's codings, read in one transaction.

Every table is computed for one layer (`core.layer`): a coder's codings, the consensus, or
each coder separately, which gives one table per coder and never their sum. The codings
are read through `coded_data`, so the blind rules hold here as in the reader.

A dimension is a variable of the codebook (its codes rolled up to their top code unless
`detail` asks for every sub-code apart; an article-scope variable takes the code the
passage's coder gave the article) or an attribute of the article (`ARTICLE_DIMENSIONS`):
the one list the command line and the window offer (`dimensions`).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from statistics import fmean
from typing import TYPE_CHECKING, Literal

from sqlalchemy import select
from sqlalchemy.orm import Session

from stancecoder.core.crosstab import (
    ARTICLE_DIMENSIONS,
    Cooccurrence,
    Crosstab,
    Unit,
    article_category,
    cooccurrence,
    crosstab,
    ordered,
)
from stancecoder.core.errors import ValidationError
from stancecoder.core.layer import Layer
from stancecoder.db.models import Article, ArticleCode, Coder
from stancecoder.services.code_lookup import Code, CodeLookup, Variable
from stancecoder.services.coded_data import Coding, layer_coders, read_codings, resolve_layer
from stancecoder.services.retrieval import RetrievalFilter, stance_variable

if TYPE_CHECKING:
    from stancecoder.services.project import Project

Scope = Literal["passage", "article"]


@dataclass(frozen=True)
class CoderTable:
    """One table of a layer: `coder` is whose codings it counts (the consensus layer's
    name for the consensus), `title` says so in words."""

    coder: str
    title: str
    table: Crosstab


@dataclass(frozen=True)
class Crosstabs:
    """A crosstab of a layer: one table, or one per coder for each coder separately."""

    layer: Layer
    rows: str
    columns: str
    detail: bool
    stance_variable: str | None
    variables: frozenset[str]
    multiple: frozenset[str]
    """The dimensions whose passages may fall in several categories."""
    tables: list[CoderTable]
    column_keys: tuple[str, ...]
    """The columns of all the tables, in order: so several coders' tables line up."""

    @property
    def title(self) -> str:
        return f"{self.rows} × {self.columns}, {self.layer.title}"


@dataclass(frozen=True)
class CoderMatrix:
    coder: str
    title: str
    matrix: Cooccurrence


@dataclass(frozen=True)
class Cooccurrences:
    """Which codes occur together, per coder of a layer. `codes` names each key's
    variable and code path, for retrieval."""

    layer: Layer
    dimensions: tuple[str, ...]
    detail: bool
    codes: Mapping[str, tuple[str, str]]
    tables: list[CoderMatrix]

    @property
    def title(self) -> str:
        return f"{' and '.join(self.dimensions)} together, {self.layer.title}"


def dimensions(project: Project) -> list[str]:
    """What a table may cross: the codebook's variables in its order, then the article
    attributes a variable does not already name."""
    with project.reading() as session:
        return _dimensions(CodeLookup(session))


def crosstabs(
    project: Project, rows: str, columns: str, layer: Layer | None = None, detail: bool = False
) -> Crosstabs:
    """`rows` × `columns` of `layer` (by default the consensus once it exists, else each
    coder separately)."""
    if rows == columns:
        raise ValidationError(f"rows and columns are both {rows}: choose two dimensions")
    with project.reading() as session:
        lookup = CodeLookup(session)
        for name in (rows, columns):
            _check_dimension(lookup, name)
        layer = resolve_layer(session, layer)
        chosen = [lookup.variables[n] for n in (rows, columns) if n in lookup.variables]
        scale = stance_variable([v for v in lookup.variables.values() if v.scope == "passage"])
        by_coder = _units(session, lookup, layer, chosen, (rows, columns), scale, detail)
    order = {v.name: categories_in_order(lookup, v, detail) for v in chosen}
    tables = [
        CoderTable(coder, title, crosstab(units, rows, columns, order))
        for coder, title, units in by_coder
    ]
    return Crosstabs(
        layer, rows, columns, detail, scale.name if scale else None,
        frozenset(v.name for v in chosen), frozenset(v.name for v in chosen if v.multiple),
        tables, ordered({k for t in tables for k in t.table.column_keys}, order.get(columns)),
    )  # fmt: skip


def cooccurrences(
    project: Project,
    variables: Sequence[str] = (),
    layer: Layer | None = None,
    detail: bool = False,
) -> Cooccurrences:
    """Which codes of `variables` (by default every nominal variable coded per passage)
    occur in the same passage and in the same article."""
    with project.reading() as session:
        lookup = CodeLookup(session)
        for name in variables:
            if _check_dimension(lookup, name) is None:
                raise ValidationError(f"co-occurrence is of codes: {name} is no variable")
        chosen = [lookup.variables[n] for n in variables] or [
            v for v in lookup.variables.values() if v.scope == "passage" and v.level == "nominal"
        ]
        if not chosen:
            raise ValidationError("the codebook has no nominal variable to look at")
        layer = resolve_layer(session, layer)
        names = tuple(v.name for v in chosen)
        by_coder = _units(session, lookup, layer, chosen, names, None, detail)
    named = len(chosen) > 1
    codes = {
        f"{v.name}: {path}" if named else path: (v.name, path)
        for v in chosen
        for path in categories_in_order(lookup, v, detail)
    }
    tables = [
        CoderMatrix(coder, title, cooccurrence(units, names, list(codes)))
        for coder, title, units in by_coder
    ]
    return Cooccurrences(layer, names, detail, codes, tables)


def cell_filter(tabs: Crosstabs, table: CoderTable, row: str, column: str) -> RetrievalFilter:
    """The retrieval filter that finds exactly the passages of a cell."""
    codes: dict[str, list[str]] = {}
    attributes: dict[str, str] = {}
    for dimension, category in ((tabs.rows, row), (tabs.columns, column)):
        if dimension in tabs.variables:
            codes[dimension] = [category]
        else:
            attributes[dimension] = category
    return RetrievalFilter(
        coders=[table.coder], codes=codes, attributes=attributes, with_sub_codes=not tabs.detail
    )


def pair_filter(
    co: Cooccurrences, table: CoderMatrix, first: str, second: str, scope: Scope
) -> RetrievalFilter | None:
    """The passages behind a pair: those holding both codes, or for `scope` "article",
    the coder's passages of the articles holding both (those with either code where the
    two are of one variable); None where no article holds both, as no filter of articles
    would read as every article."""
    (one, code), (other, code_too) = co.codes[first], co.codes[second]
    coders, sub_codes = [table.coder], not co.detail
    if scope == "passage":
        too = {other: [code_too]} if first != second else {}
        return RetrievalFilter(
            coders=coders, codes={one: [code]}, codes_too=too, with_sub_codes=sub_codes
        )
    same = {one: sorted({code, code_too})} if one == other else {}
    ids = table.matrix.in_articles(first, second)
    if not ids:
        return None
    return RetrievalFilter(coders=coders, codes=same, article_ids=ids, with_sub_codes=sub_codes)


def _dimensions(lookup: CodeLookup) -> list[str]:
    names = list(lookup.variables)
    return names + [a for a in ARTICLE_DIMENSIONS if a not in lookup.variables]


def _check_dimension(lookup: CodeLookup, name: str) -> Variable | None:
    """The variable a dimension names, None for an article attribute; refused if neither."""
    if name in lookup.variables:
        return lookup.variables[name]
    if name in ARTICLE_DIMENSIONS:
        return None
    known = ", ".join(_dimensions(lookup))
    raise ValidationError(f"unknown dimension {name!r} (choose {known})")


def _units(
    session: Session,
    lookup: CodeLookup,
    layer: Layer,
    variables: Sequence[Variable],
    names: Sequence[str],
    scale: Variable | None,
    detail: bool,
) -> list[tuple[str, str, list[Unit]]]:
    """Per coder of the layer: the coder, the table's title, and the coder's passages
    with their categories on `names`."""
    coders = layer_coders(session, layer)
    codings = read_codings(session, coders)
    label = {c.id: category_of(lookup, c, detail) for v in variables for c in v.codes}
    variable_of = {c.id: v.name for v in variables for c in v.codes}
    values = {c.id: c.value for c in scale.codes if c.value is not None} if scale else {}
    on_article = _article_codes(session, [v for v in variables if v.scope == "article"], coders)
    attributes = [n for n in names if n not in lookup.variables]
    articles = _articles(session, {c.article_id for c in codings}) if attributes else {}
    units: dict[str, list[Unit]] = {coder: [] for coder in coders}
    for coding in codings:
        codes = [*coding.code_ids, *on_article.get((coding.article_id, coding.coder), ())]
        categories: dict[str, list[str]] = defaultdict(list)
        for code_id in codes:
            if code_id in label:
                categories[variable_of[code_id]].append(label[code_id])
        source, published = articles.get(coding.article_id, (None, None))
        for name in attributes:
            if (category := article_category(name, source, published)) is not None:
                categories[name].append(category)
        units[coding.coder].append(_unit(coding, categories, values))
    return [(coder, _title(layer, coder), units[coder]) for coder in coders]


def _unit(coding: Coding, categories: Mapping[str, list[str]], values: Mapping[int, float]) -> Unit:
    stances = [values[i] for i in coding.code_ids if i in values]
    return Unit(
        coding.passage_id, coding.article_id,
        {name: tuple(found) for name, found in categories.items()},
        fmean(stances) if stances else None,
    )  # fmt: skip


def _title(layer: Layer, coder: str) -> str:
    return Layer.of_coder(coder).title if layer.kind == "each" else layer.title


def category_of(lookup: CodeLookup, code: Code, detail: bool) -> str:
    """The category a code counts in: its top code, or with `detail` its own path."""
    path = lookup.path(code)
    return " › ".join(path) if detail else path[0]


def categories_in_order(lookup: CodeLookup, variable: Variable, detail: bool) -> list[str]:
    """A variable's categories in codebook order: its top codes, or every code depth
    first."""
    children: dict[int | None, list[Code]] = defaultdict(list)
    for code in sorted(variable.codes, key=lambda c: c.position):
        children[code.parent_id].append(code)
    if not detail:
        return [c.label for c in children[None]]
    ordered: list[str] = []

    def visit(parent: int | None) -> None:
        for code in children[parent]:
            ordered.append(" › ".join(lookup.path(code)))
            visit(code.id)

    visit(None)
    return ordered


def _article_codes(
    session: Session, variables: Sequence[Variable], coders: Sequence[str]
) -> dict[tuple[int, str], list[int]]:
    """Per article and coder, the codes of the article-scope `variables` given to it."""
    if not variables:
        return {}
    found: dict[tuple[int, str], list[int]] = defaultdict(list)
    rows = session.execute(
        select(ArticleCode.article_id, Coder.name, ArticleCode.code_id)
        .join(Coder, Coder.id == ArticleCode.coder_id)
        .where(Coder.name.in_(coders), ArticleCode.variable_id.in_([v.id for v in variables]))
    )
    for article_id, coder, code_id in rows:
        found[(article_id, coder)].append(code_id)
    return found


def _articles(session: Session, ids: set[int]) -> dict[int, tuple[str | None, str | None]]:
    if not ids:
        return {}
    rows = session.execute(
        select(Article.id, Article.source, Article.published).where(Article.id.in_(ids))
    )
    return {row.id: (row.source, row.published) for row in rows}
