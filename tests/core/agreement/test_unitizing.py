"""Unitizing alpha against the published examples, a brute-force D_o, and bad input."""

from __future__ import annotations

import json
import random
from pathlib import Path

import pytest

from stancecoder.core.agreement.unitizing import Unit, unitizing_alpha, unitizing_alpha_all

VECTORS = json.loads((Path(__file__).parent / "data" / "agreement-vectors.json").read_text())
UNITIZING = [v for v in VECTORS if v["statistic"].startswith("unitizing_")]


def study(vector: dict) -> tuple[list[Unit], int, int]:
    data = vector["data"]["unitizing"]
    units = [
        Unit(coder, begin, begin + length, category)
        for coder, coded in enumerate(data["coders"])
        for begin, length, category in coded
    ]
    return units, data["begin"], data["begin"] + data["length"]


def test_every_unitizing_statistic_in_the_file_has_a_vector() -> None:
    assert {v["statistic"] for v in UNITIZING} == {
        "unitizing_alpha_1995",
        "unitizing_alpha_1995_category",
        "unitizing_observed_disagreement_1995",
    }


@pytest.mark.parametrize("vector", UNITIZING, ids=[v["id"] for v in UNITIZING])
def test_published_vector(vector: dict) -> None:
    units, begin, end = study(vector)
    result = unitizing_alpha(units, begin, end, vector.get("category"))
    if vector["statistic"] == "unitizing_observed_disagreement_1995":
        got = result.extra["observed_disagreement"]
    else:
        got = result.value
    assert got == pytest.approx(vector["expected"], abs=vector["tolerance"])


def test_k2004_expected_disagreements_match_the_book() -> None:
    units, begin, end = study(next(v for v in UNITIZING if v["id"] == "ualpha_k2004_overall"))
    c = unitizing_alpha(units, begin, end, "c")
    k = unitizing_alpha(units, begin, end, "k")
    assert c.extra["expected_disagreement"] == pytest.approx(0.0532, abs=5e-5)
    assert k.extra["expected_disagreement"] == pytest.approx(0.0490, abs=5e-5)
    assert k.extra["observed_disagreement"] == 0


def test_result_fields() -> None:
    units, begin, end = study(next(v for v in UNITIZING if v["id"] == "ualpha_k2004_overall"))
    overall = unitizing_alpha(units, begin, end)
    c = unitizing_alpha(units, begin, end, "c")
    assert (overall.name, overall.level, overall.category) == ("unitizing_alpha", None, None)
    assert (overall.n_units, overall.n_coders, overall.reason) == (9, 2, "")
    assert (c.category, c.n_units) == ("c", 5)
    assert set(c.extra) == {"observed_disagreement", "expected_disagreement"}


def test_all_gives_overall_then_sorted_categories_matching_single_calls() -> None:
    units = [Unit("a", 0, 4, "z"), Unit("b", 1, 4, "z"), Unit("a", 5, 9, "m")]
    units += [Unit("b", 5, 8, "m"), Unit("b", 2, 3, "q")]
    results = unitizing_alpha_all(units, 0, 10)
    assert [r.category for r in results] == [None, "m", "q", "z"]
    for r in results:
        assert r == unitizing_alpha(units, 0, 10, r.category)


def test_identical_unitizations_agree_perfectly() -> None:
    units = [Unit(coder, s, e, "x") for coder in ("a", "b", "c") for s, e in ((2, 5), (7, 9))]
    assert unitizing_alpha(units, 0, 12).value == pytest.approx(1.0)


def naive_observed(units: list[Unit], begin: int, end: int, category: str) -> float:
    """D_o straight from the definition: every segment of one coder against every other's."""
    coders = sorted({u.coder for u in units})

    def segments(coder: int) -> list[tuple[int, int, bool]]:
        spans = sorted(
            (u.start, u.end) for u in units if u.coder == coder and u.category == category
        )
        cuts = [begin] + [p for s, e in spans for p in (s, e)] + [end]
        gaps = [(cuts[i], cuts[i + 1], False) for i in range(0, len(cuts), 2)]
        return [(s, e, True) for s, e in spans] + [g for g in gaps if g[0] < g[1]]

    total = 0
    for i in coders:
        for j in coders:
            if i == j:
                continue
            for s1, e1, unit1 in segments(i):
                for s2, e2, unit2 in segments(j):
                    if unit1 and unit2 and s1 < e2 and s2 < e1:
                        total += (s1 - s2) ** 2 + (e1 - e2) ** 2
                    elif unit1 and not unit2 and s2 <= s1 and e1 <= e2:
                        total += (e1 - s1) ** 2
                    elif unit2 and not unit1 and s1 <= s2 and e2 <= e1:
                        total += (e2 - s2) ** 2
    m, length = len(coders), end - begin
    return total / (m * (m - 1) * length**2)


