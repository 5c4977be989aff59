"""Adjudication: the lead compares every coder's passages and writes a consensus layer.

The consensus layer is the passages of one extra coder (role lead), so the export, the
reader and undo treat it like any other coder, and the original codings are never touched:
accepting a version copies it, and the lead's own edits and new codings are refused on any
passage outside that layer. Passages are grouped into sites with the same matching the
agreement report uses, so what the lead adjudicates is what the report counted.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from sqlalchemy.orm import Session

from stancecoder.core.changes import Changes
from stancecoder.core.codebook_view import CodebookView
from stancecoder.core.errors import ValidationError
from stancecoder.core.matching import Marked, match_passages, overlap_share
from stancecoder.db.store import get_setting, set_setting
from stancecoder.services.codebook_view import read_codebook_view
from stancecoder.services.coders import CONSENSUS_KEY, ensure_coder, find_coder
from stancecoder.services.codings import get_article
from stancecoder.services.commands import (
    Codes,
    Command,
    CreatePassage,
    DeletePassage,
    UpdatePassage,
)
from stancecoder.services.passages import PassageView, article_passages, find_passage

if TYPE_CHECKING:
    from stancecoder.services.project import Project

CONSENSUS_NAME = "Consensus"
THRESHOLD = 0.5


@dataclass(frozen=True)
class Site:
    """One stretch of text: each coder's passage there (if any) and the consensus one."""

    passages: dict[str, PassageView]  # coder name -> passage
    consensus: PassageView | None
    span_agrees: bool  # every coder marked it, with the same start and end
    differing: tuple[str, ...]  # passage variables whose codes are not the same for all

    @property
    def agrees(self) -> bool:
        return self.span_agrees and not self.differing

    @property
    def start(self) -> int:
        return min(p.start for p in self.all_passages())

    def all_passages(self) -> list[PassageView]:
        found = list(self.passages.values())
        return [*found, self.consensus] if self.consensus else found

    def extent(self) -> tuple[int, int]:
        """Everything any coder marked here: a new consensus starts wide, and the lead
        trims it, rather than hunting for text that someone marked and it left out."""
        marked = list(self.passages.values()) or self.all_passages()
        return min(p.start for p in marked), max(p.end for p in marked)

    def agreed_codes(self, codebook: CodebookView) -> dict[str, list[int]]:
        """The codes every coder here gave, per passage variable: where a new consensus
        starts, so the lead decides only what is disputed."""
        coded = [_codes_by_variable(codebook, p.codes) for p in self.passages.values()]
        return {
            name: [i for i in ids if all(i in other[name] for other in coded)]
            for name, ids in (coded[0] if coded else {}).items()
        }


@dataclass(frozen=True)
class ArticleComparison:
    article_id: int
    coders: tuple[str, ...]  # the original coders with passages here, consensus excluded
    consensus_coder: str
    sites: tuple[Site, ...]  # in text order

    def site_of(self, uid: str) -> Site | None:
        for site in self.sites:
            if uid in {p.uid for p in site.all_passages()}:
                return site
        return None


def consensus_coder(project: Project) -> str:
    with project.transaction() as session:
        return ensure_consensus_coder(session)


def ensure_consensus_coder(session: Session) -> str:
    """The consensus coder's name, created with the first adjudication and remembered, so
    renaming a person "Consensus" later cannot merge their codings into it."""
    name = get_setting(session, CONSENSUS_KEY)
    if name is not None and find_coder(session, name) is not None:
        return name
    coder = ensure_coder(session, CONSENSUS_NAME, "lead")
    set_setting(session, CONSENSUS_KEY, coder.name)
    return coder.name


def comparison(project: Project, article_id: int) -> ArticleComparison:
    with project.transaction() as session:
        return compare(session, article_id)


def compare(session: Session, article_id: int) -> ArticleComparison:
    """Every coder's passages, whatever the blind mode: only the lead adjudicates."""
    get_article(session, article_id)  # a clear error for an article that is gone
    consensus = ensure_consensus_coder(session)
    codebook = read_codebook_view(session)
    passages = article_passages(session, article_id, None)
    originals = [p for p in passages if p.coder != consensus]
    coders = tuple(sorted({p.coder for p in originals}))
    by_uid = {p.uid: p for p in originals}
    matching = match_passages([_marked(p) for p in originals], THRESHOLD)
    groups = [{c: by_uid[str(uid)] for c, uid in unit.items()} for unit in matching.units]
    groups += [{m.coder: by_uid[str(m.key)]} for m in matching.unmatched]
    placed = _place_consensus(groups, [p for p in passages if p.coder == consensus])
    sites = [_site(group, extra, coders, codebook) for group, extra in placed]
    sites.sort(key=lambda s: (s.start, min((p.end for p in s.all_passages()), default=0)))
    return ArticleComparison(article_id, coders, consensus, tuple(sites))


