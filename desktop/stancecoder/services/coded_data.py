"""The codings of a layer (see `core.layer`), as the person acting may see them.

Every table of coded data reads its passages here, so the layer rule and the blind rules
hold alike in the export, the retrieval view, the command line and the pandas API: a coder
(not a lead) sees only their own codings of an article in an open round, and only their
own anywhere in blind mode, as in the reader.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from sqlalchemy import ColumnElement, exists, select, true
from sqlalchemy.orm import Session

from stancecoder.core.actor import Actor
from stancecoder.core.errors import ValidationError
from stancecoder.core.layer import Layer
from stancecoder.db.models import Coder, Passage, PassageCode
from stancecoder.db.store import acting
from stancecoder.services.coders import consensus_name, people, require_coder
from stancecoder.services.passages import seen_by

if TYPE_CHECKING:
    from stancecoder.services.project import Project


@dataclass(frozen=True)
class Coding:
    """One coder's passage with the ids of its codes."""

    passage_id: int
    article_id: int
    coder: str
    start: int
    end: int
    quote: str
    memo: str
    code_ids: tuple[int, ...]


def default_layer(session: Session) -> Layer:
    """The consensus once adjudication has written a passage into it, otherwise each coder
    separately: the consensus is what a paper reports, and before it exists nothing may
    stand in for it."""
    name = consensus_name(session)
    if name is not None and session.scalar(
        select(exists().where(Passage.coder_id == Coder.id, Coder.name == name))
    ):
        return Layer.consensus()
    return Layer.each_coder()


def layer_choices(project: Project) -> list[Layer]:
    """The layers a table may show, the default first: the consensus where adjudication
    has begun, each coder separately, each person alone."""
    with project.reading() as session:
        default = default_layer(session)
        others = [Layer.each_coder()]
        if consensus_name(session) is not None:
            others.insert(0, Layer.consensus())
        coders = session.scalars(select(Coder).order_by(Coder.name))
        others += [Layer.of_coder(coder.name) for coder in people(session, coders)]
    return [default, *(layer for layer in others if layer != default)]


def resolve_layer(session: Session, layer: Layer | None) -> Layer:
    """`layer`, or the default; a coder's layer under the name the project spells."""
    if layer is None:
        return default_layer(session)
    if layer.kind == "coder" and layer.coder is not None:
        return Layer.of_coder(require_coder(session, layer.coder).name)
    return layer


def layer_coders(session: Session, layer: Layer) -> list[str]:
    """The names of the coders whose codings make up `layer`, by name."""
    if layer.kind == "coder" and layer.coder is not None:
        return [require_coder(session, layer.coder).name]
    consensus = consensus_name(session)
    if layer.kind == "consensus":
        if consensus is None:
            raise ValidationError(
                "there is no consensus yet (adjudicate first): choose each-coder or a coder"
            )
        return [consensus]
    return [c.name for c in people(session, session.scalars(select(Coder).order_by(Coder.name)))]


def visible(session: Session, actor: Actor | None = None) -> ColumnElement[bool]:
    """The passages `actor` (by default the session's) may see: all for the command line
    and for a lead; for a coder, their own, and others' only outside blind mode and open
    rounds."""
    actor = actor if actor is not None else acting(session)
    if actor is None or actor.lead:
        return true()
    return seen_by(session, actor.coder)


def read_codings(
    session: Session, coders: Sequence[str], condition: ColumnElement[bool] | None = None
) -> list[Coding]:
    """The passages of `coders` the session's actor may see, meeting `condition`, in
    article and reading order."""
    where = Coder.name.in_(coders) & visible(session)
    if condition is not None:
        where = where & condition
    rows = session.execute(
        select(
            Passage.id,
            Passage.article_id,
            Coder.name,
            Passage.start,
            Passage.end,
            Passage.quote,
            Passage.memo,
        )
        .join(Coder, Coder.id == Passage.coder_id)
        .where(where)
        .order_by(Passage.article_id, Passage.start, Passage.end, Coder.name, Passage.id)
    ).all()
    links: dict[int, list[int]] = defaultdict(list)
    if rows:
        chosen = select(Passage.id).join(Coder, Coder.id == Passage.coder_id).where(where)
        for passage_id, code_id in session.execute(
            select(PassageCode.passage_id, PassageCode.code_id).where(
                PassageCode.passage_id.in_(chosen)
            )
        ):
            links[passage_id].append(code_id)
    # unpacked: read by name, the rows take seven times as long (0.6 s at 100,000 passages)
    return [
        Coding(pid, article_id, coder, start, end, quote, memo or "",
               tuple(sorted(links.get(pid, ()))))
        for pid, article_id, coder, start, end, quote, memo in rows
    ]  # fmt: skip
