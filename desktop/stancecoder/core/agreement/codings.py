"""The codings an agreement report is computed from, as plain values: read from a project
in one transaction (`services.agreement.data`), then everything after needs no database."""

from __future__ import annotations

from dataclasses import dataclass, field

from stancecoder.core.codebook_view import VariableView


@dataclass(frozen=True, slots=True)  # a million of them in a large study: no __dict__ each
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
    titles: dict[int, str] = field(default_factory=dict)  # of the double-coded articles
    texts: dict[int, str] = field(default_factory=dict)  # of the double-coded articles
    coded_by: dict[int, set[str]] = field(default_factory=dict)  # article -> coders
    passages: list[PassageRow] = field(default_factory=list)
    article_codes: dict[tuple[int, str, str], tuple[int, ...]] = field(default_factory=dict)

    def double_coded(self) -> list[int]:
        """Articles coded by at least two of the coders: the only ones agreement can use."""
        return sorted(a for a, who in self.coded_by.items() if len(who) >= 2)

    def by_article(self) -> dict[int, list[PassageRow]]:
        """Each article's passages in the order read: one pass over them all, where looking
        through every passage for each article grows with the square of the corpus."""
        grouped: dict[int, list[PassageRow]] = {}
        for passage in self.passages:
            grouped.setdefault(passage.article, []).append(passage)
        return grouped