@dataclass
class AcceptVersion:
    """Copy one coder's passage (span, codes, memo) into the consensus layer, replacing
    the consensus passage at its site if there is one."""

    passage_uid: str
    text: str = "Accept version"

    def apply(self, project: Project) -> tuple[Command, Changes]:
        with project.transaction() as session:
            source = find_passage(session, self.passage_uid)
            consensus = ensure_consensus_coder(session)
            if source.coder == consensus:
                raise ValidationError("that passage is the consensus already; accept a coder's")
            comparing = compare(session, source.article_id)
            site = comparing.site_of(source.uid)
            codes = _codes_by_variable(read_codebook_view(session), source.codes)
            current = site.consensus if site is not None else None
            if current is None:
                create = CreatePassage(
                    source.article_id, consensus, source.start, source.end, codes,
                    source.memo, text=self.text,
                )  # fmt: skip
                _, changes = create.apply_in(session)
                # unpinned: later steps on this passage, undone before this one, each moved
                # its version on, so the version seen at creation would refuse the undo
                return DeletePassage(str(create.uid), text=self.text), changes
            update = UpdatePassage(
                current.uid, current.version, codes=codes, span=(source.start, source.end),
                memo=source.memo, text=self.text,
            )  # fmt: skip
            return update.apply_in(session)


@dataclass
class WriteConsensus:
    """A consensus coding the lead wrote over text of their choice, copied from no one."""

    article_id: int
    start: int
    end: int
    codes: Codes
    memo: str = ""
    uid: str | None = None  # set once written, so a redo brings back the same passage
    text: str = "Write consensus"

    def apply(self, project: Project) -> tuple[Command, Changes]:
        with project.transaction() as session:
            create = CreatePassage(
                self.article_id, ensure_consensus_coder(session), self.start, self.end,
                self.codes, self.memo, uid=self.uid, text=self.text,
            )  # fmt: skip
            inverse, changes = create.apply_in(session)
        self.uid = create.uid
        return inverse, changes


@dataclass
class EditConsensus:
    """Recode, move or re-annotate a consensus passage; only the fields given change.
    A coder's passage is refused, so no slip in the dialog can alter an original."""

    uid: str
    version: int | None = None
    codes: Codes | None = None
    span: tuple[int, int] | None = None
    memo: str | None = None
    text: str = "Edit consensus"

    def apply(self, project: Project) -> tuple[Command, Changes]:
        with project.transaction() as session:
            if find_passage(session, self.uid).coder != ensure_consensus_coder(session):
                raise ValidationError(
                    "only the consensus is edited here; the coders' passages stay as they are"
                )
            update = UpdatePassage(
                self.uid, self.version, self.codes, self.span, self.memo, text=self.text
            )
            return update.apply_in(session)


def _marked(passage: PassageView) -> Marked:
    return Marked(passage.uid, passage.coder, passage.article_id, passage.start, passage.end)


def _place_consensus(
    groups: list[dict[str, PassageView]], consensus: list[PassageView]
) -> list[tuple[dict[str, PassageView], PassageView | None]]:
    """Each consensus passage joins the site it overlaps best (one per site); one that
    matches no site is a site of its own."""
    placed: list[tuple[dict[str, PassageView], PassageView | None]] = [(g, None) for g in groups]
    for passage in consensus:
        best, best_share = None, THRESHOLD - 1e-12
        for index, (group, taken) in enumerate(placed):
            share = max(overlap_share(_marked(passage), _marked(p)) for p in group.values())
            if taken is None and share >= best_share:
                best, best_share = index, share
        if best is None:
            placed.append(({}, passage))
        else:
            placed[best] = (placed[best][0], passage)
    return placed


def _site(
    group: dict[str, PassageView],
    consensus: PassageView | None,
    coders: tuple[str, ...],
    codebook: CodebookView,
) -> Site:
    spans = {(p.start, p.end) for p in group.values()}
    span_agrees = len(group) == len(coders) and len(spans) == 1
    codes = [_codes_by_variable(codebook, p.codes) for p in group.values()]
    differing = tuple(
        v.name
        for v in codebook.passage_variables()
        if len({tuple(sorted(c.get(v.name, []))) for c in codes}) > 1
    )
    return Site(dict(sorted(group.items())), consensus, span_agrees, differing)


def _codes_by_variable(codebook: CodebookView, code_ids: tuple[int, ...]) -> dict[str, list[int]]:
    """Every passage variable named, empty ones too, so a copy also clears what it lacks."""
    grouped: dict[str, list[int]] = {v.name: [] for v in codebook.passage_variables()}
    for code_id in code_ids:
        grouped.setdefault(codebook.code(code_id).variable, []).append(code_id)
    return grouped
