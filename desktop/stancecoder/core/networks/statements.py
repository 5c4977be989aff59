"""A passage as a network sees it, the kinds of network, and the sign of a stance.

A stance is "the same" or "opposite" by its sign on the stance scale: above 0 is positive,
below 0 negative. A neutral passage (0) and one without a stance take no side: they count
in the actor × topic network (its passages, its mean stance, its neutral count) but make
no agreement and no conflict, and no activity in the one-mode networks' normalisation.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

ACTOR_TOPIC = "actor-topic"
AGREEMENT = "agreement"
CONFLICT = "conflict"
ACTOR_ACTOR = "actor-actor"
KINDS = (ACTOR_TOPIC, AGREEMENT, CONFLICT, ACTOR_ACTOR)
KIND_TITLES = {
    ACTOR_TOPIC: "actor × topic",
    AGREEMENT: "actor agreement",
    CONFLICT: "actor conflict",
    ACTOR_ACTOR: "actor agreement minus conflict",
}
LIST_SEPARATOR = "; "
"""Joins the topics listed on an edge: GraphML and GEXF readers know no list type in
common, so a list travels as one string."""

Sign = Literal[-1, 1]


@dataclass(frozen=True)
class Statement:
    """One passage: its actors and topics (each once; several for a multiple-choice
    variable), its stance value (None where it has none) and its article's date (ISO,
    maybe partial or empty)."""

    passage_id: int
    article_id: int
    published: str
    actors: tuple[str, ...]
    topics: tuple[str, ...]
    stance: float | None


def sign_of(stance: float | None) -> Sign | None:
    """+1 or -1 by the stance's sign; None for neutral (0) and for no stance."""
    if stance is None or stance == 0:
        return None
    return 1 if stance > 0 else -1
