"""Every passage matching filters, across the corpus: "all passages coded X" as a
researcher asks for them, each with its words in context, its codes, coder and article.

Reads through `coded_data`, so a coder sees no more here than in the reader. A code
matches its sub-codes too; codes of one variable are alternatives, different variables
must all match; words must all occur in the passage, ignoring case. A code of an
article-scope variable matches the passages whose coder gave their article that code.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from statistics import fmean
from typing import TYPE_CHECKING

from sqlalchemy import ColumnElement, and_, exists, select
from sqlalchemy.orm import Session

from stancecoder.core.context import InContext, in_context
from stancecoder.core.crosstab import ARTICLE_DIMENSIONS, article_category
from stancecoder.core.errors import ValidationError
from stancecoder.core.status import Status
from stancecoder.db.models import Article, ArticleCode, Assignment, Coder, Passage
from stancecoder.services.code_lookup import Code, CodeLookup, Variable
from stancecoder.services.coded_data import Coding, read_codings
from stancecoder.services.coders import require_coder

if TYPE_CHECKING:
    from stancecoder.services.project import Project

STANCE = "stance"
ISO_DATE = re.compile(r"\d{4}(-\d{2}(-\d{2})?)?")
UNTITLED_LENGTH = 70  # an untitled article is named by its opening words, as in the list


@dataclass(frozen=True)
class RetrievalFilter:
    """Empty fields filter nothing. Dates are ISO ("2024", "2024-06" or "2024-06-17") and
    compared at the precision the article's date has."""

    coders: Sequence[str] = ()
    codes: Mapping[str, Sequence[str]] = field(default_factory=dict)
    """Per variable, codes by label or path (see `CodeLookup.code`)."""
    stance_min: float | None = None
    stance_max: float | None = None
    sources: Sequence[str] = ()
    date_from: str | None = None
    date_to: str | None = None
    status: str | None = None
    words: str = ""
    codes_too: Mapping[str, Sequence[str]] = field(default_factory=dict)
    """Codes that must hold as well as `codes`: two codes of one variable on one passage."""
    attributes: Mapping[str, str] = field(default_factory=dict)
    """Articles by an attribute's category as a crosstab names it: {"month": "2024-06"}."""
    article_ids: Sequence[int] = ()
    with_sub_codes: bool = True
    """False: a code matches itself alone, as in a crosstab with the sub-codes apart."""


@dataclass(frozen=True)
class Match:
    passage_id: int
    article_id: int
    title: str
    source: str
    published: str
    coder: str
    start: int
    end: int
    quote: str
    context: InContext
    codes: Mapping[str, tuple[str, ...]]
    """Per passage variable, the paths of the codes chosen."""
    stance: float | None


@dataclass(frozen=True)
class Retrieved:
    """The matches, the passage variables in codebook order, and the variable whose values
    are the stance (the one named "stance", else the first ordinal or interval one)."""

    matches: list[Match]
    variables: list[str]
    stance_variable: str | None


def known_sources(project: Project) -> list[str]:
    """The sources the articles name, for a filter's choices."""
    with project.reading() as session:
        query = select(Article.source).where(Article.source.is_not(None)).distinct()
        return sorted(s for s in session.scalars(query) if s)


def find_passages(project: Project, filters: RetrievalFilter) -> Retrieved:
    with project.reading() as session:
        return retrieve(session, filters)


@dataclass(frozen=True)
class Selection:
    """The codings meeting the filters, before anything is looked up for showing them:
    what a count or a chart needs, without the articles' texts."""

    codings: list[Coding]
    published: dict[int, str]
    """The date of each article kept (ISO, maybe partial; "" where it has none)."""
    stances: dict[int, float | None]
    """Each passage's stance value (the mean where several are chosen)."""
    lookup: CodeLookup
    variables: list[Variable]
    """The passage variables, in codebook order."""
    scale: Variable | None


