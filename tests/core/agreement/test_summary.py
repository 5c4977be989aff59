"""all_statistics picks what suits the level and the coders."""

from __future__ import annotations

import krippendorff
import numpy as np
import pytest

from stancecoder.core.agreement import ReliabilityData, all_statistics, krippendorff_alpha

TWO_CODERS = ReliabilityData([[1, 1], [2, 2], [3, 2], [1, 1], [2, 3]], categories=[1, 2, 3])
THREE_CODERS = ReliabilityData([[1, 1, 1], [2, 2, None], [3, 2, 3], [1, 1, 2]])


def _names(data: ReliabilityData, level: str) -> list[str]:
    return [result.name for result in all_statistics(data, level)]


def test_two_coders_ordinal_gets_everything_in_order() -> None:
    assert _names(TWO_CODERS, "ordinal") == [
        "percent_agreement",
        "cohen_kappa",
        "weighted_kappa_linear",
        "weighted_kappa_quadratic",
        "fleiss_kappa",
        "krippendorff_alpha",
        "gwet_ac1",
        "gwet_ac2_linear",
        "gwet_ac2_quadratic",
        "brennan_prediger",
    ]


def test_nominal_has_no_weighted_statistics() -> None:
    assert _names(TWO_CODERS, "nominal") == [
        "percent_agreement",
        "cohen_kappa",
        "fleiss_kappa",
        "krippendorff_alpha",
        "gwet_ac1",
        "brennan_prediger",
    ]


def test_ratio_keeps_weighted_kappa_but_not_ac2() -> None:
    names = _names(TWO_CODERS, "ratio")
    assert "weighted_kappa_quadratic" in names
    assert not any(name.startswith("gwet_ac2") for name in names)


def test_three_coders_have_no_cohen() -> None:
    assert _names(THREE_CODERS, "interval") == [
        "percent_agreement",
        "fleiss_kappa",
        "krippendorff_alpha",
        "gwet_ac1",
        "gwet_ac2_linear",
        "gwet_ac2_quadratic",
        "brennan_prediger",
    ]


def test_alpha_carries_the_level() -> None:
    alpha = next(r for r in all_statistics(THREE_CODERS, "interval") if r.name.endswith("alpha"))
    assert alpha.level == "interval"
    assert (alpha.n_units, alpha.n_coders) == (4, 3)


def test_string_categories_work_for_ordinal_alpha() -> None:
    words = ReliabilityData(
        [["low", "low"], ["mid", "high"], ["high", "high"], ["low", "mid"]],
        categories=["low", "mid", "high"],
    )
    numbers = ReliabilityData([[1, 1], [2, 3], [3, 3], [1, 2]], categories=[1, 2, 3])
    assert krippendorff_alpha(words, "ordinal").value == pytest.approx(
        krippendorff_alpha(numbers, "ordinal").value
    )


@pytest.mark.parametrize("level", ["nominal", "ordinal", "interval", "ratio"])
def test_alpha_on_100000_units_equals_the_package(level: str) -> None:
    rng = np.random.default_rng(0)
    truth = rng.integers(1, 6, 100_000)
    columns = [np.where(rng.random(100_000) < 0.8, truth, rng.integers(1, 6, 100_000))]
    columns += [np.where(rng.random(100_000) < 0.8, truth, 0) for _ in range(2)]
    matrix = np.stack(columns, axis=1).astype(object)
    matrix[matrix == 0] = None
    data = ReliabilityData(matrix.tolist(), categories=[1, 2, 3, 4, 5])
    result = krippendorff_alpha(data, level)
    reference = krippendorff.alpha(
        np.array(matrix.T.tolist(), dtype=float), level_of_measurement=level
    )
    assert result.value == pytest.approx(reference, abs=1e-9)
