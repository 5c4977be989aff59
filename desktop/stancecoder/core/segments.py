"""Overlapping passages flattened into segments a highlighter can paint in one pass.

Spans and segments are named tuples: an article is cut into them anew at every switch and
every coding saved, several hundred at a time, and a frozen dataclass took three times as
long to make.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from itertools import pairwise
from typing import NamedTuple


class Span(NamedTuple):
    key: int  # the passage id
    start: int
    end: int


class Segment(NamedTuple):
    start: int
    end: int
    keys: tuple[int, ...]  # passages covering [start, end), in the order given


def flatten(spans: Iterable[Span]) -> list[Segment]:
    """Cut the text at every passage boundary; keep only pieces that some passage covers."""
    spans = [s for s in spans if s.start < s.end]
    order = {s.key: n for n, s in enumerate(spans)}
    cuts = sorted({p for s in spans for p in (s.start, s.end)})
    events: dict[int, list[tuple[bool, int]]] = {}
    for s in spans:
        events.setdefault(s.start, []).append((True, s.key))
        events.setdefault(s.end, []).append((False, s.key))
    active: set[int] = set()
    segments: list[Segment] = []
    for here, after in pairwise(cuts):
        for opening, key in events.get(here, ()):
            (active.add if opening else active.discard)(key)
        if active:
            segments.append(Segment(here, after, tuple(sorted(active, key=order.__getitem__))))
    return segments


def lanes(spans: Sequence[Span]) -> dict[int, int]:
    """A margin lane per passage so that overlapping passages get separate bars."""
    ends: list[int] = []
    lane_of: dict[int, int] = {}
    for span in sorted(spans, key=lambda s: (s.start, -s.end)):
        lane = next((n for n, end in enumerate(ends) if end <= span.start), len(ends))
        if lane == len(ends):
            ends.append(span.end)
        else:
            ends[lane] = span.end
        lane_of[span.key] = lane
    return lane_of