def retrieve(session: Session, filters: RetrievalFilter) -> Retrieved:
    """`find_passages` inside an open transaction."""
    selection = select_codings(session, filters)
    articles = _articles(session, set(selection.published))
    variables, lookup = selection.variables, selection.lookup
    by_id = {c.id: c for v in variables for c in v.codes}
    matches = [
        _match(coding, articles[coding.article_id], variables, by_id, lookup, selection.stances)
        for coding in selection.codings
    ]
    scale = selection.scale
    return Retrieved(matches, [v.name for v in variables], scale.name if scale else None)


def select_codings(session: Session, filters: RetrievalFilter) -> Selection:
    """The codings meeting `filters`, inside an open transaction."""
    _check(filters)
    lookup = CodeLookup(session)
    variables = [v for v in lookup.variables.values() if v.scope == "passage"]
    scale = stance_variable(variables)
    wanted = _wanted_codes(lookup, filters.codes, "passage", filters.with_sub_codes)
    wanted += _wanted_codes(lookup, filters.codes_too, "passage", filters.with_sub_codes)
    coders = [require_coder(session, name).name for name in filters.coders] or list(
        session.scalars(select(Coder.name).order_by(Coder.name))
    )
    codings = read_codings(session, coders, _condition(lookup, filters))
    codings = [c for c in codings if all(wanted_set & set(c.code_ids) for wanted_set in wanted)]
    values = {c.id: c.value for v in variables if v is scale for c in v.codes}
    stances = {c.passage_id: _mean([values[i] for i in c.code_ids if i in values]) for c in codings}
    if filters.stance_min is not None or filters.stance_max is not None:
        low = filters.stance_min if filters.stance_min is not None else float("-inf")
        high = filters.stance_max if filters.stance_max is not None else float("inf")
        codings = [
            c for c in codings if (s := stances[c.passage_id]) is not None and low <= s <= high
        ]
    words = filters.words.casefold().split()
    if words:
        codings = [c for c in codings if all(w in c.quote.casefold() for w in words)]
    published = _kept(session, {c.article_id for c in codings}, filters)
    codings = [c for c in codings if c.article_id in published]
    return Selection(codings, published, stances, lookup, variables, scale)


def _check(filters: RetrievalFilter) -> None:
    if filters.status is not None and filters.status not in tuple(Status):
        raise ValidationError(f"unknown status {filters.status!r} (choose {', '.join(Status)})")
    low, high = filters.stance_min, filters.stance_max
    if low is not None and high is not None and low > high:
        raise ValidationError(f"the stance range {low:g} to {high:g} is empty: swap them")
    for date in (filters.date_from, filters.date_to):
        if date is not None and not ISO_DATE.fullmatch(date):
            raise ValidationError(f"not a date: {date!r} (write 2024, 2024-06 or 2024-06-17)")
    since, until = filters.date_from, filters.date_to
    # at the coarser of the two precisions: 2024-06-05 to 2024-06 is the rest of June
    if since and until and since[: len(until)] > until[: len(since)]:
        raise ValidationError(f"the dates {since} to {until} are reversed")
    for name in filters.attributes:
        if name not in ARTICLE_DIMENSIONS:
            choices = ", ".join(ARTICLE_DIMENSIONS)
            raise ValidationError(f"unknown article attribute {name!r} (choose {choices})")


def _condition(lookup: CodeLookup, filters: RetrievalFilter) -> ColumnElement[bool] | None:
    """What the database can check: the status, the articles, the article codes."""
    conditions: list[ColumnElement[bool]] = [
        exists().where(
            ArticleCode.article_id == Passage.article_id,
            ArticleCode.coder_id == Passage.coder_id,
            ArticleCode.code_id.in_(wanted),
        )
        for given in (filters.codes, filters.codes_too)
        for wanted in _wanted_codes(lookup, given, "article", filters.with_sub_codes)
    ]
    if (status := _with_status(filters.status)) is not None:
        conditions.append(status)
    if filters.article_ids:
        conditions.append(Passage.article_id.in_(filters.article_ids))
    return and_(*conditions) if conditions else None


