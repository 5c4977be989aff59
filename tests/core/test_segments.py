"""Flattening overlapping passages into paintable segments, and margin lanes."""

from __future__ import annotations

from stancecoder.core.segments import Segment, Span, flatten, lanes


def test_disjoint_passages_give_one_segment_each() -> None:
    assert flatten([Span(1, 0, 5), Span(2, 10, 12)]) == [
        Segment(0, 5, (1,)),
        Segment(10, 12, (2,)),
    ]


def test_overlaps_are_cut_at_every_boundary() -> None:
    segments = flatten([Span(1, 0, 10), Span(2, 5, 15), Span(3, 7, 8)])
    assert segments == [
        Segment(0, 5, (1,)),
        Segment(5, 7, (1, 2)),
        Segment(7, 8, (1, 2, 3)),
        Segment(8, 10, (1, 2)),
        Segment(10, 15, (2,)),
    ]


def test_identical_and_empty_spans() -> None:
    assert flatten([Span(1, 3, 6), Span(2, 3, 6), Span(3, 4, 4)]) == [Segment(3, 6, (1, 2))]
    assert flatten([]) == []


def test_overlapping_passages_get_separate_lanes_and_free_lanes_are_reused() -> None:
    assigned = lanes([Span(1, 0, 10), Span(2, 5, 15), Span(3, 12, 20), Span(4, 16, 18)])
    assert assigned[1] != assigned[2]
    assert assigned[3] == assigned[1]  # passage 1 ended before 3 starts
    assert assigned[4] == assigned[2]
    assert max(assigned.values()) == 1
