"""Reliability samples and assignments: who codes which article, and how far they are.

A round's articles are coded independently by each of its coders. The round records its
seed and how it was drawn, so a methods section can state it and the same corpus gives
the same sample again; rounds are kept apart (training 1, 2, ..., final) so that the
report can show agreement improving. While a round is open its articles are coded blind.
"""

from __future__ import annotations

import random
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING

from sqlalchemy import and_, func, null, select
from sqlalchemy.orm import Session

from stancecoder.core.attributes import read_attributes
from stancecoder.core.errors import ValidationError
from stancecoder.core.sampling import (
    NO_VALUE,
    attribute_key,
    describe,
    draw,
    sample_size,
    stratum_of,
)
from stancecoder.core.status import Status
from stancecoder.db.models import (
    Article,
    Assignment,
    Coder,
    Round,
    RoundArticle,
    RoundCoder,
    utc_now,
)
from stancecoder.services.coders import (
    CoderInfo,
    coder_info,
    consensus_name,
    people,
    require_coder,
)
from stancecoder.services.duplicate_marks import excluded_copies

if TYPE_CHECKING:
    from stancecoder.services.project import Project

KINDS = ("training", "final")
SEED_LIMIT = 2**31  # seeds fit the portable INTEGER column on every database


@dataclass(frozen=True)
class SampleInfo:
    name: str
    kind: str
    seed: int
    description: str
    coders: tuple[str, ...]
    article_ids: tuple[int, ...]
    created_at: datetime
    closed_at: datetime | None

    @property
    def is_open(self) -> bool:
        return self.closed_at is None


@dataclass(frozen=True)
class CoderProgress:
    coder: str
    assigned: int
    todo: int
    doing: int
    done: int


def draw_sample(
    project: Project,
    name: str,
    *,
    share: float | None = None,
    count: int | None = None,
    coders: Sequence[str],
    seed: int | None = None,
    stratify_by: str | None = None,
    exclude_sampled: bool = True,
    kind: str = "training",
) -> SampleInfo:
    """Draw a round at random, proportionally stratified when asked, and assign it to
    every coder of the round. Without a seed one is generated, and recorded either way."""
    name = name.strip()
    if not name:
        raise ValidationError("a sample needs a name, e.g. 'training 1' or 'final'")
    _check_choice(kind, KINDS, "kind")
    stratum_of(stratify_by, None, None)  # an unknown stratification fails before any work
    seed = _checked_seed(seed)
    with project.transaction() as session:
        if session.scalar(select(Round.id).where(Round.name == name)) is not None:
            raise ValidationError(f"there is already a sample called {name!r}")
        members = _coders(session, coders, minimum=2)
        pool = _pool(session, stratify_by, exclude_sampled)
        if not pool and exclude_sampled:
            raise ValidationError("every article is already in an earlier sample")
        key = attribute_key(stratify_by)
        if pool and key and all(stratum == NO_VALUE for _id, stratum in pool):
            raise ValidationError(f"no article to sample from has the attribute {key!r}")
        drawn = draw(pool, sample_size(len(pool), share, count), seed)
        chosen = drawn.article_ids
        round_ = Round(name=name, kind=kind, seed=seed)
        round_.description = describe(drawn, len(pool), seed, stratify_by, exclude_sampled)
        session.add(round_)
        session.flush()
        session.add_all(RoundArticle(round_id=round_.id, article_id=a) for a in chosen)
        session.add_all(RoundCoder(round_id=round_.id, coder_id=c.id) for c in members)
        session.flush()
        in_round = select(RoundArticle.article_id).where(RoundArticle.round_id == round_.id)
        existing = select(Assignment.article_id, Assignment.coder_id).where(
            Assignment.article_id.in_(in_round)
        )  # one query, not one per article and coder: a sample may hold thousands
        given = {(article_id, coder_id) for article_id, coder_id in session.execute(existing)}
        session.add_all(
            Assignment(article_id=article_id, coder_id=coder.id)
            for coder in members
            for article_id in chosen
            if (article_id, coder.id) not in given
        )
        session.flush()
        return _info(session, round_)


