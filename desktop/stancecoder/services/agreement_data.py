"""What an agreement report reads from a project, in one transaction, as plain values."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from sqlalchemy import select

from stancecoder.core.errors import ValidationError
from stancecoder.db.models import Article, ArticleCode, Assignment, Coder, Passage, PassageCode
from stancecoder.db.store import get_setting
from stancecoder.services.codebook_view import VariableView, codebook_view
from stancecoder.services.coders import consensus_name

if TYPE_CHECKING:
    from stancecoder.services.project import Project


@dataclass(frozen=True)
class PassageRow:
    id: int
    article: int
    coder: str
    start: int
    end: int
    codes: dict[str, tuple[int, ...]]  # variable name -> code ids


@dataclass
class Codings:
    """The selected coders' passages and article codes, and the articles they coded."""

    project: str
    codebook_version: str
    variables: tuple[VariableView, ...]
    coders: list[str]
    titles: dict[int, str] = field(default_factory=dict)
    texts: dict[int, str] = field(default_factory=dict)
    coded_by: dict[int, set[str]] = field(default_factory=dict)  # article -> coders
    passages: list[PassageRow] = field(default_factory=list)
    article_codes: dict[tuple[int, str, str], tuple[int, ...]] = field(default_factory=dict)

    def double_coded(self) -> list[int]:
        """Articles coded by at least two of the coders: the only ones agreement can use."""
        return sorted(a for a, who in self.coded_by.items() if len(who) >= 2)


def load_codings(
    project: Project, coders: Sequence[str] | None, article_ids: Sequence[int] | None
) -> Codings:
    book = codebook_view(project)
    with project.transaction() as session:
        known = {c.id: c.name for c in session.scalars(select(Coder).order_by(Coder.name))}
        consensus = consensus_name(session)
        names = _chosen(list(known.values()), coders, consensus)
        ids = {i for i, name in known.items() if name in names}
        wanted = set(article_ids) if article_ids is not None else None
        out = Codings(
            project=get_setting(session, "name") or project.location,
            codebook_version=book.version,
            variables=book.variables,
            coders=names,
        )

        def keep(article: int, coder: int) -> bool:
            return coder in ids and (wanted is None or article in wanted)

        passage_codes: dict[int, dict[str, list[int]]] = {}
        variable_names = {v.id: v.name for v in book.variables}
        for link in session.scalars(select(PassageCode)):
            codes = passage_codes.setdefault(link.passage_id, {})
            codes.setdefault(variable_names[link.variable_id], []).append(link.code_id)
        for p in session.scalars(select(Passage).order_by(Passage.article_id, Passage.start)):
            if keep(p.article_id, p.coder_id):
                codes = {k: tuple(sorted(v)) for k, v in passage_codes.get(p.id, {}).items()}
                row = PassageRow(p.id, p.article_id, known[p.coder_id], p.start, p.end, codes)
                out.passages.append(row)
                out.coded_by.setdefault(p.article_id, set()).add(row.coder)
        for c in session.scalars(select(ArticleCode)):
            if keep(c.article_id, c.coder_id):
                key = (c.article_id, known[c.coder_id], variable_names[c.variable_id])
                out.article_codes[key] = tuple(sorted((*out.article_codes.get(key, ()), c.code_id)))
                out.coded_by.setdefault(c.article_id, set()).add(known[c.coder_id])
        for a in session.scalars(select(Assignment).where(Assignment.status == "done")):
            if keep(a.article_id, a.coder_id):
                out.coded_by.setdefault(a.article_id, set()).add(known[a.coder_id])
        if out.coded_by:
            query = select(Article).where(Article.id.in_(sorted(out.coded_by)))
            for article in session.scalars(query):
                out.titles[article.id] = article.title or f"article {article.id}"
                out.texts[article.id] = article.text
        return out


def _chosen(known: list[str], coders: Sequence[str] | None, consensus: str | None) -> list[str]:
    """The coders named, or every coder but the consensus layer, which is not a coder
    whose agreement is measured (it is made from the others' codings)."""
    if not coders:
        return [name for name in known if name != consensus]
    unknown = [c for c in coders if c not in known]
    if unknown:
        raise ValidationError(
            f"unknown coder(s) {', '.join(unknown)} (coders: {', '.join(known) or 'none'})"
        )
    return sorted(set(coders))
