"""An article's passages side by side for adjudication: grouped into sites with the same
matching the agreement report uses, so what the lead adjudicates is what the report
counted; each coder's passage at a site, the consensus one, and where they differ."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from stancecoder.core.codebook_view import CodebookView
from stancecoder.core.matching import Marked, match_passages, overlap_share
from stancecoder.core.passage_view import PassageView

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
        coded = [codes_by_variable(codebook, p.codes) for p in self.passages.values()]
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


def compare_passages(
    article_id: int, passages: Sequence[PassageView], consensus: str, codebook: CodebookView
) -> ArticleComparison:
    """Every coder's passages of the article grouped into sites, in text order; the
    consensus coder's passages each join the site they overlap best."""
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
    codes = [codes_by_variable(codebook, p.codes) for p in group.values()]
    differing = tuple(
        v.name
        for v in codebook.passage_variables()
        if len({tuple(sorted(c.get(v.name, []))) for c in codes}) > 1
    )
    return Site(dict(sorted(group.items())), consensus, span_agrees, differing)


def codes_by_variable(codebook: CodebookView, code_ids: tuple[int, ...]) -> dict[str, list[int]]:
    """Every passage variable named, empty ones too, so a copy also clears what it lacks."""
    grouped: dict[str, list[int]] = {v.name: [] for v in codebook.passage_variables()}
    for code_id in code_ids:
        grouped.setdefault(codebook.code(code_id).variable, []).append(code_id)
    return grouped
