"""Finding copies of one story among a project's articles, and marking them.

Exact copies are the texts equal once normalised (`core.duplicates.normalise`); near
copies are found in two steps, as a corpus of 100,000 articles cannot be compared pair by
pair: MinHash signatures of the word 5-gram sets, banded by locality-sensitive hashing
(datasketch), name the candidate pairs, and each candidate is then verified on the exact
sets, by Jaccard and by containment. The bands are set for recall well below the Jaccard
threshold, since a shortened copy's Jaccard is about its share of the longer text while
its containment is near 1. A candidate that is no copy mostly costs a comparison of the
two signatures, which estimate both measures; only a pair the estimate leaves in doubt is
intersected.

The marks are kept across runs: a new run adds copies and clusters, and never removes a
mark or undoes a lead's choice (`services.duplicate_marks` changes those).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from stancecoder.core.duplicates import (
    CONTAINMENT,
    JACCARD,
    Cluster,
    chain,
    clusters,
    exact_groups,
)
from stancecoder.core.errors import ValidationError
from stancecoder.db.models import Article, DuplicateCluster, DuplicateCopy
from stancecoder.services.duplicate_marks import COPY, refigure
from stancecoder.services.history import record
from stancecoder.services.ownership import act_as_lead

if TYPE_CHECKING:
    from stancecoder.services.duplicate_index import ShingledArticles
    from stancecoder.services.project import Project

Progress = Callable[[int, int, str], bool]
STEP = 500  # articles between progress calls
READ_BATCH = 2_000


@dataclass(frozen=True)
class FoundCopy:
    article_id: int
    kind: str  # "exact" (equal once normalised) or "near"
    jaccard: float
    containment: float


@dataclass(frozen=True)
class FoundCluster:
    kept: int
    copies: tuple[FoundCopy, ...]


@dataclass(frozen=True)
class FindReport:
    """What a run found and what it marked anew."""

    articles: int
    clusters: tuple[FoundCluster, ...]
    new_clusters: int
    new_copies: int
    jaccard: float
    containment: float


def check_thresholds(jaccard: float, containment: float) -> None:
    for name, value in (("threshold", jaccard), ("containment", containment)):
        if not 0 < value <= 1:
            raise ValidationError(f"the {name} must lie above 0 and at most 1, not {value:g}")


def find_copies(
    articles: Iterable[tuple[int, str, str | None]],
    total: int,
    jaccard: float = JACCARD,
    containment: float = CONTAINMENT,
    progress: Progress | None = None,
) -> list[FoundCluster] | None:
    """The clusters among `articles` (id, text, published); None when `progress` said stop.
    Works on the texts alone, so a benchmark or a script can call it without a project."""
    from stancecoder.services.duplicate_index import ShingledArticles  # only now: slow import

    check_thresholds(jaccard, containment)
    say = progress or (lambda _done, _total, _name: True)
    shingled = ShingledArticles()
    for done, (article_id, text, published) in enumerate(articles):
        if done % STEP == 0 and not say(done, total, "signatures"):
            return None
        shingled.add(article_id, text, published)
    pairs = set(chain(exact_groups(shingled.keys)))
    for done, article_id in enumerate(shingled.sets):
        if done % STEP == 0 and not say(done, total, "comparing"):
            return None
        pairs.update(
            (article_id, other) for other in shingled.alike_later(article_id, jaccard, containment)
        )

    found = clusters(shingled.items, pairs)
    say(total, total, "clusters")
    return [_described(cluster, shingled) for cluster in found]


def _described(cluster: Cluster, shingled: ShingledArticles) -> FoundCluster:
    copies = []
    for member in cluster.copies:
        alike_kept = shingled.similarity(cluster.kept, member)
        kind = "exact" if shingled.keys[member] == shingled.keys[cluster.kept] else "near"
        copies.append(FoundCopy(member, kind, alike_kept.jaccard, alike_kept.containment))
    return FoundCluster(cluster.kept, tuple(copies))


def find_duplicates(
    project: Project,
    *,
    jaccard: float = JACCARD,
    containment: float = CONTAINMENT,
    exclude_copies: bool = False,
    progress: Progress | None = None,
) -> FindReport | None:
    """Find the copies among the project's articles and mark them (a lead's work); with
    `exclude_copies`, the copies newly marked are left out of coding and samples at once.
    None when cancelled, with nothing marked."""
    check_thresholds(jaccard, containment)
    with project.reading() as session:
        act_as_lead(session, "look for copies among the articles")
        total = session.scalar(select(func.count()).select_from(Article)) or 0
        rows = session.execute(
            select(Article.id, Article.text, Article.published)
            .order_by(Article.id)
            .execution_options(yield_per=READ_BATCH)
        )
        found = find_copies(
            ((article_id, text, published) for article_id, text, published in rows),
            total, jaccard, containment, progress,
        )  # fmt: skip
    if found is None:
        return None
    with project.transaction() as session:
        act_as_lead(session, "mark copies among the articles")
        new_clusters, new_copies = store_clusters(
            session, found, jaccard, containment, exclude_copies
        )
    return FindReport(total, tuple(found), new_clusters, new_copies, jaccard, containment)


def store_clusters(
    session: Session,
    found: Iterable[FoundCluster],
    jaccard: float,
    containment: float,
    exclude_copies: bool,
) -> tuple[int, int]:
    """Add what is not marked yet: a found cluster that meets a stored one adds its new
    members to it; the others become clusters of their own. Returns the clusters and copies
    added. A stored mark, its kept copy and its exclusion stay as they are."""
    query = select(DuplicateCopy.article_id, DuplicateCopy.cluster_id)
    stored = {article_id: cluster_id for article_id, cluster_id in session.execute(query)}
    new_clusters = new_copies = 0
    grown: set[int] = set()
    for cluster in found:
        members = [FoundCopy(cluster.kept, "exact", 1.0, 1.0), *cluster.copies]
        home = next((stored[m.article_id] for m in members if m.article_id in stored), None)
        if home is None:
            row = DuplicateCluster(
                kept_article_id=cluster.kept, jaccard=jaccard, containment=containment
            )
            session.add(row)
            session.flush()
            home, new_clusters = row.id, new_clusters + 1
        else:
            grown.add(home)
        for member in members:
            if member.article_id in stored:
                continue
            is_copy = member.article_id != cluster.kept
            session.add(
                DuplicateCopy(
                    article_id=member.article_id, cluster_id=home, kind=member.kind,
                    jaccard=member.jaccard, containment=member.containment,
                    excluded=exclude_copies and is_copy,
                )
            )  # fmt: skip
            stored[member.article_id] = home
            new_copies += is_copy
            if exclude_copies and is_copy:
                record(session, COPY, article_id=member.article_id,
                       before={"excluded": False}, after={"excluded": True})  # fmt: skip
    session.flush()
    for cluster_id in grown:  # the new members' figures were to another copy than the kept
        refigure(session, cluster_id)
    return new_clusters, new_copies
