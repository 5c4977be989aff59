"""α summed unit by unit equals the `krippendorff` package's value to the last bit, on any
units × coders matrix with missing values, at every level, with more coders than a unit's
share 1/(m − 1) can hold exactly (1/3, 1/5, …); and a variable's per-code and per-pair α,
built from a binary split or two columns of its data, equal the package's on those values
written out by hand."""

from __future__ import annotations

import krippendorff
import numpy as np
from hypothesis import assume, given
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays

from stancecoder.core.agreement import LEVELS
from stancecoder.core.agreement.alpha_value import alpha_from_coincidences, unit_coincidences
from stancecoder.core.agreement.data import Level
from stancecoder.core.agreement.unit_table import rows_table
from stancecoder.core.agreement.units import Scale, UnitRow
from stancecoder.core.agreement.variable_stats import variable_agreement
from stancecoder.core.codebook_view import CodeView, VariableView


def _value_counts(codes: np.ndarray, q: int) -> np.ndarray:
    """Units × values, counted by hand: the package's input, made without our code."""
    counts = np.zeros((len(codes), q), dtype=np.int64)
    for unit, row in enumerate(codes):
        for value in row[row >= 0]:
            counts[unit, value] += 1
    return counts


@st.composite
def coded(draw: st.DrawFn) -> tuple[np.ndarray, int]:
    """Positions on a scale of q values, -1 where a coder gave none; at least one unit
    with two values of two different values, so α is defined."""
    q = draw(st.integers(2, 7))
    n_units = draw(st.integers(1, 60))
    n_coders = draw(st.integers(2, 7))
    codes = draw(arrays(np.int64, (n_units, n_coders), elements=st.integers(-1, q - 1)))
    counts = _value_counts(codes, q)
    paired = counts[counts.sum(axis=1) >= 2]
    assume(np.count_nonzero(paired.sum(axis=0)) >= 2)
    return codes, q


def _domain(level: Level, q: int, seed: int) -> np.ndarray:
    if level in ("nominal", "ordinal"):
        return np.arange(q)
    rng = np.random.default_rng(seed)
    steps = rng.integers(1, 5, size=q).astype(float)
    return np.cumsum(steps) - (3.0 if level == "interval" else 0.0)


@given(coded(), st.sampled_from(LEVELS), st.integers(0, 1000))
def test_alpha_is_the_packages_to_the_last_bit(
    data: tuple[np.ndarray, int], level: Level, seed: int
) -> None:
    codes, q = data
    domain = _domain(level, q, seed)
    counts = _value_counts(codes, q)
    expected = krippendorff.alpha(
        value_counts=counts[counts.sum(axis=1) >= 2],
        value_domain=domain,
        level_of_measurement=level,
    )
    got = alpha_from_coincidences(unit_coincidences(codes, q), domain, level)
    assert got == float(expected) or (np.isnan(got) and np.isnan(expected))


def test_a_unit_of_four_coders_divides_by_three_once_per_cell() -> None:
    codes = np.array([[0, 0, 1, 1], [0, 1, -1, -1]])
    o = unit_coincidences(codes, 2)
    # unit 1: c–c pairs 2 per value, c–k pairs 4, each over 3; unit 2: one pair each way
    assert o.tolist() == [[2 / 3, 4 / 3 + 1], [4 / 3 + 1, 2 / 3]]


LABELS = ["Sanctions", "Diplomacy", "Trade", "Aid"]
TOPIC = VariableView(1, "topic", "nominal", "passage", False, "", tuple(
    CodeView(10 + n, "topic", label, (label,), None, 0, None, "#ffffff", None, "", True)
    for n, label in enumerate(LABELS)
))  # fmt: skip


def _package(columns: list[list[str | None]], scale: list[str]) -> float | None:
    """The package's α on coders × units of strings, every value of the scale in its
    order (as the report hands it the variable's codes), None where it has no value."""
    strings = np.array([["nan" if v is None else v for v in c] for c in columns], dtype=str)
    try:
        return float(
            krippendorff.alpha(strings, value_domain=scale, level_of_measurement="nominal")
        )
    except ValueError:  # one value only, or no unit with two
        return None


@given(st.lists(st.lists(st.sampled_from([None, *LABELS]), min_size=3, max_size=3),
                min_size=2, max_size=60))  # fmt: skip
def test_per_code_and_per_pair_alpha_are_the_packages(units: list[list[str | None]]) -> None:
    coders = ["Alice", "Bob", "Chloé"]
    rows = [
        UnitRow(1, f"unit {n}", {c: v for c, v in zip(coders, values, strict=True)})
        for n, values in enumerate(units)
    ]
    assume(sum(v is not None for values in units for v in values) >= 2)
    scale = Scale(TOPIC)
    table = rows_table(rows, scale, coders)
    result = variable_agreement(scale, "units", table, coders, {"replicates": 0, "seed": 1})
    assume(result.main.value is not None)
    used = [label for label in LABELS if any(label in values for values in units)]
    assert [r.category for r in result.per_code] == used
    for per_code in result.per_code:
        binary = [[None if v is None else str(v == per_code.category) for v in values]
                  for values in units]  # fmt: skip
        if per_code.value is not None:
            columns = [list(c) for c in zip(*binary, strict=True)]
            assert per_code.value == _package(columns, ["True", "False"])
    for first, second, alpha, _ in result.per_pair:
        i, j = coders.index(first), coders.index(second)
        both = [(v[i], v[j]) for v in units if v[i] is not None and v[j] is not None]
        if alpha.value is not None:
            pair = [[a for a, _ in both], [b for _, b in both]]
            assert alpha.value == _package(pair, LABELS)
            assert alpha.n_units == len(both)