def split_rest(
    project: Project, coders: Sequence[str], *, seed: int | None = None
) -> dict[str, tuple[int, ...]]:
    """Give each article that is in no open round and assigned to nobody to one coder,
    in turn by article id, or in a shuffled order when a seed is given."""
    with project.transaction() as session:
        members = _coders(session, coders, minimum=1)
        rest = _rest(session)
        if seed is not None:
            random.Random(_checked_seed(seed)).shuffle(rest)
        split: dict[str, list[int]] = {coder.name: [] for coder in members}
        for index, article_id in enumerate(rest):
            coder = members[index % len(members)]
            session.add(Assignment(article_id=article_id, coder_id=coder.id))
            split[coder.name].append(article_id)
        return {name: tuple(sorted(ids)) for name, ids in split.items()}


def rest_size(project: Project) -> int:
    """How many articles `split_rest` would hand out now."""
    with project.reading() as session:
        return len(_rest(session))


def pool_size(project: Project, exclude_sampled: bool = True) -> int:
    """How many articles a new sample could be drawn from."""
    with project.reading() as session:
        return len(_pool(session, None, exclude_sampled))


def assignable_coders(project: Project) -> list[CoderInfo]:
    """Active coders, by name; not the consensus layer, which adjudication writes."""
    with project.reading() as session:
        active = session.scalars(select(Coder).where(Coder.active).order_by(Coder.name))
        return [coder_info(coder) for coder in people(session, active)]


def list_rounds(project: Project) -> list[SampleInfo]:
    with project.reading() as session:
        rounds = session.scalars(select(Round).order_by(Round.created_at, Round.id))
        return [_info(session, round_) for round_ in rounds]


def round_info(project: Project, name: str) -> SampleInfo | None:
    """One round by name, without reading the others."""
    with project.reading() as session:
        round_ = session.scalar(select(Round).where(Round.name == name.strip()))
        return None if round_ is None else _info(session, round_)


def close_round(project: Project, name: str) -> SampleInfo:
    """A closed round stays in the reports but its articles are no longer coded blind."""
    with project.transaction() as session:
        round_ = _round(session, name)
        if round_.closed_at is not None:
            raise ValidationError(f"sample {round_.name!r} is already closed")
        round_.closed_at = utc_now()
        session.flush()
        return _info(session, round_)


def round_articles(project: Project, name: str) -> list[int]:
    with project.reading() as session:
        return list(_article_ids(session, _round(session, name).id))


def progress(project: Project, coder: str | None = None) -> list[CoderProgress]:
    """Assignments per coder by status: every coder's for the lead, or one coder's own."""
    with project.reading() as session:
        return read_progress(session, coder)


def read_progress(session: Session, coder: str | None = None) -> list[CoderProgress]:
    """`progress` inside an open transaction, for a refresh that reads more with it."""
    if coder is not None:
        persons = [require_coder(session, coder)]
    else:  # the consensus layer is given no articles: it is no one's progress
        persons = people(session, session.scalars(select(Coder).order_by(Coder.name)))
    query = select(Assignment.coder_id, Assignment.status, func.count())
    if coder is not None:  # the status bar asks after every status change: keep it small
        query = query.where(Assignment.coder_id == persons[0].id)
    grouped = session.execute(query.group_by(Assignment.coder_id, Assignment.status))
    counts = {(coder_id, status): number for coder_id, status, number in grouped}
    return [
        _progress_row(person.name, {s: counts.get((person.id, s), 0) for s in Status})
        for person in persons
    ]


def round_progress(project: Project) -> dict[str, list[CoderProgress]]:
    """Per round, each of its coders' statuses on the round's articles only, so a lead
    sees who still has to finish a sample whatever else they were given."""
    with project.reading() as session:
        order = select(Round.id, Round.name).order_by(Round.created_at, Round.id)
        names = dict(session.execute(order).all())
        rows = session.execute(
            select(RoundCoder.round_id, Coder.name, Assignment.status, func.count())
            .join(Coder, Coder.id == RoundCoder.coder_id)
            .join(RoundArticle, RoundArticle.round_id == RoundCoder.round_id)
            .outerjoin(
                Assignment,
                and_(
                    Assignment.article_id == RoundArticle.article_id,
                    Assignment.coder_id == RoundCoder.coder_id,
                ),
            )
            .group_by(RoundCoder.round_id, Coder.name, Assignment.status)
        )
        counts: dict[str, dict[str, dict[str, int]]] = {name: {} for name in names.values()}
        for round_id, coder, status, number in rows:
            per_status = counts[names[round_id]].setdefault(coder, {})
            key = status or Status.TODO  # a round article never given to the coder is still to do
            per_status[key] = per_status.get(key, 0) + number
        return {
            name: [_progress_row(coder, n) for coder, n in sorted(per_coder.items())]
            for name, per_coder in counts.items()
        }


