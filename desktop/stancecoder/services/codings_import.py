"""Codings made elsewhere (a spreadsheet, another tool) brought into a project.

All rows are checked in one transaction; if any row has a problem, every problem is
reported with its row number and nothing of the file is written, so a corrected file can
simply be imported again.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import select
from sqlalchemy.orm import Session

from stancecoder.core.errors import StanceCoderError, ValidationError
from stancecoder.core.spans import locate_quote
from stancecoder.db.models import Article, ArticleCode
from stancecoder.io.tables import read_table
from stancecoder.services.code_lookup import CodeLookup
from stancecoder.services.coders import ensure_coder, find_coder
from stancecoder.services.codings import write_passage

if TYPE_CHECKING:
    from stancecoder.services.project import Project

FIXED_COLUMNS = {"article", "coder", "quote", "occurrence", "start", "end", "memo"}


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
    table = read_table(Path(path), required=("article", "coder"))
    report = CodingsImportReport()
    problems: list[str] = []
    with project.transaction() as session:
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
    article = articles.find(row["article"])
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
        write_passage(
            session, lookup, article, coder_name, *span, passage_codes, row.get("memo", "")
        )
        report.passages += 1
    elif any(v.strip() for v in passage_codes.values()):
        raise ValidationError("passage codes given but no quote or start/end")
    coder = find_coder(session, coder_name)
    assert coder is not None
    for variable, code in lookup.resolve(article_codes, "article"):
        session.merge(
            ArticleCode(
                article_id=article.id, coder_id=coder.id, variable_id=variable.id, code_id=code.id
            )
        )
        report.article_codes += 1


def _span(article: Article, row: dict[str, str]) -> tuple[int, int] | None:
    start, end = row.get("start", "").strip(), row.get("end", "").strip()
    if start or end:
        try:
            span = int(start), int(end)
        except ValueError:
            raise ValidationError(
                f"start/end must be whole numbers, got {start!r}/{end!r}"
            ) from None
        quote = row.get("quote", "").strip()
        if quote and article.text[span[0] : span[1]].strip() != quote:
            raise ValidationError(f"the quote does not match the text at [{start}, {end})")
        return span
    quote = row.get("quote", "")
    if not quote.strip():
        return None
    occurrence = row.get("occurrence", "").strip()
    if occurrence and not occurrence.isdigit():
        raise ValidationError(f"occurrence must be a whole number, got {occurrence!r}")
    return locate_quote(article.text, quote, int(occurrence) if occurrence else None)


class _ArticleFinder:
    """An article named by id, by the id its source file gave it, or by exact title."""

    def __init__(self, session: Session) -> None:
        self.session = session

    def find(self, key: str) -> Article:
        key = key.strip()
        if not key:
            raise ValidationError("no article given")
        if key.isdigit() and (article := self.session.get(Article, int(key))) is not None:
            return article
        for column in (Article.uid, Article.external_id, Article.title):
            found = self.session.scalars(select(Article).where(column == key).limit(2)).all()
            if len(found) == 1:
                return found[0]
            if len(found) > 1:
                raise ValidationError(f"more than one article matches {key!r}; use its id")
        raise ValidationError(f"no article {key!r} (give its id or exact title)")