def _with_status(status: str | None) -> ColumnElement[bool] | None:
    """Passages whose coder has `status` on their article; no status row is "todo"."""
    if status is None:
        return None
    own = (Assignment.article_id == Passage.article_id) & (Assignment.coder_id == Passage.coder_id)
    condition: ColumnElement[bool] = exists().where(own, Assignment.status == status)
    if status == Status.TODO:
        condition = condition | ~exists().where(own)
    return condition


def stance_variable(variables: Sequence[Variable]) -> Variable | None:
    """The variable whose values are the stance: the one named stance, else the first
    ordinal or interval one."""
    scaled = [v for v in variables if v.level != "nominal"]
    named = [v for v in scaled if v.name.casefold() == STANCE]
    chosen = named or scaled
    return chosen[0] if chosen else None


def _wanted_codes(
    lookup: CodeLookup, codes: Mapping[str, Sequence[str]], scope: str, sub_codes: bool
) -> list[set[int]]:
    """Per variable of `scope` asked for, the ids of the codes named, with all their
    sub-codes if `sub_codes`."""
    wanted = []
    for name, tokens in codes.items():
        variable = lookup.variable(name)
        if not tokens or variable.scope != scope:
            continue
        chosen = {lookup.code(variable, token).id for token in tokens}
        wanted.append(_with_descendants(chosen, variable.codes) if sub_codes else chosen)
    return wanted


def _with_descendants(chosen: set[int], codes: Sequence[Code]) -> set[int]:
    found = set(chosen)
    grew = True
    while grew:
        more = {c.id for c in codes if c.parent_id in found and c.id not in found}
        found |= more
        grew = bool(more)
    return found


def _mean(values: Sequence[float | None]) -> float | None:
    numbers = [v for v in values if v is not None]
    return fmean(numbers) if numbers else None


@dataclass(frozen=True)
class _Article:
    title: str
    source: str
    published: str
    text: str


def _kept(session: Session, ids: set[int], filters: RetrievalFilter) -> dict[int, str]:
    """Of the articles `ids`, those that pass the source and date filters, with their
    dates."""
    if not ids:
        return {}
    query = select(Article.id, Article.source, Article.published).where(Article.id.in_(ids))
    if filters.sources:
        query = query.where(Article.source.in_(filters.sources))
    found = {}
    for row in session.execute(query):
        published = row.published or ""
        if filters.date_from and (not published or published < filters.date_from[: len(published)]):
            continue
        if filters.date_to and (
            not published or published[: len(filters.date_to)] > filters.date_to
        ):
            continue
        if any(
            article_category(name, row.source, row.published) != category
            for name, category in filters.attributes.items()
        ):
            continue
        found[row.id] = published
    return found


def _articles(session: Session, ids: set[int]) -> dict[int, _Article]:
    """The matched passages' articles, as a match shows them."""
    if not ids:
        return {}
    query = select(Article.id, Article.title, Article.source, Article.published, Article.text)
    found = {}
    for row in session.execute(query.where(Article.id.in_(ids))):
        title = row.title or _opening(row.text)
        found[row.id] = _Article(title, row.source or "", row.published or "", row.text)
    return found


def _opening(text: str) -> str:
    """An untitled article's first words, cut at a word."""
    words = " ".join(text[: UNTITLED_LENGTH + 1].split())
    if len(text) <= UNTITLED_LENGTH:
        return words
    return words.rsplit(" ", 1)[0] + " …"


def _match(
    coding: Coding,
    article: _Article,
    variables: Sequence[Variable],
    by_id: Mapping[int, Code],
    lookup: CodeLookup,
    stances: Mapping[int, float | None],
) -> Match:
    codes = {
        v.name: tuple(
            " › ".join(lookup.path(by_id[i]))
            for i in coding.code_ids
            if by_id[i].variable_id == v.id
        )
        for v in variables
    }
    return Match(
        coding.passage_id, coding.article_id, article.title, article.source, article.published,
        coding.coder, coding.start, coding.end, coding.quote,
        in_context(article.text, coding.start, coding.end), codes, stances[coding.passage_id],
    )  # fmt: skip