def _pool(
    session: Session, stratify_by: str | None, exclude_sampled: bool
) -> list[tuple[int, str]]:
    """The articles to draw from, by id so that a seed reproduces the sample."""
    extra = Article.extra if attribute_key(stratify_by) else null()  # read only when needed
    query = (
        select(Article.id, Article.source, Article.published, extra)
        .where(Article.id.not_in(excluded_copies()))
        .order_by(Article.id)
    )
    if exclude_sampled:
        query = query.where(Article.id.not_in(select(RoundArticle.article_id)))
    rows = session.execute(query)
    return [
        (id_, stratum_of(stratify_by, source, date, read_attributes(found) if found else None))
        for id_, source, date, found in rows
    ]


def _rest(session: Session) -> list[int]:
    """Articles in no open round, assigned to nobody and no excluded copy, by id."""
    in_open_round = select(RoundArticle.article_id).join(Round).where(Round.closed_at.is_(None))
    query = select(Article.id).where(
        Article.id.not_in(in_open_round),
        Article.id.not_in(select(Assignment.article_id)),
        Article.id.not_in(excluded_copies()),
    )
    return list(session.scalars(query.order_by(Article.id)))


def _progress_row(coder: str, counts: dict[str, int]) -> CoderProgress:
    todo, doing, done = (counts.get(status, 0) for status in Status)
    return CoderProgress(coder, todo + doing + done, todo, doing, done)


def _coders(session: Session, names: Sequence[str], minimum: int) -> list[Coder]:
    cleaned = [name.strip() for name in names]
    repeated = sorted({name for name in cleaned if cleaned.count(name) > 1})
    if repeated:
        raise ValidationError(f"coder named twice: {', '.join(repeated)}")
    if len(cleaned) < minimum:
        need = "at least two coders" if minimum == 2 else "at least one coder"
        raise ValidationError(f"this needs {need}, got {len(cleaned)}")
    members = [require_coder(session, name) for name in cleaned]
    if (layer := consensus_name(session)) in {coder.name for coder in members}:
        raise ValidationError(f"{layer!r} is the adjudicated consensus, not a coder to assign")
    return members


def _round(session: Session, name: str) -> Round:
    round_ = session.scalar(select(Round).where(Round.name == name.strip()))
    if round_ is None:
        raise ValidationError(f"no sample called {name!r} (see: stancecoder sample list)")
    return round_


def _article_ids(session: Session, round_id: int) -> tuple[int, ...]:
    query = select(RoundArticle.article_id).where(RoundArticle.round_id == round_id)
    return tuple(session.scalars(query.order_by(RoundArticle.article_id)))


def _info(session: Session, round_: Round) -> SampleInfo:
    coders = session.scalars(
        select(Coder.name)
        .join(RoundCoder, RoundCoder.coder_id == Coder.id)
        .where(RoundCoder.round_id == round_.id)
        .order_by(Coder.name)
    )
    return SampleInfo(
        round_.name, round_.kind, round_.seed, round_.description, tuple(coders),
        _article_ids(session, round_.id), round_.created_at, round_.closed_at,
    )  # fmt: skip


def _check_choice(value: str, choices: tuple[str, ...], what: str) -> None:
    if value not in choices:
        raise ValidationError(f"unknown {what} {value!r} (choose {' or '.join(choices)})")


def _checked_seed(seed: int | None) -> int:
    if seed is None:
        return random.SystemRandom().randrange(SEED_LIMIT)
    if isinstance(seed, bool) or not 0 <= seed < SEED_LIMIT:
        raise ValidationError(f"the seed must be a whole number from 0 to {SEED_LIMIT - 1}")
    return seed
