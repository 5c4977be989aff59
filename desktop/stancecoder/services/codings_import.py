"""Codings made elsewhere (a spreadsheet, another tool) brought into a project.

All rows are checked in one transaction; if any row has a problem, every problem is
reported with its row number and nothing of the file is written, so a corrected file can
simply be imported again.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import ColumnElement, or_, select
from sqlalchemy.orm import Session

from stancecoder.core.errors import StanceCoderError, ValidationError
from stancecoder.core.spans import locate_quote
from stancecoder.db.models import Article, ArticleCode
from stancecoder.io.tables import missing_columns, read_table
from stancecoder.services.code_lookup import CodeLookup
from stancecoder.services.coders import ensure_coder, find_coder
from stancecoder.services.coding_target import coding_target
from stancecoder.services.codings import (
    article_codes_state,
    record_article_codes,
    step_article_codes,
    write_passage,
)
from stancecoder.services.ownership import act_as_lead

if TYPE_CHECKING:
    from stancecoder.services.project import Project

# our id, the corpus's own id, or either of those (or a uid or an exact title)
ARTICLE_COLUMNS = ("article_id", "source_id", "article")
FIXED_COLUMNS = {*ARTICLE_COLUMNS, "coder", "quote", "occurrence", "start", "end", "memo"}


class CodingsImportError(StanceCoderError):
    def __init__(self, path: Path, problems: list[str]) -> None:
        self.problems = problems
        super().__init__(
            f"{path.name}: {len(problems)} problem(s), nothing was imported:\n  "
            + "\n  ".join(problems)
        )


@dataclass
class CodingsImportReport:
    passages: int = 0
    article_codes: int = 0
    coders_created: list[str] = field(default_factory=list)


def import_codings(project: Project, path: Path) -> CodingsImportReport:
    table = read_table(Path(path), required=("coder",))
    if not set(ARTICLE_COLUMNS) & set(table.columns):
        raise missing_columns(path, [" or ".join(ARTICLE_COLUMNS)], table.columns)
    report = CodingsImportReport()
    problems: list[str] = []
    with project.transaction() as session:
        act_as_lead(session, "import codings")
        lookup = CodeLookup(session)
        variable_columns = [c for c in table.columns if c not in FIXED_COLUMNS]
        unknown = [c for c in variable_columns if c not in lookup.variables]
        if unknown:
            raise CodingsImportError(
                path, [f"unknown column(s): {', '.join(unknown)} (not a variable of the codebook)"]
            )
        if "quote" not in table.columns and not {"start", "end"} <= set(table.columns):
            raise CodingsImportError(path, ["needs a 'quote' column or 'start' and 'end' columns"])
        articles = _ArticleFinder(session)
        for number, row in zip(table.row_numbers, table.rows, strict=True):
            try:
                # a savepoint per row: a refused row leaves nothing behind to fail the next
                with session.begin_nested():
                    _import_row(session, lookup, articles, row, variable_columns, report)
            except StanceCoderError as exc:
                problems.append(f"row {number}: {exc}")
        if problems:
            raise CodingsImportError(path, problems)
    return report


def _import_row(
    session: Session,
    lookup: CodeLookup,
    articles: _ArticleFinder,
    row: dict[str, str],
    variable_columns: list[str],
    report: CodingsImportReport,
) -> None:
    article = articles.find(row)
    coder_name = row["coder"].strip()
    if not coder_name:
        raise ValidationError("no coder given")
    if find_coder(session, coder_name) is None:
        ensure_coder(session, coder_name)
        report.coders_created.append(coder_name)
    passage_codes = {c: row[c] for c in variable_columns if lookup.variables[c].scope == "passage"}
    article_codes = {
        c: row[c] for c in variable_columns if lookup.variables[c].scope == "article" and row[c]
    }
    span = _span(article, row)
    if span is not None:
        target = coding_target(session, article.id, coder_name)
        write_passage(session, lookup, target, *span, passage_codes, row.get("memo", ""))
        report.passages += 1
    elif any(v.strip() for v in passage_codes.values()):
        raise ValidationError("passage codes given but no quote or start/end")
    coder = find_coder(session, coder_name)
    assert coder is not None
    resolved = lookup.resolve(article_codes, "article")
    if not resolved:
        return
    before = article_codes_state(session, article.id, coder.id)
    step_article_codes(session, article.id, coder.id)
    for variable, code in resolved:
        session.merge(
            ArticleCode(
                article_id=article.id, coder_id=coder.id, variable_id=variable.id, code_id=code.id
            )
        )
        report.article_codes += 1
    session.flush()
    record_article_codes(session, article.id, coder, before)


def _span(article: Article, row: dict[str, str]) -> tuple[int, int] | None:
    start, end = row.get("start", "").strip(), row.get("end", "").strip()
    if start or end:
        if not (_is_whole(start) and _is_whole(end)):
            raise ValidationError(f"start/end must be whole numbers, got {start!r}/{end!r}")
        span = int(start), int(end)
        quote = row.get("quote", "").strip()
        if quote and article.text[span[0] : span[1]].strip() != quote:
            raise ValidationError(f"the quote does not match the text at [{start}, {end})")
        return span
    quote = row.get("quote", "")
    if not quote.strip():
        return None
    occurrence = row.get("occurrence", "").strip()
    if occurrence and not _is_whole(occurrence):
        raise ValidationError(f"occurrence must be a whole number, got {occurrence!r}")
    return locate_quote(article.text, quote, int(occurrence) if occurrence else None)


def _is_whole(text: str) -> bool:
    """Digits 0-9 only, as a spreadsheet writes a count or an offset ("²" or "1_0" are
    digits to `str.isdigit` or `int` but are not what the user meant)."""
    return text.isascii() and text.isdigit()


class _ArticleFinder:
    """The article a row names: by our id (`article_id`), by the id its source gave it
    (`source_id`), or by either of those, its uid or its exact title (`article`).

    A corpus with its own numeric ids makes a bare number ambiguous: source id 3 may be
    stored as article 5 while article 3 is another one. Such a value is refused, naming
    both, rather than silently coding the wrong article.
    """

    def __init__(self, session: Session) -> None:
        self.session = session
        self._found: dict[tuple[str, str], Article | ValidationError] = {}

    def find(self, row: dict[str, str]) -> Article:
        named = [(c, row[c].strip()) for c in ARTICLE_COLUMNS if row.get(c, "").strip()]
        if not named:
            raise ValidationError("no article given")
        found = [self._cached(column, key) for column, key in named]
        if len({article.id for article in found}) > 1:
            given = " and ".join(f"{c} {k!r}" for c, k in named)
            raise ValidationError(
                f"{given} name different articles: {_describe_all(found, ' and ')}"
            )
        return found[0]

    def _cached(self, column: str, key: str) -> Article:
        if (column, key) not in self._found:
            try:
                self._found[column, key] = self._find(column, key)
            except ValidationError as exc:
                self._found[column, key] = exc
        result = self._found[column, key]
        if isinstance(result, ValidationError):
            raise result
        return result

    def _find(self, column: str, key: str) -> Article:
        if column == "article_id":
            article = self.session.get(Article, int(key)) if _is_id(key) else None
            if article is None:
                raise ValidationError(f"no article with id {key!r}")
            return article
        if column == "source_id":
            return self._one(self._where(Article.external_id == key), f"source id {key!r}")
        by_id = [a for a in [self.session.get(Article, int(key))] if a] if _is_id(key) else []
        others = self._where(
            or_(Article.uid == key, Article.external_id == key, Article.title == key)
        )
        found = list({a.id: a for a in (*by_id, *others)}.values())
        if not found:
            raise ValidationError(f"no article {key!r} (give its id, source id or exact title)")
        if len(found) > 1:
            raise ValidationError(
                f"article {key!r} could mean {_describe_all(found, ' or ')}; "
                "name it in an article_id or source_id column"
            )
        return found[0]

    def _where(self, condition: ColumnElement[bool]) -> list[Article]:
        query = select(Article).where(condition).order_by(Article.id).limit(_NAMED_AT_MOST + 1)
        return list(self.session.scalars(query))

    @staticmethod
    def _one(found: list[Article], what: str) -> Article:
        if not found:
            raise ValidationError(f"no article with {what}")
        if len(found) > 1:
            raise ValidationError(
                f"{what} is shared by {_describe_all(found, ' and ')}; "
                "name it in an article_id column"
            )
        return found[0]


_NAMED_AT_MOST = 3  # articles named in an error about an ambiguous value


def _is_id(key: str) -> bool:
    return _is_whole(key) and len(key) < 10  # larger than any id: not worth a query


def _describe_all(articles: list[Article], last_join: str) -> str:
    names = [_describe(a) for a in articles[:_NAMED_AT_MOST]]
    if len(articles) > _NAMED_AT_MOST:
        names[-1] += ", …"
    return ", ".join(names[:-1]) + last_join + names[-1] if len(names) > 1 else names[0]


def _describe(article: Article) -> str:
    title = article.title or "untitled"
    title = title if len(title) <= 40 else title[:39] + "…"
    source = f", source id {article.external_id}" if article.external_id else ""
    return f"article {article.id} ({title}{source})"
