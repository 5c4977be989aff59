"""Unitizing α of one category from arrays of stretches is, to the last bit, unitizing α
of the same stretches given as units (which the published worked examples check)."""

from __future__ import annotations

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from stancecoder.core.agreement import Unit, unitizing_alpha
from stancecoder.core.agreement.unitizing_spans import unitizing_alpha_of_spans

CODERS = ["A", "B", "C"]


def stretches(draw: st.DrawFn, length: int) -> list[tuple[int, int]]:
    """Sorted stretches of [0, length) that do not overlap (they may touch)."""
    cuts = sorted(draw(st.sets(st.integers(0, length), max_size=10)))
    pairs = list(zip(cuts[::2], cuts[1::2], strict=False))
    return [(s, e) for s, e in pairs if e > s]


@st.composite
def studies(draw: st.DrawFn) -> tuple[int, dict[str, list[tuple[int, int]]]]:
    length = draw(st.integers(1, 60))
    return length, {c: stretches(draw, length) for c in CODERS}


@settings(max_examples=300, deadline=None)
@given(studies())
def test_the_arrays_give_the_units_alpha(
    study: tuple[int, dict[str, list[tuple[int, int]]]],
) -> None:
    length, spans = study
    units = [Unit(c, s, e, "coded") for c in CODERS for s, e in spans[c]]
    expected = unitizing_alpha(units, 0, length, coders=CODERS)
    arrays = {
        c: (
            np.array([s for s, _ in found], dtype=np.int64),
            np.array([e for _, e in found], dtype=np.int64),
        )
        for c, found in spans.items()
    }
    assert unitizing_alpha_of_spans(arrays, length, CODERS) == expected