def random_units(rng: random.Random, coders: int, length: int) -> list[Unit]:
    units = []
    for coder in range(coders):
        for category in ("p", "q"):
            position = 10
            while position < 10 + length - 1:
                start = position + rng.randrange(0, 6)
                stop = min(start + rng.randrange(1, 9), 10 + length)
                if start < stop:
                    units.append(Unit(coder, start, stop, category))
                position = stop
    return units


@pytest.mark.parametrize("seed", range(5))
def test_observed_disagreement_matches_the_definition(seed: int) -> None:
    rng = random.Random(seed)
    units = random_units(rng, coders=3, length=80)
    for category in ("p", "q"):
        got = unitizing_alpha(units, 10, 90, category).extra["observed_disagreement"]
        assert got == pytest.approx(naive_observed(units, 10, 90, category), rel=1e-12)


def test_a_declared_coder_who_marked_nothing_counts_as_all_gap() -> None:
    units = [Unit("a", 2, 6, "x"), Unit("b", 2, 6, "x")]
    pair = unitizing_alpha(units, 0, 10)
    three = unitizing_alpha(units, 0, 10, coders=["a", "b", "c"])
    assert pair.value == pytest.approx(1.0)
    assert three.n_coders == 3
    assert three.value is not None
    assert three.value < 1.0
    assert three.extra["observed_disagreement"] == pytest.approx(2 * 2 * 16 / (3 * 2 * 100))


def test_fewer_than_two_coders_is_not_defined() -> None:
    units = [Unit("a", 2, 6, "x")]
    for result in unitizing_alpha_all(units, 0, 10):
        assert result.value is None
        assert "at least 2 coders" in result.reason
        assert result.n_coders == 1


def test_a_category_nobody_used_is_not_defined() -> None:
    units = [Unit("a", 2, 6, "x"), Unit("b", 2, 6, "x")]
    result = unitizing_alpha(units, 0, 10, "y")
    assert (result.value, result.n_units) == (None, 0)
    assert "'y'" in result.reason


def test_no_units_at_all_is_not_defined() -> None:
    result = unitizing_alpha([], 0, 10, coders=["a", "b"])
    assert result.value is None
    assert "no coder marked any unit" in result.reason


def test_zero_expected_disagreement_is_not_defined() -> None:
    units = [Unit("a", 0, 1, "x"), Unit("b", 0, 1, "x")]
    result = unitizing_alpha(units, 0, 1, "x")
    assert result.value is None
    assert "expected disagreement is 0" in result.reason
    assert result.extra["expected_disagreement"] == 0


def test_units_of_different_categories_may_overlap() -> None:
    units = [Unit("a", 0, 6, "x"), Unit("a", 3, 9, "y"), Unit("b", 0, 6, "x")]
    units.append(Unit("b", 3, 9, "y"))
    assert unitizing_alpha(units, 0, 10).value == pytest.approx(1.0)


def test_touching_units_of_one_coder_are_two_units() -> None:
    touching = [Unit("a", 0, 3, "x"), Unit("a", 3, 6, "x"), Unit("b", 0, 6, "x")]
    assert unitizing_alpha(touching, 0, 10).value < 1.0


@pytest.mark.parametrize(
    ("units", "begin", "end", "message"),
    [
        ([Unit("a", 3, 8, "x"), Unit("a", 6, 9, "x")], 0, 10, "overlapping units"),
        ([Unit("a", 8, 12, "x")], 0, 10, "outside the continuum"),
        ([Unit("a", 0, 3, "x")], 1, 10, "outside the continuum"),
        ([Unit("a", 0, 3, "x")], 5, 5, "continuum [5, 5) is empty"),
    ],
)
def test_malformed_data_is_rejected(units: list[Unit], begin: int, end: int, message: str) -> None:
    with pytest.raises(ValueError, match=message.replace("[", r"\[").replace(")", r"\)")):
        unitizing_alpha(units, begin, end)


def test_an_empty_unit_is_rejected() -> None:
    with pytest.raises(ValueError, match="is empty"):
        Unit("a", 4, 4, "x")
    with pytest.raises(ValueError, match="is empty"):
        Unit("a", 5, 4, "x")


def test_coders_list_must_name_every_coder_once() -> None:
    units = [Unit("a", 0, 3, "x"), Unit("z", 0, 3, "x")]
    with pytest.raises(ValueError, match="not a listed coder"):
        unitizing_alpha(units, 0, 10, coders=["a", "b"])
    with pytest.raises(ValueError, match="named twice"):
        unitizing_alpha(units, 0, 10, coders=["a", "z", "a"])
